"""How a document was read, for a person to check and correct (issue 21, deliverable 6): each
table with its headings, what saferplan took each column to mean and its first rows as read;
and every piece of the document's text the plan leaves out, with where it is."""

import re

from django.utils.translation import ngettext

from . import cells as cell_text
from . import columns
from .blocks import Document, Heading, ListItem, Paragraph, Table, TabLine
from .dates import find_date
from .parsed import Location, ParsedPlan

SAMPLE_ROWS = 3  # rows of each table shown as read
MAX_LEFTOVERS = 1000  # listed one by one; beyond, one more line says how many more
SHORTEST = 3  # characters: "-", "N/A" and page numbers are not text a plan loses
# The label a heading numbers its priority or objective by ("Priority 1:", "2.1", "iii."),
# folded as _fold leaves it: the plan keeps the number apart from the title.
LABEL = re.compile(
    r"^(?:(?:strategic )?(?:priority|theme|outcome|aim|objective|issue) )?"
    r"(?:\d{1,2}(?: \d{1,2})?|[ivx]{1,4}|one|two|three|four|five|six|seven|eight|nine|ten)\b ?"
)


def tables(document: Document, title_rows: list[dict]) -> list[dict]:
    """The document's tables as read: a table continuing the one before it over a page
    break (no heading row of its own) is part of it, not another."""
    found: list[dict] = []
    previous = None
    for block in document.blocks:
        follows_table, previous = isinstance(previous, Table), block
        if not isinstance(block, Table):
            continue
        if block.header is None and follows_table and found:
            found[-1]["rows"] += len(block.rows)
            continue
        rows = block.rows if block.header is not None else block.rows[1:]
        headings = block.header if block.header is not None else _first(block)
        found.append(
            {
                "index": block.index,
                "where": str(block.location),
                "headed": block.header is not None,
                "columns": [
                    {
                        "heading": cell_text.plain(h),
                        "key": columns.normalise(h),
                        "meaning": columns.recognise(h) or "",
                    }
                    for h in headings
                    if cell_text.plain(h)
                ],
                "rows": len(rows),
                "sample": [
                    [cell_text.plain(c)[:120] for c in row.cells] for row in rows[:SAMPLE_ROWS]
                ],
                "title_rows": [],
            }
        )
    by_index = {table["index"]: table for table in found}
    for row in title_rows:
        table = int(row["key"].split(":")[0])
        owner = by_index.get(table) or next(
            (t for t in reversed(found) if t["index"] <= table), None
        )
        if owner is not None:
            owner["title_rows"].append(row)
    return found


def _read_as_a_value(heading: str, cell: str) -> bool:
    """A cell imported as a value, not as text: a RAG rating or marking (or a warning that it
    is not one), a due date."""
    meaning = columns.recognise(heading) if heading else None
    if meaning in ("rag", "marking"):
        return True
    return meaning == "due" and find_date(cell_text.plain(cell)) is not None


def _first(table: Table) -> list[str]:
    return table.rows[0].cells if table.rows else []


def _fold(text: str) -> str:
    return re.sub(r"\W+", " ", text).lower().strip()


def leftovers(plan: ParsedPlan, document: Document) -> list[dict]:
    """Every piece of the document's text (a paragraph, a list item, an item of a cell) that
    is found nowhere in the plan to be imported, in document order, with where it is."""
    imported = "\n".join(_fold(text) for text in plan.texts())
    pieces: list[tuple[str, Location]] = []
    for block in document.blocks:
        if isinstance(block, Table):
            for row in block.rows:
                for position, cell in enumerate(row.cells):
                    heading = (
                        cell_text.plain(block.header[position])
                        if block.header and position < len(block.header)
                        else ""
                    )
                    where = Location(
                        row.location.file,
                        line=row.location.line,
                        table=row.location.table,
                        column=heading,
                        page=row.location.page,
                    )
                    if _read_as_a_value(heading, cell):
                        continue
                    pieces += [(item.text, where) for item in cell_text.items(cell)]
        elif isinstance(block, TabLine):
            pieces += [(cell_text.plain(c), block.location) for c in block.cells]
        elif isinstance(block, Heading | Paragraph | ListItem):
            pieces.append((cell_text.plain(block.text), block.location))
    left: list[dict] = []
    seen: set[str] = set()
    for text, where in pieces:
        folded = _fold(text)
        if len(folded) < SHORTEST or folded in seen or folded in imported:
            continue
        unlabelled = LABEL.sub("", folded)
        if unlabelled != folded and len(unlabelled) >= SHORTEST and unlabelled in imported:
            continue
        seen.add(folded)
        left.append({"text": text[:300], "where": str(where)})
    if len(left) > MAX_LEFTOVERS:
        more = len(left) - MAX_LEFTOVERS
        left = left[:MAX_LEFTOVERS]
        said = ngettext(
            "… and %(count)s more piece of text", "… and %(count)s more pieces of text", more
        )
        left.append({"text": said % {"count": f"{more:,}"}, "where": document.name})
    return left
