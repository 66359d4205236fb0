"""Writes of performance measures and their entered figures, each audited."""

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from saferplan.core import audit
from saferplan.core.models import AuditEvent
from saferplan.crimedata.categories import ALL_CRIME, Category
from saferplan.crimedata.models import SeriesUnit
from saferplan.crimedata.periods import Period
from saferplan.crimedata.services import period_figure_delete, period_figure_set
from saferplan.plans.models import Objective

from .models import Indicator, IndicatorValue, MeasureSource, TargetKind

if TYPE_CHECKING:
    from saferplan.accounts.models import User
    from saferplan.partnerships.models import Partnership

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


def _objectives_logged(indicator: Indicator) -> dict[str, Any]:
    """The log shows the linked objectives by their references."""
    if not indicator.pk:
        return {}
    return {
        "objectives": ", ".join(
            sorted(str(o.ref or o.title[:60]) for o in indicator.objectives.all())
        )
    }


def _values(fields: dict[str, Any], *, source: str) -> dict[str, Any]:
    """The fields as the measure keeps them: a baseline period as its first and last months,
    and only the fields of the chosen source (`source` unless the fields change it), so that
    a measure changed from police.uk to a series does not carry hidden categories. The
    objectives to link are kept only when given (None: unchanged)."""
    values = dict(fields)
    baseline: Period | None = values.pop("baseline", None)
    if baseline is not None:
        values["baseline_start"], values["baseline_end"] = baseline.start, baseline.end
    source = values.get("source", source)
    if source != MeasureSource.POLICE_UK:
        values["categories"] = []
    if source != MeasureSource.SERIES:
        values["series"] = None
    objectives = values.pop("objectives", None)
    if objectives is not None:
        values["objectives"] = list(objectives)
    return values


def _check(indicator: Indicator, objectives: list[Objective] | None) -> None:
    errors: dict[str, list[str]] = {}
    if indicator.source == MeasureSource.POLICE_UK:
        unknown = [c for c in indicator.categories if c not in KNOWN_CATEGORIES]
        if not indicator.categories:
            errors["categories"] = [_("Choose at least one police.uk category")]
        elif unknown:
            errors["categories"] = [
                _("Not a police.uk category: %(categories)s") % {"categories": ", ".join(unknown)}
            ]
    if indicator.source == MeasureSource.SERIES:
        if indicator.series is None:
            errors["series"] = [_("Choose the series whose figures are measured")]
        elif indicator.series.partnership_id != indicator.partnership_id:
            errors["series"] = [_("Choose a series of this partnership")]
    in_per_cent = (
        indicator.source == MeasureSource.MANUAL and indicator.unit == SeriesUnit.PERCENT
    ) or (
        indicator.source == MeasureSource.SERIES
        and indicator.series is not None
        and not indicator.series.summable
    )
    if indicator.target_kind == TargetKind.CHANGE and in_per_cent:
        errors["target_kind"] = [
            _(
                "The figures are percentages, so set the target as a value to reach (for "
                "example 80), not a percentage change"
            )
        ]
    if (
        indicator.target_kind == TargetKind.CHANGE
        and indicator.target is not None
        and indicator.target < -100
    ):
        errors["target"] = [_("A reduction cannot be more than 100%")]
    if objectives is not None:
        foreign = [
            o for o in objectives if o.priority.plan.partnership_id != indicator.partnership_id
        ]
        if foreign:
            errors["objectives"] = [_("Choose objectives of this partnership's plans")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def indicator_create(*, actor: "User", partnership: "Partnership", **fields: Any) -> Indicator:
    fields.setdefault("position", partnership.indicators.count() + 1)
    values = _values(fields, source="")
    return audit.create(
        Indicator,
        actor=actor,
        partnership=partnership,
        logged_fields=INDICATOR_FIELDS,
        logged_also=_objectives_logged,
        check=lambda indicator: _check(indicator, values.get("objectives")),
        partnership_id=partnership.pk,
        **values,
    )


@transaction.atomic
def indicator_update(*, actor: "User", indicator: Indicator, **fields: Any) -> Indicator:
    values = _values(fields, source=indicator.source)
    indicator, _changes = audit.change(
        indicator,
        actor=actor,
        partnership=indicator.partnership,
        logged_fields=INDICATOR_FIELDS,
        logged_also=_objectives_logged,
        check=lambda changed: _check(changed, values.get("objectives")),
        **values,
    )
    return indicator


@transaction.atomic
def indicator_delete(*, actor: "User", indicator: Indicator) -> None:
    audit.log(
        instance=indicator,
        action=AuditEvent.Action.DELETE,
        actor=actor,
        partnership=indicator.partnership,
        changes={
            label: [value, None]
            for label, value in {
                **audit.snapshot(indicator, INDICATOR_FIELDS),
                **_objectives_logged(indicator),
            }.items()
        },
        reason=f"With its {indicator.values.count()} entered figure(s).",
    )
    indicator.delete()


@transaction.atomic
def indicator_value_set(
    *, actor: "User", indicator: Indicator, period: Period, value: Decimal
) -> IndicatorValue:
    """The measure's figure for the period, replacing the one entered before for it."""
    if indicator.source != MeasureSource.MANUAL:
        raise ValidationError(
            {
                "value": [
                    _("“%(name)s” takes its figures from %(source)s")
                    % {"name": indicator, "source": indicator.get_source_display()}
                ]
            }
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
def indicator_value_delete(*, actor: "User", value: IndicatorValue) -> None:
    period_figure_delete(
        actor=actor,
        figure=value,
        owner=value.indicator,
        partnership=value.indicator.partnership,
    )
