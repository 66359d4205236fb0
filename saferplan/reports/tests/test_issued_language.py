"""An issued board report is what every board member reads: it is written in the
installation's language whichever language the coordinator's page was in when issuing it
(core.languages.stored_language), and a Welsh page still draws its own words in Welsh."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from saferplan.core import clock
from saferplan.plans.tests.factories import ActionFactory, PlanFactory, PriorityFactory
from saferplan.reports.services import board_report_create, board_report_issue

pytestmark = pytest.mark.django_db


def test_a_report_issued_from_a_welsh_page_is_stored_in_english(
    signed_in, coordinator, partnership
):
    plan = PlanFactory(partnership=partnership, title="Hertsmere Community Safety Action Plan")
    ActionFactory(priority=PriorityFactory(plan=plan, number=1), title="Map ASB reports")
    today = clock.today()
    report = board_report_create(
        actor=coordinator,
        plan=plan,
        title="Report to the board",
        period_start=today - datetime.timedelta(days=30),
        period_end=today,
        introduction="",
    )
    with translation.override("cy"):
        issued = board_report_issue(actor=coordinator, report=report, today=today)
    labels = [label for _rating, label, _definition in issued.snapshot["rag_key"]]
    assert labels == ["Red", "Amber", "Green", "White"]

    with translation.override("cy"):
        welsh = reverse("reports:board-report", args=[partnership.slug, report.pk])
    html = signed_in(coordinator).get(welsh).content.decode()
    assert '<html lang="cy"' in html
    assert "Adroddiadau i&#x27;r bwrdd" in html or "Adroddiadau i'r bwrdd" in html
