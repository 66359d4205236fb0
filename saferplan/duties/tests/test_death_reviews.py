"""The register of Domestic Abuse Related Death Reviews (issue 25, parts 2 and 6): the
stages from notification to publication, each date after the one before; recommendations
tracked as OFFICIAL-SENSITIVE actions; a restricted register of its own (a member named for
the ASB Case Reviews does not see it); and nothing of a review on the published plan, its
documents or the API until it is published, its recommendations only once a coordinator
publishes them."""

import io

import docx
import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from saferplan.accounts.models import Membership
from saferplan.duties import services
from saferplan.duties.models import DeathReview, Register
from saferplan.duties.tests.conftest import CANARY, DAY, approved

pytestmark = pytest.mark.django_db


def test_each_stage_comes_after_the_one_before(coordinator, review):
    with pytest.raises(ValidationError, match="cannot come before"):
        services.death_review_progress(
            actor=coordinator, review=review, qa_submitted_on=DAY(2024, 1, 1)
        )
    with pytest.raises(ValidationError, match="cannot come before"):
        services.death_review_progress(
            actor=coordinator,
            review=review,
            qa_submitted_on=DAY(2025, 1, 6),
            qa_panel_on=DAY(2024, 12, 1),
        )
    with pytest.raises(ValidationError, match="only after the Home Office panel approved"):
        services.death_review_publish(
            actor=coordinator, review=review, public_name="Adult A", published_on=DAY(2025, 5, 1)
        )
    review = approved(coordinator, review)
    with pytest.raises(ValidationError, match="not the register's reference"):
        services.death_review_publish(
            actor=coordinator,
            review=review,
            public_name="DARDR 2024/01",
            published_on=DAY(2025, 5, 1),
        )
    with pytest.raises(ValidationError, match="before the approval"):
        services.death_review_publish(
            actor=coordinator, review=review, public_name="Adult A", published_on=DAY(2025, 3, 1)
        )
    with pytest.raises(ValidationError, match="stay OFFICIAL-SENSITIVE"):
        services.death_review_recommendations_publish(actor=coordinator, review=review)
    with pytest.raises(ValidationError, match="decision stands"):
        services.death_review_decide(
            actor=coordinator,
            review=review,
            commissioned=False,
            decided_on=DAY(2024, 3, 1),
            reason="x",
        )
    # The database holds the same rules.
    with pytest.raises(IntegrityError), transaction.atomic():
        DeathReview.objects.filter(pk=review.pk).update(
            qa_approved_on=None, published_on=DAY(2025, 5, 1)
        )


def test_no_review_needs_its_reasons(coordinator, partnership):
    review = services.death_review_register(
        actor=coordinator,
        partnership=partnership,
        reference="DARDR 2024/02",
        notified_on=DAY(2024, 6, 3),
    )
    with pytest.raises(ValidationError, match="Say why"):
        services.death_review_decide(
            actor=coordinator, review=review, commissioned=False, decided_on=DAY(2024, 6, 20)
        )
    with pytest.raises(ValidationError, match="commission the review first"):
        services.death_review_recommendation_add(actor=coordinator, review=review, text="x")


def test_the_recommendations_action_is_sensitive_and_titled_for_the_plan(review):
    action = review.recommendations.get().action
    assert action.marking == "official_sensitive"
    assert CANARY not in action.title


def _public(client, partnership):
    page = client.get(reverse("public:plan", args=[partnership.slug])).content.decode()
    word = docx.Document(
        io.BytesIO(
            client.get(reverse("public:plan-document", args=[partnership.slug, "docx"])).content
        )
    )
    word_text = "\n".join(
        [p.text for p in word.paragraphs]
        + [c.text for t in word.tables for r in t.rows for c in r.cells]
    )
    pdf = client.get(reverse("public:plan-document", args=[partnership.slug, "pdf"])).content
    api = client.get(reverse("api:partnership-plans", args=[partnership.slug])).content.decode()
    return page, word_text, pdf, api


def test_nothing_of_a_review_is_public_until_published_and_its_recommendations_until_released(
    client, coordinator, partnership, review
):
    for shown in _public(client, partnership):
        assert CANARY not in str(shown)
        assert "Adult A" not in str(shown)
    review = approved(coordinator, review)
    review = services.death_review_publish(
        actor=coordinator,
        review=review,
        public_name="Adult A: domestic abuse related death review",
        published_on=DAY(2025, 6, 2),
        report_url="https://www.example.gov.uk/dardr-adult-a.pdf",
    )
    page, word_text, _pdf, _api = _public(client, partnership)
    assert "Adult A: domestic abuse related death review" in page
    assert "Published 2 June 2025" in page
    assert "Adult A: domestic abuse related death review" in word_text
    assert CANARY not in page
    assert CANARY not in word_text

    services.death_review_recommendations_publish(actor=coordinator, review=review)
    page, word_text, _pdf, _api = _public(client, partnership)
    assert f"{CANARY}: GP practices ask" in page
    assert "Not started" in page  # the action's progress, never its title
    assert "Routine enquiry in primary care" not in page
    assert f"{CANARY}: GP practices ask" in word_text
    assert "Routine enquiry in primary care" not in word_text
    assert review.recommendations.get().marking == "official"

    services.death_review_recommendations_publish(actor=coordinator, review=review, public=False)
    page, word_text, _pdf, _api = _public(client, partnership)
    assert CANARY not in page
    assert CANARY not in word_text


def test_the_register_is_its_own_restricted_list(
    signed_in, coordinator, partnership, viewer, editor, outsider, review
):
    register = reverse("duties:death-register", args=[partnership.slug])
    page = reverse("duties:death-review", args=[partnership.slug, review.pk])
    # Named for the ASB Case Reviews only: not this register.
    services.register_access_grant(
        actor=coordinator, partnership=partnership, register=Register.ASB_CASE_REVIEWS, user=editor
    )
    for refused in (viewer, editor, outsider):
        client = signed_in(refused)
        assert client.get(register).status_code == 403
        assert client.get(page).status_code == 403
    assert (
        CANARY
        not in signed_in(editor)
        .get(
            reverse("plans:action", args=[partnership.slug, review.recommendations.get().action.pk])
        )
        .content.decode()
    )

    services.register_access_grant(
        actor=coordinator, partnership=partnership, register=Register.DEATH_REVIEWS, user=viewer
    )
    client = signed_in(viewer)
    assert CANARY in client.get(page).content.decode()
    # A named member keeps the register, but publishing is a coordinator's.
    assert (
        client.get(reverse("duties:death-publish", args=[partnership.slug, review.pk])).status_code
        == 403
    )
    assert (
        client.post(
            reverse("duties:death-recommendations-publish", args=[partnership.slug, review.pk]),
            {"public": "yes"},
        ).status_code
        == 403
    )
    assert client.get(reverse("duties:death-access", args=[partnership.slug])).status_code == 403

    Membership.objects.get(user=viewer, partnership=partnership).delete()
    assert signed_in(viewer).get(page).status_code == 403


def test_a_coordinator_keeps_a_review_through_the_pages(signed_in, coordinator, partnership):
    client = signed_in(coordinator)
    answer = client.post(
        reverse("duties:death-add", args=[partnership.slug]),
        {
            "reference": "DARDR 2025/01",
            "notified_on_day": "3",
            "notified_on_month": "3",
            "notified_on_year": "2025",
        },
    )
    assert answer.status_code == 302
    review = DeathReview.objects.get()
    decision = reverse("duties:death-decision", args=[partnership.slug, review.pk])
    refused = client.post(
        decision,
        {
            "commissioned": "no",
            "decided_on_day": "20",
            "decided_on_month": "3",
            "decided_on_year": "2025",
            "decision_reason": "",
        },
    )
    assert "Say why no review is commissioned" in refused.content.decode()
    client.post(
        decision,
        {
            "commissioned": "yes",
            "decided_on_day": "20",
            "decided_on_month": "3",
            "decided_on_year": "2025",
        },
    )
    client.post(
        reverse("duties:death-progress", args=[partnership.slug, review.pk]),
        {
            "chair": "A. Chair",
            "qa_submitted_on_day": "1",
            "qa_submitted_on_month": "9",
            "qa_submitted_on_year": "2025",
            "qa_panel_on_day": "20",
            "qa_panel_on_month": "10",
            "qa_panel_on_year": "2025",
            "qa_approved_on_day": "10",
            "qa_approved_on_month": "11",
            "qa_approved_on_year": "2025",
        },
    )
    review.refresh_from_db()
    assert review.qa_approved_on == DAY(2025, 11, 10)
    text = client.get(
        reverse("duties:death-review", args=[partnership.slug, review.pk])
    ).content.decode()
    assert "Record the publication" in text
    overview = client.get(reverse("partnerships:detail", args=[partnership.slug])).content.decode()
    assert "1 review under way" in overview
