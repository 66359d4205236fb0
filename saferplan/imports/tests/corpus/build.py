"""Turn a corpus plan's source.md into the Word document a council would have made.

`#` lines become real Heading 1/2/3 paragraphs, `- ` lines List Bullet, `1. ` lines List Number,
pipe tables real Word tables whose first row is a repeated header row ("<br>" in a cell a line
break in it, in Word, Excel and PDF alike); every other line is a Normal paragraph. Nothing is
inferred beyond the Markdown: the words are the source's.
"""

from __future__ import annotations

import re
from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

CORPUS = Path(__file__).resolve().parent

_HEADING = re.compile(r"^(#{1,3})\s+(.*)$")
_BULLET = re.compile(r"^-\s+(.*)$")
_NUMBERED = re.compile(r"^\d+\.\s+(.*)$")
_RULE = re.compile(r"^\|\s*:?-{3,}")


def plans() -> list[str]:
    """The slugs of every plan in the corpus."""
    return sorted(p.parent.name for p in CORPUS.glob("*/source.md"))


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def _mark_header(row) -> None:
    """Word's "repeat as header row at the top of each page": what a council's table header is."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _add_table(document, rows: list[list[str]]) -> None:
    width = max(len(row) for row in rows)
    table = document.add_table(rows=0, cols=width)
    table.style = "Table Grid"
    for index, cells in enumerate(rows):
        row = table.add_row()
        for column, text in enumerate(cells + [""] * (width - len(cells))):
            row.cells[column].text = text.replace("<br>", "\n")  # a line break (Shift+Enter)
            if index == 0:
                for run in row.cells[column].paragraphs[0].runs:
                    run.bold = True
        if index == 0:
            _mark_header(row)


def build_docx(source: Path | str, target: Path | str) -> Path:
    """Write the Word document for one source.md; returns the target path."""
    source, target = Path(source), Path(target)
    document = docx.Document()
    lines = source.read_text(encoding="utf-8").splitlines()
    table: list[list[str]] = []
    for line in [*lines, ""]:
        if line.startswith("|"):
            if not _RULE.match(line):
                table.append(_cells(line))
            continue
        if table:
            _add_table(document, table)
            table = []
        if not line.strip():
            continue
        if match := _HEADING.match(line):
            document.add_heading(match.group(2), level=len(match.group(1)))
        elif match := _BULLET.match(line):
            document.add_paragraph(match.group(1), style="List Bullet")
        elif match := _NUMBERED.match(line):
            document.add_paragraph(match.group(1), style="List Number")
        else:
            document.add_paragraph(line)
    target.parent.mkdir(parents=True, exist_ok=True)
    document.save(target)
    return target


def build_xlsx(source: Path | str, target: Path | str, sheet: str = "Sheet1") -> Path:
    """The workbook a council keeps a table-shaped plan in (openpyxl, one sheet named `sheet`):
    the headings and lines before the table in the first rows (a title over a table of more
    than one column merged across it), the table's heading row, then one row per table row;
    a row with only its first cell filled is a title row merged across the table. "<br>" in
    a cell is a line break, as a council types one (Alt+Enter) before each "•" or "-"."""
    import openpyxl
    from openpyxl.styles import Alignment, Font

    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    lines = Path(source).read_text(encoding="utf-8").splitlines()
    rows = [_cells(line) for line in lines if line.startswith("|") and not _RULE.match(line)]
    width = max((len(row) for row in rows), default=1)
    header = True
    for line in lines:
        if not line.strip() or _RULE.match(line):
            continue
        if not line.startswith("|"):
            match = _HEADING.match(line) or _BULLET.match(line)
            worksheet.append([match.group(match.lastindex or 0) if match else line])
            title = bool(_HEADING.match(line))
        else:
            cells = [c.replace("<br>", "\n") for c in _cells(line)]
            worksheet.append(cells)
            title = len(cells) == 1 or not any(cells[1:])
            for cell in worksheet[worksheet.max_row]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                cell.font = Font(bold=header)
            header = False
        if title and width > 1:
            row = worksheet.max_row
            worksheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    target = Path(target)
    workbook.save(target)
    return target


PDF_STYLE = """
@page { size: A4; margin: 2.5cm 2cm;
  @top-right { content: "Community Safety Partnership"; font-size: 8pt }
  @bottom-center { content: "Page " counter(page); font-size: 8pt } }
body { font-family: "DejaVu Sans", sans-serif; font-size: 10pt }
h1 { font-size: 18pt } h2 { font-size: 14pt } h3 { font-size: 12pt }
table { border-collapse: collapse; width: 100% }
th, td { border: 0.75pt solid #000; padding: 2pt 4pt; vertical-align: top; text-align: left }
"""


def _html_table(rows: list[list[str]], *, head: bool) -> str:
    from html import escape as escape_text

    def escape(cell: str) -> str:
        """The cell's text as HTML, "<br>" in it a line break."""
        return "<br>".join(escape_text(part) for part in cell.split("<br>"))

    first, *rest = rows
    cell = "th" if head else "td"
    return (
        "<table><tr>"
        + "".join(f"<{cell}>{escape(c)}</{cell}>" for c in first)
        + "</tr>"
        + "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rest)
        + "</table>"
    )


def markdown_html(text: str) -> str:
    """Text written as source.md is (or as the seeds are: the same Markdown-ish lines, with
    tab-separated lines for a table without a heading row) as the HTML of a web page or a
    Word document saved as HTML, in document order. A numbered item keeps its own number."""
    from html import escape

    parts: list[str] = []
    table: list[list[str]] = []
    tabbed = False
    open_list = ""
    for line in [*text.splitlines(), ""]:
        if line.startswith("|") or "\t" in line:
            if open_list:
                parts.append(f"</{open_list}>")
                open_list = ""
            if table and tabbed != ("\t" in line):
                parts.append(_html_table(table, head=not tabbed))
                table = []
            tabbed = "\t" in line
            if tabbed or not _RULE.match(line):
                table.append(line.split("\t") if tabbed else _cells(line))
            continue
        if table:
            parts.append(_html_table(table, head=not tabbed))
            table = []
        kind = "ul" if _BULLET.match(line) else "ol" if _NUMBERED.match(line) else ""
        if open_list and kind != open_list:
            parts.append(f"</{open_list}>")
            open_list = ""
        if not line.strip():
            continue
        if kind and not open_list:
            parts.append(f"<{kind}>")
            open_list = kind
        if match := _HEADING.match(line):
            level = len(match.group(1))
            parts.append(f"<h{level}>{escape(match.group(2))}</h{level}>")
        elif match := _BULLET.match(line):
            parts.append(f"<li>{escape(match.group(1))}</li>")
        elif match := _NUMBERED.match(line):
            number = line.split(".", 1)[0]
            parts.append(f'<li value="{number}">{escape(match.group(1))}</li>')
        else:
            parts.append(f"<p>{escape(line)}</p>")
    return "<html><body>" + "".join(parts) + "</body></html>"


def source_html(source: Path | str) -> str:
    """The source.md as the HTML of a web page or a Word document saved as HTML."""
    return markdown_html(Path(source).read_text(encoding="utf-8"))


def print_pdf(html: str) -> bytes:
    """HTML printed to PDF (WeasyPrint), as a council publishes a plan: headings by size,
    ruled tables, a running header and page numbers."""
    import weasyprint

    return weasyprint.HTML(string=html).write_pdf(stylesheets=[weasyprint.CSS(string=PDF_STYLE)])


def build_pdf(source: Path | str, target: Path | str) -> Path:
    """The plan printed to PDF (print_pdf of its source_html)."""
    target = Path(target)
    target.write_bytes(print_pdf(source_html(source)))
    return target


def build_all(directory: Path | str) -> list[Path]:
    """Build every corpus plan as <slug>.docx into directory (a test's tmp_path)."""
    directory = Path(directory)
    return [build_docx(CORPUS / slug / "source.md", directory / f"{slug}.docx") for slug in plans()]


if __name__ == "__main__":  # python build.py OUTDIR
    import sys

    for path in build_all(sys.argv[1] if len(sys.argv) > 1 else "corpus-docx"):
        print(path)
