"""The strategic assessment: the yearly look at crime, disorder and substance misuse in the
partnership's area that the law asks for (Crime and Disorder (Formulation and Implementation
of Strategy) Regulations 2007) and that the partnership plan's priorities are set from.

An assessment covers a period, compared with another (the year before, by default); it keeps
the data it was drafted from (which police.uk months of which forces, which series and their
sources), its findings (a figure, its comparison, whether the change is more than chance,
its source and the sentence the board reads) and its top and emerging risks. It is a draft
until the board agrees it. A finding or a risk may be OFFICIAL-SENSITIVE: then only the
partnership's members ever see it."""

from django.conf import settings
from django.db import models

from saferplan.core.models import MarkedQuerySet, Marking, TimeStampedModel


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    AGREED = "agreed", "Agreed by the board"


class StrategicAssessment(TimeStampedModel):
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="assessments"
    )
    title = models.CharField(max_length=200, help_text="For example Strategic Assessment 2022.")
    # The months assessed, and the months they are compared with.
    period_start = models.DateField()
    period_end = models.DateField()
    against_start = models.DateField()
    against_end = models.DateField()
    status = models.CharField(
        max_length=10, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT
    )
    # What the findings were drafted from, as it stood then (see services.rests_on).
    rests_on = models.JSONField(default=dict, blank=True)
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    agreed_on = models.DateField(null=True, blank=True)
    agreed_at = models.CharField(
        "where it was agreed",
        max_length=200,
        blank=True,
        help_text="For example the board meeting of 12 January 2023.",
    )

    class Meta:
        ordering = ["-period_end", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_agreed(self) -> bool:
        return self.status == AssessmentStatus.AGREED


class Verdict(models.TextChoices):
    """Whether a change is more than chance (saferplan.crimedata.significance)."""

    RISE = "rise", "Significant rise"
    FALL = "fall", "Significant fall"
    NORMAL = "normal", "Within normal variation"
    UNTESTED = "untested", "Not tested"


class Finding(TimeStampedModel):
    assessment = models.ForeignKey(
        StrategicAssessment, on_delete=models.CASCADE, related_name="findings"
    )
    position = models.PositiveIntegerField(default=0)
    # The police.uk category's slug or "series-<id>" it was drafted from; blank when written.
    key = models.CharField(max_length=60, blank=True)
    name = models.CharField(max_length=200)
    unit = models.CharField(max_length=40, blank=True)
    current = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    previous = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    verdict = models.CharField(max_length=10, choices=Verdict.choices, default=Verdict.UNTESTED)
    p_value = models.FloatField(null=True, blank=True)
    source = models.CharField(max_length=300, blank=True)
    sentence = models.TextField(help_text="The finding as the board reads it.")
    marking = models.CharField(max_length=20, choices=Marking.choices, default=Marking.OFFICIAL)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    objects = MarkedQuerySet.as_manager()

    class Meta:
        ordering = ["assessment", "position", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_sensitive(self) -> bool:
        return self.marking == Marking.OFFICIAL_SENSITIVE


class RiskKind(models.TextChoices):
    TOP = "top", "Top risk"
    EMERGING = "emerging", "Emerging risk"


class Risk(TimeStampedModel):
    assessment = models.ForeignKey(
        StrategicAssessment, on_delete=models.CASCADE, related_name="risks"
    )
    kind = models.CharField(max_length=10, choices=RiskKind.choices)
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    marking = models.CharField(max_length=20, choices=Marking.choices, default=Marking.OFFICIAL)

    objects = MarkedQuerySet.as_manager()

    class Meta:
        ordering = ["assessment", "kind", "position", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_sensitive(self) -> bool:
        return self.marking == Marking.OFFICIAL_SENSITIVE
