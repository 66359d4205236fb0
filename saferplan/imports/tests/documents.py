"""Plan documents for the importer's tests, written the way people save them: the seed plans
as Word documents (python-docx), Excel workbooks (openpyxl), CSV and HTML, built from the
seed's own parsed content so that each format must import to the same structure."""

import csv
import io
from html import escape

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from openpyxl import Workbook

from saferplan.imports.parsed import ParsedPlan

HEADINGS = ["Issue", "Action", "Owner", "Update", "RAG Rating"]


def _rows(priority):
    """(issue shown, action) pairs; the issue only on its first action, as the seeds do."""
    for objective in priority.objectives:
        for position, action in enumerate(objective.actions):
            yield (objective.title if position == 0 else ""), action
    for action in priority.actions:
        yield "", action


def to_docx(plan: ParsedPlan) -> bytes:
    word = Document()
    word.add_heading(plan.title, level=1)
    if plan.aims:
        word.add_paragraph("The strategic aims of the partnership are to:")
        for aim in plan.aims:
            word.add_paragraph(aim, style="List Bullet")
    for priority in plan.priorities:
        word.add_heading(f"{priority.number}. {priority.title}", level=2)
        table = word.add_table(rows=1, cols=len(HEADINGS))
        for cell, heading in zip(table.rows[0].cells, HEADINGS, strict=True):
            cell.text = heading
        for issue, action in _rows(priority):
            cells = table.add_row().cells
            cells[0].text, cells[1].text, cells[2].text = issue, action.title, action.owner_text
            update_cell = cells[3]
            update_cell.paragraphs[0].text = ""
            for number, update in enumerate(action.updates):
                paragraph = (
                    update_cell.paragraphs[0] if number == 0 else update_cell.add_paragraph()
                )
                paragraph.text = update.text
                paragraph.style = word.styles["List Bullet"]
            cells[4].text = action.rag
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def _one_row_per_action(plan: ParsedPlan):
    yield ["Priority", "Issue", "Action", "Owner", "Update", "RAG Rating"]
    for priority in plan.priorities:
        for issue, action in _rows(priority):
            yield [
                f"{priority.number}. {priority.title}",
                issue,
                action.title,
                action.owner_text,
                "\n".join(u.text for u in action.updates),
                action.rag,
            ]


def to_xlsx(plan: ParsedPlan) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Action plan"
    for row in _one_row_per_action(plan):
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def to_csv(plan: ParsedPlan) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    for row in _one_row_per_action(plan):
        writer.writerow(row)
    return out.getvalue().encode("utf-8-sig")


def to_html(plan: ParsedPlan) -> bytes:
    parts = [f"<html><body><h1>{escape(plan.title)}</h1>"]
    for priority in plan.priorities:
        parts.append(f"<h2>{priority.number}. {escape(priority.title)}</h2><table><tr>")
        parts.extend(f"<th>{h}</th>" for h in HEADINGS)
        parts.append("</tr>")
        for issue, action in _rows(priority):
            updates = "".join(f"<li>{escape(u.text)}</li>" for u in action.updates)
            parts.append(
                f"<tr><td>{escape(issue)}</td><td>{escape(action.title)}</td><td>{escape(action.owner_text)}</td><td><ul>{updates}</ul></td><td>{action.rag}</td></tr>"
            )
        parts.append("</table>")
    parts.append("</body></html>")
    return "".join(parts).encode()


# A PDF as Word's "Save as PDF" makes one: A4 landscape, ruled tables broken over pages
# (a row too tall for a page goes on over the next), a running header and page numbers.
PDF_STYLE = """
@page { size: A4 landscape; margin: 2cm 1.5cm;
  @top-center { content: "Community Safety Partnership – Action Plan"; font-size: 8pt }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 8pt } }
body { font-family: "DejaVu Sans", sans-serif; font-size: 9pt }
h1 { font-size: 18pt } h2 { font-size: 14pt } h3 { font-size: 12pt }
table { border-collapse: collapse; width: 100% }
th, td { border: 0.75pt solid #000; padding: 2pt 4pt; vertical-align: top; text-align: left }
th { background: #d9d9d9 } td ul { margin: 0; padding-left: 12pt }
"""


def to_pdf(plan: ParsedPlan) -> bytes:
    """The plan's HTML (to_html) printed to PDF by WeasyPrint, as a browser or Word prints."""
    import weasyprint

    return weasyprint.HTML(string=to_html(plan).decode()).write_pdf(
        stylesheets=[weasyprint.CSS(string=PDF_STYLE)]
    )


def shade(cell, fill: str) -> None:
    """Shade a python-docx table cell as Word does (<w:shd w:fill="RRGGBB">)."""
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def word_document(*blocks) -> bytes:
    """A Word document written block by block: ("h1"…"h3", text) headings ("h" is level 2),
    ("p", text) paragraphs, ("li", text) bullets, ("ol", text) numbered items ("List Number")
    and ("table", rows) tables of plain cells, or of (text, "RRGGBB") for a shaded cell; a row
    of one cell is merged across the table (a title row)."""
    word = Document()
    for kind, content in blocks:
        if kind == "table":
            table = word.add_table(rows=len(content), cols=len(content[0]))
            for row, values in zip(table.rows, content, strict=True):
                if len(values) == 1:
                    row.cells[0].merge(row.cells[-1]).text = values[0]
                    continue
                for cell, value in zip(row.cells, values, strict=True):
                    text, fill = value if isinstance(value, tuple) else (value, "")
                    cell.text = text
                    if fill:
                        shade(cell, fill)
        elif kind.startswith("h"):
            word.add_heading(content, level=int(kind[1:] or 2))
        elif kind == "li":
            word.add_paragraph(content, style="List Bullet")
        elif kind == "ol":
            word.add_paragraph(content, style="List Number")
        else:
            word.add_paragraph(content)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()
