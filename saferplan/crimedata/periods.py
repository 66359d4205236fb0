"""Periods of whole months, as analysts write them: 2022, 2021/22, 2018-10, 2018-10..2018-12."""

import re
from dataclasses import dataclass
from datetime import date

from django.utils.dates import MONTHS
from django.utils.translation import gettext as _


def add_months(month: date, count: int) -> date:
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def month_name(number: int) -> str:
    """January … December, in the page's language (Django's own translations)."""
    return str(MONTHS[number])


def month_label(month: date) -> str:
    return f"{month_name(month.month)} {month.year}"


def parse_month(text: str) -> date:
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", text.strip())
    if not match or not 1 <= int(match[2]) <= 12:
        raise ValueError(
            _("“%(text)s” is not a month: write it as YYYY-MM, for example 2018-10")
            % {"text": text}
        )
    return date(int(match[1]), int(match[2]), 1)


@dataclass(frozen=True, order=True)
class Period:
    """The months from `start` to `end`, both included (each the first day of its month)."""

    start: date
    end: date

    def __post_init__(self):
        if self.start.day != 1 or self.end.day != 1:
            raise ValueError("A period runs from the first day of a month")
        if self.end < self.start:
            raise ValueError(
                _("The period ends (%(end)s) before it starts (%(start)s)")
                % {"end": month_label(self.end), "start": month_label(self.start)}
            )

    @classmethod
    def parse(cls, text: str) -> "Period":
        """2022 (January–December), 2021/22 (April–March, the financial year), 2018-10
        (one month) or 2018-10..2018-12."""
        text = text.strip()
        if re.fullmatch(r"\d{4}", text):
            return cls(date(int(text), 1, 1), date(int(text), 12, 1))
        financial = re.fullmatch(r"(\d{4})\s*/\s*(\d{2}|\d{4})", text)
        if financial:
            first = int(financial[1])
            second = int(financial[2]) % 100
            if second != (first + 1) % 100:
                raise ValueError(
                    _("“%(text)s” is not a financial year: write it as 2021/22") % {"text": text}
                )
            return cls(date(first, 4, 1), date(first + 1, 3, 1))
        if ".." in text:
            start, end = text.split("..", 1)
            return cls(parse_month(start), parse_month(end))
        month = parse_month(text)
        return cls(month, month)

    @classmethod
    def of_months(cls, end: date, count: int) -> "Period":
        """The `count` months that end with `end`."""
        return cls(add_months(end, -(count - 1)), end)

    @property
    def length(self) -> int:
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    def months(self) -> list[date]:
        return [add_months(self.start, i) for i in range(self.length)]

    def shifted(self, months: int) -> "Period":
        return Period(add_months(self.start, months), add_months(self.end, months))

    def previous(self) -> "Period":
        """The period of the same length just before this one."""
        return self.shifted(-self.length)

    def year_before(self) -> "Period":
        return self.shifted(-12)

    def __contains__(self, month: date) -> bool:
        return self.start <= month <= self.end

    def __str__(self) -> str:
        """As it is typed: 2018-10..2018-12."""
        if self.start == self.end:
            return f"{self.start:%Y-%m}"
        return f"{self.start:%Y-%m}..{self.end:%Y-%m}"

    @property
    def typed(self) -> str:
        """As an analyst would type it back: 2022, 2021/22 or 2018-10..2018-12."""
        short = self.short_label
        return short if short != self.label else str(self)

    @property
    def short_label(self) -> str:
        """2022 for a calendar year, 2021/22 for a financial year, else the label."""
        if self.start.month == 1 and self.end == date(self.start.year, 12, 1):
            return str(self.start.year)
        if self.start.month == 4 and self.end == date(self.start.year + 1, 3, 1):
            return f"{self.start.year}/{(self.start.year + 1) % 100:02d}"
        return self.label

    @property
    def label(self) -> str:
        """In words: January – December 2022, October 2018 – March 2019, October 2018."""
        if self.start == self.end:
            return month_label(self.start)
        if self.start.year == self.end.year:
            return f"{month_name(self.start.month)} – {month_label(self.end)}"
        return f"{month_label(self.start)} – {month_label(self.end)}"
