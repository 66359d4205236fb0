"""Shared records of the duties tests: a commissioned death review with a recommendation
tracked as an action of the plan."""

import datetime

import pytest

from saferplan.duties import services
from saferplan.plans.models import PlanKind, PlanStatus
from saferplan.plans.tests.factories import PlanFactory, PriorityFactory

CANARY = "Canaryd4r7"
DAY = datetime.date


@pytest.fixture
def review(coordinator, partnership):
    """A commissioned review with a recommendation tracked as an action of the plan."""
    review = services.death_review_register(
        actor=coordinator,
        partnership=partnership,
        reference="DARDR 2024/01",
        notified_on=DAY(2024, 2, 5),
    )
    review = services.death_review_decide(
        actor=coordinator, review=review, commissioned=True, decided_on=DAY(2024, 2, 26)
    )
    plan = PlanFactory(
        partnership=partnership, status=PlanStatus.PUBLISHED, kind=PlanKind.STRATEGIC
    )
    services.death_review_recommendation_add(
        actor=coordinator,
        review=review,
        text=f"{CANARY}: GP practices ask about domestic abuse at every appointment",
        priority=PriorityFactory(plan=plan, number=1),
        action_title="Routine enquiry in primary care (DARDR)",
    )
    return review


def approved(coordinator, review):
    return services.death_review_progress(
        actor=coordinator,
        review=review,
        chair="Independent chair Ltd",
        qa_submitted_on=DAY(2025, 1, 6),
        qa_panel_on=DAY(2025, 3, 12),
        qa_approved_on=DAY(2025, 4, 2),
    )
