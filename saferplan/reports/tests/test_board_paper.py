"""The board paper readable in two minutes (issue 22, deliverable 3): a one-line summary at
the top, stale actions that are not exceptions in an appendix, every rating and figure as it
stood at the period's end, issuing confirmed and announced to the board by a link, and the
reports reachable from the navigation and the overview."""

import datetime
import io
import re
from decimal import Decimal
from html import unescape

import docx
import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from saferplan.crimedata.periods import Period
from saferplan.indicators import services as indicator_services
from saferplan.plans import services as plan_services
from saferplan.plans.models import RagChange
from saferplan.plans.tests.factories import ActionFactory, PlanFactory, PriorityFactory
from saferplan.reports.board_documents import board_report_document
from saferplan.reports.models import BoardReport
from saferplan.reports.services import board_report_create
from saferplan.reports.tests.files import readable_text, word_layout_problems

END = datetime.date(2019, 10, 31)
START = datetime.date(2019, 7, 1)
CANARY = "Canaryq7p3z"


def moment(day: datetime.date):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def rate(actor, action, rating: str, reason: str, *, on: datetime.date) -> None:
    """A rating given on `on` (the history's date moved back, as if typed that day)."""
    plan_services.update_add(
        actor=actor,
        action=action,
        described_on=on,
        text=f"Update of {on}",
        rag=rating,
        rag_reason=reason,
    )
    RagChange.objects.filter(pk=action.rag_changes.latest("id").pk).update(changed_at=moment(on))


@pytest.fixture
def settings_immediate(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    return settings


@pytest.fixture
def report(partnership, coordinator):
    plan = PlanFactory(partnership=partnership, title="Action Plan 2019-20")
    priority = PriorityFactory(plan=plan, number=1, title="Youth violence")
    ActionFactory.reset_sequence()
    workshops = ActionFactory(priority=priority, title="Arrange workshops", status="in_progress")
    events = ActionFactory(priority=priority, title="Arrange events", status="in_progress")
    cadets = ActionFactory(priority=priority, title="Mini police cadets", status="in_progress")
    overdue = ActionFactory(
        priority=priority,
        title="Map ASB reports",
        status="in_progress",
        due_date=datetime.date(2019, 9, 1),
    )
    for action in (workshops, events, cadets, overdue):
        action.created_at = moment(datetime.date(2019, 4, 1))
        action.save(update_fields=["created_at"])
    rate(coordinator, workshops, "red", "No school has agreed", on=datetime.date(2019, 8, 1))
    rate(coordinator, events, "amber", "Halls booked late", on=datetime.date(2019, 5, 1))
    rate(coordinator, events, "green", "Seven events delivered", on=datetime.date(2019, 9, 1))
    # Given after the report's period: the board of October 2019 never read it.
    rate(coordinator, events, "red", f"Later trouble {CANARY}", on=datetime.date(2026, 11, 2))
    rate(coordinator, cadets, "green", "Running in five schools", on=datetime.date(2019, 6, 1))
    return board_report_create(
        actor=coordinator,
        plan=plan,
        title="Report – October 2019",
        period_start=START,
        period_end=END,
    )


def page(client, report) -> str:
    slug = report.plan.partnership.slug
    return client.get(reverse("reports:board-report", args=[slug, report.pk])).content.decode()


def test_the_report_opens_with_a_one_line_summary(signed_in, viewer, report):
    html = page(signed_in(viewer), report)
    summary = html.index('id="summary-line"')
    assert summary < html.index('id="exceptions"')
    line = re.sub(r"\s+", " ", html[summary : summary + 600])
    assert (
        "At 31 Oct 2019: 1 red, 0 amber, 2 green and 1 white; 2 actions changed rating since "
        "the last board; 1 overdue." in line
    )
    assert "1 action was not yet rated then and counts as white." in line


def test_each_rating_is_the_one_in_force_at_the_periods_end_with_its_reason(
    signed_in, viewer, report
):
    html = page(signed_in(viewer), report)
    changes = html[html.index('id="changes"') : html.index('id="overdue"')]
    assert "Seven events delivered" in changes
    assert "(given 1 Sep 2019)" in changes
    assert CANARY not in html  # the rating of 2026 is not shown beside 2019
    exceptions = html[html.index('id="exceptions"') : html.index('id="changes"')]
    assert "Arrange workshops" in exceptions
    assert "Arrange events" not in exceptions


def test_each_status_is_the_one_in_force_at_the_periods_end_in_the_page_pdf_and_word(
    signed_in, viewer, coordinator, report
):
    workshops = report.plan.priorities.get().actions.get(title="Arrange workshops")
    # Completed after the period: the board of October 2019 read it as open and red.
    plan_services.update_add(
        actor=coordinator,
        action=workshops,
        described_on=datetime.date(2026, 11, 2),
        text="All schools visited",
        status="complete",
    )
    # Completed within the period, though recorded only now.
    licensees = plan_services.action_create(
        actor=coordinator,
        priority=workshops.priority,
        title="Train licensees",
        status="in_progress",
        rated_on=datetime.date(2019, 4, 1),
    )
    plan_services.update_add(
        actor=coordinator,
        action=licensees,
        described_on=datetime.date(2019, 10, 15),
        text="Every licensee trained",
        status="complete",
    )
    html = page(signed_in(viewer), report)
    exceptions = html[html.index('id="exceptions"') : html.index('id="changes"')]
    assert "Arrange workshops" in exceptions
    completed = html[html.index("Actions completed in the period") : html.index('id="overdue"')]
    assert "Train licensees" in completed
    assert "Arrange workshops" not in completed
    for kind in ("pdf", "docx"):
        text = readable_text(kind, board_report_document(report, kind))
        assert "Trainlicensees" in text, kind  # only in the list of actions completed


def test_stale_exceptions_are_not_repeated_and_the_stale_list_is_an_appendix(
    signed_in, viewer, report
):
    html = page(signed_in(viewer), report)
    headings = re.findall(r'<h2 class="govuk-heading-m"[^>]*>([^<]+)</h2>', html)
    assert headings[-1] == "Appendix: stale actions"
    appendix = html[html.index('id="stale"') :]
    # Workshops (red, last update 1 Aug) and cadets (1 Jun) are both stale by 31 October;
    # the red one is shown once, among the exceptions.
    assert "Mini police cadets" in appendix
    assert "Arrange workshops" not in appendix


def test_measures_are_those_of_the_reports_period(signed_in, viewer, analyst_measure, report):
    html = page(signed_in(viewer), report)
    measures = html[html.index('id="measures"') : html.index('id="summary"')]
    assert "April – September 2018" in measures
    assert "1100" not in measures  # the figure of 2021-22 is after the report
    assert "900<br>" in measures
    assert "April – September 2019" in measures


@pytest.fixture
def analyst_measure(partnership, coordinator):
    indicator = indicator_services.indicator_create(
        actor=coordinator,
        partnership=partnership,
        name="Domestic abuse incidents",
        source="manual",
        unit="incidents",
        direction="lower",
        baseline=Period.parse("2018-04..2018-09"),
        target_kind="change",
        target=Decimal(-5),
        tolerance=Decimal(2),
    )
    for period, value in {
        "2018-04..2018-09": 1000,
        "2019-04..2019-09": 900,
        "2021-04..2021-09": 1100,
    }.items():
        indicator_services.indicator_value_set(
            actor=coordinator,
            indicator=indicator,
            period=Period.parse(period),
            value=Decimal(value),
        )
    return indicator


def test_the_word_document_opens_with_the_summary_and_ends_with_the_appendix(report):
    document = docx.Document(io.BytesIO(board_report_document(report, "docx")))
    paragraphs = [p.text for p in document.paragraphs if p.text.strip()]
    assert paragraphs[2].startswith("At 31 Oct 2019: 1 red, 0 amber, 2 green and 1 white")
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[-1] == "Appendix: stale actions"
    assert headings.count("Appendix: stale actions") == 1


def test_issuing_asks_for_confirmation_first(signed_in, coordinator, report):
    client = signed_in(coordinator)
    address = reverse("reports:board-report-issue", args=[report.plan.partnership.slug, report.pk])
    assert f'href="{address}"' in page(client, report)  # a link, not a one-click form
    confirm = client.get(address)
    assert confirm.status_code == 200
    assert "Issue this report to the board?" in confirm.content.decode()
    report.refresh_from_db()
    assert not report.is_issued
    client.post(address)
    report.refresh_from_db()
    assert report.is_issued


def test_issuing_emails_the_board_members_a_link_and_nothing_of_the_report(
    signed_in,
    settings_immediate,
    django_capture_on_commit_callbacks,
    coordinator,
    viewer,
    editor,
    report,
):
    mail.outbox.clear()
    address = reverse("reports:board-report-issue", args=[report.plan.partnership.slug, report.pk])
    with django_capture_on_commit_callbacks(execute=True):
        signed_in(coordinator).post(address)
    assert [m.to for m in mail.outbox] == [[viewer.email]]
    message = mail.outbox[0]
    link = reverse("reports:board-report", args=[report.plan.partnership.slug, report.pk])
    assert link in message.body
    assert "Report – October 2019" in message.body
    everything = message.subject + message.body + message.alternatives[0][0]
    assert "No school has agreed" not in everything
    assert "Arrange workshops" not in everything


def test_a_board_member_who_turned_the_email_off_is_not_sent_one(
    signed_in,
    settings_immediate,
    django_capture_on_commit_callbacks,
    coordinator,
    viewer,
    report,
):
    choices = reverse("notifications:preferences")
    assert "An email when a board report" in signed_in(viewer).get(choices).text
    signed_in(viewer).post(choices, {"weekly_digest": "on", "action_changes": "on"})
    mail.outbox.clear()
    address = reverse("reports:board-report-issue", args=[report.plan.partnership.slug, report.pk])
    # The confirmation page says who will be emailed: not them.
    confirm = unescape(signed_in(coordinator).get(address).content.decode())
    assert viewer.get_full_name() not in confirm
    assert "Nobody: the board member turned these emails off." in confirm
    with django_capture_on_commit_callbacks(execute=True):
        signed_in(coordinator).post(address)
    report.refresh_from_db()
    assert report.is_issued
    assert mail.outbox == []


def test_the_board_report_email_says_how_to_stop_it(
    signed_in, settings_immediate, django_capture_on_commit_callbacks, coordinator, viewer, report
):
    mail.outbox.clear()
    address = reverse("reports:board-report-issue", args=[report.plan.partnership.slug, report.pk])
    with django_capture_on_commit_callbacks(execute=True):
        signed_in(coordinator).post(address)
    [message] = mail.outbox
    choices = reverse("notifications:preferences")
    assert "To stop these emails, untick" in message.body
    assert f"{choices}\n" in message.body
    assert "To stop these emails" in message.alternatives[0][0]
    assert f'{choices}">your email choices' in message.alternatives[0][0]


def test_board_reports_are_in_the_navigation_and_on_the_overview(signed_in, viewer, report):
    client = signed_in(viewer)
    slug = report.plan.partnership.slug
    overview = client.get(reverse("partnerships:detail", args=[slug])).content.decode()
    listing = reverse("reports:partnership-board-reports", args=[slug])
    assert f'href="{listing}"' in overview  # the navigation (and the overview's block)
    latest = reverse("reports:board-report", args=[slug, report.pk])
    assert f'href="{latest}"' in overview
    reports = client.get(listing).content.decode()
    assert "Report – October 2019" in reports
    assert BoardReport.objects.count() == 1


def test_the_word_board_report_is_a4_portrait_with_2_cm_margins_and_fitted_columns(report):
    content = board_report_document(report, "docx")
    assert word_layout_problems(content, orientation="portrait") == []
