"""The board report page asks the same number of queries for a plan of 3 actions as of 30,
each with its updates and RAG changes (issue 27: a national installation's plans are no
slower to report on than a small one's)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from saferplan.core import clock
from saferplan.plans.tests.factories import (
    ActionFactory,
    PlanFactory,
    PriorityFactory,
    RagChangeFactory,
    UpdateFactory,
)
from saferplan.reports.services import board_report_create

pytestmark = pytest.mark.django_db

TODAY = clock.today()


def add_actions(priority, count):
    for number in range(count):
        action = ActionFactory(
            priority=priority,
            title=f"Action {number}",
            due_date=TODAY - datetime.timedelta(days=number % 3),
        )
        UpdateFactory.create_batch(3, action=action, described_on=TODAY)
        RagChangeFactory(action=action, rating=["red", "amber", "green"][number % 3])


def queries(client, report) -> int:
    url = reverse("reports:board-report", args=[report.plan.partnership.slug, report.pk])
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_board_report_asks_as_many_queries_for_30_actions_as_for_3(
    signed_in, coordinator, partnership
):
    plan = PlanFactory(partnership=partnership)
    first = PriorityFactory(plan=plan, number=1)
    second = PriorityFactory(plan=plan, number=2)
    add_actions(first, 2)
    add_actions(second, 1)
    report = board_report_create(
        actor=coordinator,
        plan=plan,
        title="Report to the board",
        period_start=TODAY - datetime.timedelta(days=30),
        period_end=TODAY,
        introduction="The JAG met twice.",
    )
    client = signed_in(coordinator)
    few = queries(client, report)

    add_actions(first, 15)
    add_actions(second, 12)

    assert queries(client, report) == few
    assert few <= 30
