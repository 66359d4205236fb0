"""The plan pages' cost and consistency: query counts that do not grow with the actions, two
saves at once on PostgreSQL, and cached tables that show every change at once."""

import datetime
import threading

import pytest
from django.core.cache import cache
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from saferplan.plans import selectors, services
from saferplan.plans.models import Action, RagChange

from .conftest import TODAY, make_action
from .factories import (
    ActionFactory,
    ObjectiveFactory,
    RagChangeFactory,
    UpdateFactory,
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


def test_an_actions_page_query_count_does_not_grow_with_its_updates(
    client, coordinator, priority, partnership
):
    action = make_action(priority, rag="amber")
    UpdateFactory.create_batch(2, action=action)
    client.force_login(coordinator)
    page = reverse("plans:action", args=[partnership.slug, action.pk])
    few = _queries(client, page)
    UpdateFactory.create_batch(25, action=action)
    RagChangeFactory.create_batch(10, action=action, rating="red")
    assert _queries(client, page) == few
    assert few <= 25


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
