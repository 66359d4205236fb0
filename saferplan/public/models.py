"""What a partnership publishes beside its plan (seed 002's last pages): the partnership's
achievements, a crime glossary and useful contact details. Coordinators edit them; the
published plan (/p/<partnership>/) shows them to anyone."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from saferplan.core.models import TimeStampedModel


class Achievement(TimeStampedModel):
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="achievements"
    )
    theme = models.CharField(
        "aim or theme",
        max_length=300,
        blank=True,
        help_text=_("Groups achievements on the page, for example the aim they served."),
    )
    title = models.CharField(max_length=200)
    text = models.TextField(help_text=_("Leave a blank line between paragraphs."))
    period = models.CharField(max_length=40, blank=True, help_text=_("For example 2022 – 2023"))
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["partnership", "position", "id"]

    def __str__(self) -> str:
        return self.title


class DefaultGlossaryTerm(models.Model):
    """The glossary every partnership's published plan shows until its coordinator makes
    the glossary their own (a copy, as GlossaryTerms). Reference data: loaded from
    reference_data/default_glossary.yaml by a data migration; an administrator may change
    an installation's wording in the admin."""

    term = models.CharField(max_length=120, unique=True)
    definition = models.TextField()
    position = models.PositiveIntegerField(default=0, help_text=_("Order in the glossary."))

    class Meta:
        ordering = ["position", "term"]

    def __str__(self) -> str:
        return self.term


class GlossaryTerm(TimeStampedModel):
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="glossary_terms"
    )
    term = models.CharField(max_length=120)
    definition = models.TextField()

    class Meta:
        ordering = ["partnership", "term"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "term"], name="glossary_term_unique_in_partnership"
            )
        ]

    def __str__(self) -> str:
        return self.term


class Contact(TimeStampedModel):
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="public_contacts"
    )
    name = models.CharField(max_length=200, help_text=_("For example Crimestoppers"))
    email = models.EmailField(blank=True)
    phone = models.CharField(
        "telephone", max_length=200, blank=True, help_text=_("Numbers with what each is for")
    )
    website = models.CharField(
        max_length=200, blank=True, help_text=_("For example www.hertshelp.net")
    )
    notes = models.TextField(blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["partnership", "position", "name"]

    def __str__(self) -> str:
        return self.name


class PublishedLayout(TimeStampedModel):
    """Which sections the published plan shows and in what order, as the coordinator chose
    (public/selectors.py arranges them). A section not named in `order` keeps its usual place
    after the section it usually follows; one in `hidden` is not shown, in any format."""

    partnership = models.OneToOneField(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="published_layout"
    )
    order = models.JSONField(default=list, blank=True)  # section anchors, first to last
    hidden = models.JSONField(default=list, blank=True)  # section anchors not shown
    in_welsh = models.BooleanField(
        "publish in Welsh as well as English",
        default=False,
        help_text=_(
            "The Welsh page (/cy/p/…) and its documents show the Welsh you write for "
            "each section; a section without its Welsh is shown in English."
        ),
    )

    def __str__(self) -> str:
        return f"Sections of {self.partnership}'s published plan"


class WelshText(TimeStampedModel):
    """The Welsh of one text of the published plan (a section, an aim, a priority's title …),
    written by the partnership, shown on the Welsh page and in its documents when the
    partnership publishes in Welsh (PublishedLayout.in_welsh; public/welsh.py)."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="welsh_texts"
    )
    # What it translates: "plans.plan:12:foreword", "plans.priority:40:title" (public/welsh.py).
    source = models.CharField(max_length=80)
    text = models.TextField()
    # sha256 of the English it was written beside: when the English changes, the Welsh is
    # no longer shown (a stale translation could keep what the English took out).
    english = models.CharField(max_length=64, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "source"], name="welsh_text_once_per_source"
            )
        ]

    def __str__(self) -> str:
        return self.source
