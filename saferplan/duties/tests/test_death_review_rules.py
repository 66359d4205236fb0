"""The death-review register's rules that red-team passes asked for (issue 25): a new
recommendation waits for a coordinator, the decision stands once the review reaches the panel,
no future publication day, https report addresses, a review's action stays sensitive and
unshared, and follows the annual refresh."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from saferplan.core import clock
from saferplan.duties import services
from saferplan.duties.models import DeathReview
from saferplan.duties.tests.conftest import CANARY, DAY, approved
from saferplan.plans.models import PlanKind

pytestmark = pytest.mark.django_db


def _published(coordinator, review):
    review = approved(coordinator, review)
    return services.death_review_publish(
        actor=coordinator, review=review, public_name="Adult A", published_on=DAY(2025, 6, 2)
    )


def test_a_recommendation_added_after_publishing_waits_for_a_coordinator(
    client, coordinator, partnership, review
):
    """Red-team: a named member's new recommendation went public at once beside published
    ones."""
    review = _published(coordinator, review)
    services.death_review_recommendations_publish(actor=coordinator, review=review)
    added = services.death_review_recommendation_add(
        actor=coordinator, review=review, text="Canarylate9: a later recommendation"
    )
    assert added.marking == "official_sensitive"
    page = client.get(reverse("public:plan", args=[partnership.slug])).content.decode()
    assert f"{CANARY}: GP practices ask" in page
    assert "Canarylate9" not in page


def test_a_published_review_keeps_its_decision_and_a_future_day_is_refused(coordinator, review):
    """Red-team: the decision could be reversed after publication (hiding the recommendations'
    withdraw button), an approval recorded without the panel, and an embargoed review shown
    early."""
    with pytest.raises(ValidationError, match="sent to the panel"):
        services.death_review_progress(
            actor=coordinator, review=review, qa_panel_on=DAY(2025, 3, 12)
        )
    with pytest.raises(ValidationError, match="panel considered it"):
        services.death_review_progress(
            actor=coordinator,
            review=review,
            qa_submitted_on=DAY(2025, 1, 6),
            qa_approved_on=DAY(2025, 4, 2),
        )
    review = approved(coordinator, review)
    with pytest.raises(ValidationError, match="once the report is published"):
        services.death_review_publish(
            actor=coordinator,
            review=review,
            public_name="Adult A",
            published_on=clock.today() + datetime.timedelta(days=1),
        )
    review = _published(coordinator, review)
    with pytest.raises(ValidationError, match="decision stands"):
        services.death_review_decide(
            actor=coordinator,
            review=review,
            commissioned=False,
            decided_on=DAY(2030, 1, 1),
            reason="x",
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        DeathReview.objects.filter(pk=review.pk).update(commissioned=False)


def test_only_an_https_report_address(coordinator, review):
    review = approved(coordinator, review)
    for address in ("ftp://example.org/report.pdf", "http://example.org/report.pdf"):
        with pytest.raises(ValidationError):
            services.death_review_publish(
                actor=coordinator,
                review=review,
                public_name="Adult A",
                published_on=DAY(2025, 6, 2),
                report_url=address,
            )


def test_a_reviews_action_stays_sensitive_and_unshared(coordinator, review, other_partnership):
    """Red-team: a coordinator could lower the action's marking (its title then public) or
    share it with another partnership."""
    from saferplan.plans.services import action_update

    action = review.recommendations.get().action
    with pytest.raises(ValidationError, match="stays OFFICIAL-SENSITIVE"):
        action_update(
            actor=coordinator, action=action, expected_version=action.version, marking="official"
        )
    action.refresh_from_db()
    with pytest.raises(ValidationError, match="not shared"):
        action_update(
            actor=coordinator,
            action=action,
            expected_version=action.version,
            joint_partnerships=[other_partnership],
        )
    action.refresh_from_db()
    assert action.marking == "official_sensitive"
    assert not action.joint_partnerships.exists()
    # Anything else of it changes as usual.
    action_update(
        actor=coordinator, action=action, expected_version=action.version, due_date=DAY(2026, 3, 31)
    )


def test_a_recommendation_follows_its_action_into_next_years_plan(coordinator, review):
    """Red-team: the annual refresh's copy of the action lost the link, and with it the guard
    on its marking."""
    from saferplan.plans.services import action_update, plan_refresh

    old = review.recommendations.get().action
    plan = old.priority.plan
    plan.kind = PlanKind.ACTION
    plan.save()
    new_plan = plan_refresh(
        actor=coordinator,
        plan=plan,
        title="Next year",
        period_start=DAY(2026, 4, 1),
        period_end=DAY(2027, 3, 31),
    )
    copy = review.recommendations.get().action
    assert copy.priority.plan == new_plan
    assert copy.carried_from == old
    with pytest.raises(ValidationError, match="stays OFFICIAL-SENSITIVE"):
        action_update(
            actor=coordinator, action=copy, expected_version=copy.version, marking="official"
        )
