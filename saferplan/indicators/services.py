"""Writes of performance measures and their entered figures, each audited."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from saferplan.core import audit
from saferplan.core.models import AuditEvent
from saferplan.crimedata.categories import ALL_CRIME, Category
from saferplan.crimedata.models import SeriesUnit
from saferplan.crimedata.periods import Period
from saferplan.crimedata.services import period_figure_delete, period_figure_set
from saferplan.plans.models import Objective

from .models import Indicator, IndicatorValue, MeasureSource, TargetKind

INDICATOR_FIELDS = [
    "name",
    "description",
    "source",
    "categories",
    "series",
    "unit",
    "direction",
    "baseline_start",
    "baseline_end",
    "target_kind",
    "target",
    "tolerance",
    "position",
]
KNOWN_CATEGORIES = {ALL_CRIME, *Category.values}


def _snapshot(indicator: Indicator) -> dict:
    snapshot = audit.snapshot(indicator, INDICATOR_FIELDS)
    if indicator.pk:
        snapshot["objectives"] = ", ".join(
            sorted(str(o.ref or o.title[:60]) for o in indicator.objectives.all())
        )
    return snapshot


def _apply(indicator: Indicator, fields: dict) -> list[Objective] | None:
    """Set the fields on the measure; return the objectives to link (None: unchanged)."""
    fields = dict(fields)
    objectives = fields.pop("objectives", None)
    baseline: Period | None = fields.pop("baseline", None)
    if baseline is not None:
        indicator.baseline_start, indicator.baseline_end = baseline.start, baseline.end
    for name, value in fields.items():
        setattr(indicator, name, value)
    # Only the fields of the chosen source are kept, so that a measure changed from
    # police.uk to a series does not carry hidden categories.
    if indicator.source != MeasureSource.POLICE_UK:
        indicator.categories = []
    if indicator.source != MeasureSource.SERIES:
        indicator.series = None
    return None if objectives is None else list(objectives)


def _check(indicator: Indicator, objectives: list[Objective] | None) -> None:
    errors: dict[str, list[str]] = {}
    if indicator.source == MeasureSource.POLICE_UK:
        unknown = [c for c in indicator.categories if c not in KNOWN_CATEGORIES]
        if not indicator.categories:
            errors["categories"] = ["Choose at least one police.uk category"]
        elif unknown:
            errors["categories"] = [f"Not a police.uk category: {', '.join(unknown)}"]
    if indicator.source == MeasureSource.SERIES:
        if indicator.series is None:
            errors["series"] = ["Choose the series whose figures are measured"]
        elif indicator.series.partnership_id != indicator.partnership_id:
            errors["series"] = ["Choose a series of this partnership"]
    in_per_cent = (
        indicator.source == MeasureSource.MANUAL and indicator.unit == SeriesUnit.PERCENT
    ) or (
        indicator.source == MeasureSource.SERIES
        and indicator.series is not None
        and not indicator.series.summable
    )
    if indicator.target_kind == TargetKind.CHANGE and in_per_cent:
        errors["target_kind"] = [
            "The figures are percentages, so set the target as a value to reach (for example "
            "80), not a percentage change"
        ]
    if (
        indicator.target_kind == TargetKind.CHANGE
        and indicator.target is not None
        and indicator.target < -100
    ):
        errors["target"] = ["A reduction cannot be more than 100%"]
    if objectives is not None:
        foreign = [
            o for o in objectives if o.priority.plan.partnership_id != indicator.partnership_id
        ]
        if foreign:
            errors["objectives"] = ["Choose objectives of this partnership's plans"]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def indicator_create(*, actor, partnership, **fields) -> Indicator:
    fields.setdefault("position", partnership.indicators.count() + 1)
    indicator = Indicator(partnership=partnership, created_by=actor, modified_by=actor)
    objectives = _apply(indicator, fields)
    _check(indicator, objectives)
    indicator.full_clean()
    indicator.save()
    if objectives:
        indicator.objectives.set(objectives)
    audit.log(
        instance=indicator,
        action=AuditEvent.Action.CREATE,
        actor=actor,
        partnership=partnership,
        changes=audit.diff({}, _snapshot(indicator)),
    )
    return indicator


@transaction.atomic
def indicator_update(*, actor, indicator: Indicator, **fields) -> Indicator:
    before = _snapshot(indicator)
    objectives = _apply(indicator, fields)
    indicator.modified_by = actor
    _check(indicator, objectives)
    indicator.full_clean()
    indicator.save()
    if objectives is not None:
        indicator.objectives.set(objectives)
    audit.log(
        instance=indicator,
        action=AuditEvent.Action.UPDATE,
        actor=actor,
        partnership=indicator.partnership,
        changes=audit.diff(before, _snapshot(indicator)),
    )
    return indicator


@transaction.atomic
def indicator_delete(*, actor, indicator: Indicator) -> None:
    audit.log(
        instance=indicator,
        action=AuditEvent.Action.DELETE,
        actor=actor,
        partnership=indicator.partnership,
        changes={label: [value, None] for label, value in _snapshot(indicator).items()},
        reason=f"With its {indicator.values.count()} entered figure(s).",
    )
    indicator.delete()


@transaction.atomic
def indicator_value_set(
    *, actor, indicator: Indicator, period: Period, value: Decimal
) -> IndicatorValue:
    """The measure's figure for the period, replacing the one entered before for it."""
    if indicator.source != MeasureSource.MANUAL:
        raise ValidationError(
            {"value": [f"“{indicator}” takes its figures from {indicator.get_source_display()}"]}
        )
    return period_figure_set(
        actor=actor,
        owner=indicator,
        values=indicator.values,
        period=period,
        value=value,
        partnership=indicator.partnership,
    )


@transaction.atomic
def indicator_value_delete(*, actor, value: IndicatorValue) -> None:
    period_figure_delete(
        actor=actor,
        figure=value,
        owner=value.indicator,
        partnership=value.indicator.partnership,
    )
