"""Board meetings and the annual refresh: meetings still to come review next year's plan;
those held stay with the plan they reviewed."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from saferplan.core import clock
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
    held = services.board_meeting_add(
        actor=coordinator, plan=plan, meets_on=TODAY - datetime.timedelta(days=10)
    )
    coming = services.board_meeting_add(
        actor=coordinator,
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
    client.force_login(coordinator)
    slug = partnership.slug
    new_page = client.get(reverse("notifications:board-meetings", args=[slug, new_plan.pk])).text
    old_page = client.get(reverse("notifications:board-meetings", args=[slug, plan.pk])).text
    assert f"{coming.meets_on:%-d %B %Y}" in new_page
    assert f"{coming.meets_on:%-d %B %Y}" not in old_page
    assert f"{held.meets_on:%-d %B %Y}" in old_page
    assert f"{held.meets_on:%-d %B %Y}" not in new_page
    # The owner is chased on the action carried into the new plan.
    assert services.send_chases(today=TODAY) == 1
    assert "Visit landlords" in mail.outbox[0].body
