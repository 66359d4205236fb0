"""The action plan as Word, Excel and PDF: opened with python-docx, openpyxl and pypdf and
read as a person would (headings, header rows, RAG words, markings), and imported again."""

import io
from pathlib import Path

import docx
import pytest
from django.urls import reverse
from docx.oxml.ns import qn
from openpyxl import load_workbook
from pypdf import PdfReader

from saferplan.imports import services as import_services
from saferplan.imports.readers import parse_plan
from saferplan.plans.models import Update
from saferplan.plans.tests.factories import (
    ActionFactory,
    ObjectiveFactory,
    PlanFactory,
    PriorityFactory,
    RagChangeFactory,
    UpdateFactory,
)

SEEDS = Path(__file__).resolve().parents[2] / "demo" / "seeds"
SEED_003 = "003_beef6faf28b908d0.txt"


@pytest.fixture
def plan(partnership):
    plan = PlanFactory(
        partnership=partnership,
        title="Hertsmere Community Safety Action Plan 2019 - 2020",
        period_start="2019-04-01",
        period_end="2020-03-31",
        status="published",
    )
    priority = PriorityFactory(
        plan=plan, number=1, title="Identify and prevent serious youth violence"
    )
    objective = ObjectiveFactory(
        priority=priority, ref="1.1", title="Raise awareness of knife crime"
    )
    events = ActionFactory(
        priority=priority,
        objective=objective,
        title="Arrange events in the community",
        owner_text="Hertsmere Community Safety Team",
        status="in_progress",
    )
    UpdateFactory(action=events, described_on="2019-10-06", text="Charity event at the club")
    UpdateFactory(action=events, described_on="2019-06-25", text="25/06/2019 school event")
    RagChangeFactory(action=events, rating="amber", reason="Venue not confirmed")
    workshops = ActionFactory(
        priority=priority,
        objective=objective,
        title="Arrange workshops in schools",
        owner_text="Hertsmere Community Safety Partnership",
    )
    RagChangeFactory(action=workshops, rating="red", reason="No school has agreed")
    PriorityFactory(plan=plan, number=2, title="Tackle the illicit drug economy")
    return plan


def download(client, plan, kind, *, public=False, layout=""):
    name = "reports:public-plan-export" if public else "reports:plan-export"
    url = reverse(name, args=[plan.partnership.slug, plan.pk, kind])
    response = client.get(url + (f"?layout={layout}" if layout else ""))
    assert response.status_code == 200, response.content[:500]
    return response


def word_of(response) -> docx.document.Document:
    return docx.Document(io.BytesIO(response.content))


def pdf_text(response) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


# Word --------------------------------------------------------------------------------------


def test_the_word_plan_has_headings_per_priority_and_the_seeds_table(signed_in, viewer, plan):
    word = word_of(download(signed_in(viewer), plan, "docx"))
    headings = [
        (p.style.name, p.text)
        for p in word.paragraphs
        if p.style.name.startswith(("Title", "Heading"))
    ]
    assert headings == [
        ("Title", "Hertsmere Community Safety Action Plan 2019 - 2020"),
        ("Heading 1", "RAG key"),
        ("Heading 1", "1. Identify and prevent serious youth violence"),
        ("Heading 1", "2. Tackle the illicit drug economy"),
    ]
    actions = word.tables[1]
    assert [c.text for c in actions.rows[0].cells] == [
        "Ref",
        "Issue",
        "Action",
        "Owner",
        "Status",
        "Update",
        "RAG",
    ]
    first = [c.text for c in actions.rows[1].cells]
    assert first[:5] == [
        "1.1",
        "Raise awareness of knife crime",
        "Arrange events in the community",
        "Hertsmere Community Safety Team",
        "In progress",
    ]
    # Oldest first; a date is written in front of an update whose text does not state it.
    assert first[5] == "25/06/2019 school event\n06/10/2019: Charity event at the club"
    assert (first[6], [c.text for c in actions.rows[2].cells][6]) == ("Amber", "Red")
    # The Issue spans its two actions, as in the seeds.
    assert actions.rows[1].cells[1]._tc is actions.rows[2].cells[1]._tc


def test_word_rag_cells_say_the_word_on_its_colour_and_header_rows_repeat(signed_in, viewer, plan):
    word = word_of(download(signed_in(viewer), plan, "docx"))
    key = word.tables[0]
    fills = {
        row.cells[0].text: row.cells[0]._tc.tcPr.find(qn("w:shd")).get(qn("w:fill"))
        for row in key.rows[1:]
    }
    assert fills == {"Red": "FF0000", "Amber": "FFC000", "Green": "00B050", "White": "FFFFFF"}
    assert key.rows[1].cells[1].text == "Progress or delivery well below target"
    for table in word.tables:
        header = table.rows[0]._tr.trPr.find(qn("w:tblHeader"))
        assert header is not None
        assert header.get(qn("w:val")) == "true"


def test_the_word_plan_has_its_language_title_and_landscape_pages(signed_in, viewer, plan):
    word = word_of(download(signed_in(viewer), plan, "docx"))
    assert word.core_properties.title == plan.title
    assert word.core_properties.language == "en-GB"
    lang = word.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    assert lang.find(qn("w:rPr")).find(qn("w:lang")).get(qn("w:val")) == "en-GB"
    section = word.sections[0]
    assert section.page_width > section.page_height
    assert section.header.paragraphs[0].text == "OFFICIAL"


def test_the_quarter_layout_puts_updates_in_quarter_1_to_4_columns(signed_in, viewer, plan):
    word = word_of(download(signed_in(viewer), plan, "docx", layout="quarters"))
    table = word.tables[1]
    assert [c.text for c in table.rows[0].cells][-5:] == [
        "Quarter 1",
        "Quarter 2",
        "Quarter 3",
        "Quarter 4",
        "RAG",
    ]
    row = [c.text for c in table.rows[1].cells]
    assert row[-5:] == [
        "25/06/2019 school event",
        "",
        "06/10/2019: Charity event at the club",
        "",
        "Amber",
    ]


# Excel -------------------------------------------------------------------------------------


def test_the_excel_plan_has_a_summary_and_a_sheet_per_priority(signed_in, viewer, plan):
    workbook = load_workbook(io.BytesIO(download(signed_in(viewer), plan, "xlsx").content))
    assert workbook.sheetnames == ["Summary", "Priority 1", "Priority 2"]
    summary = [
        [c for c in row if c is not None] for row in workbook["Summary"].iter_rows(values_only=True)
    ]
    assert ["1. Identify and prevent serious youth violence", 2, 1, 1, 0, 0, 0, 0] in summary
    sheet = workbook["Priority 1"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == (
        "Priority",
        "Ref",
        "Issue",
        "Action",
        "Owner",
        "Status",
        "Due date",
        "Update",
        "RAG",
    )
    assert rows[1][3] == "Arrange events in the community"
    assert rows[1][8] == "Amber"
    assert rows[2][8] == "Red"
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:I3"
    (validation,) = sheet.data_validations.dataValidation
    assert validation.type == "list"
    assert validation.formula1 == '"Red,Amber,Green,White"'
    assert "I2" in validation.sqref


def test_excel_cells_that_look_like_formulas_stay_text(signed_in, viewer, plan):
    ActionFactory(
        priority=plan.priorities.get(number=2), title='=HYPERLINK("http://evil.example","x")'
    )
    workbook = load_workbook(io.BytesIO(download(signed_in(viewer), plan, "xlsx").content))
    cell = workbook["Priority 2"]["D2"]
    assert cell.value == '=HYPERLINK("http://evil.example","x")'
    assert cell.data_type == "s"


# PDF ---------------------------------------------------------------------------------------


def test_the_pdf_plan_has_its_title_language_and_tables(signed_in, viewer, plan):
    response = download(signed_in(viewer), plan, "pdf")
    reader = PdfReader(io.BytesIO(response.content))
    assert reader.metadata.title == plan.title
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged: headings and table headers
    # As read aloud: a table cell's words wrap at the column's width, wherever that falls.
    text = " ".join(pdf_text(response).split())
    for expected in [
        "1. Identify and prevent serious youth violence",
        "Arrange events in the community",
        "Progress or delivery well below target",
        "Amber",
        "Red",
    ]:
        assert expected in text


# Imported again ----------------------------------------------------------------------------


def _tree(parsed):
    """Priorities, issues, actions, owners and each action's updates (text and date)."""
    return [
        (
            p.number,
            p.title,
            [
                (
                    o.title,
                    [
                        (a.title, a.owner_text, sorted((u.described_on, u.text) for u in a.updates))
                        for a in o.actions
                    ],
                )
                for o in p.objectives
            ],
        )
        for p in parsed.priorities
    ]


@pytest.mark.parametrize(("kind", "layout"), [("docx", ""), ("docx", "quarters"), ("xlsx", "")])
def test_an_exported_seed_plan_imports_again_as_it_was(
    signed_in, coordinator, partnership, kind, layout
):
    seed = parse_plan((SEEDS / SEED_003).read_bytes(), SEED_003)
    plan = import_services.plan_import(
        actor=coordinator,
        partnership=partnership,
        file_name=SEED_003,
        content=(SEEDS / SEED_003).read_bytes(),
    )
    response = download(signed_in(coordinator), plan, kind, layout=layout)
    again = parse_plan(response.content, f"{plan.title}.{kind}")
    assert _tree(again) == _tree(seed), _tree_diff(_tree(seed), _tree(again))
    if kind == "docx":
        assert again.title == plan.title
    sensitive = [
        u.text
        for p in again.priorities
        for o in p.objectives
        for a in o.actions
        for u in a.updates
        if u.sensitive
    ]
    assert sensitive == [
        u.text
        for u in Update.objects.filter(action__priority__plan=plan, marking="official_sensitive")
    ]


def _tree_diff(a, b):
    import difflib

    return "\n".join(
        difflib.unified_diff(
            [repr(x) for x in _flat(a)], [repr(x) for x in _flat(b)], lineterm="", n=1
        )
    )


def _flat(tree):
    for p in tree:
        for o in p[2]:
            for a in o[1]:
                yield (p[0], o[0][:30], a[0][:50], a[1])
                for u in a[2]:
                    yield ("   ", u)


def test_the_public_word_plan_leaves_updates_out_unless_the_coordinator_publishes_them(
    client, plan
):
    plan.publish_updates = False
    plan.save()
    word = word_of(download(client, plan, "docx", public=True))
    assert [c.text for c in word.tables[1].rows[0].cells] == [
        "Ref",
        "Issue",
        "Action",
        "Owner",
        "Status",
        "RAG",
    ]
    assert "not published" in "\n".join(p.text for p in word.paragraphs)
    plan.publish_updates = True
    plan.save()
    word = word_of(download(client, plan, "docx", public=True))
    assert "Update" in [c.text for c in word.tables[1].rows[0].cells]


def test_the_plan_overview_offers_every_format(signed_in, viewer, plan):
    page = signed_in(viewer).get(reverse("plans:overview", args=[plan.partnership.slug, plan.pk]))
    shown = page.content.decode()
    for kind in ["xlsx", "csv", "json"]:
        assert reverse("reports:plan-export", args=[plan.partnership.slug, plan.pk, kind]) in shown
    # Word and PDF are made in the background (test_action_plan_jobs), in either layout.
    prepare = reverse("reports:plan-document-prepare", args=[plan.partnership.slug, plan.pk])
    assert f'action="{prepare}"' in shown
    for choice in (
        'name="document" value="pdf"',
        'name="document" value="docx"',
        'value="quarters"',
    ):
        assert choice in shown


# What a PDF may load ----------------------------------------------------------------------


def test_a_pdf_loads_no_url_and_no_file_outside_saferplan_whatever_its_html_names(tmp_path):
    """Defence in depth behind the templates' escaping: markup naming a server file or a
    network address makes a PDF without them (nothing fetched), while a data: picture (how
    saferplan's own charts and maps are drawn) still appears."""
    import base64
    import http.server
    import threading

    from PIL import Image

    from saferplan.core.documents.pdf import html_to_pdf

    picture = tmp_path / "secret.png"
    Image.new("RGB", (4, 4), "red").save(picture)
    requests = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    address = f"http://127.0.0.1:{server.server_port}"
    try:
        outside = html_to_pdf(
            f'<html lang="en-GB"><head><title>T</title>'
            f'<link rel="stylesheet" href="{address}/style.css"></head><body><h1>T</h1>'
            f'<img src="{picture.as_uri()}" alt="a"><img src="{address}/map.png" alt="b">'
            f'<img src="../../../{picture}" alt="c"></body></html>'
        )
    finally:
        server.shutdown()
    assert requests == []
    assert all(not page.images for page in PdfReader(io.BytesIO(outside)).pages)

    data = base64.b64encode(picture.read_bytes()).decode()
    inside = html_to_pdf(
        f'<html lang="en-GB"><head><title>T</title></head><body><h1>T</h1>'
        f'<img src="data:image/png;base64,{data}" alt="a red square"></body></html>'
    )
    assert len(PdfReader(io.BytesIO(inside)).pages[0].images) == 1
