"""Reads of performance measures: each measure with its figures and status, and the RAG
rating the measures linked to an objective suggest."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext

from saferplan.crimedata import categories
from saferplan.crimedata.categories import ALL_CRIME, ASB, Category
from saferplan.crimedata.coverage import months_held, names_and
from saferplan.crimedata.models import CrimeCount
from saferplan.crimedata.periods import Period
from saferplan.crimedata.selectors import UNIT_NAMES, value_for_period
from saferplan.crimedata.wording import Sentence
from saferplan.plans.rag import roll_up

from .assessment import Assessment, MeasureFigures, assess
from .models import Indicator, MeasureSource


def category_keys(indicator: Indicator) -> list[str]:
    """The police.uk categories added together; "all crime" is every category but ASB."""
    keys = set(indicator.categories)
    if ALL_CRIME in keys:
        keys.discard(ALL_CRIME)
        keys |= {c.value for c in Category if c.value != ASB}
    return sorted(keys)


def categories_text(indicator: Indicator) -> str:
    """ "Anti-social behaviour and Public order": police.uk's names, marked as theirs in a
    template."""
    return names_and([categories.label(key) for key in indicator.categories])


def unit_text(indicator: Indicator) -> str:
    """What the measure's figures count, in English ("offences and incidents", "per cent"):
    what its status is worked out from (Assessment.unit_label says it in words)."""
    if indicator.source == MeasureSource.POLICE_UK:
        units = {categories.unit(key) for key in category_keys(indicator)}
        return " and ".join(sorted(units, reverse=True))
    series = indicator.series
    return UNIT_NAMES[series.unit if series is not None else indicator.unit]


def source_text(indicator: Indicator) -> str:
    """Where the measure's figures come from, the names in it marked as their owners' in a
    template."""
    if indicator.source == MeasureSource.POLICE_UK:
        return Sentence(gettext("police.uk: %(categories)s"), categories=categories_text(indicator))
    series = indicator.series
    if series is not None:
        if not series.source:
            return Sentence("%(name)s", own={"name": series.name})
        return Sentence("%(name)s (%(source)s)", own={"name": series.name, "source": series.source})
    return gettext("Figures entered for this measure")


@dataclass(frozen=True)
class PoliceUkHeld:
    """What police.uk data is held for a partnership: the months of its own force imported
    (crimedata/coverage.py: only those are figures), and the counts per category and month
    in its districts. Read once for all of its measures."""

    months: list[date]
    by_category: dict[str, dict[date, int]]


def police_uk_held(partnership) -> PoliceUkHeld:
    districts = list(partnership.districts or [])
    months = months_held(partnership)
    by_category: dict[str, dict[date, int]] = defaultdict(dict)
    rows = (
        CrimeCount.objects.filter(district__in=districts, month__in=months)
        .values_list("category", "month")
        .annotate(n=Sum("count"))
    )
    for category, month, count in rows:
        by_category[category][month] = count
    return PoliceUkHeld(months, dict(by_category))


def _police_uk_figures(indicator: Indicator, held: PoliceUkHeld) -> MeasureFigures:
    monthly: dict[date, int] = defaultdict(int)
    for category in category_keys(indicator):
        for month, count in held.by_category.get(category, {}).items():
            monthly[month] += count
    held_months = set(held.months)

    def value_for(period: Period) -> Decimal | None:
        # A month police.uk holds for the area but with none of these categories counts 0;
        # a month not imported at all leaves the period without a figure.
        if not all(month in held_months for month in period.months()):
            return None
        return Decimal(sum(monthly.get(month, 0) for month in period.months()))

    return MeasureFigures(held.months[-1] if held.months else None, value_for)


def _entered_figures(values, *, summable: bool) -> MeasureFigures:
    values = list(values)
    latest = max((v.end for v in values), default=None)
    return MeasureFigures(
        latest, lambda period: value_for_period(values, period, summable=summable)
    )


def last_month_by(day: date) -> date:
    """The first day of the last whole month up to `day`: 31 Oct 2019 → 1 Oct 2019,
    30 Oct 2019 → 1 Sep 2019."""
    month_end = (day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    first = day.replace(day=1)
    return first if day == month_end else (first - timedelta(days=1)).replace(day=1)


def _held_by(held: PoliceUkHeld, last: date | None) -> PoliceUkHeld:
    """What was held of the months up to `last` (all of it when None)."""
    if last is None:
        return held
    return PoliceUkHeld(
        [month for month in held.months if month <= last],
        {
            category: {month: n for month, n in counts.items() if month <= last}
            for category, counts in held.by_category.items()
        },
    )


def assessment(
    indicator: Indicator, *, held: PoliceUkHeld | None = None, up_to: date | None = None
) -> Assessment:
    """The measure's figures and status. `held` (police_uk_held of its partnership) may be
    passed when assessing several measures at once; `up_to`: as they stood on that day (a
    board report's period end), from periods that ended by then."""
    unit = unit_text(indicator)
    last = last_month_by(up_to) if up_to else None

    def by_then(values) -> list:
        return [v for v in values if last is None or v.end <= last]

    if indicator.source == MeasureSource.POLICE_UK:
        held = _held_by(held or police_uk_held(indicator.partnership), last)
        figures = _police_uk_figures(indicator, held)
    elif indicator.series is not None:  # the source is a series
        figures = _entered_figures(
            by_then(indicator.series.values.all()), summable=indicator.series.summable
        )
    else:
        figures = _entered_figures(by_then(indicator.values.all()), summable=unit != "per cent")
    return assess(indicator=indicator, unit=unit, figures=figures)


@dataclass(frozen=True)
class Measured:
    indicator: Indicator
    assessment: Assessment


def _shaped(queryset):
    return queryset.select_related("partnership", "series").prefetch_related(
        "series__values", "values", "objectives__priority__plan"
    )


def _assess_all(indicators, *, up_to: date | None = None) -> list[Measured]:
    held_by_partnership: dict[int, PoliceUkHeld] = {}
    measured = []
    for indicator in indicators:
        held = None
        if indicator.source == MeasureSource.POLICE_UK:
            if indicator.partnership_id not in held_by_partnership:
                held_by_partnership[indicator.partnership_id] = police_uk_held(
                    indicator.partnership
                )
            held = held_by_partnership[indicator.partnership_id]
        measured.append(Measured(indicator, assessment(indicator, held=held, up_to=up_to)))
    return measured


def measure(indicator: Indicator) -> Measured:
    return Measured(indicator, assessment(indicator))


def partnership_measures(partnership, *, up_to: date | None = None) -> list[Measured]:
    """The partnership's measures in order, each with its status (`up_to`: as they stood on
    that day)."""
    return _assess_all(_shaped(Indicator.objects.filter(partnership=partnership)), up_to=up_to)


@dataclass(frozen=True)
class Suggestion:
    """The RAG rating an objective's measures suggest (the worst of theirs), or None when
    none of them has a status yet."""

    rating: str | None
    measures: tuple[Measured, ...]


def objective_suggestions(objective_ids) -> dict[int, Suggestion]:
    """objective id → what its linked measures suggest; objectives with no measure are left
    out."""
    indicators = _shaped(Indicator.objects.filter(objectives__in=list(objective_ids)).distinct())
    by_objective: dict[int, list[Measured]] = defaultdict(list)
    wanted = set(objective_ids)
    for item in _assess_all(indicators):
        for objective in item.indicator.objectives.all():
            if objective.pk in wanted:
                by_objective[objective.pk].append(item)
    suggestions = {}
    for objective_id, items in by_objective.items():
        ratings = [i.assessment.suggested_rag for i in items if i.assessment.suggested_rag]
        suggestions[objective_id] = Suggestion(roll_up(ratings) if ratings else None, tuple(items))
    return suggestions


def measures_for_report(partnership, *, up_to: date | None = None) -> list[dict]:
    """The partnership's measures as the board report keeps them: plain values (an issued
    report stores them as JSON and reads the same ever after). `up_to`: the report's period
    end, so that a report of October 2019 shows the figures of periods ending by then."""
    rows = []
    for item in partnership_measures(partnership, up_to=up_to):
        a = item.assessment
        rows.append(
            {
                "name": item.indicator.name,
                "direction": item.indicator.get_direction_display(),
                "unit": a.unit_label,
                "baseline": a.baseline.text,
                "baseline_period": a.baseline.period.short_label,
                "latest": a.latest.text if a.latest else "–",
                "latest_period": a.latest.period.short_label if a.latest else "",
                "change": "–" if a.change is None else f"{a.change.normalize():f}%",
                "target": a.target_text,
                "status": a.status.label,
                "suggested_rag": a.suggested_rag or "",
                "sentence": a.sentence,
            }
        )
    return rows
