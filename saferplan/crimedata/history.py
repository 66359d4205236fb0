"""Reads of a partnership's figures over the years, for the strategic assessment's trends and
emerging risks: only periods and months fully held are counted, so that no trend rests on
part of a year (the same rule as the comparisons, coverage.py)."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from . import categories
from .categories import ALL_CRIME, ASB
from .coverage import coverage, months_held
from .models import CustomSeries
from .periods import Period, add_months
from .selectors import monthly_counts, series_value

# How far back a trend looks, and how many months a rise is judged over.
TREND_YEARS = 5
RISE_MONTHS = 36


@dataclass(frozen=True)
class History:
    """Figures for a period and the same months of earlier years, oldest first."""

    periods: tuple[Period, ...]
    counts: dict[str, tuple[int, ...]]  # key → one count per period

    def of(self, key: str) -> list[tuple[str, int]]:
        """(period label, count) for `key`, oldest first: the latest periods it has."""
        counts = self.counts.get(key, ())
        periods = self.periods[len(self.periods) - len(counts) :]
        return [(short_label(p), n) for p, n in zip(periods, counts, strict=True)]


def short_label(period: Period) -> str:
    """2023 for a calendar year, 2023/24 for a financial one, else the period's label."""
    if period.length == 12 and period.start.month == 1:
        return str(period.start.year)
    if period.length == 12 and period.start.month == 4:
        return f"{period.start.year}/{str(period.end.year)[-2:]}"
    return period.label


def police_uk_history(partnership, period: Period, *, years: int = TREND_YEARS) -> History:
    """police.uk counts for `period` and the same months of up to `years - 1` years before,
    stopping at the first year not fully held (a missing month or force)."""
    held = months_held(partnership)
    periods: list[Period] = []
    for back in range(years):
        earlier = period.shifted(-12 * back)
        if not coverage(partnership, earlier, held=held).complete:
            break
        periods.insert(0, earlier)
    if not periods:
        return History((), {})
    figures = monthly_counts(
        list(partnership.districts or []), Period(periods[0].start, period.end)
    )
    totals: dict[str, list[int]] = defaultdict(lambda: [0] * len(periods))
    for category, months in figures.items():
        for month, n in months.items():
            for index, which in enumerate(periods):
                if month in which:
                    totals[category][index] += n
                    if category != ASB:
                        totals[ALL_CRIME][index] += n
    return History(tuple(periods), {key: tuple(counts) for key, counts in totals.items()})


def series_history(partnership, period: Period, *, years: int = TREND_YEARS) -> History:
    """Each of the partnership's other series (keyed "series-<id>") for `period` and the
    same months of earlier years, back to its first gap: a key's counts are those of the
    last len(counts) periods. Only counts: a rate or a percentage is not added up."""
    periods = tuple(period.shifted(-12 * back) for back in reversed(range(years)))
    counts = {}
    for series in CustomSeries.objects.filter(partnership=partnership).prefetch_related("values"):
        values = list(series.values.all())
        found: list[int] = []
        for earlier in reversed(periods):
            value = series_value(series, earlier, values)
            if value is None or value != int(value):
                break
            found.insert(0, int(value))
        counts[f"series-{series.pk}"] = tuple(found)
    return History(periods, counts)


@dataclass(frozen=True)
class MonthlySeries:
    months: tuple[date, ...]
    counts: dict[str, tuple[int, ...]]  # category → one count per month


def police_uk_months(partnership, end: date, *, months: int = RISE_MONTHS) -> MonthlySeries:
    """Each category's count per month for the run of months held (the partnership's own
    force) ending with `end`, up to `months` long."""
    held = set(months_held(partnership))
    run: list[date] = []
    month = end
    while month in held and len(run) < months:
        run.insert(0, month)
        month = add_months(month, -1)
    if not run:
        return MonthlySeries((), {})
    figures = monthly_counts(list(partnership.districts or []), Period(run[0], run[-1]))
    counts = {
        category: tuple(figures[category].get(m, 0) for m in run)
        for category in figures
        if category in categories.Category.values
    }
    return MonthlySeries(tuple(run), counts)
