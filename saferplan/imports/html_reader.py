"""Plain HTML plans (saved from Word or a browser): headings, paragraphs, lists and tables."""

import re

from bs4 import BeautifulSoup, Tag
from django.utils.translation import gettext as _

from . import columns
from .blocks import Document, Heading, ListItem, Paragraph, Row, Table
from .cells import plain
from .limits import Budget
from .parsed import Location
from .text_reader import BULLET, decode

BLOCK_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "table"}
BLOCK_START = re.compile(r"<(?:h[1-6]|p|li|table)[\s>/]", re.I)
ROW_START = re.compile(r"<tr[\s>/]", re.I)


def _cells(row: Tag) -> list[str]:
    return [
        "".join(str(child) for child in cell.contents)
        for cell in row.find_all(["td", "th"], recursive=False)
    ]


def read_tables(
    rows: list[list[str]],
    name: str,
    *,
    first_index: int,
    line_of=lambda n: n,
    fills: list[list[str]] | None = None,
    spans_known: bool = False,
) -> list[Table]:
    """Rows of one physical table (as cell contents) into Table blocks: a heading row repeated
    part-way (a table broken across pages) starts a new block with the same columns. Where
    the reader gives a cell merged across columns once (Word, PDF, HTML: `spans_known`), a
    row with fewer cells than its table's heading spans the table."""
    width = 0
    tables: list[Table] = []
    current: Table | None = None
    for number, cells in enumerate(rows, start=1):
        if not any(plain(c) for c in cells):
            continue
        location = Location(
            name, line=line_of(number), table=first_index + len(tables) - (1 if current else 0)
        )
        width = max(width, len(cells))
        if columns.is_header(cells):
            current = Table([], location, header=cells, index=first_index + len(tables))
            tables.append(current)
            continue
        if (
            current is not None
            and current.header is not None
            and not current.rows
            and current.subheader is None
            and columns.is_subheader(cells)
        ):
            current.subheader = cells
            continue
        if current is None:
            current = Table([], location, header=None, index=first_index + len(tables))
            tables.append(current)
        current.rows.append(
            Row(
                cells,
                Location(name, line=line_of(number), table=current.index),
                fills=fills[number - 1] if fills else [],
                spans=(spans_known and len(cells) < len(current.header or []))
                or (spans_known and current.header is None and len(cells) < width),
            )
        )
    return tables


def read_html(data: bytes, name: str, budget: Budget | None = None) -> Document:
    budget = budget or Budget(name)
    text = decode(data, name)
    # Counted before parsing, which is the slow part (12 s for 10 MB of paragraphs).
    budget.paragraph(len(BLOCK_START.findall(text)))
    for _row in ROW_START.finditer(text):
        budget.row([], "")
    budget.paragraphs = budget.rows = 0  # counted again as they are read
    soup = BeautifulSoup(text, "html.parser")
    budget.tick()
    document = Document(name)
    table_count = 0
    numbers: dict[int, int] = {}  # of each <ol>: how many of its items were read
    # Translators: where in a document, as in "plan.docx, table 2, row 14: …".
    row_at = _("table %(table)s, row %(row)s")
    for element in (soup.body or soup).find_all(BLOCK_TAGS):
        budget.paragraph()
        if element.find_parent("table") is not None:
            continue  # cells are read with their table
        location = Location(name, line=getattr(element, "sourceline", None))
        if element.name == "table":
            rows = [
                budget.row(_cells(tr), row_at % {"table": table_count + 1, "row": number})
                for number, tr in enumerate(
                    (tr for tr in element.find_all("tr") if tr.find_parent("table") is element),
                    start=1,
                )
            ]
            for table in read_tables(rows, name, first_index=table_count + 1, spans_known=True):
                document.blocks.append(table)
                table_count = table.index
        elif element.name in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            document.blocks.append(
                Heading(plain(element.get_text(" ")), location, level=int(element.name[1]))
            )
        elif element.name == "li":
            parent = element.find_parent(["ol", "ul"])
            number = None
            if parent is not None and parent.name == "ol":
                # Counted as the list goes (counting the items before each one is quadratic).
                numbers[id(parent)] = number = numbers.get(id(parent), 0) + 1
            document.blocks.append(ListItem(plain(element.get_text(" ")), location, number=number))
        else:
            text = plain(element.get_text(" "))
            if not text:
                continue
            bullet = BULLET.match(text)
            if bullet and bullet.group(1):
                document.blocks.append(
                    ListItem(bullet.group(2), location, number=int(bullet.group(1)))
                )
            else:
                document.blocks.append(Paragraph(text, location))
    return document
