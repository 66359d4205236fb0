"""A published action plan in Welsh (issue 24): its page, PDF and Word in Welsh, the
partnership's English in it marked as English; its data formats stay English."""

import csv
import io

import docx
import openpyxl
import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from saferplan.plans.tests.factories import (
    ActionFactory,
    PlanFactory,
    PriorityFactory,
    UpdateFactory,
)

CANARY = "CANARY-welsh-action-plan-7f3a"


@pytest.fixture
def action_plan(partnership):
    plan = PlanFactory(
        partnership=partnership,
        kind="action",
        title="Hertsmere Community Safety Action Plan 2023 - 2024",
        period_start="2023-04-01",
        period_end="2024-03-31",
        status="published",
        publish_updates=True,
    )
    priority = PriorityFactory(plan=plan, number=1, title="Tackle anti-social behaviour")
    action = ActionFactory(priority=priority, title="Deploy mobile CCTV cameras", status="complete")
    UpdateFactory(action=action, described_on="2023-06-01", text="Cameras in nine hotspots")
    UpdateFactory(action=action, text=f"Named suspect {CANARY}", marking="official_sensitive")
    return plan


def welsh(name, *args):
    with translation.override("cy"):
        return reverse(name, args=args)


def test_the_welsh_action_plan_page_is_welsh_with_the_partnerships_english_marked(
    client, partnership, action_plan
):
    html = client.get(welsh("public:action-plan", partnership.slug, action_plan.pk)).content
    html = html.decode()
    assert '<html lang="cy"' in html
    for words in (
        "Allwedd RAG",  # RAG key
        "Ystyr",  # Meaning
        "Yn dangos 1 cam gweithredu.",
        "Cynllun gweithredu (blynyddol)",  # the plan's kind
        "1 Ebrill 2023 i 31 Mawrth 2024",
        "Wedi&#x27;i gwblhau",  # the action's status
        "Diweddariadau",  # the updates' column
        "1 Meh 2023",  # the update's date, Welsh month
    ):
        assert words in html, words
    assert '<span lang="en">Deploy mobile CCTV cameras</span>' in html
    assert '<span lang="en">Tackle anti-social behaviour</span>' in html
    assert '<span lang="en">Cameras in nine hotspots</span>' in html
    assert CANARY not in html
    # Its links lead to the Welsh PDF and Word, and back to the Welsh published plan.
    assert welsh("reports:public-plan-export", partnership.slug, action_plan.pk, "pdf") in html
    assert welsh("public:plan", partnership.slug) in html


def test_the_english_page_is_unchanged(client, partnership, action_plan):
    html = client.get(reverse("public:action-plan", args=[partnership.slug, action_plan.pk]))
    html = html.content.decode()
    assert '<html lang="en-GB"' in html
    assert "RAG key" in html
    assert "1 action shown." in html
    assert 'lang="en"' not in html.split("<main", 1)[1]  # nothing to mark on an English page


def test_the_welsh_pdf_and_word_are_welsh(client, partnership, action_plan):
    pdf = client.get(welsh("reports:public-plan-export", partnership.slug, action_plan.pk, "pdf"))
    reader = PdfReader(io.BytesIO(pdf.content))
    assert str(reader.trailer["/Root"]["/Lang"]) == "cy"
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Allwedd RAG" in text
    assert "Tudalen 1 o" in text
    assert CANARY not in text

    word = client.get(welsh("reports:public-plan-export", partnership.slug, action_plan.pk, "docx"))
    document = docx.Document(io.BytesIO(word.content))
    assert document.core_properties.language == "cy-GB"
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert "Allwedd RAG" in headings
    body = document.element.body.xml
    assert CANARY not in body
    # The action's title, in a table cell, is marked as English in the Welsh document.
    cell = next(
        c
        for t in document.tables
        for r in t.rows
        for c in r.cells
        if c.text == "Deploy mobile CCTV cameras"
    )
    assert 'w:val="en-GB"' in cell._tc.xml
    # The English document is not the Welsh one kept for it (the copies are kept per language).
    with translation.override("en-gb"):  # the thread keeps the last request's language
        english = client.get(
            reverse("reports:public-plan-export", args=[partnership.slug, action_plan.pk, "docx"])
        )
    english_headings = [
        p.text
        for p in docx.Document(io.BytesIO(english.content)).paragraphs
        if p.style.name == "Heading 1"
    ]
    assert "RAG key" in english_headings


def test_the_data_formats_stay_english_at_a_welsh_address(client, partnership, action_plan):
    response = client.get(
        welsh("reports:public-plan-export", partnership.slug, action_plan.pk, "csv")
    )
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert rows
    assert all(CANARY not in str(row) for row in rows)
    assert rows[0]["status"] == "complete"
    assert "Wedi'i" not in body
    workbook = openpyxl.load_workbook(
        io.BytesIO(
            client.get(
                welsh("reports:public-plan-export", partnership.slug, action_plan.pk, "xlsx")
            ).content
        )
    )
    cells = [str(c.value) for sheet in workbook for row in sheet.iter_rows() for c in row]
    assert "RAG key" in cells
    assert "Allwedd RAG" not in cells
