"""Performance measures (the seeds' "headline performance measures"; Indicator in the
domain model): what is measured, from which figures, against which baseline and target."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from saferplan.core.models import TimeStampedModel
from saferplan.crimedata.models import SeriesUnit


class MeasureSource(models.TextChoices):
    POLICE_UK = "police-uk", _("police.uk crime and ASB categories")
    SERIES = "series", _("A series of other figures")
    MANUAL = "manual", _("Figures entered for this measure")


class Direction(models.TextChoices):
    LOWER = "lower", _("Lower is better")
    HIGHER = "higher", _("Higher is better")


class TargetKind(models.TextChoices):
    CHANGE = "change", _("A percentage change from the baseline")
    VALUE = "value", _("A value to reach")


class Indicator(TimeStampedModel):
    """A partnership's performance measure. Its status is computed from its figures, never
    stored: see saferplan.indicators.assessment."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="indicators"
    )
    name = models.CharField(max_length=200, help_text=_("For example Reduction in violent crime."))
    description = models.TextField(
        blank=True, help_text=_("What it measures and why, as the board should read it.")
    )
    source = models.CharField(
        "where the figures come from", max_length=20, choices=MeasureSource.choices
    )
    categories = models.JSONField(
        "police.uk categories",
        default=list,
        blank=True,
        help_text=_("The police.uk categories added together (police.uk measures only)."),
    )
    series = models.ForeignKey(
        "crimedata.CustomSeries",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="indicators",
        help_text=_("The series whose figures are measured (series measures only)."),
    )
    unit = models.CharField(
        max_length=20,
        choices=SeriesUnit.choices,
        default=SeriesUnit.NUMBER,
        help_text=_("What the figures count (entered figures only)."),
    )
    direction = models.CharField(max_length=10, choices=Direction.choices, default=Direction.LOWER)
    baseline_start = models.DateField(help_text=_("The first day of the baseline's first month."))
    baseline_end = models.DateField(help_text=_("The first day of the baseline's last month."))
    target_kind = models.CharField(
        max_length=10, choices=TargetKind.choices, default=TargetKind.CHANGE
    )
    target = models.DecimalField(
        max_digits=14,
        decimal_places=2,
        # xgettext:no-python-format
        help_text=_("A percentage change (-5 for a 5% reduction) or the value to reach."),
    )
    tolerance = models.DecimalField(
        max_digits=14,
        decimal_places=2,
        default=0,
        help_text=(
            _(
                "How far on the wrong side of the target still counts as amber rather than red: "
                "percentage points for a change, the measure's units for a value."
            )
        ),
    )
    objectives = models.ManyToManyField(
        "plans.Objective",
        blank=True,
        related_name="indicators",
        help_text=_("Objectives whose RAG rating this measure suggests."),
    )
    position = models.PositiveIntegerField(default=0, help_text=_("Order in lists and reports."))

    class Meta:
        verbose_name = "performance measure"
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="indicator_name_once"),
            models.CheckConstraint(
                condition=Q(baseline_end__gte=F("baseline_start")), name="indicator_baseline_order"
            ),
            models.CheckConstraint(
                condition=Q(tolerance__gte=0), name="indicator_tolerance_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(source=MeasureSource.SERIES, series__isnull=False)
                | (~Q(source=MeasureSource.SERIES) & Q(series__isnull=True)),
                name="indicator_series_iff_series_source",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class IndicatorValue(TimeStampedModel):
    """A figure entered for a measure whose source is "figures entered for this measure"."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    start = models.DateField(help_text=_("The first day of the period's first month."))
    end = models.DateField(help_text=_("The first day of the period's last month."))
    value = models.DecimalField(max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["indicator", "start"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "start", "end"], name="indicator_value_period_once"
            ),
            models.CheckConstraint(
                condition=Q(end__gte=F("start")), name="indicator_value_period_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value}"
