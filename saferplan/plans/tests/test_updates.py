"""An action owner's week: find my actions, add a dated update, change the RAG rating."""

import datetime

import pytest
from django.urls import reverse
from django.utils.html import escape

from saferplan.core.models import AuditEvent
from saferplan.plans.models import Action, RagChange, Update

from .conftest import TODAY


def post_update(client, partnership, action, **data):
    day = data.pop("day", TODAY)
    form = {
        "described_on_day": day.day,
        "described_on_month": day.month,
        "described_on_year": day.year,
        "text": "Workshop held at Hertswood Academy for 240 year 9 students",
        "marking": "official",
        "rag": "",
        "rag_reason": "",
        "status": "",
        "status_reason": "",
        "expected_rag_change_id": "",
    } | data
    return client.post(
        reverse("plans:update-add", args=[partnership.slug, action.pk]), form, follow=True
    )


def test_an_owner_finds_their_action_in_my_actions(client, editor, owned_action):
    client.force_login(editor)
    page = client.get(reverse("my-actions")).text
    assert "Arrange events in the community" in page
    assert "Red or amber (1)" in page
    assert "Charity event at Borehamwood Football Club" in page


def test_an_owner_adds_a_dated_update_and_changes_rag_with_a_reason(
    client, editor, owned_action, partnership
):
    client.force_login(editor)
    response = post_update(
        client,
        partnership,
        owned_action,
        day=datetime.date(2019, 6, 13),
        rag="green",
        rag_reason="Venue confirmed",
        expected_rag_change_id=owned_action.rag_changes.get().pk,
    )
    assert "Your update has been added." in response.text
    update = Update.objects.get(text__startswith="Workshop held")
    assert update.described_on == datetime.date(2019, 6, 13)
    assert update.author == editor
    latest = RagChange.objects.filter(action=owned_action).order_by("-changed_at", "-id").first()
    assert (latest.rating, latest.reason, latest.changed_by) == ("green", "Venue confirmed", editor)
    assert "RAG rating set to" in response.text
    assert "Venue confirmed" in response.text


def test_changing_rag_without_a_reason_saves_nothing_and_keeps_what_was_typed(
    client, editor, owned_action, partnership
):
    client.force_login(editor)
    response = post_update(
        client,
        partnership,
        owned_action,
        rag="red",
        text="Speaker cancelled",
        expected_rag_change_id=owned_action.rag_changes.get().pk,
    )
    assert "Give the reason for the RAG rating" in response.text
    assert "Speaker cancelled" in response.text
    assert not Update.objects.filter(text="Speaker cancelled").exists()
    assert owned_action.rag_changes.count() == 1


def test_keeping_the_same_rag_needs_no_reason(client, editor, owned_action, partnership):
    client.force_login(editor)
    post_update(
        client,
        partnership,
        owned_action,
        rag="amber",
        expected_rag_change_id=owned_action.rag_changes.get().pk,
    )
    assert owned_action.rag_changes.count() == 1
    assert owned_action.updates.count() == 2


def test_a_future_date_is_refused_at_the_date_field(client, editor, owned_action, partnership):
    client.force_login(editor)
    response = post_update(
        client, partnership, owned_action, day=TODAY + datetime.timedelta(days=3)
    )
    assert "Date of the progress must be today or in the past" in response.text
    assert 'href="#id_described_on_0"' in response.text


def test_an_impossible_date_is_refused(client, editor, owned_action, partnership):
    client.force_login(editor)
    response = client.post(
        reverse("plans:update-add", args=[partnership.slug, owned_action.pk]),
        {
            "described_on_day": "31",
            "described_on_month": "2",
            "described_on_year": "2019",
            "text": "x",
            "marking": "official",
        },
    )
    assert "Date of the progress must be a real date" in response.text


def test_marking_complete_records_the_status_and_audits_it(
    client, editor, owned_action, partnership
):
    client.force_login(editor)
    post_update(client, partnership, owned_action, status="complete", text="All events delivered")
    owned_action.refresh_from_db()
    assert owned_action.status == "complete"
    assert AuditEvent.objects.filter(
        object_type="plans.action",
        object_id=str(owned_action.pk),
        changes__Status=["In progress", "Complete"],
    ).exists()


def test_discharging_needs_a_reason(client, editor, owned_action, partnership):
    client.force_login(editor)
    response = post_update(
        client, partnership, owned_action, status="discharged", text="No longer needed"
    )
    assert "Give the reason the action was discharged" in response.text
    owned_action.refresh_from_db()
    assert owned_action.status == "in_progress"


@pytest.mark.parametrize("role", ["viewer", "analyst"])
def test_viewers_and_analysts_cannot_add_updates(
    client, member_of, owned_action, partnership, role
):
    client.force_login(member_of(role))
    response = post_update(client, partnership, owned_action)
    assert response.status_code == 403
    assert owned_action.updates.count() == 1
    page = client.get(reverse("plans:action", args=[partnership.slug, owned_action.pk])).text
    assert "Add update" not in page


def test_an_editor_cannot_update_an_action_they_do_not_own(
    client, member_of, objective, partnership
):
    from .factories import ActionFactory

    other = ActionFactory(priority=objective.priority, title="Someone else's action")
    client.force_login(member_of("editor"))
    assert post_update(client, partnership, other).status_code == 403


def test_a_coordinator_updates_any_action_of_their_partnership(
    client, coordinator, owned_action, partnership
):
    client.force_login(coordinator)
    post_update(client, partnership, owned_action, text="Coordinator's note")
    assert owned_action.updates.filter(text="Coordinator's note").exists()


def test_a_rag_change_made_meanwhile_is_a_conflict_not_an_overwrite(
    client, editor, coordinator, owned_action, partnership
):
    opened_with = owned_action.rag_changes.get().pk
    client.force_login(coordinator)
    post_update(
        client,
        partnership,
        owned_action,
        rag="red",
        rag_reason="Funding withdrawn",
        text="Coordinator",
        expected_rag_change_id=opened_with,
    )
    client.force_login(editor)
    response = post_update(
        client,
        partnership,
        owned_action,
        rag="green",
        rag_reason="Venue confirmed",
        text="My news",
        expected_rag_change_id=opened_with,
    )
    assert response.status_code == 409
    assert "changed the RAG rating to Red after you opened this page" in response.text
    assert "Funding withdrawn" in response.text
    assert "My news" in response.text  # nothing typed is lost
    assert not Update.objects.filter(text="My news").exists()
    assert RagChange.objects.filter(action=owned_action).order_by("-id").first().rating == "red"


def test_an_update_is_corrected_by_a_new_row_and_the_original_stays(
    client, editor, owned_action, partnership
):
    original = owned_action.updates.get()
    client.force_login(editor)
    client.post(
        reverse("plans:update-correct", args=[partnership.slug, original.pk]),
        {
            "described_on_day": original.described_on.day,
            "described_on_month": original.described_on.month,
            "described_on_year": original.described_on.year,
            "text": "Charity event at Borehamwood FC, 120 attended",
            "marking": "official",
        },
    )
    correction = Update.objects.get(supersedes=original)
    assert correction.text.endswith("120 attended")
    original.refresh_from_db()
    assert original.text == "Charity event at Borehamwood Football Club"
    page = client.get(reverse("plans:action", args=[partnership.slug, owned_action.pk])).text
    assert "Corrected by a later update." in page
    table = client.get(
        reverse("plans:action-table", args=[partnership.slug, owned_action.priority.plan.pk])
    ).text
    assert "120 attended" in table
    assert "Charity event at Borehamwood Football Club" not in table


def test_the_action_page_shows_who_changed_what(client, coordinator, owned_action, partnership):
    client.force_login(coordinator)
    post_update(client, partnership, owned_action, status="complete", text="Done")
    page = client.get(reverse("plans:action", args=[partnership.slug, owned_action.pk])).text
    assert (
        f"{escape(coordinator.full_name)} changed the action; status: In progress → Complete"
        in page
    )


def test_with_htmx_the_answer_holds_the_refreshed_form_and_history(
    client, editor, owned_action, partnership
):
    client.force_login(editor)
    response = client.post(
        reverse("plans:update-add", args=[partnership.slug, owned_action.pk]),
        {
            "described_on_day": TODAY.day,
            "described_on_month": TODAY.month,
            "described_on_year": TODAY.year,
            "text": "Inline update",
            "marking": "official",
        },
        HTTP_HX_REQUEST="true",
        # Sent from the action's page (from the update's own page, htmx leaves for it).
        HTTP_HX_CURRENT_URL=reverse("plans:action", args=[partnership.slug, owned_action.pk]),
        follow=True,
    )
    assert response.status_code == 200
    assert 'id="update-form"' in response.text
    assert 'id="timeline"' in response.text
    assert "Inline update" in response.text


def test_action_edits_are_checked_against_the_version_opened(
    client, coordinator, owned_action, partnership
):
    client.force_login(coordinator)
    url = reverse("plans:action-edit", args=[partnership.slug, owned_action.pk])
    base = {
        "title": owned_action.title,
        "status": "in_progress",
        "marking": "official",
        "owner_organisations": [o.pk for o in owned_action.owner_organisations.all()],
        "version": owned_action.version,
    }
    first = client.post(url, base | {"owner_name": "Loran"}, follow=True)
    assert "The action has been updated." in first.text
    second = client.post(url, base | {"owner_name": "Matt"})
    assert second.status_code == 409
    assert "changed this action after you opened it" in second.text
    assert "Loran" in second.text
    assert "Matt" in second.text
    owned_action.refresh_from_db()
    assert owned_action.owner_name == "Loran"
    resubmitted = client.post(
        url, base | {"owner_name": "Matt", "version": owned_action.version}, follow=True
    )
    assert "The action has been updated." in resubmitted.text
    assert Action.objects.get(pk=owned_action.pk).owner_name == "Matt"
