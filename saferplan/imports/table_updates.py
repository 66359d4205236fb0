"""The updates of an action table's rows, and their dates: from the update and quarter
columns, dated by the date they give, else by the plan's (or the quarter's) start, marked
estimated, never the day of the import (issue 21, deliverable 8). Part of ActionPlanBuilder
(action_tables.py)."""

import datetime
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from saferplan.core import clock

from . import cells as cell_text
from .blocks import Row
from .dates import find_date
from .parsed import Location, ParsedAction, ParsedPlan, ParsedUpdate

MARKING = re.compile(r"\bOFFICIAL[\s_\-–]*SENSITIVE\b", re.I)
QUARTERS = {"q1": 1, "q2": 2, "q3": 3, "q4": 4}
DATE_PREFIX = re.compile(r"^\s*(?P<date>[0-3]\d/[01]\d/(?:19|20)\d\d):\s+(?P<text>\S.*)$", re.S)


def is_sensitive(text: str) -> bool:
    return bool(MARKING.search(text))


def quarter_start(period_start: datetime.date, quarter: int) -> datetime.date:
    """The first day of financial quarter 1-4 of the year the plan starts in (Q1 = April)."""
    year = period_start.year if period_start.month >= 4 else period_start.year - 1
    month = 4 + 3 * (quarter - 1)
    return datetime.date(year + (month > 12), (month - 1) % 12 + 1, 1)


class TableUpdates:
    plan: ParsedPlan
    dateless: list[tuple[ParsedUpdate, Location]]

    # ActionPlanBuilder's:
    if TYPE_CHECKING:

        @property
        def period(self) -> tuple[datetime.date, datetime.date] | None: ...

    _cell: Callable[[Row, str], str]
    _where: Callable[[Row, str], Location]

    def _updates(self, row: Row, continuing: ParsedAction | None = None) -> list[ParsedUpdate]:
        updates: list[ParsedUpdate] = []
        sources = [("update", None), *QUARTERS.items()]
        for name, quarter in sources:
            items = self._entries(cell_text.items(self._cell(row, name)))
            for position, item in enumerate(items):
                if (
                    continuing is not None
                    and position == 0
                    and item.kind == "text"
                    and continuing.updates
                    and name == "update"
                ):
                    # Loose text after a page break finishes the last update before it.
                    continuing.updates[-1].text = f"{continuing.updates[-1].text} {item.text}"
                    continue
                if is_sensitive(item.text):
                    remainder = MARKING.sub("", item.text).strip(" -–:.")
                    target = (
                        updates[-1]
                        if updates
                        else (
                            continuing.updates[-1]
                            if continuing is not None and continuing.updates
                            else None
                        )
                    )
                    if target is not None and len(remainder) < 60:
                        # A marking label (or a marked attachment) marks the update it follows.
                        target.sensitive = True
                        target.text = f"{target.text} [{item.text}]"
                        self.plan.warn(
                            "sensitive",
                            _("“%(text)s” marks the update before it OFFICIAL-SENSITIVE.")
                            % {"text": item.text},
                            self._where(row, name),
                        )
                        continue
                updates.append(self._update(item.text, row, name, quarter))
        return updates

    def _entries(self, items: list[cell_text.Item]) -> list[cell_text.Item]:
        """A cell's updates: each entry (a bullet, a paragraph, a line) one update, as seed
        003's are; but a lead-in and the bullets it introduces, none of them dated ("A Board
        is in place comprising · Police · CCG …"), are one update, in its own lines."""
        if (
            len(items) < 2
            or items[0].kind == "bullet"
            or any(item.kind != "bullet" for item in items[1:])
            or any(
                find_date(item.text, period=self.period) or is_sensitive(item.text)
                for item in items
            )
        ):
            return items
        lines = [f"• {item.text}" if item.kind == "bullet" else item.text for item in items]
        return [cell_text.Item("\n".join(lines), items[0].kind)]

    def _update(self, text: str, row: Row, column: str, quarter: int | None) -> ParsedUpdate:
        dated = DATE_PREFIX.match(text)
        if dated:
            # "06/10/2019: …", as saferplan's exports write an update whose text has no date.
            found = find_date(dated["date"])
            if found is not None:
                return ParsedUpdate(
                    text=dated["text"],
                    described_on=found.date,
                    sensitive=is_sensitive(text),
                    quarter=quarter,
                )
        found = find_date(text, period=self.period)
        if found is not None:
            return ParsedUpdate(
                text=text, described_on=found.date, sensitive=is_sensitive(text), quarter=quarter
            )
        update = ParsedUpdate(
            text=text,
            described_on=datetime.date.min,  # set below, or once the whole file is read
            date_is_estimated=True,
            sensitive=is_sensitive(text),
            quarter=quarter,
        )
        if self.plan.period_start is None:
            self.dateless.append((update, self._where(row, column)))
            return update
        if quarter:
            update.described_on = quarter_start(self.plan.period_start, quarter)
            said = _("No date in “%(text)s”: dated %(date)s (the start of quarter %(quarter)s).")
        else:
            update.described_on = self.plan.period_start
            said = _("No date in “%(text)s”: dated %(date)s (the start of the plan).")
        self._warn_undated(update, said, self._where(row, column), quarter=quarter)
        return update

    def _warn_undated(self, update: ParsedUpdate, said: str, where: Location, **more) -> None:
        """`said`: the whole warning, its update's text, the date given and `more` to go in."""
        self.plan.warn(
            "undated",
            said % {"text": update.text[:60], "date": f"{update.described_on:%d/%m/%Y}", **more},
            where,
        )

    def _date_the_dateless(self) -> None:
        """Updates without a date in a plan without a period: the earliest date the file's
        other updates give (the plan's history starts no later), never the day of the import;
        with no date anywhere, the start of this financial year, said plainly."""
        dated = [
            u.described_on
            for p in self.plan.priorities
            for a in p.all_actions()
            for u in a.updates
            if not u.date_is_estimated
        ]
        if dated:
            day = min(dated)
            said = _(
                "No date in “%(text)s”: dated %(date)s (the earliest date of the file's updates)."
            )
        else:
            day = quarter_start(clock.today(), 1)
            said = _(
                "No date in “%(text)s”: dated %(date)s (no date anywhere in the file or its "
                "title: the start of this financial year; give the plan its period and import "
                "again)."
            )
        for update, where in self.dateless:
            update.described_on = day
            self._warn_undated(update, said, where)
