"""Consultations on a plan's aims and priorities (seed 002: "How relevant is this
priority?" asked of the public, and "what more could the partnership do?" answered in free
text and grouped into themes)."""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from saferplan.core import clock
from saferplan.core.models import TimeStampedModel


class QuestionKind(models.TextChoices):
    RELEVANCE = "relevance", _("How relevant is it? (a scale)")
    FREE_TEXT = "free-text", _("An answer in the respondent's own words")
    CHOICE = "choice", _("One of a list of answers")


class Section(models.TextChoices):
    """The pages of the public form, in this order."""

    AIMS = "aims", _("The partnership's aims")
    PRIORITIES = "priorities", _("The priorities")
    VIEWS = "views", _("Your views")
    ABOUT_YOU = "about-you", _("About you")


class AboutYou(models.TextChoices):
    """What an "about you" question tells the results apart by."""

    AREA = "area", _("Area")
    AGE_BAND = "age-band", _("Age band")
    CONNECTION = "connection", _("Connection to the area")


class Relevance(models.TextChoices):
    """The answers to a relevance question. Survey tools often asked yes or no: imported
    yes/no answers are kept as they were given."""

    VERY = "very", _("Very relevant")
    FAIRLY = "fairly", _("Fairly relevant")
    NOT_VERY = "not-very", _("Not very relevant")
    NOT_AT_ALL = "not-at-all", _("Not at all relevant")
    DONT_KNOW = "dont-know", _("Don't know")
    YES = "yes", _("Yes, relevant")
    NO = "no", _("No, not relevant")


RELEVANT = frozenset({Relevance.VERY, Relevance.FAIRLY, Relevance.YES})
NOT_RELEVANT = frozenset({Relevance.NOT_VERY, Relevance.NOT_AT_ALL, Relevance.NO})
# The scale the public form offers (yes/no only arrives by import).
FORM_SCALE = [
    Relevance.VERY,
    Relevance.FAIRLY,
    Relevance.NOT_VERY,
    Relevance.NOT_AT_ALL,
    Relevance.DONT_KNOW,
]


class ConsultationQuerySet(models.QuerySet):
    def public(self, *, today=None) -> "ConsultationQuerySet":
        """Consultations anyone may read at their public address: those that have opened
        (open now, or closed with their results on the published plan) of a partnership
        with a published plan, as its public pages require. A consultation still being
        prepared, or of a partnership that has published nothing, is its members' own."""
        from saferplan.plans.models import Plan

        today = today or clock.today()
        return self.filter(opens_on__lte=today).filter(
            Exists(Plan.objects.public().filter(partnership=OuterRef("partnership")))
        )


class Consultation(TimeStampedModel):
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="consultations"
    )
    plan = models.ForeignKey(
        "plans.Plan",
        on_delete=models.PROTECT,
        related_name="consultations",
        help_text=_("The plan whose aims and priorities are asked about."),
    )
    title = models.CharField(max_length=200)
    introduction = models.TextField(
        blank=True, help_text=_("What the consultation is for, shown at the start of the form.")
    )
    privacy_notice = models.TextField(
        help_text=_("Who holds the answers, for what, for how long, and how to ask about them.")
    )
    opens_on = models.DateField("opens on")
    closes_on = models.DateField("closes on")

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")),
                name="consultation_closes_after_it_opens",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def is_open_on(self, day) -> bool:
        return self.opens_on <= day <= self.closes_on


class Question(models.Model):
    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="questions"
    )
    section = models.CharField(max_length=20, choices=Section.choices)
    kind = models.CharField(max_length=20, choices=QuestionKind.choices)
    text = models.TextField()
    hint = models.TextField(blank=True)
    aim = models.ForeignKey(
        "plans.Aim", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    priority = models.ForeignKey(
        "plans.Priority", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    about = models.CharField(
        "about you",
        max_length=20,
        choices=AboutYou.choices,
        blank=True,
        help_text=_("For an about-you question: what the results can be broken down by."),
    )
    choices = models.JSONField(
        default=list, blank=True, help_text=_("The answers of a choice question.")
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["consultation", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "about"],
                condition=~Q(about=""),
                name="question_one_per_about_you",
            )
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def short_label(self) -> str:
        """ "Priority 4", "Aim 2" or the question itself: how imports and exported responses
        name it (in English, whatever the page's language: shown.label names it for people)."""
        if self.priority is not None:
            return f"Priority {self.priority.number}"
        if self.aim is not None:
            return f"Aim {self.aim.number}"
        return self.text

    @property
    def number(self) -> int:
        """The number of the aim or priority it asks about (else its place in the form)."""
        subject = self.priority or self.aim
        return subject.number if subject is not None else self.position

    @property
    def subject(self) -> str:
        """What it asks about, in the plan's words."""
        if self.priority is not None:
            return self.priority.title
        if self.aim is not None:
            return self.aim.text
        return self.text


class ResponseSource(models.TextChoices):
    FORM = "form", _("The online form")
    IMPORT = "import", _("Imported from a survey tool")


class Response(models.Model):
    """One respondent's answers. No name is kept unless they chose to leave contact details."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="responses"
    )
    received_at = models.DateTimeField()
    source = models.CharField(max_length=10, choices=ResponseSource.choices)
    response_import = models.ForeignKey(
        "ResponseImport", on_delete=models.CASCADE, null=True, blank=True, related_name="responses"
    )
    source_row = models.PositiveIntegerField(
        null=True, blank=True, help_text=_("Its row in the imported file.")
    )
    contact_name = models.CharField(max_length=150, blank=True)
    contact_email = models.EmailField(blank=True)

    class Meta:
        ordering = ["consultation", "received_at", "pk"]
        indexes = [models.Index(fields=["consultation", "received_at"], name="response_received")]

    def __str__(self) -> str:
        return f"Response {self.pk} to {self.consultation}"


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    choice = models.CharField(max_length=200, blank=True)
    text = models.TextField(blank=True)
    themes = models.ManyToManyField("consultations.Theme", blank=True, related_name="answers")
    # Free text may hold personal data: it is quoted in public only once a coordinator
    # has read and approved it.
    approved_for_publication = models.BooleanField(default=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["question", "response"]
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="answer_one_per_question"
            ),
            models.CheckConstraint(condition=~Q(choice="") | ~Q(text=""), name="answer_not_empty"),
        ]
        indexes = [models.Index(fields=["question", "choice"], name="answer_question_choice")]

    def __str__(self) -> str:
        return self.text[:60] or self.choice


class Theme(TimeStampedModel):
    """A group of free-text answers. Suggested by saferplan.consultations.theming, then
    renamed, merged, split and reassigned by a person."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="themes")
    # Themes group the answers to one free-text question: comments on the aims and ideas of
    # what more to do are themed apart.
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="themes")
    name = models.CharField(max_length=120)
    top_words = models.JSONField(default=list, blank=True)
    examples = models.JSONField(
        default=list, blank=True, help_text=_("Ids of the answers that weigh most in it.")
    )
    suggested = models.BooleanField(
        default=True, help_text=_("Still as suggested: nobody has renamed or edited it yet.")
    )
    we_did = models.TextField(
        "what we did",
        blank=True,
        help_text=_(
            "For the published plan's “You said, we did”: what the partnership did about it."
        ),
    )
    actions = models.ManyToManyField(
        "plans.Action",
        blank=True,
        related_name="consultation_themes",
        help_text=_("The actions that answer it."),
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["consultation", "position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "name"], name="theme_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class ResponseImport(TimeStampedModel):
    """A survey tool's CSV export, held from upload through the column preview to confirm."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="response_imports"
    )
    file_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64)
    content = models.BinaryField()
    mapping = models.JSONField(
        default=dict, blank=True, help_text=_("Column heading → question id.")
    )
    # What the column preview shows, read once at upload: every view of the preview (and
    # every mapping tried) uses these instead of parsing the file again.
    columns = models.JSONField(
        default=list, blank=True, help_text=_("[{index, heading, samples}] as read at upload.")
    )
    row_count = models.PositiveIntegerField(default=0)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.file_name


# A consultation run elsewhere, its results entered (kept apart: entered_models.py).
from .entered_models import (  # noqa: E402, F401
    EnteredConsultation,
    EnteredRelevance,
    EnteredTheme,
    Qualifier,
)
