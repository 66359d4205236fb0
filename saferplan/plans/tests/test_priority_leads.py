"""Each priority's lead (issue 26): a member or a named person, and their organisation; shown
on the priority, the plan, the structure page and the board report; chased by the weekly
digest for their priority's stale actions."""

import datetime
from html import unescape

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from saferplan.core.models import AuditEvent
from saferplan.notifications import services as notification_services
from saferplan.partnerships.tests.factories import OrganisationFactory
from saferplan.plans import services
from saferplan.plans.tests.factories import ActionFactory, PlanFactory, PriorityFactory

pytestmark = pytest.mark.django_db
MONDAY = datetime.date(2026, 11, 23)


@pytest.fixture
def plan(partnership):
    return PlanFactory(
        partnership=partnership,
        title="Hertsmere Community Safety Action Plan 2026 - 2027",
        status="approved",
        period_start=datetime.date(2026, 4, 1),
        period_end=datetime.date(2027, 3, 31),
        stale_after_days=90,
    )


@pytest.fixture
def police(partnership):
    return OrganisationFactory(
        name="Hertsmere Safer Neighbourhood Team", kind="police", partnerships=[partnership]
    )


def _form(**fields):
    return {"number": "1", "title": "Exploitation", **fields}


def test_a_coordinator_names_a_priority_lead_and_everyone_sees_it(
    signed_in, plan, coordinator, editor, viewer, police
):
    priority = PriorityFactory(plan=plan, number=1, title="Exploitation")
    client = signed_in(coordinator)
    response = client.post(
        reverse("plans:priority-edit", args=["hertsmere", plan.pk, 1]),
        _form(lead_user=editor.pk, lead_organisation=police.pk),
    )
    assert response.status_code == 302
    priority.refresh_from_db()
    assert priority.lead == f"{editor.full_name}, Hertsmere Safer Neighbourhood Team"
    event = AuditEvent.objects.filter(object_id=str(priority.pk), action="update").latest("pk")
    assert event.changes == {
        "Lead (saferplan user)": [None, editor.full_name],
        "Lead organisation": [None, "Hertsmere Safer Neighbourhood Team"],
    }
    client = signed_in(viewer)
    for url in (
        reverse("plans:priority", args=["hertsmere", plan.pk, 1]),
        reverse("plans:overview", args=["hertsmere", plan.pk]),
        reverse("partnerships:structure", args=["hertsmere"]),
    ):
        page = unescape(client.get(url).content.decode())  # names such as O'Connor
        assert editor.full_name in page, url
        assert "Hertsmere Safer Neighbourhood Team" in page, url


def test_a_lead_who_does_not_use_saferplan_is_named(signed_in, plan, coordinator):
    PriorityFactory(plan=plan, number=1, title="Exploitation")
    signed_in(coordinator).post(
        reverse("plans:priority-edit", args=["hertsmere", plan.pk, 1]),
        _form(lead_name="Sgt Vaughan"),
    )
    page = signed_in(coordinator).get(reverse("partnerships:structure", args=["hertsmere"]))
    assert "Sgt Vaughan" in page.content.decode()


def test_the_lead_is_one_of_the_partnerships_own_people_and_organisations(
    signed_in, plan, coordinator, outsider, other_partnership
):
    priority = PriorityFactory(plan=plan, number=1, title="Exploitation")
    stranger = OrganisationFactory(name="Dacorum Borough Council", partnerships=[other_partnership])
    response = signed_in(coordinator).post(
        reverse("plans:priority-edit", args=["hertsmere", plan.pk, 1]),
        _form(lead_user=outsider.pk, lead_organisation=stranger.pk),
    )
    assert response.status_code == 200  # the form again, with its errors
    assert "Select a valid choice" in response.content.decode()
    # The service holds the rule for any caller (an import, the API).
    with pytest.raises(ValidationError) as refused:
        services.priority_update(
            actor=coordinator, priority=priority, lead_user=outsider, lead_organisation=stranger
        )
    assert set(refused.value.message_dict) == {"lead_user", "lead_organisation"}
    priority.refresh_from_db()
    assert priority.lead == ""


def test_the_digest_chases_the_lead_for_others_stale_actions_in_their_priority(
    plan, coordinator, editor, viewer, settings
):
    priority = PriorityFactory(plan=plan, number=1, title="Exploitation", lead_user=viewer)
    old = datetime.datetime(2026, 6, 1, tzinfo=datetime.UTC)
    stale = ActionFactory(priority=priority, title="Cuckooing visits", status="in_progress")
    sensitive = ActionFactory(
        priority=priority,
        title="Operation Canaryx9k2",
        status="in_progress",
        marking="official_sensitive",
    )
    fresh = ActionFactory(priority=priority, title="Landlord letters", status="in_progress")
    done = ActionFactory(priority=priority, title="Finished work", status="complete")
    type(stale).objects.filter(pk__in=[stale.pk, sensitive.pk, done.pk]).update(created_at=old)
    other = PriorityFactory(plan=plan, number=2, title="Violence")
    ActionFactory(priority=other, title="Not theirs to chase", status="in_progress")
    type(stale).objects.filter(priority=other).update(created_at=old)
    assert fresh.created_at.date() > MONDAY - datetime.timedelta(days=90)

    assert notification_services.send_digests(today=MONDAY) == 1
    (message,) = mail.outbox
    assert message.to == [viewer.email]
    body = message.body
    assert "the priorities you lead" in body
    assert "Cuckooing visits" in body
    assert "OFFICIAL-SENSITIVE action" in body
    assert "Canaryx9k2" not in body
    for absent in ("Landlord letters", "Finished work", "Not theirs to chase"):
        assert absent not in body


def test_a_lead_who_left_the_partnership_is_not_chased(plan, viewer):
    priority = PriorityFactory(plan=plan, number=1, title="Exploitation", lead_user=viewer)
    ActionFactory(priority=priority, title="Cuckooing visits", status="in_progress")
    priority.actions.update(created_at=datetime.datetime(2026, 6, 1, tzinfo=datetime.UTC))
    viewer.memberships.all().delete()
    assert notification_services.send_digests(today=MONDAY) == 0


def test_the_annual_refresh_keeps_the_lead(plan, coordinator, editor, police):
    PriorityFactory(
        plan=plan,
        number=1,
        title="Exploitation",
        lead_user=editor,
        lead_name="",
        lead_organisation=police,
    )
    new = services.plan_refresh(
        actor=coordinator,
        plan=plan,
        title="Action plan 2027 - 2028",
        period_start=datetime.date(2027, 4, 1),
        period_end=datetime.date(2028, 3, 31),
    )
    carried = new.priorities.get(number=1)
    assert (carried.lead_user, carried.lead_organisation) == (editor, police)
