"""The Word document builder (python-docx): headings, paragraphs, bullets, tables with
header rows read as headers and repeated on every page, the document's language, title and
marking on every page; every text cleaned of what XML cannot hold.

Pages are A4 with the margins councils' templates use (2 cm; 1.27 cm, Word's "Narrow", for
landscape documents whose tables are wide). Every table has a fixed layout and a width for
each column and each cell, chosen by what the column holds (the widest for long text, never
narrower than its longest word), so Word and LibreOffice lay it out alike and never split a
word between lines; nothing is hyphenated."""

import io

import docx
from django.utils import translation
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt, RGBColor, Twips
from docx.table import Table

from saferplan.core import languages
from saferplan.core.text import clean_text

from .word_tables import fix_column_widths

HEADER_FILL = "D9D9D9"

# A4 in twentieths of a point (w:pgSz), portrait.
A4_WIDTH, A4_HEIGHT = Twips(11906), Twips(16838)
MARGIN = Cm(2)
NARROW_MARGIN = Cm(1.27)


def set_cell_fill(cell, fill: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    properties.append(shading)


def repeat_as_header(row) -> None:
    """Mark a row as the table's header row: repeated on each page and read as headers."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)
    no_split = OxmlElement("w:cantSplit")
    no_split.set(qn("w:val"), "true")
    properties.append(no_split)


class WordDocument:
    """A Word document built top to bottom: headings, paragraphs, tables and pictures.

    Every text goes into the document through these methods (or `run`), which remove the
    control characters XML cannot hold: text stored before they were refused on the way in
    would otherwise make the download fail."""

    def __init__(self, *, title: str, author: str, marking: str, landscape: bool = False):
        self.document = docx.Document()
        properties = self.document.core_properties
        properties.title = clean_text(title)
        properties.author = clean_text(author)
        # The document's language is the page's: Welsh for a Welsh page's document.
        language = "cy-GB" if translation.get_language() == "cy" else "en-GB"
        properties.language = language
        properties.keywords = clean_text(marking)
        self._language(language)
        styles = self.document.styles
        styles["Normal"].font.name = "Arial"
        styles["Normal"].font.size = Pt(10)
        for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
            styles[name].font.name = "Arial"
            styles[name].font.color.rgb = RGBColor(0x0B, 0x0C, 0x0C)
        # Words are never hyphenated (Word and LibreOffice would otherwise be free to).
        styles["Normal"].element.get_or_add_pPr().append(OxmlElement("w:suppressAutoHyphens"))
        section = self.document.sections[0]
        section.page_width, section.page_height = A4_WIDTH, A4_HEIGHT
        if landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = A4_HEIGHT, A4_WIDTH
        margin = NARROW_MARGIN if landscape else MARGIN
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, margin)
        self.text_width = Emu(section.page_width - 2 * margin)
        self._tables: list[tuple[Table, list[float] | None, float]] = []
        # The marking on every page, as protective marking guidance asks (none for the public).
        if marking:
            for part in (section.header, section.footer):
                self.run(part.paragraphs[0], marking, bold=True)

    def _language(self, tag: str) -> None:
        defaults = self.document.styles.element.find(qn("w:docDefaults"))
        run_properties = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        language = run_properties.find(qn("w:lang"))
        if language is None:
            language = OxmlElement("w:lang")
            run_properties.append(language)
        language.set(qn("w:val"), tag)
        language.set(qn("w:eastAsia"), tag)

    @staticmethod
    def run(paragraph, text: str, *, bold: bool = False):
        """Add `text` to `paragraph` (bold if asked)."""
        run = paragraph.add_run(clean_text(text))
        if bold:
            run.bold = True
        return run

    @staticmethod
    def link(paragraph, text: str, href: str):
        """Add `text` to `paragraph` as a link to `href` (mailto:, tel:, https:), underlined
        and blue as Word draws its own links."""
        from docx.opc.constants import RELATIONSHIP_TYPE

        relationship = paragraph.part.relate_to(href, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
        hyperlink = OxmlElement("w:hyperlink")
        hyperlink.set(qn("r:id"), relationship)
        run = paragraph.add_run(clean_text(text))
        run.font.underline = True
        run.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
        hyperlink.append(run._r)  # moved from the paragraph into the link
        paragraph._p.append(hyperlink)
        return hyperlink

    def heading(self, text: str, level: int, *, own: bool = False) -> None:
        """A heading; level 0 is the document's title. `own`: the partnership's words (a
        plan's or a priority's title), marked with their language as `written` marks them."""
        paragraph = self.document.add_heading(clean_text(text), level=level)
        if own:
            _mark_written(paragraph, languages.paragraph(text))

    def paragraph(self, text: str = "", *, bold: bool = False, style: str | None = None):
        paragraph = self.document.add_paragraph(style=style)
        if text:
            self.run(paragraph, text, bold=bold)
        return paragraph

    def written(self, text: str) -> None:
        """Paragraphs a partnership wrote, blank lines between them, each in its language
        (core.languages): Word is told each run's language, so a screen reader's voice and the
        spelling checker follow it, and a right-to-left paragraph runs right to left."""
        for part in languages.paragraphs(text):
            _mark_written(self.paragraph(part.text), part)

    @staticmethod
    def mark_own(part) -> None:
        """A paragraph, or a table cell, holding what a partnership typed (an action, its
        owner, its updates): in a Welsh document each paragraph is marked with its language,
        as `written` marks them; in an English one only a paragraph in another language."""
        for paragraph in getattr(part, "paragraphs", [part]):
            if paragraph.text:
                _mark_written(paragraph, languages.paragraph(paragraph.text))

    def bullets(self, items: list[str]) -> None:
        for item in items:
            self.document.add_paragraph(clean_text(item), style="List Bullet")

    def table(self, header: list[str], *, widths: list[float] | None = None, font_size: float = 10):
        """A table with `header` as its repeated header row. `widths`: the columns' relative
        widths; without them, widths follow what the columns hold. Either way the table
        spans the text width and no column is narrower than its longest word. A table of
        many columns may ask for a smaller `font_size` (points), as councils' wide tables do."""
        table = self.document.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        row = table.rows[0]
        repeat_as_header(row)
        for cell, text in zip(row.cells, header, strict=True):
            cell.text = ""
            WordDocument.run(cell.paragraphs[0], text, bold=True)
            set_cell_fill(cell, HEADER_FILL)
        if widths is not None and len(widths) != len(header):
            raise ValueError("A table needs one width per column.")
        self._tables.append((table, widths, font_size))
        return table

    def row(self, table, values: list[str]):
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            cell.text = clean_text(value)
        return cells

    def picture(self, png: bytes, *, alt_text: str, width_cm: float) -> None:
        run = self.document.add_paragraph().add_run()
        run.add_picture(io.BytesIO(png), width=Cm(width_cm))
        for properties in run._r.iter(qn("wp:docPr")):
            properties.set("descr", clean_text(alt_text))
            properties.set("title", clean_text(alt_text)[:100])

    def save(self) -> bytes:
        for table, widths, font_size in self._tables:
            fix_column_widths(
                table._tbl, int(self.text_width.twips), weights=widths, font_size=font_size
            )
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()


EAST_ASIAN = ("zh", "ja", "ko")


def _mark_written(paragraph, part: "languages.Paragraph") -> None:
    """Mark a paragraph a partnership wrote with its language where the document is in
    another (core.languages.marked_on_page)."""
    lang = languages.marked_on_page(part)
    if lang == "en":  # English in a Welsh document, as Word names British English
        _mark_language(paragraph, languages.Paragraph(part.text, "en-GB"))
    elif lang:
        _mark_language(paragraph, part)


def _mark_language(paragraph, part: "languages.Paragraph") -> None:
    """w:lang on each run, in the attribute Word reads for the script (w:bidi for a
    right-to-left one, w:eastAsia for Chinese, Japanese and Korean), and w:rtl and w:bidi
    for a right-to-left paragraph. Elements go last in their parents, where the schema puts
    them: after a run's bold, and in a paragraph without other properties."""
    right_to_left = part.dir == "rtl"
    if right_to_left:
        paragraph._p.get_or_add_pPr().append(OxmlElement("w:bidi"))
        attribute = "w:bidi"
    elif part.lang.split("-")[0] in EAST_ASIAN:
        attribute = "w:eastAsia"
    else:
        attribute = "w:val"
    for run in paragraph.runs:
        properties = run._element.get_or_add_rPr()
        if right_to_left:
            properties.append(OxmlElement("w:rtl"))
        lang = OxmlElement("w:lang")
        lang.set(qn(attribute), part.lang)
        properties.append(lang)
