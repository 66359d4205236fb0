"""The yearly review of a plan (issue 23, deliverable 6): what worked, what did not and the
lessons learned, written by coordinators and analysts, shown to the next strategic
assessment and on the plan's refresh; a sensitive review for the partnership's members
only."""

import datetime
import re

import pytest
from django.urls import reverse

from saferplan.assessments import services
from saferplan.assessments.models import PlanReview
from saferplan.core.models import AuditEvent
from saferplan.crimedata.periods import Period
from saferplan.plans.tests.factories import PlanFactory

pytestmark = pytest.mark.django_db
CANARY = "Canaryr7v2k9q"


@pytest.fixture
def plan_2019(partnership):
    return PlanFactory(
        partnership=partnership,
        title="Hertsmere Community Safety Action Plan 2019-20",
        period_start=datetime.date(2019, 4, 1),
        period_end=datetime.date(2020, 3, 31),
    )


def review_form(**changes) -> dict:
    return {
        "reviewed_on_day": "20",
        "reviewed_on_month": "3",
        "reviewed_on_year": "2020",
        "worked": "Awareness events in schools reached 450 pupils.",
        "did_not_work": "Posters: nobody could say they had seen one.",
        "lessons": "Work through the Youth Action Panel.",
        "marking": "official",
    } | changes


def test_a_coordinator_reviews_a_plan_and_the_refresh_and_next_assessment_show_it(
    signed_in, coordinator, plan_2019, partnership
):
    address = reverse("assessments:plan-review", args=["hertsmere", plan_2019.pk])
    client = signed_in(coordinator)
    answer = client.post(address, review_form())
    assert answer.status_code == 302
    review = PlanReview.objects.get(plan=plan_2019)
    assert review.reviewed_on == datetime.date(2020, 3, 20)
    # Written again, it is changed, not doubled; both writes are in the audit log.
    client.post(address, review_form(lessons="Work through the Youth Action Panel and CYP."))
    assert PlanReview.objects.count() == 1
    assert AuditEvent.objects.filter(object_type="assessments.planreview").count() == 2

    refresh = client.get(reverse("plans:refresh", args=["hertsmere", plan_2019.pk]))
    page = refresh.content.decode()
    assert "Review of Hertsmere Community Safety Action Plan 2019-20" in page
    assert "Posters: nobody could say they had seen one." in page

    # The 2019-20 assessment, whose period the plan ran in, builds on it; 2022's does not.
    for year, shown in [("2019/20", True), ("2022", False)]:
        assessment = services.assessment_draft(
            actor=coordinator,
            partnership=partnership,
            title=year,
            period=Period.parse(year),
            against=Period.parse(year).year_before(),
        )
        detail = client.get(reverse("assessments:detail", args=["hertsmere", assessment.pk]))
        assert ("Youth Action Panel and CYP" in detail.content.decode()) is shown
    listing = client.get(reverse("assessments:list", args=["hertsmere"])).content.decode()
    assert "Reviewed on 20 March 2020" in listing


def test_who_may_write_and_read_a_review(
    signed_in, viewer, member_of, outsider, coordinator, plan_2019, other_partnership
):
    address = reverse("assessments:plan-review", args=["hertsmere", plan_2019.pk])
    assert signed_in(viewer).post(address, review_form()).status_code == 403
    assert signed_in(outsider).get(address).status_code in (403, 404)
    analyst = member_of("analyst")
    signed_in(analyst).post(
        address, review_form(worked=f"Named families {CANARY}", marking="official_sensitive")
    )
    assert PlanReview.objects.get().is_sensitive
    # A board member of the partnership reads it on the refresh; nobody outside does.
    theirs = PlanFactory(partnership=other_partnership)
    foreign = reverse("assessments:plan-review", args=["hertsmere", theirs.pk])
    assert signed_in(coordinator).get(foreign).status_code == 404
    refresh = signed_in(coordinator).get(reverse("plans:refresh", args=["hertsmere", plan_2019.pk]))
    assert CANARY in refresh.content.decode()
    # A review with no "what worked" is refused, naming the field, and nothing is saved.
    PlanReview.objects.all().delete()
    answer = signed_in(analyst).post(address, review_form(worked=""))
    assert answer.status_code == 200
    assert re.search(r"govuk-error-summary.*What worked", answer.content.decode(), re.S)
    assert not PlanReview.objects.exists()
