"""Sign-off (issue 26, part 2): a plan's approval recorded as a meeting's decision, the date
the plan was sent to the Police and Crime Commissioner, the strategic assessment agreed at a
meeting; each shown on the plan's or assessment's page and in the audit log."""

import datetime

import pytest
from django.urls import reverse

from saferplan.assessments.models import StrategicAssessment
from saferplan.core import clock
from saferplan.core.models import AuditEvent
from saferplan.meetings.models import Decision, Meeting
from saferplan.partnerships.tests.factories import GroupFactory
from saferplan.plans.tests.factories import PlanFactory

pytestmark = pytest.mark.django_db
TODAY = clock.today()


@pytest.fixture
def board(partnership):
    return GroupFactory(
        partnership=partnership, name="Hertsmere Community Safety Board", kind="board"
    )


@pytest.fixture
def meeting(partnership, board):
    return Meeting.objects.create(
        partnership=partnership, group=board, meets_on=TODAY - datetime.timedelta(days=3)
    )


def test_the_board_approves_the_plan_in_its_minutes_and_the_plan_shows_its_sign_off(
    signed_in, partnership, coordinator, viewer, meeting
):
    plan = PlanFactory(
        partnership=partnership, title="Partnership Plan 2025 - 2028", status="draft"
    )
    client = signed_in(coordinator)
    response = client.post(
        reverse("meetings:decision-add", args=["hertsmere", meeting.pk]),
        {
            "text": "The board signs off the Partnership Plan.",
            "marking": "official",
            "approves_plan": plan.pk,
        },
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == "approved"
    assert Decision.objects.get().approves_plan == plan
    page = (
        signed_in(viewer)
        .get(reverse("plans:overview", args=["hertsmere", plan.pk]))
        .content.decode()
    )
    sign_off = page.split('id="sign-off"')[1].split("</dl>")[0]
    assert "Approved" in sign_off
    assert f"Hertsmere Community Safety Board, {meeting.meets_on:%-d %B %Y}" in sign_off
    assert "The board signs off the Partnership Plan." in sign_off
    assert reverse("meetings:detail", args=["hertsmere", meeting.pk]) in sign_off
    assert "Sent to the Police and Crime Commissioner" in sign_off
    assert "Not recorded" in sign_off


def test_the_date_the_plan_was_sent_to_the_commissioner_is_recorded_and_logged(
    signed_in, partnership, coordinator, viewer
):
    plan = PlanFactory(partnership=partnership, title="Partnership Plan 2025 - 2028")
    url = reverse("plans:sent-to-pcc", args=["hertsmere", plan.pk])
    client = signed_in(coordinator)
    tomorrow = TODAY + datetime.timedelta(days=1)
    refused = client.post(
        url,
        {
            "sent_on_day": tomorrow.day,
            "sent_on_month": tomorrow.month,
            "sent_on_year": tomorrow.year,
        },
    )
    assert "must be today or in the past" in refused.content.decode()
    sent = datetime.date(2025, 4, 30)
    assert (
        client.post(
            url, {"sent_on_day": "30", "sent_on_month": "4", "sent_on_year": "2025"}
        ).status_code
        == 302
    )
    plan.refresh_from_db()
    assert plan.sent_to_pcc_on == sent
    (event,) = AuditEvent.objects.filter(object_type="plans.plan", object_id=str(plan.pk))
    assert event.changes == {"Sent to the Police and Crime Commissioner on": [None, "2025-04-30"]}
    page = (
        signed_in(viewer)
        .get(reverse("plans:overview", args=["hertsmere", plan.pk]))
        .content.decode()
    )
    assert "30 April 2025" in page.split('id="sign-off"')[1]
    assert (
        signed_in(viewer)
        .post(url, {"sent_on_day": "1", "sent_on_month": "5", "sent_on_year": "2025"})
        .status_code
        == 403
    )


def test_a_plan_of_another_partnership_is_never_approved_here(
    partnership, other_partnership, coordinator, meeting
):
    from django.core.exceptions import ValidationError

    from saferplan.meetings import services

    theirs = PlanFactory(partnership=other_partnership, status="draft")
    with pytest.raises(ValidationError):
        services.decision_add(
            actor=coordinator, meeting=meeting, text="Approved", approves_plan=theirs
        )
    theirs.refresh_from_db()
    assert theirs.status == "draft"
    assert not Decision.objects.exists()


def test_the_assessment_agreed_at_a_meeting_is_in_its_minutes(
    signed_in, partnership, coordinator, meeting
):
    assessment = StrategicAssessment.objects.create(
        partnership=partnership,
        title="Strategic Assessment 2025",
        period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date(2024, 12, 1),
        against_start=datetime.date(2023, 1, 1),
        against_end=datetime.date(2023, 12, 1),
    )
    client = signed_in(coordinator)
    response = client.post(
        reverse("assessments:agree", args=["hertsmere", assessment.pk]),
        {
            "agreed_on_day": meeting.meets_on.day,
            "agreed_on_month": meeting.meets_on.month,
            "agreed_on_year": meeting.meets_on.year,
            "meeting": meeting.pk,
        },
    )
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == "agreed"
    decision = assessment.agreed_in
    assert decision.meeting == meeting
    assert decision.text == "Agreed the strategic assessment “Strategic Assessment 2025”."
    page = client.get(
        reverse("assessments:detail", args=["hertsmere", assessment.pk])
    ).content.decode()
    assert reverse("meetings:detail", args=["hertsmere", meeting.pk]) in page
    minutes = client.get(
        reverse("meetings:detail", args=["hertsmere", meeting.pk])
    ).content.decode()
    assert "Agreed the strategic assessment" in minutes


def test_a_decision_deleted_leaves_its_mark_in_the_history_of_each_record_it_linked(
    signed_in, partnership, coordinator, meeting
):
    """The decision recorded in error that agreed an assessment, approved a plan and added an
    action: each keeps what it is (agreed, approved, in the plan) and its history says the
    link to the meeting went, naming the meeting, never the decision's words."""
    from saferplan.meetings import services
    from saferplan.plans.tests.factories import ActionFactory, PriorityFactory

    plan = PlanFactory(partnership=partnership, status="draft")
    action = ActionFactory(priority=PriorityFactory(plan=plan, number=1))
    assessment = StrategicAssessment.objects.create(
        partnership=partnership,
        title="Strategic Assessment 2025",
        period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date(2024, 12, 1),
        against_start=datetime.date(2023, 1, 1),
        against_end=datetime.date(2023, 12, 1),
    )
    decision = services.decision_add(
        actor=coordinator,
        meeting=meeting,
        text="Named the informant Canaryq5k2z",
        marking="official_sensitive",
        approves_plan=plan,
    )
    decision.action = action
    decision.save()
    StrategicAssessment.objects.filter(pk=assessment.pk).update(agreed_in=decision, status="agreed")
    answer = signed_in(coordinator).post(
        reverse("meetings:decision-delete", args=["hertsmere", meeting.pk, decision.pk])
    )
    assert answer.status_code == 302
    assessment.refresh_from_db()
    plan.refresh_from_db()
    assert (assessment.agreed_in, assessment.status, plan.status) == (None, "agreed", "approved")
    link = f"Hertsmere Community Safety Board meeting on {meeting.meets_on:%-d %B %Y}"
    for record, label in [
        (assessment, "agreed in"),
        (plan, "Approved in"),
        (action, "Agreed in"),
    ]:
        event = AuditEvent.objects.get(
            object_type=record._meta.label_lower, object_id=str(record.pk), changes__has_key=label
        )
        before, after = event.changes[label]
        assert before == f"{link} (decision {decision.pk})"
        assert after == ""
        assert event.reason == "The meeting's decision was deleted"
        assert "Canaryq5k2z" not in str(event.changes)
