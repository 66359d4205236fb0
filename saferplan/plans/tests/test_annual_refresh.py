"""The annual refresh: next year's plan carries forward exactly the open actions."""

from django.urls import reverse

from saferplan.plans.models import Action, Plan

from .conftest import make_action
from .factories import (
    UpdateFactory,
)


def test_the_annual_refresh_carries_forward_exactly_the_open_actions(
    client, coordinator, objective, plan, partnership
):
    open_one = make_action(
        objective.priority,
        objective=objective,
        title="Open, amber",
        rag="amber",
        status="in_progress",
    )
    not_started = make_action(objective.priority, title="Not started yet", status="not_started")
    make_action(objective.priority, title="Complete one", status="complete", rag="green")
    make_action(
        objective.priority,
        title="Discharged one",
        status="discharged",
        status_reason="Funding ended",
    )
    UpdateFactory(action=open_one, text="Last year's history")
    client.force_login(coordinator)
    response = client.post(
        reverse("plans:refresh", args=[partnership.slug, plan.pk]),
        {
            "title": "Action Plan next year",
            "period_start_day": 1,
            "period_start_month": 4,
            "period_start_year": plan.period_end.year,
            "period_end_day": 31,
            "period_end_month": 3,
            "period_end_year": plan.period_end.year + 1,
        },
        follow=True,
    )
    assert "with 2 open actions carried forward" in response.text
    new_plan = Plan.objects.get(title="Action Plan next year")
    assert new_plan.status == "draft"
    assert new_plan.carried_from == plan
    carried = Action.objects.filter(priority__plan=new_plan)
    assert {a.title for a in carried} == {"Open, amber", "Not started yet"}
    copy = carried.get(title="Open, amber")
    assert copy.carried_from == open_one
    assert copy.objective.ref == objective.ref
    assert copy.objective.priority.plan == new_plan
    assert copy.rag_changes.get().rating == "amber"
    assert copy.updates.count() == 0  # the history stays with last year's action, linked
    assert Action.objects.filter(priority__plan=plan).count() == 4  # last year's plan untouched
    page = client.get(reverse("plans:action", args=[partnership.slug, copy.pk])).text
    assert "Carried forward from" in page
    assert not_started.pk != carried.get(title="Not started yet").pk
