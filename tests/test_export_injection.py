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
from openpyxl import load_workbook

from saferplan.reports.open_data import FORMULA_STARTS
from saferplan.reports.tests.files import readable_text
from tests.test_stored_xss import PAYLOAD, overwrite_every_text_field
from tests.test_url_access import ROUTES, url_for  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db

FORMULAS = [
    '=HYPERLINK("http://evil.example","Click")',
    "+SUM(1,2)",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1,2)",
]
DOCUMENT_KINDS = ("csv", "json", "xlsx", "docx", "pdf")


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


def test_typed_markup_is_text_in_every_word_and_pdf_file(member, url_for, partnership):  # noqa: F811
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


def test_typed_formulas_never_run_in_a_csv_or_excel_file(member, url_for, partnership):  # noqa: F811
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
                    assert not cell.startswith(FORMULA_STARTS), (
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
