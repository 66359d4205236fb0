"""The board report: exceptions first, what changed in the period, stale and overdue actions,
the RAG summary with its chart and data table; issued reports stay as the board read them."""

import datetime
import io
import re

import docx
import pytest
from django.urls import reverse
from pypdf import PdfReader

from saferplan.core import clock
from saferplan.core.models import AuditEvent
from saferplan.plans import services as plan_services
from saferplan.plans.tests.factories import (
    ActionFactory,
    PlanFactory,
    PriorityFactory,
    RagChangeFactory,
    UpdateFactory,
)
from saferplan.reports.models import BoardReport
from saferplan.reports.services import board_report_create, board_report_issue
from saferplan.reports.tests.files import readable_text

TODAY = clock.today()
CANARY = "Canaryb9d1w5k"


@pytest.fixture
def plan(partnership):
    plan = PlanFactory(partnership=partnership, title="Hertsmere Community Safety Action Plan")
    priority = PriorityFactory(plan=plan, number=1, title="Identify and prevent youth violence")
    PriorityFactory(plan=plan, number=2, title="Tackle the illicit drug economy")
    workshops = ActionFactory(
        priority=priority, title="Arrange workshops in schools", owner_text="CYP"
    )
    UpdateFactory(action=workshops, described_on=TODAY, text="Two schools have said no")
    events = ActionFactory(
        priority=priority, title="Arrange events in the community", owner_text="CST"
    )
    UpdateFactory(action=events, described_on=TODAY, text="Seven events delivered")
    old = ActionFactory(
        priority=priority,
        title="Map ASB reports",
        owner_text="SNT",
        due_date=TODAY - datetime.timedelta(days=5),
    )
    RagChangeFactory(action=old, rating="green", reason="On track")
    secret = ActionFactory(
        priority=priority, title=f"Covert operation {CANARY}", marking="official_sensitive"
    )
    RagChangeFactory(action=secret, rating="red", reason=f"Named suspect {CANARY}")
    return plan


@pytest.fixture
def report(plan, coordinator):
    workshops = plan.priorities.get(number=1).actions.get(title="Arrange workshops in schools")
    plan_services.update_add(
        actor=coordinator,
        action=workshops,
        described_on=TODAY,
        text="No school has agreed a date",
        rag="red",
        rag_reason="No school has agreed",
    )
    return board_report_create(
        actor=coordinator,
        plan=plan,
        title="Report to the board",
        period_start=TODAY - datetime.timedelta(days=30),
        period_end=TODAY,
        introduction="The JAG met twice.\n\nWorkshops are the concern.",
    )


def url(report, kind=""):
    slug = report.plan.partnership.slug
    if kind:
        return reverse("reports:board-report-download", args=[slug, report.pk, kind])
    return reverse("reports:board-report", args=[slug, report.pk])


def test_the_report_puts_exceptions_first_with_the_latest_commentary(signed_in, viewer, report):
    html = signed_in(viewer).get(url(report)).content.decode()
    headings = re.findall(r'<h2 class="govuk-heading-m"[^>]*>([^<]+)</h2>', html)
    assert headings[:3] == [
        "Introduction",
        "Exceptions: red and amber actions",
        f"Since the last board ({report.period_start.day} {report.period_start:%b %Y} to {TODAY.day} {TODAY:%b %Y})",
    ]
    exceptions = html[html.index('id="exceptions"') : html.index('id="changes"')]
    assert f"Covert operation {CANARY}" in exceptions
    assert "No school has agreed a date" in exceptions
    assert "Map ASB reports" not in exceptions


def test_the_report_shows_rag_moves_overdue_and_the_summary_with_its_data_table(
    signed_in, viewer, report
):
    html = signed_in(viewer).get(url(report)).content.decode()
    changes = html[html.index('id="changes"') : html.index('id="overdue"')]
    assert "Arrange workshops in schools" in changes
    assert "(worse)" in changes
    overdue = html[html.index('id="overdue"') : html.index('id="stale"')]
    assert "Map ASB reports" in overdue
    assert 'alt="Bar chart of the RAG ratings' in html
    assert re.search(
        r"1\. Identify and prevent youth violence</th>\s*<td[^>]*>4</td>\s*<td[^>]*>2</td>\s*<td[^>]*>0</td>\s*<td[^>]*>1</td>\s*<td[^>]*>1</td>",
        html,
    )


def test_the_pages_chart_is_its_own_svg_with_the_ratings_in_words(signed_in, viewer, report):
    client = signed_in(viewer)
    html = client.get(url(report)).content.decode()
    chart = reverse("reports:board-report-chart", args=[report.plan.partnership.slug, report.pk])
    assert f'<img src="{chart}" alt="Bar chart of the RAG ratings' in html
    response = client.get(chart)
    assert response["Content-Type"] == "image/svg+xml"
    svg = response.content.decode()
    assert svg.lstrip().startswith("<?xml")
    assert "<svg" in svg
    # The legend names each rating, so the chart is not read by colour alone.
    assert all(word in svg for word in ("Red", "Amber", "Green", "White", "Priority 1"))


def test_completed_actions_are_read_from_the_audit_log_of_the_period(
    signed_in, viewer, coordinator, report
):
    events = report.plan.priorities.get(number=1).actions.get(
        title="Arrange events in the community"
    )
    plan_services.update_add(
        actor=coordinator,
        action=events,
        described_on=TODAY,
        text="All delivered",
        status="complete",
    )
    html = signed_in(viewer).get(url(report)).content.decode()
    completed = html[html.index(">Completed<") : html.index(">Discharged<")]
    assert "Arrange events in the community" in completed


def test_an_issued_report_does_not_change_when_the_plan_does(
    signed_in, coordinator, viewer, report
):
    client = signed_in(coordinator)
    assert (
        client.post(
            reverse("reports:board-report-issue", args=[report.plan.partnership.slug, report.pk])
        ).status_code
        == 302
    )
    report.refresh_from_db()
    assert report.is_issued
    assert (
        AuditEvent.objects.filter(
            object_type="reports.boardreport", object_id=str(report.pk)
        ).count()
        == 2
    )
    workshops = report.plan.priorities.get(number=1).actions.get(
        title="Arrange workshops in schools"
    )
    RagChangeFactory(action=workshops, rating="green", reason="All schools booked")
    html = signed_in(viewer).get(url(report)).content.decode()
    exceptions = html[html.index('id="exceptions"') : html.index('id="changes"')]
    assert "Arrange workshops in schools" in exceptions  # still red, as issued
    edit = signed_in(coordinator).post(
        reverse("reports:board-report-edit", args=[report.plan.partnership.slug, report.pk]),
        {"title": "Changed"},
    )
    assert edit.status_code == 302
    report.refresh_from_db()
    assert report.title == "Report to the board"


def test_the_word_report_has_headings_tables_rag_words_and_a_described_chart(
    signed_in, viewer, report
):
    word = docx.Document(io.BytesIO(signed_in(viewer).get(url(report, "docx")).content))
    headings = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    assert headings[:3] == [
        "Introduction",
        "Exceptions: red and amber actions",
        "RAG changes since the last board",
    ]
    assert "RAG summary by priority" in headings
    exceptions = word.tables[0]
    assert [c.text for c in exceptions.rows[0].cells] == [
        "Action",
        "Owner",
        "Why this rating",
        "Latest update",
        "RAG",
    ]
    assert exceptions.rows[1].cells[-1].text == "Red"
    assert word.sections[0].header.paragraphs[0].text == "OFFICIAL-SENSITIVE"
    descriptions = [
        e.get("descr")
        for e in word.element.body.iter(
            "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
        )
    ]
    assert descriptions
    assert descriptions[0].startswith("Bar chart of the RAG ratings")
    assert word.core_properties.language == "en-GB"


def test_the_pdf_report_has_its_title_language_and_sections(signed_in, viewer, report):
    reader = PdfReader(io.BytesIO(signed_in(viewer).get(url(report, "pdf")).content))
    assert reader.metadata.title == "Report to the board"
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    for expected in [
        "Exceptions: red and amber actions",
        "No school has agreed a date",
        "RAG summary by priority",
        "OFFICIAL-SENSITIVE",
    ]:
        assert expected in text


def test_a_coordinator_creates_a_draft_with_a_clear_error_for_a_bad_period(
    signed_in, coordinator, plan
):
    client = signed_in(coordinator)
    page = reverse("reports:board-reports", args=[plan.partnership.slug, plan.pk])
    bad = client.post(
        page,
        {
            "title": "Board",
            "period_start_day": "31",
            "period_start_month": "10",
            "period_start_year": "2026",
            "period_end_day": "1",
            "period_end_month": "10",
            "period_end_year": "2026",
            "introduction": "Kept text",
        },
    )
    assert bad.status_code == 200
    assert "The end of the period must be on or after its start" in bad.content.decode()
    assert "Kept text" in bad.content.decode()
    assert not BoardReport.objects.exists()


def test_viewers_read_but_do_not_write_reports(signed_in, viewer, plan):
    response = signed_in(viewer).post(
        reverse("reports:board-reports", args=[plan.partnership.slug, plan.pk]), {"title": "x"}
    )
    assert response.status_code == 403


# The canary ----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["", "docx", "pdf"])
def test_the_canary_is_in_the_partnerships_report_and_never_reaches_another(
    signed_in, viewer, outsider, report, other_partnership, kind
):
    assert CANARY in readable_text(kind or "html", signed_in(viewer).get(url(report, kind)).content)
    refused = signed_in(outsider).get(url(report, kind))
    assert refused.status_code == 403
    assert CANARY not in refused.content.decode("utf-8", "replace")
    # The other partnership's own report holds nothing of this one.
    theirs = PlanFactory(partnership=other_partnership)
    ActionFactory(priority=PriorityFactory(plan=theirs, number=1), title="Their own action")
    other_report = board_report_issue(
        actor=outsider,
        report=board_report_create(
            actor=outsider,
            plan=theirs,
            title="Their report",
            period_start=TODAY - datetime.timedelta(days=30),
            period_end=TODAY,
        ),
        today=TODAY,
    )
    text = readable_text(kind or "html", signed_in(outsider).get(url(other_report, kind)).content)
    assert "Theirownaction" in text
    assert CANARY not in text


def test_the_headline_measures_are_in_the_page_word_and_pdf_and_stay_as_issued(
    signed_in, viewer, coordinator, report
):
    from decimal import Decimal

    from saferplan.crimedata.periods import Period
    from saferplan.indicators import services as measure_services

    measure = measure_services.indicator_create(
        actor=coordinator,
        partnership=report.plan.partnership,
        name="Reduction in ASB incidents",
        source="manual",
        unit="incidents",
        baseline=Period.parse("2022"),
        target=Decimal(-5),
        tolerance=Decimal(2),
    )

    def enter(period, value):
        measure_services.indicator_value_set(
            actor=coordinator, indicator=measure, period=Period.parse(period), value=Decimal(value)
        )

    enter("2022", 1000)
    enter("2023", 1100)
    client = signed_in(viewer)

    html = client.get(url(report)).content.decode()
    section = html[html.index('id="measures"') : html.index('id="summary"')]
    assert "Reduction in ASB incidents" in section
    assert "Off target" in section
    assert "RAG rating: </span>Red" in section
    word = docx.Document(io.BytesIO(client.get(url(report, "docx")).content))
    rows = [[cell.text for cell in row.cells] for table in word.tables for row in table.rows]
    assert [
        "Reduction in ASB incidents\nLower is better",
        "1000 (2022)",
        "1100 (2023)",
        "10%",
        "5% less than the baseline (950 or fewer)",
        "Off target",
        "Red",
    ] in rows
    pdf = PdfReader(io.BytesIO(client.get(url(report, "pdf")).content))
    text = " ".join(" ".join(page.extract_text() for page in pdf.pages).split())
    assert "Headline performance measures" in text
    assert "Reduction in ASB incidents" in text

    board_report_issue(actor=coordinator, report=report, today=TODAY)
    enter("2023", 900)  # a figure corrected after the board received the report

    issued = client.get(url(report)).content.decode()
    section = issued[issued.index('id="measures"') : issued.index('id="summary"')]
    assert "1100" in section
    assert "Off target" in section


def test_the_create_form_sent_twice_stores_one_draft(signed_in, coordinator, plan):
    client = signed_in(coordinator)
    page = reverse("reports:board-reports", args=[plan.partnership.slug, plan.pk])
    token = re.search(r'name="submission_token" value="([0-9a-f]+)"', client.get(page).text)
    assert token, "the form carries a one-time token"
    form = {
        "submission_token": token.group(1),
        "title": "Board, October",
        "period_start_day": "1",
        "period_start_month": "7",
        "period_start_year": "2026",
        "period_end_day": "30",
        "period_end_month": "9",
        "period_end_year": "2026",
    }
    first = client.post(page, form)
    again = client.post(page, form)
    [report] = BoardReport.objects.all()
    assert (
        first.url
        == again.url
        == reverse("reports:board-report", args=[plan.partnership.slug, report.pk])
    )
    assert AuditEvent.objects.filter(object_type="reports.boardreport").count() == 1
    # Sent again after the first answer was read: the page says it was saved once.
    assert "The draft report has been created." in client.get(first.url).text
    shown = client.post(page, form, follow=True).text
    assert "This was already saved: the form was sent twice and saved once." in shown
    assert BoardReport.objects.count() == 1


def test_a_draft_changed_twice_from_the_same_page_keeps_the_second_change(
    signed_in, coordinator, report
):
    client = signed_in(coordinator)
    page = reverse("reports:board-report-edit", args=[report.plan.partnership.slug, report.pk])
    drawn = client.get(page).text
    token = re.search(r'name="submission_token" value="([0-9a-f]+)"', drawn)
    form = {
        "submission_token": token.group(1) if token else "",
        "period_start_day": report.period_start.day,
        "period_start_month": report.period_start.month,
        "period_start_year": report.period_start.year,
        "period_end_day": report.period_end.day,
        "period_end_month": report.period_end.month,
        "period_end_year": report.period_end.year,
    }
    client.post(page, {**form, "title": "Board, first wording"})
    client.post(page, {**form, "title": "Board, second wording"})  # back, changed, sent
    report.refresh_from_db()
    assert report.title == "Board, second wording"
