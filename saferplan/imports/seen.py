"""What a document holds, said in words, so that a result is never silently empty or wrong
(issue 21, deliverable 7): a document with nothing plan-like is refused naming what was found
in it; tables or lists that gave no actions, and a result that leaves out most of the
document's words, are warnings saying what was seen and what to do."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from . import columns
from .blocks import Document, Heading, ListItem, Paragraph, Table, TabLine
from .cells import plain
from .parsed import Location, ParsedPlan

# Warnings that say the result may be incomplete: `saferplan import-plan` exits with
# INCOMPLETE_EXIT_CODE when any is given, so that a script can tell.
INCOMPLETE = {"no_actions_in_tables", "no_actions_in_lists", "left_out", "tables_not_actions"}
INCOMPLETE_EXIT_CODE = 3
LEFT_OUT_SHARE = 0.5  # less than half the words imported …
LEFT_OUT_MINIMUM = 300  # … of a document of at least this many words


@dataclass
class Seen:
    headings: list[str]
    paragraphs: int
    list_items: int
    tables: int
    rows: int
    table_headings: list[str]
    words: int
    cell_lines: int = 0  # tab-separated lines outside any table with headings

    @classmethod
    def of(cls, document: Document) -> "Seen":
        headings, table_headings = [], []
        paragraphs = list_items = tables = rows = words = cell_lines = 0
        previous = None
        for block in document.blocks:
            follows_table, previous = isinstance(previous, Table), block
            if isinstance(block, Table):
                # A table without recognised headings: its first row is what heads it. A
                # piece straight after another table goes on from it (a page break).
                first = block.header or (block.rows[0].cells if block.rows else [])
                if block.header is not None or not follows_table:
                    tables += 1
                    heads = first
                else:
                    heads = []
                rows += len(block.rows) - (0 if block.header is not None or follows_table else 1)
                for cell in heads:
                    text = plain(cell)
                    if text and text not in table_headings:
                        table_headings.append(text)
                words += sum(len(plain(c).split()) for row in block.rows for c in row.cells)
                continue
            if isinstance(block, TabLine):
                words += sum(len(plain(c).split()) for c in block.cells)
                cell_lines += 1
                continue
            words += len(plain(block.text).split())
            if isinstance(block, Heading):
                headings.append(plain(block.text))
            elif isinstance(block, ListItem):
                list_items += 1
            elif isinstance(block, Paragraph):
                paragraphs += 1
        return cls(
            headings, paragraphs, list_items, tables, rows, table_headings, words, cell_lines
        )

    def describe(self) -> str:
        """ "14 paragraphs, 3 headings (“Foreword”, “Contents”, …), 9 list items and no tables"."""
        paragraphs = self.paragraphs
        parts = [
            _count(
                paragraphs,
                ngettext("%(count)s paragraph", "%(count)s paragraphs", paragraphs),
                _("no paragraphs"),
            )
        ]
        headings = len(self.headings)
        shown = ", ".join(f"“{h[:40]}”" for h in self.headings[:3])
        parts.append(
            _count(
                headings,
                # Translators: %(names)s are the first headings, each in quotation marks.
                ngettext(
                    "%(count)s heading (%(names)s)", "%(count)s headings (%(names)s)", headings
                ),
                _("no headings"),
                names=shown + (", …" if headings > 3 else ""),
            )
        )
        items = self.list_items
        parts.append(
            _count(
                items,
                ngettext("%(count)s list item", "%(count)s list items", items),
                _("no list items"),
            )
        )
        if self.cell_lines:
            parts.append(
                ngettext(
                    "%(count)s line of cells without column headings",
                    "%(count)s lines of cells without column headings",
                    self.cell_lines,
                )
                % {"count": f"{self.cell_lines:,}"}
            )
        parts.append(_tables_of_rows(self.tables, self.rows) if self.tables else _("no tables"))
        # Translators: the end of a list, as in "14 paragraphs, no headings and 2 tables of 9
        # rows".
        return _("%(list)s and %(last)s") % {"list": ", ".join(parts[:-1]), "last": parts[-1]}


def _count(number: int, some: str, none: str, **values: str) -> str:
    """`some` (a message of ngettext's for `number`) with the number in it, or `none` for 0."""
    return some % {"count": f"{number:,}", **values} if number else none


def _tables_of_rows(tables: int, rows: int) -> str:
    """ "2 tables of 31 rows" """
    return ngettext("%(count)s table of %(rows)s", "%(count)s tables of %(rows)s", tables) % {
        "count": f"{tables:,}",
        "rows": _count(rows, ngettext("%(count)s row", "%(count)s rows", rows), _("no rows")),
    }


def nothing_plan_like(name: str, document: Document) -> str:
    # Translators: %(seen)s says what the document holds: "14 paragraphs, 3 headings (…), 9
    # list items and no tables".
    return _(
        "%(name)s: no plan was found in it. It has %(seen)s. A plan needs "
        "priorities (numbered, “Priority 1 …” headings, or a list after a line about the "
        "priorities) or a table of actions (headings such as Issue, Action, Owner, Update)."
    ) % {"name": name, "seen": Seen.of(document).describe()}


def imported_words(plan: ParsedPlan) -> int:
    return sum(len(text.split()) for text in plan.texts())


def check(plan: ParsedPlan, document: Document) -> None:
    """Warn where the result may be empty or incomplete, saying what was seen."""
    seen = Seen.of(document)
    where = Location(document.name)
    actions = plan.counts()["actions"]
    if not actions and seen.tables and plan.kind == "action":
        recognised = [h for h in seen.table_headings if columns.recognise(h)]
        # Translators: %(tables)s is "2 tables of 31 rows"; %(headings)s are the tables'
        # headings, each in quotation marks, or "none".
        message = _(
            "%(tables)s: no column was recognised as the action (headings seen: %(headings)s). "
            "Choose which column holds the actions: on the preview, under how the "
            "document’s tables were read, or with import-plan --column “HEADING=action”."
        ) % {
            "tables": _tables_of_rows(seen.tables, seen.rows),
            "headings": ", ".join(f"“{h[:30]}”" for h in seen.table_headings[:8])
            or pgettext("headings seen", "none"),
        }
        if recognised:
            # Translators: the headings saferplan knows, each in quotation marks.
            message += " " + _("Recognised: %(headings)s.") % {
                "headings": ", ".join(f"“{h}”" for h in recognised[:5])
            }
        plan.warn("no_actions_in_tables", message, where)
    if not actions and seen.list_items and plan.kind == "strategic":
        plan.warn(
            "no_actions_in_lists",
            ngettext(
                "The document's %(count)s list item gave no actions: saferplan "
                "takes as actions the bullets after a line such as “What we will do:”, “We will:” "
                "or “Key actions”, under a priority. Add such a line, or add the actions in saferplan.",
                "The document's %(count)s list items gave no actions: saferplan "
                "takes as actions the bullets after a line such as “What we will do:”, “We will:” "
                "or “Key actions”, under a priority. Add such a line, or add the actions in saferplan.",
                seen.list_items,
            )
            % {"count": f"{seen.list_items:,}"},
            where,
        )
    words = imported_words(plan)
    if seen.words >= LEFT_OUT_MINIMUM and words < LEFT_OUT_SHARE * seen.words:
        plan.warn(
            "left_out",
            _(
                "Only about %(share)s%% of the document's words were "
                "imported (%(words)s of %(total)s). Check that nothing of the plan is missing."
            )
            % {
                "share": round(100 * words / seen.words),
                "words": f"{words:,}",
                "total": f"{seen.words:,}",
            },
            where,
        )
