import datetime
import threading
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from saferplan.accounts.tests.factories import MembershipFactory
from saferplan.core.models import AuditEvent
from saferplan.partnerships.tests.factories import OrganisationFactory
from saferplan.plans import selectors, services
from saferplan.plans.models import Action, DefaultRagDefinition, Plan, RagChange, Update
from saferplan.plans.rag import roll_up

from .conftest import TODAY, make_action
from .factories import (
    ActionFactory,
    ObjectiveFactory,
    RagChangeFactory,
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
        a for t in view.tables for r in t.objectives for a in r.actions if a.pk == action.pk
    )
    assert [[u.text for u in column] for column in cadets.quarter_columns] == [
        ["June: Q1"],
        ["July: Q2"],
        [],
        ["February: Q4"],
    ]
    assert "Q1 2019-20" in response.text
    assert "Q4 2019-20" in response.text


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


# Sensitive material ------------------------------------------------------------------------


@pytest.fixture
def sensitive_action(priority):
    action = make_action(
        priority,
        title="Maximise the use of Stop and Search powers CANARY-ACTION",
        marking="official_sensitive",
    )
    UpdateFactory(
        action=action, text="Stop and search figures CANARY-UPDATE", marking="official_sensitive"
    )
    return action


def test_members_see_sensitive_items_labelled(client, viewer, sensitive_action, plan, partnership):
    client.force_login(viewer)
    table = client.get(reverse("plans:action-table", args=[partnership.slug, plan.pk])).text
    assert "CANARY-ACTION" in table
    assert "CANARY-UPDATE" in table
    assert "OFFICIAL-SENSITIVE" in table


def test_a_member_of_another_partnership_sees_no_sensitive_item(
    client, outsider, sensitive_action, plan, partnership
):
    client.force_login(outsider)
    for url in [
        reverse("plans:overview", args=[partnership.slug, plan.pk]),
        reverse("plans:action-table", args=[partnership.slug, plan.pk]),
        reverse("plans:action", args=[partnership.slug, sensitive_action.pk]),
        reverse(
            "plans:action", args=[outsider.memberships.get().partnership.slug, sensitive_action.pk]
        ),
        reverse("my-actions"),
    ]:
        response = client.get(url)
        assert "CANARY" not in response.text, url
        assert response.status_code in {200, 403, 404}


def test_selectors_leave_sensitive_items_out_for_anyone_outside_the_owning_partnership(
    outsider, sensitive_action, plan
):
    tables = selectors.plan_action_table(
        plan=plan, user=outsider, filters=selectors.ActionFilters(), today=TODAY
    )
    shown = [a.title for t in tables for r in t.objectives for a in r.actions]
    assert not any("CANARY" in title for title in shown)
    assert (
        not Update.objects.current()
        .visible_to(outsider, partnership_ids={plan.partnership_id})
        .filter(text__contains="CANARY")
        .exists()
    )


def test_a_joint_partner_sees_the_joint_action_but_not_the_plans_other_sensitive_items(
    client, other_partnership, priority, sensitive_action, partnership
):
    joint_member = MembershipFactory(partnership=other_partnership, role="viewer").user
    joint = make_action(
        priority,
        title="Launch the Tri-CSP Youth Action Panel",
        joint_partnerships=[other_partnership],
    )
    client.force_login(joint_member)
    page = client.get(reverse("plans:action", args=[other_partnership.slug, joint.pk]))
    assert page.status_code == 200
    assert "Tri-CSP Youth Action Panel" in page.text
    assert (
        client.get(
            reverse("plans:action", args=[other_partnership.slug, sensitive_action.pk])
        ).status_code
        == 404
    )


# Annual refresh ------------------------------------------------------------------------------


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


# Query counts ---------------------------------------------------------------------------------


def _queries(client, url, **params):
    """Queries of a page built afresh (the cached rendering would hide them)."""
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params).status_code == 200
    return len(captured)


def _grow(priority, organisation, count):
    for _ in range(count):
        action = make_action(
            priority,
            objective=ObjectiveFactory(priority=priority),
            rag="green",
            owner_organisations=[organisation],
        )
        UpdateFactory.create_batch(3, action=action)


def test_action_table_and_overview_query_counts_do_not_grow_with_the_actions(
    client, coordinator, priority, plan, partnership, council
):
    client.force_login(coordinator)
    table = reverse("plans:action-table", args=[partnership.slug, plan.pk])
    overview = reverse("plans:overview", args=[partnership.slug, plan.pk])
    _grow(priority, council, 3)
    few = (
        _queries(client, table),
        _queries(client, table, view="quarters"),
        _queries(client, overview),
    )
    _grow(priority, council, 30)
    many = (
        _queries(client, table),
        _queries(client, table, view="quarters"),
        _queries(client, overview),
    )
    assert few == many
    assert max(many) <= 20


def test_my_actions_query_count_does_not_grow_with_the_actions(client, editor, priority, council):
    membership = editor.memberships.get()
    membership.organisation = council
    membership.save()
    client.force_login(editor)
    _grow(priority, council, 3)
    few = _queries(client, reverse("my-actions"))
    _grow(priority, council, 30)
    assert _queries(client, reverse("my-actions")) == few


# Two people at once, on PostgreSQL with two real connections ----------------------------------


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs two real connections: run make test-postgres"
)
def test_two_saves_of_the_same_version_on_two_connections_let_exactly_one_through(
    coordinator, priority
):
    action = ActionFactory(priority=priority, owner_name="original")
    barrier = threading.Barrier(2)
    outcomes = []

    def save(name):
        try:
            mine = Action.objects.get(pk=action.pk)
            barrier.wait()
            services.action_update(
                actor=coordinator, action=mine, expected_version=1, owner_name=name
            )
            outcomes.append(("saved", name))
        except services.EditConflictError:
            outcomes.append(("conflict", name))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(name,)) for name in ("Loran", "Matt")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(kind for kind, _ in outcomes) == ["conflict", "saved"]
    winner = next(name for kind, name in outcomes if kind == "saved")
    action.refresh_from_db()
    assert action.owner_name == winner
    assert action.version == 2


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs two real connections: run make test-postgres"
)
def test_two_rag_changes_from_the_same_page_on_two_connections_keep_both_people_informed(
    coordinator, priority
):
    action = ActionFactory(priority=priority)
    opened = RagChangeFactory(action=action, rating="amber").pk
    barrier = threading.Barrier(2)
    outcomes = []

    def rate(rating):
        try:
            mine = Action.objects.get(pk=action.pk)
            barrier.wait()
            services.update_add(
                actor=coordinator,
                action=mine,
                described_on=TODAY,
                text=f"Rated {rating}",
                rag=rating,
                rag_reason="Because",
                expected_rag_change_id=opened,
            )
            outcomes.append("saved")
        except services.EditConflictError:
            outcomes.append("conflict")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=rate, args=(rating,)) for rating in ("red", "green")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["conflict", "saved"]
    assert RagChange.objects.filter(action=action).count() == 2
    assert action.updates.count() == 1


# The cached renderings ----------------------------------------------------------------------------


def test_a_cached_table_is_served_with_a_handful_of_queries(
    client, viewer, priority, plan, partnership, council
):
    _grow(priority, council, 20)
    client.force_login(viewer)
    url = reverse("plans:action-table", args=[partnership.slug, plan.pk])
    first = client.get(url).text
    with CaptureQueriesContext(connection) as captured:
        second = client.get(url).text
    links = f'href="/partnerships/{partnership.slug}/actions/'
    assert second.count(links) == first.count(links) == 20
    assert len(captured) <= 10


def _table(client, partnership, plan, **params):
    return client.get(reverse("plans:action-table", args=[partnership.slug, plan.pk]), params).text


def test_every_kind_of_change_shows_at_once_in_the_cached_table(
    client, coordinator, objective, plan, partnership, council
):
    action = make_action(
        objective.priority,
        objective=objective,
        title="Original title",
        owner_organisations=[council],
    )
    client.force_login(coordinator)
    assert "Original title" in _table(client, partnership, plan)
    services.update_add(
        actor=coordinator,
        action=action,
        described_on=TODAY,
        text="A brand new update",
        rag="red",
        rag_reason="Slipped",
    )
    page = _table(client, partnership, plan)
    assert "A brand new update" in page
    assert "RAG rating: </span>Red" in page
    services.action_update(
        actor=coordinator,
        action=Action.objects.get(pk=action.pk),
        expected_version=action.version,
        title="Renamed action",
    )
    assert "Renamed action" in _table(client, partnership, plan)
    services.objective_update(actor=coordinator, objective=objective, title="Renamed objective")
    assert "Renamed objective" in _table(client, partnership, plan)
    services.rag_override(actor=coordinator, subject=objective, rating="green", reason="Minor slip")
    assert "(overridden)" in _table(client, partnership, plan)
    from saferplan.partnerships import services as partnership_services

    partnership_services.organisation_update(
        actor=coordinator,
        organisation=council,
        partnership=partnership,
        name="Hertsmere Council (renamed)",
    )
    # In the cached table itself, not only in the filter's list of organisations above it.
    page = _table(client, partnership, plan)
    table = page[page.index("Clear filters") : page.index("How an objective's RAG rating")]
    assert "Hertsmere Council (renamed)" in table


def test_my_actions_shows_a_new_update_at_once(client, editor, owned_action, partnership):
    client.force_login(editor)
    assert "Charity event at Borehamwood Football Club" in client.get(reverse("my-actions")).text
    services.update_add(
        actor=editor, action=owned_action, described_on=TODAY, text="Newest news from the owner"
    )
    assert "Newest news from the owner" in client.get(reverse("my-actions")).text


def test_the_cache_never_shows_sensitive_items_rendered_for_a_member_to_someone_else(
    client, viewer, outsider, sensitive_action, plan, partnership
):
    client.force_login(viewer)
    assert "CANARY-ACTION" in _table(client, partnership, plan)
    rendered = selectors.action_table_cache_key(
        plan=plan, user=viewer, filters=selectors.ActionFilters(), today=TODAY, quarter_view=False
    )
    assert rendered != selectors.action_table_cache_key(
        plan=plan, user=outsider, filters=selectors.ActionFilters(), today=TODAY, quarter_view=False
    )


def test_tomorrow_the_stale_flags_are_worked_out_again(viewer, plan):
    today = selectors.action_table_cache_key(
        plan=plan, user=viewer, filters=selectors.ActionFilters(), today=TODAY, quarter_view=False
    )
    tomorrow = selectors.action_table_cache_key(
        plan=plan,
        user=viewer,
        filters=selectors.ActionFilters(),
        today=TODAY + datetime.timedelta(days=1),
        quarter_view=False,
    )
    assert today != tomorrow
