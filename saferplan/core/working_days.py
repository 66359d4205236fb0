"""Working days in England and Wales: Monday to Friday, bank holidays aside. Local procedures
set their timescales in working days ("a decision within 15 working days of the
application"); saferplan counts them here, with the bank holidays of the `holidays` library
(computed for any year, never fetched). England and Wales share their bank holidays."""

import datetime
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> frozenset[datetime.date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_working_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def add(day: datetime.date, working_days: int) -> datetime.date:
    """The day `working_days` working days after `day` (the day itself not counted): a
    decision due "within 15 working days" of an application received on a Friday is due on
    the Friday three weeks later, or later by a bank holiday between."""
    if working_days < 0:
        raise ValueError("working_days must not be negative")
    while working_days:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            working_days -= 1
    return day


def between(start: datetime.date, end: datetime.date) -> int:
    """How many working days after `start` `end` is (0 when it is the same day or earlier,
    not counting `start`)."""
    count = 0
    day = start
    while day < end:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count
