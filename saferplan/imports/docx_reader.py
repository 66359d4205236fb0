"""Word (.docx) plans, read with python-docx: headings, paragraphs, lists and tables in order.
Bullets inside a table cell become an HTML list, so cells read the same as the seeds' cells.

The work is linear in the size of the document (docs/adr/0017). python-docx's own ways are
not: `paragraph.style` searches every style of the document for each paragraph (the default
style, when a paragraph names none), and `row.cells` finds a cell merged down the rows by
walking back up to its first row, for every row it spans. So the styles are read once into
a map, and a table's rows are walked once, remembering the cell above each column."""

import io
import zipfile
from html import escape

import docx
from django.utils.translation import gettext as _
from lxml import etree

from saferplan.core.text import clean_text

from .blocks import Document, Heading, ListItem, Paragraph
from .html_reader import read_tables
from .limits import MAX_COLUMNS, Budget, check_unpacked
from .parsed import Location, PlanFileError
from .rag_reading import symbol_character

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class _Styles:
    """The name (lower case) of each paragraph style, by its id, read once."""

    def __init__(self, word):
        self.names: dict[str, str] = {}
        self.default = ""
        for style in word.styles.element.iterchildren(f"{W}style"):
            if style.get(f"{W}type", "paragraph") != "paragraph":
                continue
            name = style.find(f"{W}name")
            label = (name.get(f"{W}val", "") if name is not None else "").lower()
            self.names[style.get(f"{W}styleId", "")] = label
            if style.get(f"{W}default") in ("1", "true", "on"):
                self.default = label

    def of(self, p) -> tuple[str, bool]:
        """(style name, numbered?) of a <w:p>; an unknown style is the default one."""
        properties = p.find(f"{W}pPr")
        if properties is None:
            return self.default, False
        style = properties.find(f"{W}pStyle")
        name = (
            self.names.get(style.get(f"{W}val", ""), self.default)
            if style is not None
            else self.default
        )
        return name, properties.find(f"{W}numPr") is not None


def _is_list(style: str, numbered: bool) -> bool:
    return "list" in style or numbered


def _heading_level(style: str) -> int | None:
    if style == "title":
        return 1
    if style.startswith("heading"):
        digits = "".join(c for c in style if c.isdigit())
        return int(digits) if digits else 2
    return None


def _text(p) -> str:
    """A <w:p>'s text (python-docx's: runs and hyperlinks, tabs and line breaks), and the
    characters of symbol fonts it shows (Wingdings ticks and crosses), which python-docx
    leaves out."""
    symbols = [
        symbol_character(sym.get(f"{W}font", ""), sym.get(f"{W}char", ""))
        for sym in p.iter(f"{W}sym")
    ]
    return clean_text(" ".join([p.text, *filter(None, symbols)])).strip()


def _fill(tc) -> str:
    """The cell's shading ("FF0000"), "" when it has none."""
    properties = tc.find(f"{W}tcPr")
    shading = properties.find(f"{W}shd") if properties is not None else None
    fill = shading.get(f"{W}fill", "") if shading is not None else ""
    return "" if fill.lower() in ("", "auto") else fill


def _cell_html(tc, styles: _Styles, budget: Budget) -> str:
    """A cell as HTML: its list paragraphs as <ul><li>, the others as <p>."""
    paragraphs = list(tc.iterchildren(f"{W}p"))
    budget.paragraph(len(paragraphs))
    parts, items = [], []
    for p in paragraphs:
        text = _text(p)
        if not text:
            continue
        if _is_list(*styles.of(p)):
            items.append(f"<li>{escape(text)}</li>")
            continue
        if items:
            parts.append("<ul>" + "".join(items) + "</ul>")
            items = []
        # A line break typed in a cell (Shift+Enter) separates lines as Excel's Alt+Enter does.
        lines = escape(text).replace("\n", "<br>")
        parts.append(f"<p>{lines}</p>" if len(paragraphs) > 1 else lines)
    if items:
        parts.append("<ul>" + "".join(items) + "</ul>")
    return " ".join(parts)


def _number(element, tag: str, default: int) -> int:
    found = element.find(tag)
    try:
        return int(found.get(f"{W}val")) if found is not None else default
    except (TypeError, ValueError):
        return default


def _rows(
    tbl, styles: _Styles, budget: Budget, table: int
) -> tuple[list[list[str]], list[list[str]]]:
    """Cell contents row by row, and each cell's shading. A cell merged across columns is
    read once; a cell merged down rows is read on its first row and is empty below (so an
    Issue carries down)."""
    rows: list[list[str]] = []
    fills: list[list[str]] = []
    above: dict[int, object] = {}  # grid column -> the first <w:tc> of the cell there
    # Translators: where in a document, as in "plan.docx, table 2, row 14: …".
    row_at = _("table %(table)s, row %(row)s")
    for number, tr in enumerate(tbl.iterchildren(f"{W}tr"), start=1):
        properties = tr.find(f"{W}trPr")
        column = _number(properties, f"{W}gridBefore", 0) if properties is not None else 0
        cells: list[str] = []
        shading: list[str] = []
        here: dict[int, object] = {}
        for tc in tr.iterchildren(f"{W}tc"):
            cell_properties = tc.find(f"{W}tcPr")
            span, merge = 1, None
            if cell_properties is not None:
                span = max(1, min(_number(cell_properties, f"{W}gridSpan", 1), MAX_COLUMNS))
                merged = cell_properties.find(f"{W}vMerge")
                if merged is not None:
                    merge = merged.get(f"{W}val", "continue")
            first = above.get(column) if merge == "continue" else None
            cells.append("" if first is not None else _cell_html(tc, styles, budget))
            shading.append(_fill(tc))
            for offset in range(span):
                here[column + offset] = first if first is not None else tc
            column += span
        above = here
        rows.append(budget.row(cells, row_at % {"table": table, "row": number}))
        fills.append(shading)
    return rows, fills


def _count(data: bytes, name: str, budget: Budget) -> None:
    """Refuse a document with too many paragraphs or table rows before python-docx builds
    it, by counting them as the XML streams past (its size is checked first)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        check_unpacked(archive, name)
        for item in archive.infolist():
            if not item.filename.endswith(".xml"):
                continue
            with archive.open(item) as xml:
                for _event, element in etree.iterparse(
                    xml,
                    events=("end",),
                    tag=(f"{W}p", f"{W}tr"),
                    resolve_entities=False,
                    no_network=True,
                ):
                    if element.tag == f"{W}tr":
                        budget.row([], _("table row %(number)s") % {"number": budget.rows + 1})
                    else:
                        budget.paragraph()
                    element.clear(keep_tail=True)
    budget.paragraphs = budget.rows = 0  # counted again as they are read


def read_docx(data: bytes, name: str, budget: Budget | None = None) -> Document:
    budget = budget or Budget(name)
    try:
        _count(data, name, budget)
        word = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as error:
        raise PlanFileError(
            # Translators: %(error)s is what the document library said, in English.
            _("%(name)s: this is not a Word document that can be opened (%(error)s)")
            % {"name": name, "error": error}
        ) from None
    styles = _Styles(word)
    document = Document(name)
    table_count = 0
    paragraph_number = 0
    list_number = 0  # the last of a run of "List Number" paragraphs: Word numbers them 1, 2 …
    for element in word.element.body.iterchildren(f"{W}p", f"{W}tbl"):
        if element.tag == f"{W}tbl":
            rows, fills = _rows(element, styles, budget, table_count + 1)
            for table in read_tables(
                rows, name, first_index=table_count + 1, fills=fills, spans_known=True
            ):
                document.blocks.append(table)
                table_count = table.index
            continue
        paragraph_number += 1
        budget.paragraph()
        text = _text(element)
        if not text:
            continue
        location = Location(name, line=paragraph_number)
        style, numbered = styles.of(element)
        level = _heading_level(style)
        if level is not None:
            block: Heading | ListItem | Paragraph = Heading(text, location, level=level)
        elif _is_list(style, numbered):
            list_number = list_number + 1 if style.startswith("list number") else 0
            block = ListItem(text, location, number=list_number or None)
        else:
            block = Paragraph(text, location)
        if not isinstance(block, ListItem):
            list_number = 0
        document.blocks.append(block)
    return document
