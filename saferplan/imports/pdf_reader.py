"""PDF plans, as councils export them from Word or InDesign (docs/adr/0025-reading-pdf-plans.md):
the text layer's characters with their fonts and places, and the tables found from the
page's rulings (imports/pdf_pages.py).

A PDF holds no headings, paragraphs or tables, only characters placed on pages, so this
reader rebuilds them the way a person reading the page would:
- tables from their ruling lines (pdfplumber's table finder), each cell's wrapped lines
  joined, and its bullets kept as a list, as the Word reader gives them;
- headings from size: lines set larger than the body text, the largest first; a line wholly
  in bold, standing alone, is a heading below them;
- bullets (•, ●, ▪, –, "1.") start list items, and the lines indented under them join them;
- running headers and footers (the same words at the top or bottom of most pages, page
  numbers) are dropped, and the pages are read as one document: a table that goes on over
  a page break without repeating its heading row goes on in the builder, as in Word.

A scanned PDF has no text layer at all: it is refused, saying so, rather than read as empty.
"""

import re
from collections import Counter
from dataclasses import dataclass
from html import escape
from itertools import zip_longest

from django.utils.translation import gettext as _
from pdfplumber.utils.text import chars_to_textmap

from saferplan.core.text import clean_text

from .blocks import Block, Document, Heading, ListItem, Paragraph
from .html_reader import read_tables
from .limits import Budget
from .parsed import Location, PlanFileError
from .pdf_pages import Page, PlacedTable, open_pdf, read_page

MAX_PAGES = 500  # a plan is tens of pages; a council's whole report pack is a few hundred
MARGIN = 0.09  # of the page's height: where running headers and footers are
BULLET = re.compile(r"^\s*(?:[•●○◦▪■□➢➤►✓✔\-–*·]|(\d{1,2})[.)])\s+(.*)$")
PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?[-–]?\s*\d{1,4}\s*(?:of\s+\d{1,4})?\s*[-–]?\s*$", re.I)
DIGITS = re.compile(r"\d+")


@dataclass
class _Line:
    """One line of text outside the tables: its words, where it is and how it is set."""

    text: str
    page: int
    top: float
    bottom: float
    x0: float
    size: float
    bold: bool


def _join(text: str, line: str) -> str:
    """A wrapped line joined to the text before it: with a space, except after a hyphen or
    a slash the line was broken at ("multi-|agency", "leaflets/|IPAD")."""
    if not text:
        return line
    if re.search(r"\w[-/]$", text):
        return text + line
    return f"{text} {line}"


def _is_bold(fontname: str) -> bool:
    # "ABCDEF+Arial-BoldMT", "Calibri,Bold", "Helvetica-Black": the weight is in the name.
    name = fontname.split("+", 1)[-1].lower()
    return any(weight in name for weight in ("bold", "black", "heavy", "semibold"))


def _unspanned(row: list[str | None]) -> list[str | None]:
    """A row without the places a cell merged across columns covers (None at its end), as
    Word gives a merged cell: once."""
    cells = list(row)
    while len(cells) > 1 and cells[-1] is None:
        cells.pop()
    return cells


def _cell(text: str | None) -> str:
    """A table cell's wrapped lines as one text, its bullets as an HTML list (as the Word
    reader gives a cell), so that the builders read PDF cells as they read Word ones."""
    if not text:
        return ""
    items: list[str] = []
    loose: list[str] = []
    lines = [line.strip() for line in clean_text(text).splitlines() if line.strip()]
    # A dash starting one line after text is a "text – text" wrapped there, not a list.
    dashed = [line for line in lines if line[0] in "-–" and BULLET.match(line)]
    wrapped_dash = len(dashed) == 1 and dashed[0] is not lines[0]
    for line in lines:
        bullet = BULLET.match(line)
        if bullet and not bullet.group(1) and not (wrapped_dash and line[0] in "-–"):
            items.append(bullet.group(2))
        elif items:
            items[-1] = _join(items[-1], line)  # a bullet's text wrapped onto the next line
        else:
            loose.append(line)
    text_before = ""
    for line in loose:
        text_before = _join(text_before, line)
    joined = escape(text_before)
    if not items:
        return joined
    listed = "".join(f"<li>{escape(item)}</li>" for item in items)
    return f"{f'<p>{joined}</p>' if joined else ''}<ul>{listed}</ul>"


def _page_lines(page: Page) -> list[_Line]:
    """The page's lines of text outside its tables."""
    chars = page.chars_outside_tables()
    if not chars:
        return []
    lines = []
    for line in chars_to_textmap(chars).extract_text_lines(strip=True, return_chars=True):
        shown = [c for c in line["chars"] if c["text"].strip()]
        if not shown:
            continue
        sizes = Counter(c["size"] for c in shown)
        lines.append(
            _Line(
                text=clean_text(line["text"]).strip(),
                page=page.number,
                top=line["top"],
                bottom=line["bottom"],
                x0=line["x0"],
                size=sizes.most_common(1)[0][0],
                bold=all(_is_bold(c["fontname"]) for c in shown),
            )
        )
    return lines


def _running_lines(lines: list[_Line], heights: dict[int, float], pages: int) -> set[int]:
    """Ids of the lines that are running headers, footers or page numbers: in the top or
    bottom margin, and either a page number or the same words (numbers aside) on at least
    half of the pages (and on two at least)."""
    in_margin = [
        line
        for line in lines
        if line.top < heights[line.page] * MARGIN or line.bottom > heights[line.page] * (1 - MARGIN)
    ]
    seen = Counter(DIGITS.sub("#", line.text.lower()) for line in in_margin)
    repeated = {text for text, count in seen.items() if count >= max(2, pages / 2)}
    return {
        id(line)
        for line in in_margin
        if PAGE_NUMBER.match(line.text) or DIGITS.sub("#", line.text.lower()) in repeated
    }


def _heading_levels(lines: list[_Line], body: float) -> dict[float, int]:
    """A heading level for each size of line clearly larger than the body text's, the
    largest first."""
    larger = sorted({line.size for line in lines if line.size >= body * 1.15 + 0.5}, reverse=True)
    return {size: level for level, size in enumerate(larger[:5], start=1)}


def _blocks(
    lines: list[_Line], body: float, name: str, budget: Budget
) -> list[tuple[int, float, Block]]:
    """Lines into headings, list items and paragraphs, each with its page and height.
    `body` is the size most of the document's characters are set in, tables included (in
    an action plan nearly all the body text is in its tables)."""
    levels = _heading_levels(lines, body)
    bold_level = min(len(levels) + 1, 6)
    blocks: list[tuple[int, float, Block]] = []
    current: _Line | None = None  # the line the block being built started with
    last: _Line | None = None
    for line in lines:
        budget.paragraph()
        location = Location(name, page=line.page)
        bullet = BULLET.match(line.text)
        gap = (line.top - last.bottom) if last and last.page == line.page else None
        # A paragraph broken over a page goes on, in lower case, at the next page's top.
        over_page = (
            last is not None
            and last.page != line.page
            and bool(blocks)
            and isinstance(blocks[-1][2], Paragraph)
            and line.text[:1].islower()
            and not blocks[-1][2].text.endswith((".", "!", "?", ":"))
            and abs(line.x0 - last.x0) <= 2
        )
        same_block = (
            current is not None
            and last is not None
            # Lines of one paragraph sit closer than half a line apart; paragraphs and
            # lists are spaced further (Word's "space after", a browser's margins).
            # Headings are set with more leading: a heading's lines within most of a line.
            and (
                over_page
                or (
                    gap is not None
                    and gap
                    < max(last.bottom - last.top, 1.0) * (0.9 if line.size in levels else 0.5)
                )
            )
            and abs(line.size - last.size) < 0.5
            and line.bold == last.bold
            and not bullet
            # A list item's wrapped lines are indented under its text, not its bullet.
            and not (
                blocks
                and isinstance(blocks[-1][2], ListItem)
                and current is not None
                and line.x0 <= current.x0 + 2
            )
        )
        if line.size in levels:
            if same_block and isinstance(blocks[-1][2], Heading):
                heading = blocks[-1][2]
                heading.text = _join(heading.text, line.text)  # a heading set on two lines
            else:
                blocks.append(
                    (line.page, line.top, Heading(line.text, location, level=levels[line.size]))
                )
            current = line
        elif bullet:
            number = int(bullet.group(1)) if bullet.group(1) else None
            blocks.append((line.page, line.top, ListItem(bullet.group(2), location, number)))
            current = line
        elif same_block and current is not None and blocks:
            block = blocks[-1][2]
            # Wrapped text goes on: a list item's lines are indented under its text.
            if isinstance(block, (Paragraph, ListItem, Heading)):
                block.text = _join(block.text, line.text)
        else:
            blocks.append((line.page, line.top, Paragraph(line.text, location)))
            current = line
        last = line
    # A bold line standing alone (a paragraph of one line, not a sentence) is a heading:
    # councils set "Priority 1: Reducing violence" in bold body text more often than in a
    # heading style.
    bold_starts = {(line.page, line.top) for line in lines if line.bold}
    for index, (page, top, block) in enumerate(blocks):
        if (
            isinstance(block, Paragraph)
            and len(block.text) <= 150
            and not block.text.endswith((".", ",", ";"))
            and (page, top) in bold_starts  # a paragraph starts where its first line does
        ):
            blocks[index] = (page, top, Heading(block.text, block.location, level=bold_level))
    return blocks


def _same_columns(above: list[float], below: list[float]) -> bool:
    """Do two rows have their cells in the same places across the page?"""
    return len(above) == len(below) and all(
        abs(a - b) <= 3 for a, b in zip(above, below, strict=True)
    )


def _joined_over_pages(tables: list[PlacedTable]) -> list[PlacedTable]:
    """A row broken over a page break is one row: the last row of a table left open at the
    foot of a page and the first row of the next page's table left open at its head are
    joined, cell by cell."""
    joined: list[PlacedTable] = []
    for table in tables:
        before = joined[-1] if joined else None
        if (
            before is not None
            and before.open_bottom
            and table.open_top
            and table.page == before.page + 1
            and before.rows
            and table.rows
            and _same_columns(before.last_columns, table.first_columns)
        ):
            before.rows[-1] = [
                "\n".join(part for part in (above or "", below or "") if part)
                for above, below in zip_longest(before.rows[-1], table.rows[0])
            ]
            before.rows += table.rows[1:]
            before.fills += table.fills[1:]
            before.open_bottom = table.open_bottom
            before.last_columns = table.last_columns
            continue
        joined.append(table)
    return joined


def _read_pages(data: bytes, name: str, budget: Budget):
    """Every page's tables and lines, the pages' heights, and how many characters there are."""
    document = open_pdf(data, name)
    try:
        pages = len(document)
        if pages > MAX_PAGES:
            raise PlanFileError(
                _(
                    "%(name)s: the PDF has %(pages)s pages; a plan file can have at most %(limit)s. "
                    "Upload the pages that hold the plan."
                )
                % {"name": name, "pages": f"{pages:,}", "limit": MAX_PAGES}
            )
        lines: list[_Line] = []
        heights: dict[int, float] = {}
        found: list[PlacedTable] = []
        sizes: Counter = Counter()
        for index in range(pages):
            # Translators: where in a PDF, as in "plan.pdf, page 3: …".
            budget.tick(_("page %(number)s") % {"number": index + 1})
            page = read_page(document, index)
            heights[page.number] = page.height
            sizes.update(char["size"] for char in page.chars)
            found += page.tables
            lines += _page_lines(page)
    finally:
        document.close()
    return found, lines, heights, sizes


def read_pdf(data: bytes, name: str, budget: Budget | None = None) -> Document:
    budget = budget or Budget(name)
    document = Document(name)
    try:
        found, lines, heights, sizes = _read_pages(data, name, budget)
    except PlanFileError:
        raise
    except Exception as error:
        # A page's contents damaged part way: say which file, and that it is the file.
        raise PlanFileError(
            # Translators: %(error)s is what the PDF library said, in English.
            _(
                "%(name)s: the file could not be read as a PDF; it may be damaged or saved in another "
                "format (%(error)s)"
            )
            % {"name": name, "error": type(error).__name__}
        ) from None
    if not sizes:
        raise PlanFileError(
            _(
                "%(name)s: the PDF has no text in it, only images of pages (a scan, or a "
                "document printed to PDF as pictures). saferplan reads the text of a PDF and "
                "cannot read pictures of text: upload the Word document the plan was written "
                "in, or a PDF exported from it."
            )
            % {"name": name}
        )
    running = _running_lines(lines, heights, len(heights))
    body = sizes.most_common(1)[0][0]
    placed = _blocks([line for line in lines if id(line) not in running], body, name, budget)
    table_count = 0
    # Translators: where in a PDF, as in "plan.pdf, page 3, table 2: …".
    table_at = _("page %(page)s, table %(table)s")
    for found_table in _joined_over_pages(found):
        page = found_table.page
        place = table_at % {"page": page, "table": table_count + 1}
        rows = [
            budget.row([_cell(cell) for cell in _unspanned(row)], place) for row in found_table.rows
        ]
        for table in read_tables(
            rows, name, first_index=table_count + 1, fills=found_table.fills, spans_known=True
        ):
            table.location = Location(name, table=table.index, page=page)
            for row in table.rows:
                row.location = Location(name, line=row.location.line, table=table.index, page=page)
            placed.append((page, found_table.top, table))
            table_count = table.index
    placed.sort(key=lambda item: (item[0], item[1]))
    document.blocks = [block for _page, _top, block in placed]
    return document
