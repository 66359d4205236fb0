"""Title rows inside an action table (issue 21, deliverable 3): a row of one filled cell that
names the level above the rows below it ("Objective 1: …", a row spanning the table) or
reports on the action above it; read at the level guessed or the one the person chose
(imports/corrections.py). Part of ActionPlanBuilder (action_tables.py)."""

from collections.abc import Callable

from django.utils.translation import gettext as _

from . import cells as cell_text
from .blocks import Row
from .corrections import TITLE_LABEL, Corrections, guess_title_level
from .parsed import (
    Location,
    ParsedAction,
    ParsedObjective,
    ParsedPlan,
    ParsedPriority,
    ParsedUpdate,
)
from .priority_headings import PRIORITY_HEADING, SECTION, priority_number


def placeholder_title() -> str:
    """The title of the priority made for actions with no section above them, in the
    language the file is read in."""
    return _("Actions")


class TableTitles:
    plan: ParsedPlan
    corrections: Corrections
    names: list[str | None]
    priority: ParsedPriority | None
    objective: ParsedObjective | None
    previous_action: ParsedAction | None
    title_objective: bool
    titled_objectives: list[ParsedObjective]
    _start_priority: Callable[[int, str, Location], ParsedPriority]  # ActionPlanBuilder's
    _update: Callable[[str, Row, str, int | None], ParsedUpdate]  # TableUpdates'

    def _drop_empty_titles(self) -> None:
        """A title row with nothing under it (the table ends after it) names nothing: it is
        left out, and listed as text not imported."""
        for objective in self.titled_objectives:
            if objective.actions:
                continue
            for priority in self.plan.priorities:
                if objective in priority.objectives:
                    priority.objectives.remove(objective)
            self.plan.warn(
                "empty_title_row",
                _("The title row “%(title)s” has no rows under it: left out.")
                % {"title": objective.title[:80]},
                objective.location or Location(self.plan.source),
            )

    def _drop_unused_placeholder(self) -> None:
        """The "Actions" priority made for a table with no section above it is dropped when
        its first row was a title row naming the priority instead."""
        placeholder = next(
            (p for p in self.plan.priorities if p.title == placeholder_title() and p.number == 1),
            None,
        )
        if placeholder is None or placeholder.all_actions() or placeholder.objectives:
            return
        if len(self.plan.priorities) > 1:
            self.plan.priorities.remove(placeholder)
            self.plan.warnings = [w for w in self.plan.warnings if w.kind != "no_section"]

    def _title_row(self, row: Row) -> str | None:
        """A row with one cell filled, in a table of three or more columns, that names the
        level above the rows below it ("Objective 1: …", a row spanning the table) or reports
        on the action above it: its level as guessed or as the person chose (recorded on the
        plan for the preview to offer), or None for an ordinary row."""
        filled = [(i, cell_text.plain(c)) for i, c in enumerate(row.cells) if cell_text.plain(c)]
        if len(filled) != 1 or len(self.names) < 3:
            return None
        position, text = filled[0]
        key = f"{row.location.table}:{row.location.line}"
        guessed = guess_title_level(
            text,
            spans=row.spans,
            first_cell=position == 0,
            has_objective_column="objective" in self.names,
        )
        chosen = self.corrections.title_rows.get(key)
        if guessed is None and chosen is None:
            return None
        level = chosen or guessed or "row"
        self.plan.title_rows.append(
            {
                "key": key,
                "text": text[:300],
                "where": str(row.location),
                "level": level,
                "guessed": guessed or "row",
            }
        )
        return None if level == "row" else level

    def _title(self, level: str, row: Row) -> bool:
        """Read a title row at its level; False when it cannot be (progress with no action
        above it), and it is read as an ordinary row."""
        text = next(t for t in map(cell_text.plain, row.cells) if t)
        if level == "skip":
            return True
        if level == "progress":
            if self.previous_action is None:
                return False
            self.previous_action.updates.append(self._update(text, row, "update", None))
            return True
        if level == "priority":
            numbers = [p.number for p in self.plan.priorities]
            number, title = max(numbers, default=0) + 1, text
            if named := PRIORITY_HEADING.match(text):
                number, title = priority_number(named.group(1)), named.group(3).strip() or text
            elif numbered := TITLE_LABEL.match(text) or SECTION.match(text):
                number, title = int(numbered.group(1)), numbered.group(2)
            if number in numbers:  # "Priority 1" again, or a second numbering: the next one
                number = max(numbers) + 1
            self._start_priority(number, title, row.location)
        else:
            if self.priority is None:
                return False
            self.objective = ParsedObjective(title=text, location=row.location)
            self.priority.objectives.append(self.objective)
            self.titled_objectives.append(self.objective)
        self.previous_action = None
        self.title_objective = level == "objective"
        return True
