"""The Duties page, the Serious Violence Duty's record, Prevent's receipts of the
counter-terrorism local profile and the weekly digest's duties (issue 25, parts 3, 4 and 5)."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from saferplan.core import clock
from saferplan.duties import services
from saferplan.duties.due import State, duties_of
from saferplan.duties.models import Register
from saferplan.notifications.services import send_digests
from saferplan.partnerships.tests.factories import GroupFactory
from saferplan.plans.models import PlanKind, PlanStatus
from saferplan.plans.tests.factories import PlanFactory
from saferplan.public.selectors import published_plan

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 23)  # a Monday: the digest's day


@pytest.fixture
def on_today(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: TODAY)


def _items(duties, name):
    duty = next(d for d in duties if d.name == name)
    return [(i.text, i.state) for i in duty.items]


def test_a_coordinator_sees_every_duty_and_a_board_member_none_of_the_registers(
    on_today, signed_in, coordinator, viewer, outsider, partnership
):
    services.case_review_register(
        actor=coordinator,
        partnership=partnership,
        reference="CR-SECRETq1",
        received_on=TODAY - datetime.timedelta(days=60),
        received_how="phone",
        threshold="Three complaints",
    )
    services.case_review_register(
        actor=coordinator,
        partnership=partnership,
        reference="CR-LASTYEAR",
        received_on=datetime.date(2025, 11, 3),
        received_how="phone",
        threshold="Three complaints",
    )
    services.timescales_set(
        actor=coordinator, partnership=partnership, decision_days=10, review_days=None
    )
    url = reverse("duties:duties", args=[partnership.slug])
    page = signed_in(coordinator).get(url).content.decode()
    for name in (
        "ASB Case Reviews",
        "Domestic Abuse Related Death Reviews",
        "Serious Violence Duty",
        "Prevent",
    ):
        assert name in page
    assert "2 cases&#x27; deadlines missed" in page
    assert "The figures for 2025-26 are to publish" in page
    assert "Agree a local definition of serious violence" in page
    assert "CR-SECRETq1" not in page

    board = signed_in(viewer).get(url).content.decode()
    assert "Serious Violence Duty" in board
    assert "ASB Case Reviews" not in board
    assert "Domestic Abuse Related Death Reviews" not in board
    assert "counter-terrorism local profile" not in board.lower()
    assert signed_in(outsider).get(url).status_code == 403


def test_the_strategys_annual_review_is_due_a_year_after_the_last(
    on_today, coordinator, partnership
):
    PlanFactory(
        partnership=partnership,
        kind=PlanKind.SERIOUS_VIOLENCE_STRATEGY,
        title="Hertsmere Serious Violence Strategy 2024-2027",
        status=PlanStatus.PUBLISHED,
    )
    services.serious_violence_duty_set(
        actor=coordinator,
        partnership=partnership,
        local_definition="Homicide, knife crime, gun crime and areas of criminality where serious violence is involved",
        definition_agreed_on=datetime.date(2024, 1, 10),
        strategy_reviewed_on=datetime.date(2025, 12, 15),
    )
    items = _items(duties_of(partnership, coordinator, today=TODAY), "Serious Violence Duty")
    assert ("The strategy's annual review is due 15 December 2026", State.DUE) in items
    assert ("No strategic needs assessment in use", State.DUE) in items
    assert (
        "Serious Violence Duty: response strategy: Hertsmere Serious Violence Strategy 2024-2027",
        State.NOTED,
    ) in items
    later = _items(
        duties_of(partnership, coordinator, today=datetime.date(2027, 1, 4)),
        "Serious Violence Duty",
    )
    assert ("The strategy's annual review was due 15 December 2026", State.OVERDUE) in later
    with pytest.raises(ValidationError, match="cannot be in the future"):
        services.serious_violence_duty_set(
            actor=coordinator,
            partnership=partnership,
            local_definition="x",
            definition_agreed_on=None,
            strategy_reviewed_on=TODAY + datetime.timedelta(days=1),
        )


def test_statutory_plans_are_never_on_the_published_plan(partnership):
    for kind in (
        PlanKind.SERIOUS_VIOLENCE_NEEDS,
        PlanKind.SERIOUS_VIOLENCE_STRATEGY,
        PlanKind.PREVENT,
    ):
        PlanFactory(partnership=partnership, kind=kind, status=PlanStatus.PUBLISHED)
    published = published_plan(partnership=partnership)
    assert published.plan is None
    assert published.action_plans == []


def test_the_serious_violence_record_is_read_by_members_and_kept_by_coordinators(
    signed_in, coordinator, viewer, partnership
):
    url = reverse("duties:serious-violence", args=[partnership.slug])
    client = signed_in(viewer)
    assert client.get(url).status_code == 200
    assert client.post(url, {"local_definition": "Changed"}).status_code == 403
    client = signed_in(coordinator)
    answer = client.post(url, {"local_definition": "Homicide and knife crime"})
    assert answer.status_code == 302
    assert partnership.serious_violence_duty.local_definition == "Homicide and knife crime"
    assert "Homicide and knife crime" in signed_in(viewer).get(url).content.decode()


def test_the_profiles_receipt_is_a_restricted_register(
    on_today, signed_in, coordinator, viewer, editor, partnership
):
    url = reverse("duties:prevent", args=[partnership.slug])
    form = {
        "title": "Hertfordshire CTLP 2026",
        "received_on_day": "2",
        "received_on_month": "3",
        "received_on_year": "2026",
        "provided_by": "Counter Terrorism Policing Eastern",
        "held_where": "Herts Police secure portal",
    }
    assert signed_in(viewer).get(url).status_code == 403
    assert signed_in(editor).post(url, form).status_code == 403
    assert signed_in(coordinator).post(url, form).status_code == 302
    services.register_access_grant(
        actor=coordinator, partnership=partnership, register=Register.PREVENT, user=editor
    )
    assert "Hertfordshire CTLP 2026" in signed_in(editor).get(url).content.decode()
    items = _items(duties_of(partnership, coordinator, today=TODAY), "Prevent")
    assert ("Counter-terrorism local profile received 2 March 2026", State.NOTED) in items
    assert ("No Prevent action plan in use", State.DUE) in items
    assert ("Make Prevent a standing item of a group's meetings", State.DUE) in items
    GroupFactory(partnership=partnership, name="Joint Action Group", standing_items="Prevent\nAOB")
    items = _items(duties_of(partnership, coordinator, today=TODAY), "Prevent")
    assert ("A standing item of the meetings of: Joint Action Group", State.NOTED) in items
    assert (
        "Prevent"
        in signed_in(viewer).get(reverse("duties:duties", args=[partnership.slug])).content.decode()
    )
    with pytest.raises(ValidationError, match="briefed before"):
        services.ct_profile_record(
            actor=coordinator,
            partnership=partnership,
            title="x",
            received_on=datetime.date(2026, 3, 2),
            provided_by="x",
            held_where="x",
            briefed_on=datetime.date(2026, 3, 1),
        )


def test_the_coordinators_digest_lists_the_duties_deadlines_and_names_no_case(
    on_today, coordinator, viewer, partnership
):
    services.death_review_register(
        actor=coordinator,
        partnership=partnership,
        reference="DARDR SECRETq2",
        notified_on=datetime.date(2026, 11, 2),
    )
    services.timescales_set(
        actor=coordinator, partnership=partnership, decision_days=10, review_days=None
    )
    services.case_review_register(
        actor=coordinator,
        partnership=partnership,
        reference="CR-SECRETq3",
        received_on=datetime.date(2026, 9, 1),
        received_how="phone",
        threshold="Three complaints",
    )
    services.serious_violence_duty_set(
        actor=coordinator,
        partnership=partnership,
        local_definition="Homicide and knife crime",
        definition_agreed_on=None,
        strategy_reviewed_on=datetime.date(2025, 10, 1),
    )
    assert send_digests(today=TODAY) >= 1
    sent = {m.to[0]: m for m in mail.outbox}
    coordinators = sent[coordinator.email]
    text = coordinators.body + str(coordinators.alternatives)
    assert f"Statutory duties of {partnership.name}" in text
    assert "ASB Case Reviews: 1 case's deadline missed (overdue)" in coordinators.body
    assert "The strategy's annual review was due 1 October 2026 (overdue)" in coordinators.body
    # Deadlines only: what simply waits (a decision to make, a plan to write) stays on the
    # Duties page.
    assert "notification waits" not in text
    assert "No Prevent action plan" not in text
    assert "SECRETq" not in text
    assert f"/partnerships/{partnership.slug}/duties/" in text
    assert viewer.email not in sent  # a board member with no actions: no digest at all


def test_the_strategic_assessment_names_the_needs_assessment_it_informs(
    signed_in, coordinator, viewer, partnership, other_partnership
):
    from saferplan.assessments.models import StrategicAssessment

    assessment = StrategicAssessment.objects.create(
        partnership=partnership,
        title="Strategic Assessment 2025",
        period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date(2024, 12, 1),
        against_start=datetime.date(2023, 1, 1),
        against_end=datetime.date(2023, 12, 1),
    )
    needs = PlanFactory(
        partnership=partnership,
        kind=PlanKind.SERIOUS_VIOLENCE_NEEDS,
        title="Serious violence strategic needs assessment 2025",
    )
    wrong = [
        PlanFactory(partnership=partnership, kind=PlanKind.ACTION),
        PlanFactory(partnership=other_partnership, kind=PlanKind.SERIOUS_VIOLENCE_NEEDS),
    ]
    url = reverse("assessments:needs-link", args=[partnership.slug, assessment.pk])
    assert signed_in(viewer).post(url, {"plan": needs.pk}).status_code == 403
    client = signed_in(coordinator)
    for plan in wrong:  # not offered, and refused
        assert client.post(url, {"plan": plan.pk}).status_code == 200
    assessment.refresh_from_db()
    assert assessment.serious_violence_needs is None
    assert client.post(url, {"plan": needs.pk}).status_code == 302
    assessment.refresh_from_db()
    assert assessment.serious_violence_needs == needs
    detail = client.get(reverse("assessments:detail", args=[partnership.slug, assessment.pk]))
    assert "Serious violence strategic needs assessment 2025" in detail.content.decode()
    plan_page = signed_in(viewer).get(reverse("plans:overview", args=[partnership.slug, needs.pk]))
    text = plan_page.content.decode()
    assert "Drawn from the strategic assessment" in text
    assert "Strategic Assessment 2025" in text


def test_a_register_begun_this_year_has_no_figures_to_publish_yet(
    on_today, coordinator, partnership
):
    """Red-team: a first case registered this year made last year's (empty) figures overdue."""
    services.case_review_register(
        actor=coordinator,
        partnership=partnership,
        reference="CR-NEW",
        received_on=datetime.date(2026, 4, 2),
        received_how="phone",
        threshold="Three complaints",
    )
    texts = [
        t
        for t, _state in _items(
            duties_of(partnership, coordinator, today=TODAY), "ASB Case Reviews"
        )
    ]
    assert not any("figures" in t for t in texts)
    services.case_review_register(
        actor=coordinator,
        partnership=partnership,
        reference="CR-OLD",
        received_on=datetime.date(2026, 3, 30),
        received_how="phone",
        threshold="Three complaints",
    )
    items = _items(duties_of(partnership, coordinator, today=TODAY), "ASB Case Reviews")
    assert ("The figures for 2025-26 are to publish", State.DUE) in items


def test_statutory_plans_are_not_public_through_exports_or_the_api(client, partnership):
    """Red-team: a published Prevent plan's actions were in its CSV and the public API."""
    from saferplan.plans.tests.factories import ActionFactory, PriorityFactory

    plan = PlanFactory(
        partnership=partnership,
        kind=PlanKind.PREVENT,
        status=PlanStatus.PUBLISHED,
        title="Canaryprev2 Prevent action plan",
    )
    ActionFactory(priority=PriorityFactory(plan=plan), title="Canaryprev1 Channel panel referrals")
    csv = client.get(reverse("reports:public-plan-export", args=[partnership.slug, plan.pk, "csv"]))
    assert csv.status_code == 404
    assert client.get(reverse("api:plan", args=[plan.pk])).status_code == 404
    assert client.get(reverse("api:plan-actions", args=[plan.pk])).status_code == 404
    listed = client.get(reverse("api:partnership-plans", args=[partnership.slug]))
    assert listed.status_code in (200, 404)
    assert "Canaryprev1" not in listed.content.decode()
    assert plan.title not in listed.content.decode()
