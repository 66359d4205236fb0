"""Reads of crime data, shaped for the pages, the documents and the command line."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Sum

from saferplan.partnerships.models import Partnership

from . import categories
from .categories import ALL_CRIME, ASB, Category
from .comparisons import Comparison, ComparisonRow, Number
from .models import CrimeCount, CustomSeries, Lsoa, StreetCount
from .periods import Period, add_months, month_label

POLICE_UK = "Recorded crime and anti-social behaviour (police.uk)"
TOP_SERIES = {"all crime", "anti-social behaviour", "asb"}


def place_name(partnership) -> str:
    """ "Hertsmere", as the county's tables name a partnership."""
    districts = partnership.districts or []
    if len(districts) == 1:
        return districts[0]
    return partnership.name.removesuffix(" Community Safety Partnership")


def _monthly(districts: list[str], period: Period) -> dict[str, dict[date, int]]:
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


def months_with_data(districts: list[str], period: Period | None = None) -> list[date]:
    rows = CrimeCount.objects.filter(district__in=districts)
    if period:
        rows = rows.filter(month__gte=period.start, month__lte=period.end)
    return sorted(set(rows.values_list("month", flat=True).distinct()))


def default_periods(held: list[date]) -> tuple[Period, Period] | None:
    """Given the months held (months_with_data): the latest 12 against the same months a
    year before, when both are held; with less data, the latest month against the one
    before it."""
    if not held:
        return None
    latest = held[-1]
    year = Period.of_months(latest, 12)
    if set(year.months() + year.year_before().months()) <= set(held):
        return year, year.year_before()
    month = Period(latest, latest)
    return month, month.previous()


def recent_period(held: list[date], months: int) -> Period | None:
    """The latest `months` months held, or as many as are held."""
    return Period.of_months(held[-1], min(months, len(held))) if held else None


def police_uk_comparison(partnership, period: Period, against: Period) -> Comparison:
    districts = list(partnership.districts or [])
    both = Period(min(period.start, against.start), max(period.end, against.end))
    figures = _monthly(districts, both)
    held = {month for months in figures.values() for month in months}
    notes = []
    for which in (period, against):
        missing = [m for m in which.months() if m not in held]
        if len(missing) == which.length:
            notes.append(f"No police.uk data has been imported for {which.label}.")
        elif missing:
            notes.append(
                f"{which.label} is missing months with no police.uk data imported: "
                + ", ".join(month_label(m) for m in missing)
                + "."
            )

    def total(category_months: dict[date, int], which: Period) -> int | None:
        if not any(m in held for m in which.months()):
            return None
        return sum(n for month, n in category_months.items() if month in which)

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
                total(months, period),
                total(months, against),
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
                total(figures[category], period),
                total(figures[category], against),
            )
        )
    return Comparison(place_name(partnership), POLICE_UK, period, against, rows, notes)


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
                series.get_unit_display() if series.unit != "number" else "",
                series_value(series, period, values),
                series_value(series, against, values),
                top=series.name.strip().lower() in TOP_SERIES,
            )
        )
    sources = sorted({series.source for series in all_series if series.source})
    source = "Other sources" + (f": {', '.join(sources)}" if sources else "")
    return Comparison(place_name(partnership), source, period, against, rows)


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

    @property
    def has_figures(self) -> bool:
        return any(p.count is not None for p in self.points)


def _category_filter(category: str) -> dict:
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
    held = set(months_with_data(districts, reach))
    rows = (
        CrimeCount.objects.filter(
            district__in=districts,
            month__gte=reach.start,
            month__lte=reach.end,
            **_category_filter(category),
        )
        .values_list("month")
        .annotate(n=Sum("count"))
    )
    by_month = dict.fromkeys(held, 0) | dict(rows)
    result = Trend(place_name(partnership), category, categories.label(category), period)
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
class Hotspot:
    key: str
    name: str
    count: int
    previous: int | None  # None when no data is held for the period before
    longitude: float | None = None
    latitude: float | None = None

    @property
    def change(self) -> int | None:
        return None if self.previous is None else self.count - self.previous


@dataclass
class MapPoint:
    longitude: float
    latitude: float
    location: str
    count: int


@dataclass
class Hotspots:
    place: str
    category: str
    label: str
    period: Period
    against: Period
    lsoas: list[Hotspot]
    streets: list[Hotspot]
    points: list[MapPoint]
    total: int


def hotspots(partnership, category: str, period: Period, *, limit: int = 10) -> Hotspots:
    """The LSOAs and streets ("On or near …") with the most records, against the period of
    the same length before, and the map points of the period."""
    districts = list(partnership.districts or [])
    against = period.previous()
    base = StreetCount.objects.filter(district__in=districts, **_category_filter(category))

    def grouped(which: Period, *fields: str):
        return (
            base.filter(month__gte=which.start, month__lte=which.end)
            .values_list(*fields)
            .annotate(n=Sum("count"))
        )

    against_held = bool(months_with_data(districts, against))

    def ranked(fields: tuple[str, ...], name) -> list[Hotspot]:
        now = {tuple(key): n for *key, n in grouped(period, *fields)}
        before = {tuple(key): n for *key, n in grouped(against, *fields)}
        top = sorted(now.items(), key=lambda item: (-item[1], str(item[0])))[:limit]
        return [
            Hotspot(
                "|".join(map(str, key)),
                name(key),
                n,
                before.get(key, 0) if against_held else None,
                *key[2:4],
            )
            for key, n in top
        ]

    names = dict(Lsoa.objects.filter(district__in=districts).values_list("code", "name"))
    lsoas = [
        spot for spot in ranked(("lsoa_code",), lambda key: names.get(key[0], key[0])) if spot.key
    ]
    # A "street" is one of police.uk's map points: many points share a name such as
    # "On or near Supermarket", so the point's small area is named beside it.
    streets = ranked(
        ("location", "lsoa_code", "longitude", "latitude"),
        lambda key: f"{key[0]}, {names.get(key[1], key[1])}" if key[1] else key[0],
    )
    points = [
        MapPoint(lon, lat, location, n)
        for lon, lat, location, n in grouped(period, "longitude", "latitude", "location")
        if lon is not None and lat is not None
    ]
    return Hotspots(
        place_name(partnership),
        category,
        categories.label(category),
        period,
        against,
        lsoas,
        streets,
        points,
        sum(p.count for p in points),
    )


def district_extent(partnership) -> list[tuple[float, float]]:
    """Every map point police.uk has recorded in the partnership's districts: what the
    hotspot map draws its outline round (charts.outline). Read only for the map."""
    extent = (
        StreetCount.objects.filter(
            district__in=list(partnership.districts or []),
            longitude__isnull=False,
            latitude__isnull=False,
        )
        .values_list("longitude", "latitude")
        .distinct()
    )
    return [(lon, lat) for lon, lat in extent if lon is not None and lat is not None]


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


def county(force: str, period: Period) -> tuple[list[str], list[CountyRow]]:
    """Each partnership of the force area with its counts per category over `period`:
    the category keys in order (all crime, ASB, then the rest) and a row per partnership."""
    partnerships = list(Partnership.objects.filter(police_force=force).order_by("name"))
    district_to = {d: p.pk for p in partnerships for d in (p.districts or [])}
    rows = (
        CrimeCount.objects.filter(
            district__in=list(district_to), month__gte=period.start, month__lte=period.end
        )
        .values_list("district", "category")
        .annotate(n=Sum("count"))
    )
    counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    seen = set()
    for district, category, n in rows:
        counts[district_to[district]][category] += n
        if category != ASB:
            counts[district_to[district]][ALL_CRIME] += n
        seen.add(category)
    keys = [ALL_CRIME, ASB, *sorted((c for c in seen if c != ASB), key=categories.label)]
    return keys, [CountyRow(p, dict(counts.get(p.pk, {})), p.population) for p in partnerships]
