"""The start page (core:home, drawn by accounts): what saferplan is for someone signed out;
signed in, the page of their role (issue 22, deliverable 6), or their partnerships."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from saferplan.accounts.tests.factories import MembershipFactory
from saferplan.core import clock
from saferplan.meetings.models import Meeting
from saferplan.plans.tests.factories import PlanFactory
from saferplan.reports.models import BoardReport


def test_signed_out_the_start_page_says_what_saferplan_is_and_how_to_sign_in(client, db):
    page = client.get(reverse("core:home"))
    assert page.status_code == 200
    assert "Plan and track community safety together" in page.text
    assert reverse("accounts:sign-in") in page.text


def test_my_partnerships_lists_the_persons_partnerships_and_role(client, coordinator, partnership):
    client.force_login(coordinator)
    page = client.get(reverse("my-partnerships")).text
    assert "My partnerships" in page
    assert reverse("partnerships:detail", args=[partnership.slug]) in page
    assert "Coordinator" in page


def test_someone_in_no_partnership_is_told_to_ask_a_coordinator(client, user):
    client.force_login(user)
    assert "Ask your partnership's coordinator to add you" in client.get(reverse("core:home")).text


def test_the_start_page_is_the_site_root():
    assert reverse("core:home") == "/"


def _issued_report(plan, title, period_end):
    return BoardReport.objects.create(
        plan=plan,
        title=title,
        period_start=period_end - datetime.timedelta(days=90),
        period_end=period_end,
        status="issued",
        issued_at=timezone.now(),
        snapshot={},
    )


@pytest.mark.parametrize(
    ("role", "lands_on"),
    [
        ("editor", "/my-actions/"),
        ("analyst", "/partnerships/hertsmere/crime/"),
        ("coordinator", "/partnerships/hertsmere/"),
    ],
)
def test_each_role_lands_on_its_own_page(client, member_of, partnership, role, lands_on):
    client.force_login(member_of(role))
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert response["Location"] == lands_on


def test_a_board_member_lands_on_the_latest_issued_board_report(client, viewer, partnership):
    plan = PlanFactory(partnership=partnership, title="Action plan 2026-27")
    _issued_report(plan, "Report to the board – June 2026", datetime.date(2026, 6, 30))
    latest = _issued_report(
        plan, "Report to the board – September 2026", datetime.date(2026, 9, 30)
    )
    BoardReport.objects.create(  # a draft is not what the board reads
        plan=plan,
        title="Draft",
        period_start=datetime.date(2026, 10, 1),
        period_end=datetime.date(2026, 11, 30),
    )
    client.force_login(viewer)
    latest_url = client.get(reverse("core:home"))["Location"]
    assert latest_url == reverse("reports:board-report-latest", args=[partnership.slug])
    assert client.get(latest_url)["Location"] == reverse(
        "reports:board-report", args=[partnership.slug, latest.pk]
    )


def test_with_no_report_issued_a_board_member_lands_on_the_overview_told_so(
    client, viewer, partnership
):
    client.force_login(viewer)
    landed = client.get(reverse("core:home"), follow=True)
    assert landed.redirect_chain[-1][0] == reverse("partnerships:detail", args=[partnership.slug])
    assert "has not issued a board report yet" in landed.text


def test_in_several_partnerships_the_role_where_they_work_decides(
    client, member_of, partnership, other_partnership
):
    """A coordinator of one partnership and action owner of another lands by the role of
    the partnership they last switched to (first alphabetically until they do)."""
    person = member_of("coordinator")
    MembershipFactory(user=person, partnership=other_partnership, role="editor")
    client.force_login(person)
    assert client.get(reverse("core:home"))["Location"] == "/my-actions/"  # Dacorum first
    client.post(reverse("accounts:switch-partnership"), {"partnership": partnership.slug})
    assert client.get(reverse("core:home"))["Location"] == f"/partnerships/{partnership.slug}/"


def test_the_overview_shows_plan_status_the_next_meeting_and_the_latest_report(
    client, coordinator, partnership
):
    plan = PlanFactory(partnership=partnership, title="Action plan 2026-27", status="published")
    PlanFactory(partnership=partnership, title="Action plan 2019-20", status="archived")
    today = clock.today()
    for days in (-7, 40, 90):
        Meeting.objects.create(
            partnership=partnership, plan=plan, meets_on=today + datetime.timedelta(days=days)
        )
    _issued_report(plan, "Report to the board – September 2026", today)
    client.force_login(coordinator)
    page = client.get(reverse("partnerships:detail", args=[partnership.slug])).text
    overview = page.split('id="plans-and-board"')[1].split("</dl>")[0]
    assert "Action plan 2026-27" in overview
    assert "(Published)" in overview
    assert "Action plan 2019-20" not in overview
    assert f"{today + datetime.timedelta(days=40):%A %-d %B %Y}" in overview
    assert f"{today + datetime.timedelta(days=90):%-d %B %Y}" not in overview
    assert "Report to the board – September 2026" in overview


def test_the_overview_says_when_there_is_no_meeting_or_report(client, coordinator, partnership):
    client.force_login(coordinator)
    page = client.get(reverse("partnerships:detail", args=[partnership.slug])).text
    assert "None arranged" in page
    assert "None issued yet" in page
    assert "No plans yet" in page
