"""The JSON API: the public's view without a token, a member's view with a personal token,
adding updates and RAG ratings under the pages' rules, and the tokens themselves."""

import datetime

import pytest
from django.urls import reverse

from saferplan.api.models import ApiToken
from saferplan.api.services import api_token_create
from saferplan.core.models import AuditEvent
from saferplan.plans import services as plan_services
from saferplan.plans.models import RagChange, Update
from saferplan.plans.tests.factories import (
    ActionFactory,
    PlanFactory,
    PriorityFactory,
    UpdateFactory,
)

pytestmark = pytest.mark.django_db
CANARY = "Canaryq7w2m9"


@pytest.fixture
def published(partnership, coordinator):
    """Hertsmere's published action plan: an OFFICIAL action with an OFFICIAL and a
    sensitive update, and an OFFICIAL-SENSITIVE action."""
    plan = PlanFactory(
        partnership=partnership,
        title="Hertsmere Community Safety Action Plan 2019 - 2020",
        status="published",
    )
    priority = PriorityFactory(plan=plan, number=1, title="Tackling exploitation")
    action = ActionFactory(priority=priority, title="Arrange events in the community")
    UpdateFactory(action=action, text="Seven events delivered", described_on="2019-10-09")
    UpdateFactory(
        action=action,
        text=f"Intelligence from partners {CANARY}",
        marking="official_sensitive",
        described_on="2019-11-01",
    )
    ActionFactory(
        priority=priority, title=f"Covert operation {CANARY}", marking="official_sensitive"
    )
    plan_services.action_rag_set(
        actor=coordinator, action=action, rating="green", reason="Events on track"
    )
    return plan


@pytest.fixture
def draft(partnership):
    plan = PlanFactory(partnership=partnership, title="Draft plan 2020-21", status="draft")
    ActionFactory(priority=PriorityFactory(plan=plan, number=1), title="Draft action")
    return plan


def bearer(user) -> dict:
    _token, key = api_token_create(actor=user, name="Partner system")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def get(client, name, *args, headers=None, **params):
    response = client.get(reverse(f"api:{name}", args=args), params, **(headers or {}))
    return response


# The public's view -------------------------------------------------------------------------


def test_the_public_reads_published_plans_and_never_sensitive_material(
    client, partnership, published, draft
):
    partnerships = get(client, "partnerships").json()
    assert [p["slug"] for p in partnerships["results"]] == [partnership.slug]
    assert partnerships["results"][0]["member"] is False
    plans = get(client, "partnership-plans", partnership.slug).json()["results"]
    assert [p["title"] for p in plans] == [published.title]  # not the draft
    actions = get(client, "plan-actions", published.pk).json()
    assert [a["title"] for a in actions["results"]] == ["Arrange events in the community"]
    assert actions["results"][0]["rag"] == "green"
    # The latest update the public may read, not the sensitive one's date.
    assert actions["results"][0]["latest_update_on"] == "2019-10-09"
    assert get(client, "plan", draft.pk).status_code == 404
    assert get(client, "plan-actions", draft.pk).status_code == 404


def test_the_public_reads_updates_only_where_the_coordinator_published_them(client, published):
    action = published.priorities.get().actions.get(marking="official")
    assert get(client, "action-updates", action.pk).json()["results"] == []
    published.publish_updates = True
    published.save()
    updates = get(client, "action-updates", action.pk).json()["results"]
    assert [u["text"] for u in updates] == ["Seven events delivered"]
    history = get(client, "action-rag-history", action.pk).json()["results"]
    assert [(r["rating"], r["reason"]) for r in history] == [("green", "Events on track")]


def test_no_public_answer_holds_the_canary(client, published):
    published.publish_updates = True
    published.save()
    answers = [get(client, "plan-actions", published.pk, page_size=200)]
    for action in published.priorities.get().actions.all():
        answers += [
            get(client, "action", action.pk),
            get(client, "action-updates", action.pk),
            get(client, "action-rag-history", action.pk),
        ]
    assert any(a.status_code == 404 for a in answers)  # the sensitive action
    for answer in answers:
        assert CANARY not in answer.content.decode()


# A member's view ---------------------------------------------------------------------------


def test_a_member_with_a_token_reads_drafts_and_sensitive_material(
    client, partnership, published, draft, viewer
):
    headers = bearer(viewer)
    plans = get(client, "partnership-plans", partnership.slug, headers=headers).json()
    assert {p["title"] for p in plans["results"]} == {published.title, draft.title}
    actions = get(client, "plan-actions", published.pk, headers=headers).json()["results"]
    assert {a["title"] for a in actions} == {
        "Arrange events in the community",
        f"Covert operation {CANARY}",
    }
    official = next(a for a in actions if a["marking"] == "official")
    assert official["latest_update_on"] == "2019-11-01"
    updates = get(client, "action-updates", official["id"], headers=headers).json()["results"]
    assert [u["marking"] for u in updates] == ["official_sensitive", "official"]
    partnerships = get(client, "partnerships", headers=headers).json()["results"]
    assert partnerships[0]["member"] is True


def test_another_partnerships_member_reads_only_the_public_view(client, published, draft, outsider):
    headers = bearer(outsider)
    actions = get(client, "plan-actions", published.pk, headers=headers).json()["results"]
    assert CANARY not in str(actions)
    assert get(client, "plan", draft.pk, headers=headers).status_code == 404


def test_a_revoked_or_unknown_token_is_refused_with_401(client, published, viewer):
    from saferplan.api.services import api_token_revoke

    token, key = api_token_create(actor=viewer, name="Old dashboard")
    api_token_revoke(actor=viewer, token=token)
    for header in (f"Bearer {key}", "Bearer sp_not-a-token", "Bearer"):
        response = get(client, "partnerships", headers={"HTTP_AUTHORIZATION": header})
        assert response.status_code == 401, header
        assert response["WWW-Authenticate"] == "Bearer"


def test_filters_and_pages(client, published, viewer):
    priority = published.priorities.get()
    for number in range(60):
        ActionFactory(priority=priority, title=f"Patrol {number}")
    headers = bearer(viewer)
    first = get(client, "plan-actions", published.pk, headers=headers).json()
    assert first["count"] == 62
    assert len(first["results"]) == 50
    assert "page=2" in first["next"]
    big = get(client, "plan-actions", published.pk, headers=headers, page_size=1000).json()
    assert len(big["results"]) == 62  # up to 200 a page
    green = get(client, "plan-actions", published.pk, headers=headers, rag="green").json()
    assert [a["title"] for a in green["results"]] == ["Arrange events in the community"]
    wrong = get(client, "plan-actions", published.pk, headers=headers, rag="purple", status="x")
    assert wrong.status_code == 400
    assert set(wrong.json()) == {"rag", "status"}


def test_white_means_not_yet_rated_too_as_on_the_plan_table(client, published, viewer):
    """The API takes the table's filters (ActionQuerySet.matching): an action never rated
    counts as White, as the table's key says. The API's own copy of the filter missed it."""
    priority = published.priorities.get()
    ActionFactory(priority=priority, title="Not rated yet")
    white = get(client, "plan-actions", published.pk, headers=bearer(viewer), rag="white").json()
    assert {a["title"] for a in white["results"]} == {
        "Not rated yet",
        f"Covert operation {CANARY}",
    }


# Writing -----------------------------------------------------------------------------------


def post(client, name, action_id, body, headers=None):
    return client.post(
        reverse(f"api:{name}", args=[action_id]),
        body,
        content_type="application/json",
        **(headers or {}),
    )


@pytest.fixture
def owned(published, editor):
    """The OFFICIAL action, owned by the editor by name."""
    action = published.priorities.get().actions.get(marking="official")
    action.owner_user = editor
    action.save()
    return action


def test_an_owner_adds_an_update_with_a_rag_change_through_the_api(client, owned, editor):
    current = RagChange.objects.get(action=owned)
    response = post(
        client,
        "action-updates",
        owned.pk,
        {
            "described_on": "2019-12-02",
            "text": "Two more events; one cancelled for weather",
            "rag": "amber",
            "rag_reason": "One event cancelled",
            "expected_rag_change_id": current.pk,
        },
        bearer(editor),
    )
    assert response.status_code == 201, response.content
    assert response.json()["text"] == "Two more events; one cancelled for weather"
    update = Update.objects.get(pk=response.json()["id"])
    assert update.author == editor
    assert update.described_on == datetime.date(2019, 12, 2)
    latest = RagChange.objects.filter(action=owned).order_by("-id").first()
    assert (latest.rating, latest.reason, latest.changed_by) == (
        "amber",
        "One event cancelled",
        editor,
    )
    assert AuditEvent.objects.filter(object_type="plans.update", actor=editor).count() == 1


def test_bad_updates_are_refused_naming_each_field_and_nothing_is_saved(client, owned, editor):
    headers = bearer(editor)
    before = Update.objects.count(), RagChange.objects.count()
    missing = post(client, "action-updates", owned.pk, {"rag": "purple"}, headers)
    assert missing.status_code == 400
    assert set(missing.json()) == {"described_on", "text", "rag"}
    no_reason = post(
        client,
        "action-updates",
        owned.pk,
        {"described_on": "2019-12-02", "text": "Progress", "rag": "red"},
        headers,
    )
    assert no_reason.status_code == 400
    assert no_reason.json() == {"rag_reason": ["Give the reason for the RAG rating"]}
    assert (Update.objects.count(), RagChange.objects.count()) == before


def test_a_rating_set_since_it_was_read_is_a_conflict(client, owned, editor, coordinator):
    read = RagChange.objects.get(action=owned).pk
    plan_services.action_rag_set(actor=coordinator, action=owned, rating="red", reason="Venue lost")
    response = post(
        client,
        "action-rag-history",
        owned.pk,
        {"rating": "amber", "reason": "New venue found", "expected_rag_change_id": read},
        bearer(editor),
    )
    assert response.status_code == 409
    assert "changed the RAG rating to Red" in response.json()["detail"]
    assert RagChange.objects.filter(action=owned).order_by("-id").first().rating == "red"


def test_setting_rag_needs_a_reason_and_is_audited(client, owned, editor):
    headers = bearer(editor)
    refused = post(client, "action-rag-history", owned.pk, {"rating": "red"}, headers)
    assert refused.status_code == 400
    assert set(refused.json()) == {"reason"}
    response = post(
        client, "action-rag-history", owned.pk, {"rating": "red", "reason": "Venue lost"}, headers
    )
    assert response.status_code == 201
    assert response.json()["rating"] == "red"
    assert AuditEvent.objects.filter(object_type="plans.action", actor=editor).exists()


@pytest.mark.parametrize(
    ("who", "expected"), [("anonymous", 401), ("viewer", 403), ("outsider", 403)]
)
def test_only_owners_and_coordinators_write(client, owned, member_of, outsider, who, expected):
    headers = {}
    if who == "viewer":
        headers = bearer(member_of("viewer"))
    elif who == "outsider":
        headers = bearer(outsider)
    body = {"described_on": "2019-12-02", "text": "Progress"}
    assert post(client, "action-updates", owned.pk, body, headers).status_code == expected
    # An outsider reads the published OFFICIAL action, so is refused (403), not unfound; an
    # unpublished one they do not find (test_url_access).
    rag = {"rating": "red", "reason": "Venue lost"}
    assert post(client, "action-rag-history", owned.pk, rag, headers).status_code == expected
    assert not Update.objects.filter(text="Progress").exists()


# Measures and crime comparisons (members only) --------------------------------------------


def test_measures_and_crime_comparisons_are_for_members(client, partnership, viewer):
    for name in ("measures", "crime-comparison"):
        assert get(client, name, partnership.slug).status_code == 404
    headers = bearer(viewer)
    assert get(client, "measures", partnership.slug, headers=headers).json() == []
    refused = get(client, "crime-comparison", partnership.slug, headers=headers, period="next")
    assert refused.status_code == 400
    assert "is not a month" in refused.json()["period"] or refused.json()["period"]
    answer = get(client, "crime-comparison", partnership.slug, headers=headers, period="2018-10")
    assert answer.status_code == 200
    assert answer.json() == []  # no figures held


# Tokens -----------------------------------------------------------------------------------


def test_a_member_makes_a_token_sees_it_once_and_revokes_it(client, viewer, published):
    client.force_login(viewer)
    made = client.post(reverse("api-tokens:list"), {"name": "Police performance dashboard"})
    assert made.status_code == 200
    key = made.context["key"]
    assert key.startswith("sp_")
    assert key in made.content.decode()
    token = ApiToken.objects.get(user=viewer)
    assert token.digest != key
    assert key not in str(list(ApiToken.objects.values()))  # only its digest is kept
    listed = client.get(reverse("api-tokens:list")).content.decode()
    assert token.prefix in listed
    assert key not in listed
    client.logout()
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    assert get(client, "plan-actions", published.pk, headers=headers).status_code == 200
    client.force_login(viewer)
    client.post(reverse("api-tokens:revoke", args=[token.pk]))
    client.logout()
    assert get(client, "plan-actions", published.pk, headers=headers).status_code == 401
    assert AuditEvent.objects.filter(object_type="api.apitoken").count() == 2


def test_nobody_revokes_anothers_token(client, viewer, coordinator):
    token, _key = api_token_create(actor=viewer, name="Dashboard")
    client.force_login(coordinator)
    assert client.post(reverse("api-tokens:revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.is_active


def test_a_token_needs_a_name(client, viewer):
    client.force_login(viewer)
    response = client.post(reverse("api-tokens:list"), {"name": "  "})
    assert "Enter what will use the token" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_too_many_requests_are_refused_with_429_and_retry_after(client, monkeypatch, published):
    from django.core.cache import cache
    from rest_framework.throttling import SimpleRateThrottle

    cache.clear()
    monkeypatch.setattr(
        SimpleRateThrottle, "THROTTLE_RATES", {"anon": "3/minute", "user": "3/minute"}
    )
    answers = [get(client, "partnership-plans", published.partnership.slug) for _ in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert int(answers[-1]["Retry-After"]) > 0
    cache.clear()


def test_the_documentation_page_is_written_from_the_schema(client):
    schema = client.get(reverse("api:openapi")).json()
    page = client.get(reverse("api:docs")).content.decode()
    for path, operations in schema["paths"].items():
        for method in operations:
            assert f"{method.upper()} {path}" in page
    assert "The action&#x27;s id (the id field of an action)" in page
    assert "One of: red, amber, green, white." in page
