"""Board meetings and the annual refresh: meetings still to come review next year's plan;
those held stay with the plan they reviewed."""

import datetime

import pytest
from django.core import mail

from saferplan.core import clock
from saferplan.meetings.services import meeting_create
from saferplan.notifications import services
from saferplan.plans import services as plan_services
from saferplan.plans.tests.factories import ActionFactory, PlanFactory, PriorityFactory

pytestmark = pytest.mark.django_db
TODAY = clock.today()


def test_meetings_after_the_refresh_move_to_the_new_plan_and_chase_its_actions(
    client, partnership, coordinator, editor
):
    plan = PlanFactory(
        partnership=partnership,
        title="Action Plan this year",
        status="approved",
        period_start=TODAY - datetime.timedelta(days=300),
        period_end=TODAY + datetime.timedelta(days=60),
    )
    priority = PriorityFactory(plan=plan, number=1, title="Exploitation")
    ActionFactory(
        priority=priority, title="Visit landlords", owner_user=editor, status="in_progress"
    )
    held = meeting_create(
        actor=coordinator,
        partnership=partnership,
        plan=plan,
        meets_on=TODAY - datetime.timedelta(days=10),
    )
    coming = meeting_create(
        actor=coordinator,
        partnership=partnership,
        plan=plan,
        meets_on=TODAY + datetime.timedelta(days=20),
        chase_days_before=25,
    )
    new_plan = plan_services.plan_refresh(
        actor=coordinator,
        plan=plan,
        title="Action Plan next year",
        period_start=plan.period_end + datetime.timedelta(days=1),
        period_end=plan.period_end + datetime.timedelta(days=365),
        supersede=True,
    )
    held.refresh_from_db()
    coming.refresh_from_db()
    assert (held.plan, coming.plan) == (plan, new_plan)
    # The owner is chased on the action carried into the new plan.
    assert services.send_chases(today=TODAY) == 1
    assert "Visit landlords" in mail.outbox[0].body
