import datetime
from pathlib import Path

import pytest
from django.urls import reverse

from saferplan.core.models import AuditEvent
from saferplan.partnerships.tests.factories import OrganisationFactory
from saferplan.plans import selectors, services
from saferplan.plans.models import DefaultRagDefinition, Plan, RagChange
from saferplan.plans.rag import roll_up

from .conftest import TODAY, make_action
from .factories import (
    UpdateFactory,
)

RAG_KEY_FILE = (
    Path(__file__).resolve().parent.parent / "reference_data" / "default_rag_definitions.yaml"
)


def test_roll_up_takes_the_worst_rating_and_white_only_when_nothing_is_rated():
    assert roll_up(["green", "amber", "white"]) == "amber"
    assert roll_up(["green", None, "red"]) == "red"
    assert roll_up(["green", "white"]) == "green"
    assert roll_up([None, "white"]) == "white"
    assert roll_up([]) == "white"


def test_the_overview_counts_rag_stale_and_overdue_per_priority(
    client, coordinator, priority, plan, partnership
):
    make_action(priority, rag="red", days_since_update=5)
    make_action(priority, rag="green", days_since_update=120)  # stale
    make_action(
        priority, rag="amber", days_since_update=1, due_date=TODAY - datetime.timedelta(days=1)
    )  # overdue
    make_action(
        priority, status="complete", rag="green", days_since_update=200
    )  # complete: never stale
    client.force_login(coordinator)
    page = client.get(reverse("plans:overview", args=[partnership.slug, plan.pk]))
    overview = page.context["overview"]
    assert overview.total == 4
    assert overview.counts == {"red": 1, "amber": 1, "green": 2, "white": 0}
    assert (overview.stale, overview.overdue, overview.complete) == (1, 1, 1)
    assert "1 open action with no update for 90 days" in page.text
    assert "1 open action past the due date" in page.text
    summary = overview.priorities[0]
    assert summary.rag == "red"
    assert summary.percent_complete == 25


def test_the_stale_period_is_set_per_plan(client, coordinator, priority, plan, partnership):
    plan.stale_after_days = 30
    plan.save()
    make_action(priority, days_since_update=45)
    client.force_login(coordinator)
    assert (
        client.get(reverse("plans:overview", args=[partnership.slug, plan.pk]))
        .context["overview"]
        .stale
        == 1
    )


def test_stale_and_overdue_actions_are_flagged_in_the_table_and_can_be_filtered(
    client, viewer, priority, plan, partnership
):
    make_action(priority, title="Quiet action", days_since_update=100)
    make_action(priority, title="Busy action", days_since_update=3)
    client.force_login(viewer)
    url = reverse("plans:action-table", args=[partnership.slug, plan.pk])
    page = client.get(url).text
    assert "Stale: last update" in page
    filtered = client.get(url, {"stale": "on"}).text
    assert "Quiet action" in filtered
    assert "Busy action" not in filtered
    assert "1 action shown." in filtered


def test_the_table_filters_by_rag_status_and_owner_organisation(
    client, viewer, priority, plan, partnership
):
    council = OrganisationFactory(name="Hertsmere Borough Council", partnerships=[partnership])
    make_action(priority, title="Red council action", rag="red", owner_organisations=[council])
    make_action(priority, title="Unrated action")
    client.force_login(viewer)
    url = reverse("plans:action-table", args=[partnership.slug, plan.pk])
    assert "Unrated action" in client.get(url, {"rag": "white"}).text
    assert "Red council action" not in client.get(url, {"rag": "white"}).text
    by_owner = client.get(url, {"organisation": council.pk}).text
    assert "Red council action" in by_owner
    assert "Unrated action" not in by_owner


def test_the_table_has_the_seed_shape_with_objective_owner_updates_and_rag(
    client, viewer, objective, plan, partnership, council
):
    action = make_action(
        objective.priority,
        objective=objective,
        title="Arrange knife amnesties",
        rag="amber",
        owner_organisations=[council],
    )
    for day in (1, 2, 3):
        UpdateFactory(
            action=action, described_on=datetime.date(2019, 7, day), text=f"Amnesty number {day}"
        )
    client.force_login(viewer)
    page = client.get(reverse("plans:action-table", args=[partnership.slug, plan.pk])).text
    for header in ("Objective", "Action", "Owner", "Latest updates", "RAG"):
        assert f'<th scope="col" class="govuk-table__header">{header}</th>' in page
    assert "1.1" in page
    assert "Hertsmere Borough Council" in page
    assert "Amnesty number 3" in page
    assert "Amnesty number 2" in page
    assert "Amnesty number 1" not in page  # only the latest two in this view
    assert '<span class="govuk-visually-hidden">RAG rating: </span>Amber' in page


def test_the_quarter_view_puts_each_update_in_its_financial_quarter(
    client, viewer, priority, partnership
):
    plan = priority.plan
    plan.period_start, plan.period_end = datetime.date(2019, 4, 1), datetime.date(2020, 3, 31)
    plan.save()
    action = make_action(priority, title="Mini Police Cadets")
    UpdateFactory(action=action, described_on=datetime.date(2019, 6, 30), text="June: Q1")
    UpdateFactory(action=action, described_on=datetime.date(2019, 7, 1), text="July: Q2")
    UpdateFactory(action=action, described_on=datetime.date(2020, 2, 10), text="February: Q4")
    client.force_login(viewer)
    response = client.get(
        reverse("plans:action-table", args=[partnership.slug, plan.pk]), {"view": "quarters"}
    )
    view = response.context["table_view"]
    assert view.quarters == [(2019, 1), (2019, 2), (2019, 3), (2019, 4)]
    cadets = next(
        a for t in view.tables for r in t.objectives for a in r.actions if a.action.pk == action.pk
    )
    assert [[u.text for u in column] for column in cadets.quarter_columns] == [
        ["June: Q1"],
        ["July: Q2"],
        [],
        ["February: Q4"],
    ]
    # Seed 004's columns, as the Word and PDF files have them (plans.columns).
    for heading in ("Objective", "Actions", "Target &amp; performance indicator", "Quarter 1"):
        assert f'<th scope="col" class="govuk-table__header">{heading}</th>' in response.text
    assert '<th scope="col" class="govuk-table__header">Quarter 4</th>' in response.text


def test_an_objective_rag_rolls_up_and_a_coordinator_overrides_it_with_a_reason(
    client, coordinator, objective, plan, partnership
):
    make_action(objective.priority, objective=objective, rag="green")
    make_action(objective.priority, objective=objective, rag="amber")
    client.force_login(coordinator)
    rows = selectors.plan_action_table(
        plan=plan, user=coordinator, filters=selectors.ActionFilters(), today=TODAY
    )[0].objectives
    assert rows[0].rag == "amber"
    assert rows[0].override is None
    response = client.post(
        reverse("plans:objective-rag", args=[partnership.slug, objective.pk]),
        {"rating": "green", "reason": ""},
    )
    assert "Give the reason for the override" in response.text
    client.post(
        reverse("plans:objective-rag", args=[partnership.slug, objective.pk]),
        {"rating": "green", "reason": "Amber item is minor"},
    )
    rows = selectors.plan_action_table(
        plan=plan, user=coordinator, filters=selectors.ActionFilters(), today=TODAY
    )[0].objectives
    assert rows[0].rag == "green"
    assert rows[0].rolled_up_rag == "amber"
    client.post(
        reverse("plans:objective-rag", args=[partnership.slug, objective.pk]),
        {"rating": "", "reason": "Back to the actions"},
    )
    rows = selectors.plan_action_table(
        plan=plan, user=coordinator, filters=selectors.ActionFilters(), today=TODAY
    )[0].objectives
    assert rows[0].rag == "amber"
    assert RagChange.objects.filter(objective=objective).count() == 2


def test_the_rag_key_defaults_to_seed_000_and_a_coordinator_rewords_it(
    client, coordinator, viewer, partnership
):
    client.force_login(viewer)
    page = client.get(reverse("plans:rag-key", args=[partnership.slug])).text
    assert "Delivery or work not started" in page
    assert client.post(reverse("plans:rag-key", args=[partnership.slug]), {}).status_code == 403
    client.force_login(coordinator)
    client.post(
        reverse("plans:rag-key", args=[partnership.slug]),
        {"red": "Off track", "amber": "At risk", "green": "On track", "white": "Not started"},
    )
    assert "Off track" in client.get(reverse("plans:rag-key", args=[partnership.slug])).text


def test_the_default_rag_key_is_its_reference_data_file_loaded_by_a_migration(db):
    """Reference data (docs/adr/0023): seed 000's four sentences, one per colour."""
    from saferplan.core.reference_data import rows

    in_file = {r["rating"]: r["definition"] for r in rows(RAG_KEY_FILE)}
    assert dict(DefaultRagDefinition.objects.values_list("rating", "definition")) == in_file
    assert set(in_file) == {"red", "amber", "green", "white"}


def test_an_administrators_default_shows_for_colours_a_partnership_has_not_worded(
    coordinator, partnership
):
    DefaultRagDefinition.objects.filter(rating="amber").update(definition="Needs attention")
    services.rag_definition_set(
        actor=coordinator, partnership=partnership, rating="red", definition="Off track"
    )
    key = {rating: words for rating, _label, words in selectors.rag_key(partnership=partnership)}
    assert key == {
        "red": "Off track",  # the partnership's own
        "amber": "Needs attention",  # the installation's, as the administrator worded it
        "green": "Progress on or ahead of schedule and on track to deliver as planned",
        "white": "Delivery or work not started",
    }


def test_plans_move_draft_to_approved_to_published_to_archived(
    client, coordinator, plan, partnership
):
    client.force_login(coordinator)
    url = reverse("plans:transition", args=[partnership.slug, plan.pk])
    client.post(url, {"status": "published"})
    plan.refresh_from_db()
    assert plan.status == "draft"  # cannot skip approval
    for status in ("approved", "published", "archived"):
        client.post(url, {"status": status})
        plan.refresh_from_db()
        assert plan.status == status
    assert AuditEvent.objects.filter(
        object_type="plans.plan", changes__Status=["Published", "Archived"]
    ).exists()


def test_a_coordinator_creates_a_plan_with_govuk_date_inputs(client, coordinator, partnership):
    client.force_login(coordinator)
    url = reverse("plans:add", args=[partnership.slug])
    form = {
        "kind": "action",
        "title": "Action Plan 2026 to 2027",
        "period_start_day": "1",
        "period_start_month": "4",
        "period_start_year": "2026",
        "period_end_day": "31",
        "period_end_month": "3",
        "stale_after_days": 90,
    }
    response = client.post(url, form | {"period_end_year": ""})
    assert "End of period must include a year" in response.text
    response = client.post(url, form | {"period_end_year": "2027"}, follow=True)
    assert "has been created as a draft" in response.text
    assert Plan.objects.get().period_end == datetime.date(2027, 3, 31)


@pytest.mark.parametrize("role", ["viewer", "editor", "analyst"])
def test_only_coordinators_change_plans(client, member_of, plan, partnership, role):
    client.force_login(member_of(role))
    assert (
        client.post(
            reverse("plans:priority-add", args=[partnership.slug, plan.pk]),
            {"number": 1, "title": "X"},
        ).status_code
        == 403
    )
    assert (
        client.post(
            reverse("plans:transition", args=[partnership.slug, plan.pk]), {"status": "approved"}
        ).status_code
        == 403
    )


def test_a_coordinator_changes_the_foreword_audited_and_the_overview_shows_it(
    client, coordinator, plan, partnership
):
    client.force_login(coordinator)
    form = {
        "kind": plan.kind,
        "title": plan.title,
        "period_start_day": plan.period_start.day,
        "period_start_month": plan.period_start.month,
        "period_start_year": plan.period_start.year,
        "period_end_day": plan.period_end.day,
        "period_end_month": plan.period_end.month,
        "period_end_year": plan.period_end.year,
        "stale_after_days": 90,
        "foreword": "We are proud of this plan.",
        "foreword_signatory": "Cllr Jane Smith, Chair of the Partnership",
    }
    response = client.post(reverse("plans:edit", args=[partnership.slug, plan.pk]), form)
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.foreword_signatory == "Cllr Jane Smith, Chair of the Partnership"
    assert AuditEvent.objects.filter(
        object_type="plans.plan", changes__Foreword=["", "We are proud of this plan."]
    ).exists()
    page = client.get(reverse("plans:overview", args=[partnership.slug, plan.pk])).text
    assert '<h2 class="govuk-heading-m" id="foreword">Foreword</h2>' in page
    assert "Cllr Jane Smith, Chair of the Partnership" in page
