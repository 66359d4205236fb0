"""The action plan's documents in the council's shape (issue 22, deliverable 5): Word pages
A4 with councils' margins, columns as wide as what they hold, header rows repeated, no word
split between lines; the quarter layout in seed 004's columns and words; an Excel RAG cell
coloured by the value it shows, whatever a user chooses in Excel."""

import io

import docx
import pdfplumber
import pytest
from django.urls import reverse
from docx.oxml.ns import qn
from openpyxl import load_workbook

from saferplan.core.documents.word import WordDocument
from saferplan.partnerships.tests.factories import GroupFactory
from saferplan.plans.tests.factories import (
    ActionFactory,
    ObjectiveFactory,
    PlanFactory,
    PriorityFactory,
    RagChangeFactory,
    UpdateFactory,
)

from .files import word_layout_problems


@pytest.fixture
def plan(partnership):
    plan = PlanFactory(
        partnership=partnership,
        title="East Herts Community Safety Action Plan 2008-2009",
        period_start="2008-04-01",
        period_end="2009-03-31",
    )
    priority = PriorityFactory(plan=plan, number=1, title="Improve feelings of safety")
    objective = ObjectiveFactory(
        priority=priority,
        ref="1.1",
        title="Improve communications between partnership and public in East Herts",
        target_indicator="Perception of safety up 5% (local survey)",
    )
    objective.lead_groups.add(GroupFactory(partnership=partnership, name="Comms"))
    for title in ("Advertise the partnership logo", "Publish press releases in Link Magazine"):
        action = ActionFactory(
            priority=priority,
            objective=objective,
            title=title,
            owner_text="EHC, Police",
        )
        for day in ("2008-05-06", "2008-08-12", "2008-11-20", "2009-02-03"):
            UpdateFactory(
                action=action,
                described_on=day,
                text="Press release agreed with the Communications Group and published "
                "in the magazine and on the website; a follow-up is planned.",
            )
        RagChangeFactory(action=action, rating="green", reason="On track")
    return plan


def download(client, plan, kind, layout=""):
    url = reverse("reports:plan-export", args=[plan.partnership.slug, plan.pk, kind])
    response = client.get(url + (f"?layout={layout}" if layout else ""))
    assert response.status_code == 200
    return response.content


def grid(table) -> list[int]:
    return [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]


@pytest.mark.parametrize("layout", ["", "quarters"])
def test_the_word_plan_is_landscape_a4_with_narrow_margins_and_no_split_words(
    signed_in, viewer, plan, layout
):
    content = download(signed_in(viewer), plan, "docx", layout)
    assert word_layout_problems(content, orientation="landscape") == []


def test_the_update_column_is_the_widest_and_rag_the_narrowest(signed_in, viewer, plan):
    table = docx.Document(io.BytesIO(download(signed_in(viewer), plan, "docx"))).tables[1]
    header = [c.text for c in table.rows[0].cells]
    widths = dict(zip(header, grid(table), strict=True))
    assert max(widths, key=widths.get) == "Update"
    assert min(widths, key=widths.get) in ("Ref", "RAG")
    assert widths["RAG"] < widths["Status"] < widths["Owner"] < widths["Action"]
    # The table spans the page between its margins: 29.7 cm less 2 × 1.27 cm.
    assert sum(widths.values()) == pytest.approx(16838 - 2 * 720, abs=len(widths))


def test_the_quarter_layout_keeps_seed_004s_columns_and_words(signed_in, viewer, plan):
    table = docx.Document(io.BytesIO(download(signed_in(viewer), plan, "docx", "quarters"))).tables[
        1
    ]
    assert [c.text for c in table.rows[0].cells] == [
        "JAG ref",
        "Objective",
        "Actions",
        "Target & performance indicator",
        "Lead agency",
        "Lead action group(s)",
        "Status",
        "Quarter 1",
        "Quarter 2",
        "Quarter 3",
        "Quarter 4",
        "RAG",
    ]
    first = [c.text for c in table.rows[1].cells]
    assert first[:6] == [
        "1.1",
        "Improve communications between partnership and public in East Herts",
        "Advertise the partnership logo",
        "Perception of safety up 5% (local survey)",
        "EHC, Police",
        "Comms",
    ]
    # The objective's target and lead groups span its actions' rows, as its title does.
    second = table.rows[2].cells
    assert second[3]._tc is table.rows[1].cells[3]._tc
    assert second[5]._tc is table.rows[1].cells[5]._tc
    assert second[2].text == "Publish press releases in Link Magazine"


def test_a_column_is_never_narrower_than_its_longest_word(db):
    word = WordDocument(title="Widths", author="Bench", marking="")
    table = word.table(["Ref", "Note", "RAG"], widths=[1, 30, 1])
    word.row(table, ["1.1", "short", "Counterterrorism-partnership"])
    problems = word_layout_problems(word.save(), orientation="portrait")
    assert problems == []


def test_a_portrait_word_document_is_a4_with_2_cm_margins(db):
    word = WordDocument(title="Report", author="Bench", marking="OFFICIAL")
    table = word.table(["Priority", "Actions"])
    word.row(table, ["1. Reduce violence against women and girls", "12"])
    document = docx.Document(io.BytesIO(word.save()))
    assert word_layout_problems(word.save(), orientation="portrait") == []
    widths = grid(document.tables[0])
    assert widths[0] > 2 * widths[1]  # the text column, not the number, takes the room


def test_an_excel_rag_cell_is_coloured_by_the_value_it_shows(signed_in, viewer, plan):
    workbook = load_workbook(io.BytesIO(download(signed_in(viewer), plan, "xlsx")))
    sheet = workbook["Priority 1"]
    rag = sheet["I2"]
    assert rag.value == "Green"
    # No colour of its own, which would stay green when the user chooses Red ...
    assert rag.fill.fill_type is None
    # ... but a rule per rating over the whole column, which Excel applies to what it holds.
    rules = {
        rule.formula[0]: rule.dxf.fill.fgColor.rgb[-6:]
        for ranges in sheet.conditional_formatting
        if "I2:I200" in str(ranges.sqref)
        for rule in ranges.rules
    }
    assert rules == {
        '"Red"': "FF0000",
        '"Amber"': "FFC000",
        '"Green"': "00B050",
        '"White"': "FFFFFF",
    }


def pdf_first_page_columns(content: bytes) -> dict[str, str]:
    """The first page's action table (its last table) as a reader sees it: each column's
    heading and the words under it, read from the page within the heading cell's edges."""
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        page = pdf.pages[0]
        table = page.find_tables()[-1]
        columns = {}
        for left, top, right, bottom in table.rows[0].cells:
            heading = page.crop((left, top, right, bottom)).extract_text()
            end = max(table.bbox[3], bottom + 1)  # a header row alone has nothing under it
            below = page.crop((left, bottom, right, end)).extract_text()
            columns[" ".join(heading.split())] = " ".join(below.split())
        return columns


def test_the_pdf_quarter_layout_has_the_word_files_columns_words_and_values(
    signed_in, viewer, plan
):
    columns = pdf_first_page_columns(download(signed_in(viewer), plan, "pdf", "quarters"))
    word = docx.Document(io.BytesIO(download(signed_in(viewer), plan, "docx", "quarters")))
    assert list(columns) == [c.text for c in word.tables[1].rows[0].cells]
    assert "Issue" not in columns
    assert columns["JAG ref"] == "1.1"
    assert columns["Objective"].startswith("Improve communications between partnership")
    assert columns["Target & performance indicator"] == "Perception of safety up 5% (local survey)"
    assert columns["Lead action group(s)"] == "Comms"
    assert columns["Lead agency"].startswith("EHC, Police")
    assert columns["Quarter 1"].startswith("6 May 2008: Press release agreed")
    assert columns["Quarter 4"].startswith("3 Feb 2009: Press release agreed")


def test_the_pdf_quarter_layout_splits_no_word_between_lines(signed_in, viewer, plan):
    content = download(signed_in(viewer), plan, "pdf", "quarters")
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        words = {w["text"] for page in pdf.pages for w in page.extract_words()}
    for word in ("Communications", "communications", "partnership", "performance", "magazine"):
        assert word in words
