"""Every Word and PDF document saferplan produces is accessible in the ways the Public Sector
Bodies Accessibility Regulations ask of downloadable documents: a title and a language a
screen reader can announce, real headings (in order, none skipped), tables whose header rows
are marked as headers, and text alternatives for pictures.

The documents are made from the demo (the seeds and the police.uk sample), as a member and as
the public would download them."""

import datetime
import io
import itertools
import zipfile

import docx
import pytest
from django.test import Client
from docx.oxml.ns import qn
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

pytestmark = pytest.mark.django_db


def documents():
    """(what, url, signed in as) for every document kind, in Word and PDF."""
    from saferplan.plans.models import Plan
    from saferplan.reports.models import BoardReport

    plan = Plan.objects.get(partnership__slug="hertsmere", kind="action")
    report = BoardReport.objects.get(plan=plan)
    member = "/partnerships/hertsmere"
    for kind in ("docx", "pdf"):
        yield f"action plan ({kind})", f"{member}/plans/{plan.pk}/export.{kind}", True
        yield f"public action plan ({kind})", f"/p/hertsmere/plans/{plan.pk}/actions.{kind}", False
        yield f"published plan ({kind})", f"/p/hertsmere/plan.{kind}", False
        yield f"board report ({kind})", f"{member}/board-reports/{report.pk}/report.{kind}", True
        yield f"hotspots ({kind})", f"{member}/crime/hotspots.{kind}", True
    yield "published plan (large print PDF)", "/p/hertsmere/plan.pdf?size=large", False


@pytest.fixture
def demo(demo):
    """The demo (conftest.py), its board report issued; a member's and the public's clients."""
    from saferplan.accounts.models import User
    from saferplan.reports.models import BoardReport
    from saferplan.reports.services import board_report_issue

    board_report_issue(
        actor=User.objects.get(email="coordinator@example.org"),
        report=BoardReport.objects.get(plan__partnership__slug="hertsmere"),
        today=datetime.date(2019, 11, 4),
    )
    member = Client(HTTP_HOST="127.0.0.1")
    member.force_login(User.objects.get(email="coordinator@example.org"))
    return {True: member, False: Client(HTTP_HOST="127.0.0.1")}


def word_problems(content: bytes) -> list[str]:
    word = docx.Document(io.BytesIO(content))
    problems = []
    if not (word.core_properties.title or "").strip():
        problems.append("no document title")
    if word.core_properties.language != "en-GB":
        problems.append(f"language is {word.core_properties.language!r}, not en-GB")
    levels = [
        int(p.style.name.removeprefix("Heading "))
        for p in word.paragraphs
        if p.style.name.startswith("Heading ") and p.text.strip()
    ]
    if not levels or levels[0] != 1:
        problems.append(f"does not start with a level 1 heading (levels {levels[:5]})")
    for before, after in itertools.pairwise(levels):
        if after > before + 1:
            problems.append(f"heading level {before} is followed by level {after}")
            break
    for number, table in enumerate(word.tables, 1):
        properties = table.rows[0]._tr.trPr
        header = None if properties is None else properties.find(qn("w:tblHeader"))
        if header is None or header.get(qn("w:val"), "true") not in ("true", "1"):
            problems.append(f"table {number}'s first row is not marked as a header row")
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        body = archive.read("word/document.xml").decode()
    pictures = body.count("<wp:docPr ")
    described = body.count('descr="') - body.count('descr=""')
    if pictures != described:
        problems.append(f"{pictures - described} of {pictures} pictures have no text alternative")
    return problems


def _structure_tags(node, tags: list[str], depth: int = 0) -> None:
    """The structure types (H1, Table, TH, Figure …) of a tagged PDF's structure tree."""
    if isinstance(node, IndirectObject):
        node = node.get_object()
    if isinstance(node, ArrayObject):
        for kid in node:
            _structure_tags(kid, tags, depth)
    elif isinstance(node, DictionaryObject) and depth < 200:
        if "/S" in node:
            tags.append(str(node["/S"]).lstrip("/"))
        if "/K" in node:
            _structure_tags(node["/K"], tags, depth + 1)


def pdf_problems(content: bytes, *, tables: bool) -> list[str]:
    reader = PdfReader(io.BytesIO(content))
    root = reader.trailer["/Root"]
    problems = []
    if not (reader.metadata and (reader.metadata.title or "").strip()):
        problems.append("no document title")
    if root.get("/Lang") != "en-GB":
        problems.append(f"language is {root.get('/Lang')!r}, not en-GB")
    if "/StructTreeRoot" not in root:
        return [*problems, "not tagged (no structure tree)"]
    tags: list[str] = []
    _structure_tags(root["/StructTreeRoot"], tags)
    if "H1" not in tags:
        problems.append("no H1 heading in the structure tree")
    if tables and "TH" not in tags:
        problems.append("no table header cells (TH) in the structure tree")
    if tags.count("Figure") and not _figures_have_alt(root["/StructTreeRoot"]):
        problems.append("a figure has no text alternative (/Alt)")
    return problems


def _figures_have_alt(node, depth: int = 0) -> bool:
    if isinstance(node, IndirectObject):
        node = node.get_object()
    if isinstance(node, ArrayObject):
        return all(_figures_have_alt(kid, depth) for kid in node)
    if isinstance(node, DictionaryObject) and depth < 200:
        if node.get("/S") == "/Figure" and not str(node.get("/Alt", "")).strip():
            return False
        return _figures_have_alt(node.get("/K", ArrayObject()), depth + 1)
    return True


def test_every_word_and_pdf_document_has_a_title_language_headings_and_table_headers(demo):
    problems = []
    checked = 0
    for what, url, signed_in in documents():
        response = demo[signed_in].get(url)
        assert response.status_code == 200, f"{what}: {url} answered {response.status_code}"
        content = b"".join(response) if response.streaming else response.content
        if url.split("?")[0].endswith(".docx"):
            found = word_problems(content)
        else:
            found = pdf_problems(content, tables=True)
        problems += [f"{what}: {problem}" for problem in found]
        checked += 1
    assert checked == 11
    assert not problems, "\n".join(problems)


def test_the_checks_find_an_untitled_word_document_with_a_plain_table_and_skipped_heading():
    """The Word check is not a formality: a document made without care fails it."""
    careless = docx.Document()
    careless.add_heading("Action plan", level=1)
    careless.add_heading("Notes", level=3)
    careless.add_table(rows=2, cols=2)
    buffer = io.BytesIO()
    careless.save(buffer)
    problems = word_problems(buffer.getvalue())
    assert "no document title" in problems
    assert any(p.startswith("language is") for p in problems)
    assert "heading level 1 is followed by level 3" in problems
    assert "table 1's first row is not marked as a header row" in problems


def test_the_checks_find_an_untagged_pdf_without_a_language():
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    problems = pdf_problems(buffer.getvalue(), tables=True)
    assert problems == [
        "no document title",
        "language is None, not en-GB",
        "not tagged (no structure tree)",
    ]


def test_no_word_document_of_the_demo_splits_a_word_between_lines(demo):
    """Issue 22: A4, councils' margins, repeated header rows and columns wide enough for their
    longest word as LibreOffice lays them out (found rendering the demo's board report: the RAG
    column split "Amber", bold, between two lines)."""
    from saferplan.plans.models import Plan
    from saferplan.reports.models import BoardReport
    from saferplan.reports.tests.files import word_layout_problems

    plan = Plan.objects.get(partnership__slug="hertsmere", kind="action")
    report = BoardReport.objects.get(plan=plan)
    member = "/partnerships/hertsmere"
    documents = [
        ("action plan", f"{member}/plans/{plan.pk}/export.docx", True, "landscape"),
        ("by quarter", f"{member}/plans/{plan.pk}/export.docx?layout=quarters", True, "landscape"),
        ("public action plan", f"/p/hertsmere/plans/{plan.pk}/actions.docx", False, "landscape"),
        ("board report", f"{member}/board-reports/{report.pk}/report.docx", True, "portrait"),
    ]
    problems = []
    for what, url, signed_in, orientation in documents:
        response = demo[signed_in].get(url)
        assert response.status_code == 200, f"{what}: {url} answered {response.status_code}"
        found = word_layout_problems(response.content, orientation=orientation)
        problems += [f"{what}: {problem}" for problem in found]
    assert not problems, "\n".join(problems)
