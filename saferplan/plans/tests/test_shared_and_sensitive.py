"""Text written beside OFFICIAL-SENSITIVE material is as sensitive as it, and an action
shared with other partnerships is changed only by its own: the red team's findings 1, 2 and
the first-rating race, each as the person who met it."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from saferplan.accounts.tests.factories import MembershipFactory, UserFactory
from saferplan.api.services import api_token_create
from saferplan.core.models import AuditEvent
from saferplan.partnerships.selectors import partnership_audit_events
from saferplan.partnerships.tests.factories import PartnershipFactory
from saferplan.plans import services
from saferplan.plans.models import Action, RagChange, Update

from .conftest import TODAY
from .test_updates import post_update

SECRET = "Informant Canaryb8k2"


@pytest.fixture
def published(plan, owned_action):
    plan.status = "published"
    plan.publish_updates = True
    plan.save()
    return plan


def public_rag_history(client, action):
    response = client.get(reverse("api:action-rag-history", args=[action.pk]))
    assert response.status_code == 200
    return response.json()["results"]


# A reason typed with an OFFICIAL-SENSITIVE update --------------------------------------------


def test_a_rag_reason_typed_with_a_sensitive_update_is_sensitive_and_never_public(
    client, editor, partnership, published, owned_action
):
    client.force_login(editor)
    post_update(
        client,
        partnership,
        owned_action,
        text="Operation planned",
        marking="official_sensitive",
        rag="red",
        rag_reason=SECRET,
        expected_rag_change_id=owned_action.rag_changes.get().pk,
    )
    change = owned_action.rag_changes.order_by("-id").first()
    assert (change.rating, change.reason, change.marking) == ("red", SECRET, "official_sensitive")
    page = client.get(reverse("plans:action", args=[partnership.slug, owned_action.pk])).text
    assert SECRET in page  # members read it, marked
    client.logout()
    history = public_rag_history(client, owned_action)
    assert [(h["rating"], h["reason"], h["changed_by"]) for h in history] == [
        ("red", "", None),
        ("amber", "Venue not yet confirmed", None),
    ]
    for kind in ("csv", "json"):
        response = client.get(
            reverse("reports:public-plan-export", args=[partnership.slug, published.pk, kind])
        )
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert SECRET.encode() not in body


def test_the_public_rag_history_names_nobody_and_gives_no_reason_when_progress_is_not_published(
    client, published, owned_action
):
    published.publish_updates = False
    published.save()
    assert [(h["reason"], h["changed_by"]) for h in public_rag_history(client, owned_action)] == [
        ("", None)
    ]


def test_members_read_the_rag_history_with_reasons_and_names(client, editor, owned_action):
    client.force_login(editor)
    (change,) = public_rag_history(client, owned_action)
    assert change["reason"] == "Venue not yet confirmed"
    assert change["changed_by"] is not None


def test_a_status_reason_typed_with_a_sensitive_update_carries_its_marking(editor, owned_action):
    services.update_add(
        actor=editor,
        action=owned_action,
        described_on=TODAY,
        text="Stood down",
        marking="official_sensitive",
        status="discharged",
        status_reason=SECRET,
    )
    owned_action.refresh_from_db()
    assert (owned_action.status_reason, owned_action.status_reason_marking) == (
        SECRET,
        "official_sensitive",
    )
    assert owned_action.status_reason_is_sensitive


def test_a_rating_set_through_the_api_may_be_marked_sensitive(client, coordinator, owned_action):
    _token, key = api_token_create(actor=coordinator, name="Police system")
    response = client.post(
        reverse("api:action-rag-history", args=[owned_action.pk]),
        {
            "rating": "red",
            "reason": SECRET,
            "marking": "official_sensitive",
            "expected_rag_change_id": owned_action.rag_changes.get().pk,
        },
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert response.status_code == 201, response.content
    assert RagChange.objects.get(reason=SECRET).marking == "official_sensitive"


def test_a_correction_of_a_sensitive_update_stays_sensitive(editor, owned_action):
    original = Update.objects.create(
        action=owned_action, described_on=TODAY, text=SECRET, marking="official_sensitive"
    )
    correction = services.update_correct(
        actor=editor, update=original, described_on=TODAY, text=SECRET + ".", marking="official"
    )
    assert correction.marking == "official_sensitive"


# Two first ratings at once -------------------------------------------------------------------


def test_a_second_first_rating_through_the_api_is_a_conflict_not_a_silent_replacement(
    client, coordinator, priority
):
    action = Action.objects.create(priority=priority, title="New action")
    _token, key = api_token_create(actor=coordinator, name="Police system")
    answers = [
        client.post(
            reverse("api:action-rag-history", args=[action.pk]),
            {"rating": rating, "reason": "First look", "expected_rag_change_id": None},
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {key}",
        )
        for rating in ("green", "red")
    ]
    assert [a.status_code for a in answers] == [201, 409]
    assert "changed the RAG rating to Green" in answers[1].json()["detail"]
    assert list(action.rag_changes.values_list("rating", flat=True)) == ["green"]


def test_a_second_first_rating_through_the_form_is_a_conflict(
    client, coordinator, partnership, priority
):
    action = Action.objects.create(priority=priority, title="New action")
    services.action_rag_set(actor=coordinator, action=action, rating="green", reason="Started")
    client.force_login(coordinator)
    # The form was opened before the first rating: it carries no rating id.
    response = post_update(client, partnership, action, rag="red", rag_reason="Stalled")
    assert response.status_code == 409
    assert "changed the RAG rating to Green after you opened this page" in response.text
    assert list(action.rag_changes.values_list("rating", flat=True)) == ["green"]


# A joint action is changed only by the partnership that owns it --------------------------------


@pytest.fixture
def joint(partnership, other_partnership, owned_action):
    """Hertsmere's OFFICIAL-SENSITIVE action, shared with Dacorum."""
    owned_action.marking = "official_sensitive"
    owned_action.save()
    owned_action.joint_partnerships.set([other_partnership])
    return owned_action


@pytest.fixture
def dacorum_coordinator(other_partnership):
    return MembershipFactory(partnership=other_partnership, role="coordinator").user


def test_a_joint_partners_coordinator_cannot_declassify_or_reshare_the_action(
    client, partnership, other_partnership, joint, dacorum_coordinator
):
    east_herts = PartnershipFactory(name="East Herts Community Safety Partnership")
    client.force_login(dacorum_coordinator)
    edit = reverse("plans:action-edit", args=[other_partnership.slug, joint.pk])
    assert client.get(edit).status_code == 403
    response = client.post(
        edit,
        {
            "title": joint.title,
            "status": "in_progress",
            "marking": "official",
            "joint_partnerships": [other_partnership.pk, east_herts.pk],
            "version": joint.version,
        },
    )
    assert response.status_code == 403
    joint.refresh_from_db()
    assert joint.marking == "official_sensitive"
    assert list(joint.joint_partnerships.all()) == [other_partnership]
    page = client.get(reverse("plans:action", args=[other_partnership.slug, joint.pk])).text
    assert "only its coordinators change its details" in page
    assert "Change the action&#x27;s details" not in page


def test_a_joint_partners_coordinator_still_adds_updates(
    client, other_partnership, joint, dacorum_coordinator
):
    client.force_login(dacorum_coordinator)
    response = post_update(client, other_partnership, joint, text="Dacorum's part done")
    assert "Your update has been added." in response.text


def test_the_action_form_lists_only_the_owning_partnerships_members(
    client, partnership, other_partnership, joint, coordinator
):
    dacorum_member = MembershipFactory(
        partnership=other_partnership, role="editor", user=UserFactory(full_name="Dacorum Dan")
    ).user
    left = UserFactory(full_name="Former Fran", is_active=False)
    MembershipFactory(partnership=partnership, role="editor", user=left)
    client.force_login(coordinator)
    page = client.get(reverse("plans:action-edit", args=[partnership.slug, joint.pk])).text
    # As the page writes the names (a generated "O'Donnell" is escaped there).
    assert escape(coordinator.get_full_name()) in page
    assert escape(dacorum_member.get_full_name()) not in page
    assert "Former Fran" not in page


def test_every_change_to_a_joint_action_is_in_each_sharing_partnerships_log(
    partnership, other_partnership, joint, coordinator, dacorum_coordinator
):
    east_herts = PartnershipFactory(name="East Herts Community Safety Partnership")
    services.update_add(
        actor=dacorum_coordinator, action=joint, described_on=TODAY, text="Dacorum's part done"
    )
    services.action_rag_set(
        actor=dacorum_coordinator,
        action=joint,
        rating="green",
        reason="Done",
        expected_rag_change_id=joint.rag_changes.get().pk,
    )
    services.action_update(
        actor=coordinator,
        action=joint,
        expected_version=joint.version,
        joint_partnerships=[east_herts],
    )

    def logged(p):
        return [(e.object_type, e.action) for e in partnership_audit_events(partnership=p)]

    expected = [("plans.action", "update"), ("plans.action", "update"), ("plans.update", "create")]
    assert sorted(logged(partnership)) == sorted(expected)
    # Dacorum sees its own writes and that it was taken off the action.
    assert sorted(logged(other_partnership)) == sorted(expected)
    assert logged(east_herts) == [("plans.action", "update")]
    assert AuditEvent.objects.count() == 3  # one event each, in several logs
