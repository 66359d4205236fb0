"""RAG ratings as plans show them (issue 21, deliverable 4): words, symbols (Wingdings ticks
and crosses as Word stores them) and cell shading."""

import datetime
import io

import pytest
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from openpyxl import Workbook
from openpyxl.styles import PatternFill

from saferplan.core import clock
from saferplan.imports.rag_reading import rag_of_colour, rag_of_text
from saferplan.imports.readers import parse_plan

from .documents import shade


@pytest.mark.parametrize(
    ("text", "rating"),
    [
        ("Amber", "amber"),
        ("On track", "green"),
        ("At risk", "amber"),
        ("Off track", "red"),
        ("Complete.", "green"),
        ("Not yet started", "white"),
        ("✓", "green"),
        ("✗", "red"),
        ("Partly", None),
    ],
)
def test_a_rating_in_words_or_symbols(text, rating):
    assert rag_of_text(text) == rating


@pytest.mark.parametrize(
    ("fill", "rating"),
    [
        ("FF0000", "red"),  # Word's standard red
        ("C00000", "red"),  # dark red
        ("FFC000", "amber"),  # Word's standard orange-gold
        ("FFFF00", "amber"),  # yellow
        ("00B050", "green"),  # Word's standard green
        ("92D050", "green"),  # light green
        ("0070C0", "green"),  # blue: complete
        ("FFFFFF", None),
        ("D9D9D9", None),  # grey header shading
        ("auto", None),
    ],
)
def test_a_rating_from_the_cells_shading(fill, rating):
    assert rag_of_colour(fill) == rating


def _wingdings(cell, char: str) -> None:
    symbol = OxmlElement("w:sym")
    symbol.set(qn("w:font"), "Wingdings")
    symbol.set(qn("w:char"), char)
    cell.paragraphs[0].add_run()._r.append(symbol)


def test_a_tracker_rated_by_shading_symbols_and_words_imports_each_rating():
    word = Document()
    word.add_heading("Anytown Community Safety Action Plan 2024-2025", level=1)
    word.add_heading("1. Reducing serious violence", level=2)
    rows = [
        ["Action", "Lead", "Progress", "RAG"],
        ["Knife crime sessions in schools", "Youth Service", "12/09/2024 Six booked", ""],
        ["Youth hub on Friday nights", "Council", "01/10/2024 Opened", ""],
        ["Test purchasing of knives", "Trading Standards", "05/11/2024 Two visits", ""],
        ["Street pastors in the town centre", "Churches Together", "05/11/2024 Started", "At risk"],
        ["Weapons sweeps in parks", "Police", "05/11/2024 Monthly", ""],
    ]
    table = word.add_table(rows=len(rows), cols=4)
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    shade(table.rows[1].cells[3], "FF0000")  # shaded red, no words
    shade(table.rows[2].cells[3], "00B050")  # shaded green
    _wingdings(table.rows[3].cells[3], "F0FC")  # a Wingdings tick
    _wingdings(table.rows[5].cells[3], "F0FB")  # a Wingdings cross
    out = io.BytesIO()
    word.save(out)

    plan = parse_plan(out.getvalue(), "tracker.docx")

    actions = plan.priorities[0].all_actions()
    assert [a.rag for a in actions] == ["red", "green", "green", "amber", "red"]
    assert not [w for w in plan.warnings if w.kind == "rag"]


def test_a_spreadsheet_rated_by_cell_colour_imports_each_rating():
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Action plan"
    sheet.append(["Priority", "Action", "Owner", "RAG"])
    sheet.append(["1. Reducing serious violence", "Knife crime sessions", "Youth Service", None])
    sheet.append(["1. Reducing serious violence", "Youth hub", "Council", None])
    sheet.append(["1. Reducing serious violence", "Test purchasing", "Trading Standards", "Amber"])
    sheet["D2"].fill = PatternFill(fill_type="solid", fgColor="FFFF0000")
    sheet["D3"].fill = PatternFill(fill_type="solid", fgColor="FF00B050")
    out = io.BytesIO()
    workbook.save(out)

    plan = parse_plan(out.getvalue(), "Anytown action plan 2024-2025.xlsx")

    assert [a.rag for a in plan.priorities[0].all_actions()] == ["red", "green", "amber"]


def test_a_pdf_rated_by_cell_colour_imports_each_rating():
    """A tracker printed to PDF: the RAG cells are coloured boxes with nothing written in."""
    import weasyprint

    rows = "".join(
        f"<tr><td>{action}</td><td>{owner}</td><td style='background:{colour}'></td></tr>"
        for action, owner, colour in [
            ("Knife crime sessions in schools", "Youth Service", "#FF0000"),
            ("Youth hub on Friday nights", "Council", "#FFC000"),
            ("Test purchasing of knives", "Trading Standards", "#00B050"),
        ]
    )
    html = (
        "<h1>Anytown Community Safety Action Plan 2024-2025</h1><h2>1. Reducing serious violence</h2>"
        "<table style='border-collapse:collapse'><tr><th>Action</th><th>Lead</th><th>RAG</th></tr>"
        f"{rows}</table>"
    )
    css = "td, th { border: 1px solid #000; padding: 4pt; height: 14pt } th { background: #D9D9D9 }"
    pdf = weasyprint.HTML(string=html).write_pdf(stylesheets=[weasyprint.CSS(string=css)])

    plan = parse_plan(pdf, "tracker.pdf")

    assert [a.rag for a in plan.priorities[0].all_actions()] == ["red", "amber", "green"]


def test_an_imported_rating_is_rated_as_of_the_documents_latest_update_of_the_action(
    coordinator, partnership
):
    """Not as of the day of the import (issue 22, deliverable 2): a board report on the
    document's period shows the ratings the document gave."""
    from saferplan.imports.services import plan_import
    from saferplan.plans.models import RagChange

    word = Document()
    word.add_heading("Anytown Community Safety Action Plan 2019-2020", level=1)
    word.add_heading("1. Reducing serious violence", level=2)
    rows = [
        ["Action", "Lead", "Progress", "RAG"],
        [
            "Knife crime sessions",
            "Youth Service",
            "12/06/2019 Booked\n03/09/2019 Six held",
            "Green",
        ],
        ["Youth hub", "Council", "", "Red"],
    ]
    table = word.add_table(rows=len(rows), cols=4)
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    out = io.BytesIO()
    word.save(out)

    plan = plan_import(
        actor=coordinator, partnership=partnership, file_name="plan.docx", content=out.getvalue()
    )

    ratings = RagChange.objects.filter(action__priority__plan=plan)
    sessions = ratings.get(action__title="Knife crime sessions")
    assert (sessions.rating, sessions.rated_on) == ("green", datetime.date(2019, 9, 3))
    youth_hub = ratings.get(action__title="Youth hub")  # no dated update: today, as given
    assert youth_hub.rated_on == clock.today()
