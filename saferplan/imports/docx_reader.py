"""Word (.docx) plans, read with python-docx: headings, paragraphs, lists and tables in order.
Bullets inside a table cell become an HTML list, so cells read the same as the seeds' cells."""

import io
import zipfile
from html import escape

import docx
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from .blocks import Document, Heading, ListItem, Paragraph
from .html_reader import read_tables
from .parsed import Location, PlanFileError


def _is_list(paragraph: DocxParagraph) -> bool:
    style = (paragraph.style.name if paragraph.style is not None else "").lower()
    numbered = paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
    return "list" in style or numbered


def _heading_level(paragraph: DocxParagraph) -> int | None:
    style = (paragraph.style.name if paragraph.style is not None else "").lower()
    if style == "title":
        return 1
    if style.startswith("heading"):
        digits = "".join(c for c in style if c.isdigit())
        return int(digits) if digits else 2
    return None


def _cell_html(cell) -> str:
    """A cell as HTML: its list paragraphs as <ul><li>, the others as <p>."""
    parts, items = [], []
    for paragraph in cell.paragraphs:
        text = paragraph.text.strip()
        if not text:
            continue
        if _is_list(paragraph):
            items.append(f"<li>{escape(text)}</li>")
            continue
        if items:
            parts.append("<ul>" + "".join(items) + "</ul>")
            items = []
        parts.append(f"<p>{escape(text)}</p>" if len(cell.paragraphs) > 1 else escape(text))
    if items:
        parts.append("<ul>" + "".join(items) + "</ul>")
    return " ".join(parts)


def _rows(table: DocxTable) -> list[list[str]]:
    """Cell contents row by row. A cell merged across columns is read once; a cell merged
    down rows is read on its first row and is empty below (so an Issue carries down)."""
    rows: list[list[str]] = []
    above: list = []
    for row in table.rows:
        cells, seen, elements = [], set(), []
        for position, cell in enumerate(row.cells):
            element = cell._tc
            elements.append(element)
            if element in seen:
                continue
            seen.add(element)
            continued = position < len(above) and above[position] is element
            cells.append("" if continued else _cell_html(cell))
        above = elements
        rows.append(cells)
    return rows


def read_docx(data: bytes, name: str) -> Document:
    try:
        word = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise PlanFileError(
            f"{name}: this is not a Word document that can be opened ({error})"
        ) from None
    document = Document(name)
    table_count = 0
    paragraph_number = 0
    for item in word.iter_inner_content():
        if isinstance(item, DocxTable):
            for table in read_tables(_rows(item), name, first_index=table_count + 1):
                document.blocks.append(table)
                table_count = table.index
            continue
        paragraph_number += 1
        text = item.text.strip()
        if not text:
            continue
        location = Location(name, line=paragraph_number)
        level = _heading_level(item)
        if level is not None:
            document.blocks.append(Heading(text, location, level=level))
        elif _is_list(item):
            document.blocks.append(ListItem(text, location))
        else:
            document.blocks.append(Paragraph(text, location))
    return document
