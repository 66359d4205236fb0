"""Reads of crime data, shaped for the pages, the documents and the command line."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext

from saferplan.partnerships.models import Partnership

from . import categories
from .categories import ALL_CRIME, ASB, Category
from .comparisons import POLICE_UK, Comparison, ComparisonRow, Number
from .coverage import Coverage, coverage, force_coverage, months_held, runs_back
from .models import CrimeCount, CustomSeries
from .periods import Period, add_months
from .wording import Sentence

TOP_SERIES = {"all crime", "anti-social behaviour", "asb"}


def place_name(partnership) -> str:
    """ "Hertsmere", as the county's tables name a partnership."""
    districts = partnership.districts or []
    if len(districts) == 1:
        return districts[0]
    return partnership.name.removesuffix(" Community Safety Partnership")


def monthly_counts(districts: list[str], period: Period) -> dict[str, dict[date, int]]:
    """category → month → count, over the districts, for the months of `period`."""
    rows = (
        CrimeCount.objects.filter(
            district__in=districts, month__gte=period.start, month__lte=period.end
        )
        .values_list("category", "month")
        .annotate(n=Sum("count"))
    )
    figures: dict[str, dict[date, int]] = defaultdict(dict)
    for category, month, count in rows:
        figures[category][month] = count
    return figures


def default_periods(held: list[date]) -> tuple[Period, Period] | None:
    """Given the months of the partnership's own force held (coverage.months_held): the
    latest 12 against the same months a year before, when both are held; with less data,
    the latest month against the one before it."""
    if not held:
        return None
    latest = held[-1]
    year = Period.of_months(latest, 12)
    if set(year.months() + year.year_before().months()) <= set(held):
        return year, year.year_before()
    month = Period(latest, latest)
    return month, month.previous()


def recent_period(held: list[date], months: int) -> Period | None:
    """The latest `months` months held with none missing, or as many as there are."""
    return runs_back(held, months)


def police_uk_comparison(partnership, period: Period, against: Period) -> Comparison:
    """The two periods' police.uk figures. A period is given figures only when it is fully
    held (coverage.py): otherwise its column is empty and a note says which months of which
    force are missing, so that no percentage rests on part of a period."""
    districts = list(partnership.districts or [])
    both = Period(min(period.start, against.start), max(period.end, against.end))
    figures = monthly_counts(districts, both)
    held = months_held(partnership)
    covers = (coverage(partnership, period, held=held), coverage(partnership, against, held=held))
    notes: list[str] = [
        Sentence.joined(cover.warning, gettext("No figures or change are given for it."))
        for cover in covers
        if cover.warning
    ]

    def total(category_months: dict[date, int], which: Coverage) -> int | None:
        if not which.complete:
            return None
        return sum(n for month, n in category_months.items() if month in which.period)

    rows = []
    all_crime: dict[date, int] = defaultdict(int)
    for category, months in figures.items():
        if category != ASB:
            for month, n in months.items():
                all_crime[month] += n
    for key, months in [(ALL_CRIME, all_crime), (ASB, figures.get(ASB, {}))]:
        rows.append(
            ComparisonRow(
                key,
                categories.label(key),
                categories.unit(key),
                total(months, covers[0]),
                total(months, covers[1]),
                top=True,
            )
        )
    for category in sorted(figures, key=categories.label):
        if category == ASB:
            continue
        rows.append(
            ComparisonRow(
                category,
                categories.label(category),
                categories.unit(category),
                total(figures[category], covers[0]),
                total(figures[category], covers[1]),
            )
        )
    return Comparison(
        place_name(partnership), POLICE_UK, period, against, rows, notes, coverage=covers
    )


def series_value(series: CustomSeries, period: Period, values=None) -> Number | None:
    """The series' figure for the period: a value entered for exactly that period, or for a
    count, the sum of values whose periods fill it month by month with no overlap."""
    values = list(series.values.all()) if values is None else values
    return value_for_period(values, period, summable=series.summable)


def value_for_period(values, period: Period, *, summable: bool) -> Decimal | None:
    """Of figures entered per period (anything with start, end and value): the one for
    exactly `period`, or when they are counts, the sum of those that fill it month by month
    with no overlap."""
    for value in values:
        if value.start == period.start and value.end == period.end:
            return value.value
    if not summable:
        return None
    inside = sorted(
        (v for v in values if v.start >= period.start and v.end <= period.end),
        key=lambda v: v.start,
    )
    expected = period.start
    total = Decimal(0)
    for value in inside:
        if value.start != expected:
            return None
        total += value.value
        expected = add_months(value.end, 1)
    return total if inside and expected == add_months(period.end, 1) else None


# A series' unit as a comparison's row keeps it: in English, as its CSV gives it and its
# tests read it (the pages show it in their language: ComparisonRow.unit_text).
UNIT_NAMES = {"offences": "offences", "incidents": "incidents", "people": "people",
              "percent": "per cent", "number": ""}  # fmt: skip


def custom_comparison(partnership, period: Period, against: Period) -> Comparison:
    rows = []
    all_series = list(
        CustomSeries.objects.filter(partnership=partnership).prefetch_related("values")
    )
    for series in all_series:
        values = list(series.values.all())
        rows.append(
            ComparisonRow(
                f"series-{series.pk}",
                series.name,
                UNIT_NAMES[series.unit],
                series_value(series, period, values),
                series_value(series, against, values),
                top=series.name.strip().lower() in TOP_SERIES,
            )
        )
    sources = sorted({series.source for series in all_series if series.source})
    source = "Other sources" + (f": {', '.join(sources)}" if sources else "")
    return Comparison(
        place_name(partnership), source, period, against, rows, other_sources=tuple(sources)
    )


@dataclass
class TrendPoint:
    month: date
    count: int | None  # None: no data imported for the month
    year_before: int | None
    rolling_12: int | None  # the 12 months to this one, when all 12 are held


@dataclass
class Trend:
    place: str
    category: str
    label: str
    period: Period
    points: list[TrendPoint] = field(default_factory=list)
    coverage: Coverage | None = None

    @property
    def has_figures(self) -> bool:
        return any(p.count is not None for p in self.points)

    @property
    def warning(self) -> str:
        """Months of the period with no count, and why."""
        if self.coverage is None or not self.coverage.warning:
            return ""
        return Sentence.joined(self.coverage.warning, gettext("Those months have no count."))


def category_filter(category: str) -> dict:
    if category == ALL_CRIME:
        return {"category__in": [c for c in Category.values if c != ASB]}
    if category == "all":
        return {}
    return {"category": category}


def trend(partnership, category: str, period: Period) -> Trend:
    """Monthly counts over `period`, each with the same month a year before and the rolling
    12 months to it."""
    districts = list(partnership.districts or [])
    reach = Period(add_months(period.start, -23), period.end)
    own = months_held(partnership)
    held = {month for month in own if month in reach}  # a month of another force only is no figure
    rows = (
        CrimeCount.objects.filter(
            district__in=districts,
            month__gte=reach.start,
            month__lte=reach.end,
            **category_filter(category),
        )
        .values_list("month")
        .annotate(n=Sum("count"))
    )
    by_month = dict.fromkeys(held, 0) | {m: n for m, n in rows if m in held}
    cover = coverage(partnership, period, held=own)
    result = Trend(
        place_name(partnership), category, categories.label(category), period, coverage=cover
    )
    for month in period.months():
        window = Period.of_months(month, 12).months()
        result.points.append(
            TrendPoint(
                month,
                by_month.get(month),
                by_month.get(add_months(month, -12)),
                sum(by_month[m] for m in window) if all(m in by_month for m in window) else None,
            )
        )
    return result


@dataclass
class CountyRow:
    partnership: Partnership
    counts: dict[str, int]
    population: int | None

    def rate(self, key: str) -> Decimal | None:
        if not self.population:
            return None
        value = Decimal(self.counts.get(key, 0)) * 1000 / self.population
        return value.quantize(Decimal("0.1"))


@dataclass
class County:
    keys: list[str]  # the categories in order: all crime, ASB, then the rest
    rows: list[CountyRow]
    coverage: Coverage

    @property
    def warning(self) -> str:
        if not self.coverage.warning:
            return ""
        return Sentence.joined(
            self.coverage.warning, gettext("Counts are of the months held and are not comparable.")
        )


def counts_by_partnership(
    partnerships: list[Partnership], period: Period
) -> dict[int, dict[str, int]]:
    """Partnership → category (and all crime, which is every category but anti-social
    behaviour) → records in its districts over `period`, in one query."""
    owners: dict[str, list[int]] = defaultdict(list)
    for partnership in partnerships:
        for district in partnership.districts or []:
            owners[district].append(partnership.pk)
    rows = (
        CrimeCount.objects.filter(
            district__in=list(owners), month__gte=period.start, month__lte=period.end
        )
        .values_list("district", "category")
        .annotate(n=Sum("count"))
    )
    counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for district, category, n in rows:
        for pk in owners[district]:
            counts[pk][category] += n
            if category != ASB:
                counts[pk][ALL_CRIME] += n
    return {pk: dict(by_category) for pk, by_category in counts.items()}


def category_keys(counts: Iterable[dict[str, int]]) -> list[str]:
    """The categories of some counts in the tables' order: all crime, ASB, then the rest."""
    seen = {key for by_category in counts for key in by_category}
    return [
        ALL_CRIME,
        ASB,
        *sorted((k for k in seen if k not in (ALL_CRIME, ASB)), key=categories.label),
    ]


def county(force: str, period: Period) -> County:
    """Each partnership of the force area with its counts per category over `period`, and
    the months of the force's files they rest on."""
    partnerships = list(Partnership.objects.filter(police_force=force).order_by("name"))
    counts = counts_by_partnership(partnerships, period)
    return County(
        category_keys(counts.values()),
        [CountyRow(p, counts.get(p.pk, {}), p.population) for p in partnerships],
        force_coverage(force, period),
    )
