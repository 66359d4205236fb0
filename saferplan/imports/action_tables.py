"""Builds an action plan from its tables: the shapes of seeds 003 (Issue / Action / Owner /
Update / RAG) and 004 (JAG ref / Objective / Actions / Target / Lead agency / Lead action
groups / Quarter 1-4), and any table whose headings mean the same.

Tables broken across pages are put back together: a table that goes on after a break
continues the same section, and its first row is merged into the row before the break when
it is plainly the rest of that row (no issue or action of its own, a cell starting in lower
case, or a previous cell ending mid-phrase). Each merge is a warning the preview can undo.
"""

import datetime
import re
from dataclasses import replace

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import cells as cell_text
from . import columns
from .blocks import Document, Heading, ListItem, Paragraph, Row, Table
from .corrections import Corrections
from .dates import find_date, find_period
from .limits import Budget
from .parsed import (
    Location,
    ParsedAction,
    ParsedObjective,
    ParsedPlan,
    ParsedPriority,
    ParsedUpdate,
)
from .priority_headings import CROSS_CUTTING, PRIORITY_HEADING, SECTION, priority_number
from .rag_key import RagKey
from .table_titles import TableTitles, placeholder_title
from .table_updates import TableUpdates, is_sensitive

DANGLING = {
    "in",
    "to",
    "of",
    "the",
    "and",
    "a",
    "an",
    "for",
    "with",
    "at",
    "on",
    "by",
    "or",
    "from",
    "via",
    "&",
    "/",
    "-",
    "–",
}


def _dangling(text: str) -> bool:
    words = text.rstrip().split()
    return bool(words) and (
        words[-1].lower() in DANGLING or text.rstrip().endswith((",", "/", "-", "–", "&"))
    )


def _tail(text: str, length: int = 50) -> str:
    """The end of a text, from a word boundary: "…via posters / social media"."""
    return text if len(text) <= length else "…" + text[-length:].split(" ", 1)[-1]


def _head(text: str, length: int = 50) -> str:
    return text if len(text) <= length else text[:length].rsplit(" ", 1)[0] + "…"


def _starts_lower(text: str) -> bool:
    return bool(text) and text[0].islower()


def _action_items(raw: str) -> list[cell_text.Item]:
    """An action cell's pieces: its bullets and paragraphs; lines typed one under the other
    without bullets (Alt+Enter in Excel) are the sentences of one action."""
    items = cell_text.items(raw)
    if len(items) > 1 and all(item.kind == "text" for item in items):
        return [cell_text.Item(" ".join(item.text for item in items), "text")]
    return items


class ActionPlanBuilder(TableTitles, TableUpdates):
    def __init__(
        self,
        document: Document,
        *,
        corrections: Corrections | None = None,
        budget: Budget | None = None,
    ):
        self.document = document
        self.budget = budget or Budget(document.name)
        self.corrections = corrections or Corrections()
        self.no_merge = self.corrections.no_merge
        self.plan = ParsedPlan(title="", kind="action", source=document.name)
        self.priority: ParsedPriority | None = None
        self.objective: ParsedObjective | None = None
        self.lists_of_actions = True  # the action column's cells hold lists (_table)
        # Updates without a date read before the plan had a period to date them by.
        self.dateless: list[tuple[ParsedUpdate, Location]] = []
        self.previous_action: ParsedAction | None = None
        self.title_objective = False  # is the current objective a title row's (kept below it)?
        self.titled_objectives: list[ParsedObjective] = []
        self.names: list[str | None] = []
        self.headings: list[str] = []
        self.reported_columns: set[str] = set()
        self.key = RagKey.of(document, self.plan)  # the document's own RAG key, if it has one

    # The document ------------------------------------------------------------------------

    def build(self) -> ParsedPlan:
        blocks = self.document.blocks
        self._title_and_period()
        intro: list[str] = []
        aims_open = False
        for index, block in enumerate(blocks):
            self.budget.tick()
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            if isinstance(block, Table):
                self._table(block)
                aims_open = False
            elif isinstance(block, Heading | ListItem) and self._section_heading(block, following):
                continue
            elif self.priority is None:
                # Before the first section: introduction, and the aims when a list follows "aims … :"
                if isinstance(block, Paragraph):
                    aims_open = "aim" in block.text.lower() and block.text.rstrip().endswith(":")
                    intro.append(block.text)
                elif isinstance(block, ListItem):
                    if aims_open:
                        self.plan.aims.append(block.text)
                    else:
                        intro.append(f"- {block.text}")
        self.plan.introduction = "\n\n".join(intro)
        self._date_the_dateless()
        self._drop_empty_titles()
        self._drop_unused_placeholder()
        return self.plan

    def _title_and_period(self) -> None:
        for block in self.document.blocks:
            if isinstance(block, Heading) and not block.sheet and not SECTION.match(block.text):
                self.plan.title = block.text
                break
            if isinstance(block, Table):
                break
        if not self.plan.title:
            self.plan.title = re.sub(r"\.\w+$", "", self.document.name).replace("_", " ")
        period = find_period(self.plan.title)
        if period:
            self.plan.period_start, self.plan.period_end = period

    @property
    def period(self):
        if self.plan.period_start and self.plan.period_end:
            return (self.plan.period_start, self.plan.period_end)
        return None

    def _section_heading(self, block, following) -> bool:
        """A numbered heading ("1. Identify and prevent…", "Key Priority 1: …") starts or
        resumes a priority. A numbered list item does too, when a table follows it."""
        named = PRIORITY_HEADING.match(block.text) if isinstance(block, Heading) else None
        match = SECTION.match(
            block.text
            if isinstance(block, Heading)
            else f"{block.number}. {block.text}"
            if block.number
            else ""
        )
        if not (match or named):
            return False
        if isinstance(block, ListItem) and not isinstance(following, Table | Heading):
            return False
        if named:
            number, title = priority_number(named.group(1)), named.group(3).strip(" :")
        elif match:
            number, title = int(match.group(1)), match.group(2).strip(" :")
        for priority in self.plan.priorities:
            if priority.number == number:
                if priority.title.lower() != title.lower():
                    self.plan.warn(
                        "heading",
                        _(
                            "Section %(number)s is headed “%(title)s” here and “%(before)s” "
                            "before; both are read as priority %(number)s."
                        )
                        % {"number": number, "title": title, "before": priority.title},
                        block.location,
                    )
                self.priority = priority
                return True
        self._start_priority(number, title, block.location)
        return True

    def _start_priority(self, number: int, title: str, location: Location) -> ParsedPriority:
        """A new priority, the current one from here on: the rows after it are under it."""
        self.priority = ParsedPriority(
            number=number,
            title=title,
            is_cross_cutting=bool(CROSS_CUTTING.search(title)),
            location=location,
        )
        self.plan.priorities.append(self.priority)
        self.objective = None
        self.previous_action = None
        return self.priority

    # Tables ------------------------------------------------------------------------------

    def _columns(self, table: Table) -> None:
        header = table.header or []
        names = [columns.recognise(h) for h in header]
        if table.subheader:
            for position, heading in enumerate(table.subheader):
                name = columns.recognise(heading)
                if name:
                    while len(names) <= position:
                        names.append(None)
                    names[position] = name
        for heading, name in zip(header, names, strict=False):
            label = cell_text.plain(heading)
            if columns.is_chosen(label):
                continue  # the person said what it is, "not imported" included
            if label and name is None and label.lower() not in self.reported_columns:
                self.reported_columns.add(label.lower())
                self.plan.warn(
                    "unknown_column",
                    _(
                        "Column “%(label)s” is not one saferplan knows, so its contents were not "
                        "imported. Rename it (for example to Update or Owner) to bring them in."
                    )
                    % {"label": label},
                    replace(table.location, table=table.index, column=label),
                )
        self.names = self._objectives_as_actions(table, header, names)
        self.headings = [cell_text.plain(h) for h in header] + [""] * max(
            0, len(names) - len(header)
        )

    def _objectives_as_actions(
        self, table: Table, header: list[str], names: list[str | None]
    ) -> list[str | None]:
        """A tracker whose things to do are headed "Objective", each row with its own end
        date, status or RAG and no column of actions (Colchester's "OBJECTIVE | PLANNED END
        DATE | YEAR END STATUS"): the rows are the actions. Said, so the person can choose
        otherwise on the preview."""
        if "action" in names or not {"due", "status", "rag"} & set(names):
            return names
        position = next(
            (
                i
                for i, h in enumerate(header)
                if names[i] == "objective"
                and columns.normalise(h) in ("objective", "objectives")
                and not columns.is_chosen(h)
            ),
            None,
        )
        if position is None:
            return names
        label = cell_text.plain(header[position])
        self.plan.warn(
            "objectives_as_actions",
            _(
                "Column “%(label)s” has a date, status or rating on each row and the table has no "
                "column of actions: each row was read as an action. If they are objectives, "
                "choose so for the column on the preview."
            )
            % {"label": label},
            replace(table.location, table=table.index, column=label),
        )
        return [*names[:position], "action", *names[position + 1 :]]

    def _table(self, table: Table) -> None:
        continuing = table.header is None or (
            self.previous_action is not None and self.priority is not None
        )
        if self.key.holds(table):
            return  # a RAG key, not actions (nor the rest of the table before it)
        if table.header is not None:
            self._columns(table)
            self.lists_of_actions = self._holds_lists_of_actions(table)
        if not self.names:
            return
        if self.priority is None and "priority" not in self.names:
            self._start_priority(1, placeholder_title(), table.location)
            self.plan.warn(
                "no_section",
                _(
                    "The first table has no numbered section heading above it, so its actions "
                    "go under a priority called “%(title)s”."
                )
                % {"title": placeholder_title()},
                table.location,
            )
        for position, row in enumerate(table.rows):
            self.budget.tick(str(row.location))
            self._row(row, after_break=continuing and position == 0)

    def _fill(self, row: Row, name: str) -> str:
        for position, column in enumerate(self.names):
            if column == name and position < len(row.fills):
                return row.fills[position]
        return ""

    def _holds_lists_of_actions(self, table: Table) -> bool:
        """Does the table's action column hold lists of actions (a third or more of its
        filled cells hold several items), or one action a cell?"""
        cells = [self._cell(row, "action") for row in table.rows]
        filled = [c for c in cells if cell_text.plain(c)]
        listed = [c for c in filled if len(_action_items(c)) > 1]
        return not filled or 3 * len(listed) >= len(filled)

    def _cell(self, row: Row, name: str) -> str:
        for position, column in enumerate(self.names):
            if column == name and position < len(row.cells):
                return row.cells[position]
        return ""

    def _due(self, row: Row) -> datetime.date | None:
        """The due date a Timescale / Due date column gives ("31/03/2025", "March 2025");
        None for words ("Ongoing", "Q3")."""
        found = find_date(cell_text.plain(self._cell(row, "due")), period=self.period)
        return found.date if found else None

    def _where(self, row: Row, name: str) -> Location:
        heading = next(
            (h for h, n in zip(self.headings, self.names, strict=False) if n == name), ""
        )
        return replace(row.location, column=heading)

    def _priority_from_column(self, row: Row) -> None:
        """One row per action (spreadsheets): the Priority column names the section."""
        text = cell_text.plain(self._cell(row, "priority"))
        if not text:
            return
        match = SECTION.match(text)
        number, title = (int(match.group(1)), match.group(2).strip()) if match else (None, text)
        for priority in self.plan.priorities:
            if (number is not None and priority.number == number) or (
                number is None and priority.title.lower() == title.lower()
            ):
                if self.priority is not priority:
                    self.priority, self.objective, self.previous_action = priority, None, None
                return
        if number is None:
            number = max((p.number for p in self.plan.priorities), default=0) + 1
        self._start_priority(number, title, row.location)

    def _row(self, row: Row, *, after_break: bool) -> None:
        level = None if after_break else self._title_row(row)
        if level is not None and self._title(level, row):
            return
        if "priority" in self.names:
            self._priority_from_column(row)
        ref = cell_text.plain(self._cell(row, "ref"))
        objective_raw = self._cell(row, "objective")
        objective = cell_text.plain(objective_raw)
        action_raw = self._cell(row, "action")
        action = cell_text.plain(action_raw)
        owner = cell_text.plain(self._cell(row, "owner"))
        key = f"{row.location.file}:{row.location.line}"
        priority = self.priority
        previous = self.previous_action
        if priority is None:  # a Priority column left empty before any section
            priority = self._start_priority(1, placeholder_title(), row.location)
            self.plan.warn(
                "no_section",
                _(
                    "This row names no priority, so its actions go under a priority called “%(title)s”."
                )
                % {"title": placeholder_title()},
                row.location,
            )
        if (
            after_break
            and previous is not None
            and key not in self.no_merge
            and self._continues(previous, ref, objective, action, owner)
        ):
            self._merge(previous, row, objective, action, owner, key)
            return
        if (ref or objective) and not self._same_objective(priority, ref, objective):
            self.title_objective = False
            self.objective = ParsedObjective(
                title=objective or ref,
                ref=ref,
                target_indicator=cell_text.plain(self._cell(row, "target")),
                lead_groups_text=self._groups(self._cell(row, "lead_groups")),
                location=row.location,
            )
            if "objective" in self.names or "ref" in self.names:
                priority.objectives.append(self.objective)
        elif "objective" not in self.names and "ref" not in self.names and not self.title_objective:
            self.objective = None
        actions = self._actions(action_raw)
        updates = self._updates(row)
        if not actions:
            if not (updates or owner):
                return
            if self.objective is None or not (ref or objective):
                # Only an update: the rest of the previous action's progress.
                if self.previous_action is not None:
                    self.previous_action.updates.extend(updates)
                    self.plan.warn(
                        "orphan_update",
                        _(
                            "A row with an update but no issue or action was added to the "
                            "action above it."
                        ),
                        row.location,
                    )
                return
            actions = [self.objective.title]
            self.plan.warn(
                "no_action",
                _("Issue “%(title)s” has no action: its text is used as the action.")
                % {"title": self.objective.title[:80]},
                self._where(row, "action"),
            )
        sensitive_row = (
            is_sensitive(objective)
            or is_sensitive(action)
            or is_sensitive(cell_text.plain(self._cell(row, "marking")))
        )
        parsed = []
        for title in actions:
            item = ParsedAction(
                title=title,
                owner_text=owner,
                rag=self._rag(row),
                status=cell_text.plain(self._cell(row, "status")).lower(),
                due_date=self._due(row),
                sensitive=sensitive_row or is_sensitive(title),
                location=row.location,
            )
            parsed.append(item)
            (self.objective.actions if self.objective is not None else priority.actions).append(
                item
            )
        parsed[0].updates.extend(updates)
        if len(parsed) > 1 and updates:
            self.plan.warn(
                "shared_update",
                ngettext(
                    "A row with %(count)s action has updates: they were given to the first, "
                    "“%(title)s”.",
                    "A row with %(count)s actions has updates: they were given to the first, "
                    "“%(title)s”.",
                    len(parsed),
                )
                % {"count": len(parsed), "title": parsed[0].title[:60]},
                row.location,
            )
        if sensitive_row:
            self.plan.warn(
                "sensitive",
                _("Marked OFFICIAL-SENSITIVE in the document: imported as OFFICIAL-SENSITIVE."),
                row.location,
            )
        self.previous_action = parsed[-1]

    def _same_objective(self, priority: ParsedPriority, ref: str, objective: str) -> bool:
        """One row per action (spreadsheets, saferplan's own exports) repeats the Issue on
        every row of its actions: the same Issue again is the same objective."""
        current = self.objective
        return (
            current is not None
            and bool(priority.objectives)
            and priority.objectives[-1] is current
            and current.ref == ref
            and current.title == (objective or ref)
        )

    def _continues(self, previous: ParsedAction, ref, objective, action, owner) -> bool:
        if not (ref or objective or action):
            return True
        if ref:
            return False
        if any(_starts_lower(text) for text in (objective, action, owner)):
            return True
        return _dangling(previous.title) or (bool(owner) and _dangling(previous.owner_text))

    def _merge(
        self, previous: ParsedAction, row: Row, objective: str, action: str, owner: str, key: str
    ) -> None:
        before = previous.title
        if objective and self.objective is not None:
            self.objective.title = f"{self.objective.title} {objective}".strip()
        if action:
            previous.title = f"{previous.title} {action}".strip()
        if owner:
            previous.owner_text = f"{previous.owner_text} {owner}".strip()
        updates = self._updates(row, continuing=previous)
        previous.updates.extend(updates)
        self.plan.warn(
            "merged",
            (
                _(
                    "The row after a page break was joined to the row before it (“%(before)s” + "
                    "“%(after)s”). Undo this if they are separate actions."
                )
                % {"before": _tail(before), "after": _head(action)}
                if action
                else _(
                    "The row after a page break was joined to the row before it (its owner or "
                    "updates). Undo this if they are separate actions."
                )
            ),
            row.location,
            undo_key=key,
        )

    def _groups(self, raw: str) -> str:
        text = cell_text.plain(raw)
        return "" if text.lower() in {"n/a", "na", "none", "-", "–"} else text

    def _actions(self, raw: str) -> list[str]:
        """Each bullet of the Actions cell is an action where the column holds lists of
        actions, unless text ending in a colon introduces the list ("Working group to
        implement actions to: …"). In a column of single actions, a cell's bullets are the
        steps of its one action."""
        items = _action_items(raw)
        if not items:
            return []
        if len(items) > 1 and items[0].kind in ("text", "para") and items[0].text.endswith(":"):
            return [items[0].text + " " + "; ".join(i.text for i in items[1:])]
        if len(items) > 1 and not self.lists_of_actions:
            return ["; ".join(i.text for i in items)]
        return [i.text for i in items]

    def _rag(self, row: Row) -> str:
        """From the RAG column's words or symbol, else its shading (or the status column's),
        as the document's key says where it has one."""
        text = cell_text.plain(self._cell(row, "rag"))
        fills = [self._fill(row, column) for column in ("rag", "status")]
        status = cell_text.plain(self._cell(row, "status"))
        if rating := self.key.rating(text, fills, status):
            return rating
        if not text:
            return ""
        self.plan.warn(
            "rag",
            _("“%(text)s” is not a RAG rating (red, amber, green or white): left unrated.")
            % {"text": text},
            self._where(row, "rag"),
        )
        return ""


def build_action_plan(
    document: Document, *, corrections: Corrections | None = None, budget: Budget | None = None
) -> ParsedPlan:
    return ActionPlanBuilder(document, corrections=corrections, budget=budget).build()
