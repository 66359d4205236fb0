"""The board report's consultation section: the sentences, the relevance table and the theme
counts, on the page, in Word and in the PDF, kept as issued."""

import datetime
import io

import docx
import pytest
from django.urls import reverse

from saferplan.consultations import selectors, services
from saferplan.consultations.survey_csv import guess_mapping, read_survey
from saferplan.core import clock
from saferplan.reports.services import board_report_create, board_report_issue
from saferplan.reports.tests.files import readable_text

from .conftest import SURVEY_CSV

pytestmark = pytest.mark.django_db
TODAY = clock.today()


@pytest.fixture
def report(consultation, coordinator, hertsmere_plan):
    content = SURVEY_CSV.read_bytes()
    pending = services.response_import_create(
        actor=coordinator, consultation=consultation, file_name=SURVEY_CSV.name, content=content
    )
    mapping = guess_mapping(
        read_survey(SURVEY_CSV.name, content), selectors.questions_of(consultation)
    )
    services.response_import_confirm(actor=coordinator, pending=pending, mapping=mapping)
    question = selectors.free_text_questions(consultation)[0]
    services.themes_suggest(actor=coordinator, question=question, count=5)
    lighting = next(t for t in question.themes.all() if "lighting" in t.top_words[:2])
    services.theme_update(actor=coordinator, theme=lighting, name="Street lighting")
    return board_report_create(
        actor=coordinator,
        plan=hertsmere_plan,
        title="Report to the board",
        period_start=TODAY - datetime.timedelta(days=30),
        period_end=TODAY,
    )


def _url(report, kind=""):
    slug = report.plan.partnership.slug
    if kind:
        return reverse("reports:board-report-download", args=[slug, report.pk, kind])
    return reverse("reports:board-report", args=[slug, report.pk])


def test_the_board_reads_the_consultation_in_the_page_word_and_pdf(client, viewer, report):
    client.force_login(viewer)
    html = client.get(_url(report), HTTP_HOST="127.0.0.1").content.decode()
    section = html[html.index('id="consultation"') :]
    assert "So far 40 people have responded to the consultation" in section
    assert "Priority 4: Work in partnership" in section
    assert "Street lighting</th>" in section
    assert "(suggested, not yet reviewed)" in section
    word = docx.Document(
        io.BytesIO(client.get(_url(report, "docx"), HTTP_HOST="127.0.0.1").content)
    )
    headings = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    # The consultation closes the report; only the appendix of stale actions follows it.
    assert headings[-2:] == [
        "Consultation: Partnership Plan 2023 to 2027 survey",
        "Appendix: stale actions",
    ]
    rows = [[cell.text for cell in row.cells] for table in word.tables for row in table.rows]
    relevance = selectors.consultation_results(report.plan.consultations.get()).relevance
    priority_4 = next(r for r in relevance if r.label == "Priority 4")
    assert [
        f"Priority 4: {priority_4.subject}",
        f"{priority_4.percent_relevant:.0f}% ({priority_4.relevant})",
        "40",
    ] in rows
    pdf = readable_text("pdf", client.get(_url(report, "pdf"), HTTP_HOST="127.0.0.1").content)
    assert "Consultation:Partnership" in pdf
    assert "Streetlighting" in pdf


def test_an_issued_report_keeps_the_consultation_as_it_was(client, viewer, coordinator, report):
    board_report_issue(actor=coordinator, report=report, today=TODAY)
    consultation = report.plan.consultations.get()
    services.response_submit(
        consultation=consultation,
        answers={selectors.questions_of(consultation)[0]: "very"},
    )
    client.force_login(viewer)
    html = client.get(_url(report), HTTP_HOST="127.0.0.1").content.decode()
    assert "So far 40 people have responded" in html
    assert "41 people" not in html
