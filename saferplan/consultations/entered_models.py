"""A consultation run elsewhere (a council's survey tool, a paper survey), its results entered
as the partnership's report gives them: seed 002's "In total 329 people completed the survey
which ran for six weeks from January 2023", "Over 95% of respondents agreed that each of the
three aims were relevant", and the themes the comments were grouped into. Published like the
results saferplan counts from responses, and always said to be entered."""

from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from saferplan.core.models import TimeStampedModel


class EnteredConsultation(TimeStampedModel):
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="entered_consultations"
    )
    plan = models.ForeignKey(
        "plans.Plan",
        on_delete=models.PROTECT,
        related_name="entered_consultations",
        help_text=_("The plan whose aims and priorities were asked about."),
    )
    title = models.CharField(
        max_length=200, help_text=_("For example Feelings of Safety survey 2023")
    )
    opens_on = models.DateField("opened on")
    closes_on = models.DateField("closed on")
    respondents = models.PositiveIntegerField(
        "people who answered", validators=[MaxValueValidator(10_000_000)]
    )
    channels = models.TextField(
        "how it was run and publicised",
        blank=True,
        help_text=_(
            "For example Online survey, sent to all partner agencies with a media pack "
            "and press release"
        ),
    )
    themes_question = models.TextField(
        "what the comments answered",
        blank=True,
        help_text=_("For example What more could the partnership do to address the priorities?"),
    )
    comments = models.PositiveIntegerField(
        "comments received",
        null=True,
        blank=True,
        validators=[MaxValueValidator(10_000_000)],
        help_text=_("How many comments or suggestions people wrote, if the report says."),
    )
    source = models.CharField(
        "where the figures come from",
        max_length=300,
        help_text=_("For example Hertsmere CSP consultation report, March 2023"),
    )

    class Meta:
        ordering = ["-closes_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")),
                name="entered_consultation_closes_after_it_opens",
            )
        ]

    def __str__(self) -> str:
        return self.title


class Qualifier(models.TextChoices):
    """How the report puts a percentage: "over 90%", "just under 20%"."""

    EXACTLY = "", _("Exactly")
    OVER = "over", _("Over")
    ABOUT = "about", _("About")
    UNDER = "under", _("Under")


class EnteredRelevance(models.Model):
    """The share who found one aim or priority relevant, as the report gives it."""

    consultation = models.ForeignKey(
        EnteredConsultation, on_delete=models.CASCADE, related_name="relevance"
    )
    aim = models.ForeignKey("plans.Aim", on_delete=models.CASCADE, null=True, blank=True)
    priority = models.ForeignKey("plans.Priority", on_delete=models.CASCADE, null=True, blank=True)
    qualifier = models.CharField(max_length=10, choices=Qualifier.choices, blank=True)
    percent = models.DecimalField(
        "percent who found it relevant",
        max_digits=4,
        decimal_places=1,
        validators=[MaxValueValidator(100)],
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(aim__isnull=True) ^ Q(priority__isnull=True),
                name="entered_relevance_of_an_aim_or_a_priority",
            ),
            models.UniqueConstraint(
                fields=["consultation", "aim"], name="entered_relevance_once_per_aim"
            ),
            models.UniqueConstraint(
                fields=["consultation", "priority"], name="entered_relevance_once_per_priority"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_qualifier_display()} {percent_text(self.percent)}%"


def percent_text(value) -> str:
    """80.0 → "80", 92.5 → "92.5"."""
    return format(value.normalize(), "f")


class EnteredTheme(models.Model):
    """A theme the comments were grouped into, with how many comments when the report says."""

    consultation = models.ForeignKey(
        EnteredConsultation, on_delete=models.CASCADE, related_name="themes"
    )
    name = models.CharField(max_length=120)
    count = models.PositiveIntegerField(null=True, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["consultation", "position", "pk"]

    def __str__(self) -> str:
        return self.name
