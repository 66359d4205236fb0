"""Dates written the ways the seed plans write them, found inside update text.

06/10/2019 · 13/08/19 · 5.11.19 · 24 July 2019 · 10th February 2020 · Thursday 13 June
(in the plan's year) · September 2018 · ranges 16-22 September and 1/4/19 – 10/12/2019
(the end of a range is the date it describes: progress "as at" then).
"""

import datetime
import re
from dataclasses import dataclass

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DASH = r"\s*(?:-|–|—|to)\s*"

NUMERIC = re.compile(
    r"(?<![\d/.])(?P<day>[0-3]?\d)[/.](?P<month>[01]?\d)[/.](?P<year>\d{4}|\d\d)(?![\d/.])"
)
NUMERIC_RANGE = re.compile(
    NUMERIC.pattern
    + _DASH
    + NUMERIC.pattern.replace("day>", "day2>")
    .replace("month>", "month2>")
    .replace("year>", "year2>")
)
DAY_MONTH_RANGE = re.compile(
    r"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    + _DASH
    + r"(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?\s+"
    + _MONTH
    + r"(?:\s+"
    + _YEAR
    + r")?\b",
    re.I,
)
DAY_MONTH = re.compile(
    r"\b" + _DAY + r"\s+(?:of\s+)?" + _MONTH + r"(?:,?\s+" + _YEAR + r")?\b", re.I
)
MONTH_YEAR = re.compile(r"\b" + _MONTH + r"\s+" + _YEAR + r"\b", re.I)


@dataclass(frozen=True)
class FoundDate:
    date: datetime.date
    text: str  # the words it was read from
    year_assumed: bool = False  # "Thursday 13 June": the year came from the plan's period
    day_assumed: bool = False  # "September 2018": the first of the month


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if year < 100 else year


def _safe(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def year_in_period(
    month: int, day: int, period: tuple[datetime.date, datetime.date] | None
) -> int | None:
    """The year that puts day/month inside the plan's period (its first year if it fits both)."""
    if period is None:
        return None
    start, end = period
    for year in range(start.year, end.year + 1):
        candidate = _safe(year, month, day)
        if candidate and start <= candidate <= end:
            return year
    return start.year


def find_date(
    text: str, *, period: tuple[datetime.date, datetime.date] | None = None
) -> FoundDate | None:
    """The first date written in `text`; for a range, its end. None when there is none."""
    found: list[tuple[int, FoundDate]] = []
    for match in NUMERIC_RANGE.finditer(text):
        end = _safe(_year(match["year2"]), int(match["month2"]), int(match["day2"]))
        if end:
            found.append((match.start(), FoundDate(end, match.group(0))))
    for match in NUMERIC.finditer(text):
        day = _safe(_year(match["year"]), int(match["month"]), int(match["day"]))
        if day:
            found.append((match.start(), FoundDate(day, match.group(0))))
    for match in DAY_MONTH_RANGE.finditer(text):
        month = MONTHS[match["month"].lower()]
        year = (
            int(match["year"])
            if match["year"]
            else year_in_period(month, int(match["day2"]), period)
        )
        end = _safe(year, month, int(match["day2"])) if year else None
        if end:
            found.append(
                (match.start(), FoundDate(end, match.group(0), year_assumed=not match["year"]))
            )
    for match in DAY_MONTH.finditer(text):
        month = MONTHS[match["month"].lower()]
        year = (
            int(match["year"])
            if match["year"]
            else year_in_period(month, int(match["day"]), period)
        )
        day = _safe(year, month, int(match["day"])) if year else None
        if day:
            found.append(
                (match.start(), FoundDate(day, match.group(0), year_assumed=not match["year"]))
            )
    for match in MONTH_YEAR.finditer(text):
        day = _safe(int(match["year"]), MONTHS[match["month"].lower()], 1)
        if day:
            found.append((match.start(), FoundDate(day, match.group(0), day_assumed=True)))
    if not found:
        return None
    # The earliest in the text; at one position the longest match (a range beats its start).
    found.sort(key=lambda item: (item[0], -len(item[1].text)))
    return found[0][1]


def find_period(title: str) -> tuple[datetime.date, datetime.date] | None:
    """ "Action Plan 2019 - 2020", "2008-2009", "2021-24", "2023-27": a financial-year period
    from 1 April of the first year to 31 March of the last."""
    match = re.search(r"\b((?:19|20)\d\d)\s*(?:-|–|—|/|to)\s*((?:19|20)?\d\d)\b", title)
    if not match:
        return None
    first = int(match[1])
    last = int(match[2]) if len(match[2]) == 4 else first // 100 * 100 + int(match[2])
    if last <= first or last - first > 10:
        return None
    return datetime.date(first, 4, 1), datetime.date(last, 3, 31)
