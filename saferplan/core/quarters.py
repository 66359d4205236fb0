"""Financial quarters, as partnerships and their funders count them: the year starts in
April, so Q1 is April to June and Q4 January to March of the next calendar year. One place
for the rule: an action plan's quarter columns (plans) and a grant's spend (funding) both
read their quarters here."""

import datetime
from dataclasses import dataclass

from django.utils.translation import pgettext

# The years a period or a sum of money may fall in: wide enough for any plan or grant, and
# narrow enough that no quarter's end runs past the calendar (year 9999).
FIRST_YEAR, LAST_YEAR = 2000, 2100


@dataclass(frozen=True, order=True)
class Quarter:
    """A financial quarter: Q1 is April to June of `year`, Q4 January to March after it.
    Ordered as (year, number), like the tuples financial_quarter gives."""

    year: int
    number: int

    @property
    def start(self) -> datetime.date:
        month = 3 * (self.number - 1) + 4
        return datetime.date(self.year + (month > 12), (month - 1) % 12 + 1, 1)

    @property
    def end(self) -> datetime.date:
        return self.next().start - datetime.timedelta(days=1)

    def next(self) -> "Quarter":
        if self.number == 4:
            return Quarter(self.year + 1, 1)
        return Quarter(self.year, self.number + 1)

    def __str__(self) -> str:
        """Q1 2019-20: as stored (audit entries), the same in every language."""
        return f"Q{self.number} {self.financial_year}"

    @property
    def label(self) -> str:
        """Q1 2019-20, in the reader's language (Ch1 2019-20 in Welsh)."""
        return pgettext("financial quarter", "Q%(number)s %(years)s") % {
            "number": self.number,
            "years": self.financial_year,
        }

    @property
    def financial_year(self) -> str:
        """The financial year the quarter is in, as councils write it: 2019-20."""
        return f"{self.year}-{str(self.year + 1)[-2:]}"

    @property
    def slug(self) -> str:
        """2019-q1: the quarter in a web address."""
        return f"{self.year}-q{self.number}"

    def days_within(self, start: datetime.date, end: datetime.date) -> int:
        """How many of the quarter's days fall between start and end (inclusive)."""
        first, last = max(self.start, start), min(self.end, end)
        return max((last - first).days + 1, 0)

    @classmethod
    def of(cls, day: datetime.date) -> "Quarter":
        if day.month >= 4:
            return cls(day.year, (day.month - 4) // 3 + 1)
        return cls(day.year - 1, 4)

    @classmethod
    def from_slug(cls, slug: str) -> "Quarter | None":
        """The quarter a web address names (2019-q1), or None for one that names none."""
        year, _sep, number = slug.partition("-q")
        if not (year.isdigit() and number in ("1", "2", "3", "4")):
            return None
        if not FIRST_YEAR <= int(year) <= LAST_YEAR:
            return None
        return cls(int(year), int(number))


def quarters_touching(start: datetime.date, end: datetime.date) -> list[Quarter]:
    """The quarters a period touches, in order."""
    quarters, quarter = [], Quarter.of(start)
    while quarter.start <= end:
        quarters.append(quarter)
        quarter = quarter.next()
    return quarters
