"""What people type reaches every downloaded file as text, never as something that runs.

Every text field of every record made by the URL sweep's fixture is overwritten (as in the
stored-XSS sweep), then every download saferplan offers — CSV, JSON, Excel, Word and PDF, the
members' and the public's — is fetched:

- with markup typed everywhere, Word and PDF show it as the characters typed (Word's XML is
  still valid; WeasyPrint drew it as text, it did not load `<img src=x>`);
- with spreadsheet formulas typed everywhere (=, +, -, @: OWASP's CSV injection), no CSV cell
  starts with a character a spreadsheet would run, and no Excel cell is a formula.
"""

import csv
import io
import re
import zipfile

import docx
import pytest
from django.db import connection
from openpyxl import load_workbook

from saferplan.core.csv_download import FORMULA_STARTS
from saferplan.reports.tests.files import readable_text
from tests.test_stored_xss import PAYLOAD, overwrite_every_text_field
from tests.test_url_access import ROUTES

pytestmark = pytest.mark.django_db

FORMULAS = [
    '=HYPERLINK("http://evil.example","Click")',
    "+SUM(1,2)",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1,2)",
]
DOCUMENT_KINDS = ("csv", "json", "xlsx", "docx", "pdf")
NUMBER = re.compile(r"-?\d+(\.\d+)?%?")


def downloads(client, build) -> dict[str, bytes]:
    """Every file the routes give (each format of a route that takes one), by URL."""
    files = {}
    for name, args in ROUTES:
        url = build(name, args)
        variants = [url]
        ending = re.search(r"\.(csv|pdf)$", url)
        if "kind" in args and ending:
            variants = [url[: ending.start() + 1] + kind for kind in DOCUMENT_KINDS]
        for variant in variants:
            response = client.get(variant)
            if response.status_code != 200 or "text/html" in response.headers["Content-Type"]:
                continue
            body = b"".join(response.streaming_content) if response.streaming else response.content
            files[variant] = body
    return files


def kind_of(url: str) -> str:
    return url.rsplit(".", 1)[-1].split("?")[0]


@pytest.fixture
def member(client, coordinator):
    client.force_login(coordinator)
    return client


def test_typed_markup_is_text_in_every_word_and_pdf_file(member, url_for, partnership):
    overwrite_every_text_field(partnership, lambda n: PAYLOAD)
    files = downloads(member, url_for)
    documents = {url: body for url, body in files.items() if kind_of(url) in ("docx", "pdf")}
    assert len(documents) >= 8, sorted(
        files
    )  # action plans, published plan, board report, hotspots
    shown = []
    for url, body in documents.items():
        if kind_of(url) == "docx":
            word = docx.Document(io.BytesIO(body))  # still valid XML
            text = "\n".join(p.text for p in word.paragraphs) + "\n".join(
                cell.text for table in word.tables for row in table.rows for cell in row.cells
            )
            with zipfile.ZipFile(io.BytesIO(body)) as archive:
                xml = archive.read("word/document.xml").decode()
            assert "<script>" not in xml, url
        else:
            text = readable_text("pdf", body)
        if "window.xss" in text:
            assert "<script>window.xss=1</script>" in text, url
            shown.append(url)
    # The typed text is in the documents (as the characters typed), not left out.
    assert len(shown) >= len(documents) - 2, sorted(set(documents) - set(shown))


def test_typed_formulas_never_run_in_a_csv_or_excel_file(member, url_for, partnership):
    overwrite_every_text_field(partnership, lambda n: FORMULAS[n % len(FORMULAS)])
    files = downloads(member, url_for)
    sheets = {url: body for url, body in files.items() if kind_of(url) in ("csv", "xlsx")}
    assert len(sheets) >= 4, sorted(files)
    typed_seen = 0
    for url, body in sheets.items():
        if kind_of(url) == "csv":
            text = body.decode("utf-8-sig")
            for row_number, row in enumerate(csv.reader(io.StringIO(text)), 1):
                for column, cell in enumerate(row, 1):
                    # a plain number (a fall of -54) runs nothing and stays a number
                    assert not cell.startswith(FORMULA_STARTS) or NUMBER.fullmatch(cell), (
                        f"{url} row {row_number} column {column}: {cell!r}"
                    )
                    typed_seen += any(f"'{formula}" in cell for formula in FORMULAS)
        else:
            workbook = load_workbook(io.BytesIO(body))
            for sheet in workbook.worksheets:
                for row in sheet.iter_rows():
                    for cell in row:
                        assert cell.data_type != "f", f"{url} {sheet.title}!{cell.coordinate}"
                        typed_seen += isinstance(cell.value, str) and any(
                            formula in cell.value for formula in FORMULAS
                        )
    assert typed_seen >= 10  # the typed formulas are in the files, as text


def control_characters(n: int) -> str:
    """Text as it arrives pasted from Word (a vertical tab is Word's line break), typed
    through an old terminal or read from a damaged CSV: C0 controls, DEL and C1 controls.
    NUL only where the database keeps it (PostgreSQL refuses it in text, so it can only be
    stored on SQLite)."""
    nul = "\x00" if connection.vendor == "sqlite" else ""
    return f"Line one\x0bline two\x0cpage{nul} bell\x07 escape\x1b[31m del\x7f c1\x85\x9f end {n}"


def download_statuses(client, build) -> dict[str, int]:
    """The status of every download route (each format of a route that takes one), whether
    it answers a file or an error."""
    statuses = {}
    for name, args in ROUTES:
        url = build(name, args)
        if not (re.search(r"\.\w+$", url) or re.search(r"download|export|file|template", name)):
            continue  # a page (the stored-XSS sweep requests the pages)
        variants = [url]
        ending = re.search(r"\.(csv|pdf)$", url)
        if "kind" in args and ending:
            variants = [url[: ending.start() + 1] + kind for kind in DOCUMENT_KINDS]
        for variant in variants:
            try:
                response = client.get(variant)
                if response.streaming:
                    b"".join(response.streaming_content)
            except Exception as error:  # the test client raises what a view raised (a 500)
                statuses[f"{variant} ({type(error).__name__}: {str(error)[:60]})"] = 500
                continue
            if "text/html" not in response.headers.get("Content-Type", ""):
                statuses[variant] = response.status_code
    return statuses


@pytest.mark.parametrize("who", ["member", "public"])
def test_control_characters_typed_anywhere_never_break_a_download(
    client,
    url_for,
    partnership,
    coordinator,
    who,
):
    """Control characters in every text field (as stored before they were stripped on the
    way in) reach no Word, Excel, CSV, JSON or PDF file as a 500: every download answers."""
    overwrite_every_text_field(partnership, control_characters)
    if who == "member":
        client.force_login(coordinator)
    statuses = download_statuses(client, url_for)
    failed = {url: status for url, status in statuses.items() if status >= 500}
    assert not failed, "\n".join(failed)
    kinds = {kind_of(url) for url, status in statuses.items() if status == 200}
    assert {"docx", "xlsx", "csv", "pdf"} <= kinds, sorted(statuses)


TYPED = "Met the head\x0bof year 9\x01 at\x07 school \x1b[2Jtoday\x7f\x85."
CLEANED = "Met the head\nof year 9 at school [2Jtoday."


@pytest.fixture
def action(partnership):
    from saferplan.plans.tests.factories import (
        ActionFactory,
        PlanFactory,
        PriorityFactory,
    )

    priority = PriorityFactory(plan=PlanFactory(partnership=partnership), number=1)
    return ActionFactory(priority=priority)


def test_control_characters_typed_in_a_form_are_removed_before_anything_is_saved(
    client, coordinator, partnership, action
):
    """Any form (through the GOV.UK bound field every form uses): here a progress update."""
    from django.urls import reverse

    from saferplan.plans.models import Update

    client.force_login(coordinator)
    response = client.post(
        reverse("plans:update-add", args=[partnership.slug, action.pk]),
        {
            "described_on_day": "2",
            "described_on_month": "12",
            "described_on_year": "2019",
            "text": TYPED,
            "marking": "official",
            "rag": "amber",
            "rag_reason": "Late\x0c start\x02",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    update = Update.objects.get(action=action)
    assert update.text == CLEANED
    assert action.rag_changes.order_by("-id").first().reason == "Late\n start"


def test_control_characters_sent_to_the_api_are_removed_before_anything_is_saved(
    client, coordinator, action
):
    from django.urls import reverse

    from saferplan.api.services import api_token_create
    from saferplan.plans.models import Update

    _token, key = api_token_create(actor=coordinator, name="Partner system")
    response = client.post(
        reverse("api:action-updates", args=[action.pk]),
        {"described_on": "2019-12-02", "text": TYPED},
        content_type="application/json",
        headers={"Authorization": f"Bearer {key}"},
    )
    assert response.status_code == 201, response.content
    assert Update.objects.get(pk=response.json()["id"]).text == CLEANED
