"""Meetings of the partnership's groups (issue 26): the agenda drafted from the plan's state,
who came and whether the meeting was quorate, the minutes' decisions becoming actions linked
both ways, and the next meeting showing what was agreed and how it has gone."""

import datetime

import pytest
from django.urls import reverse

from saferplan.core import clock
from saferplan.core.models import AuditEvent
from saferplan.meetings import services
from saferplan.meetings.models import AgendaItem, Decision, Meeting
from saferplan.partnerships.tests.factories import GroupFactory, OrganisationFactory
from saferplan.plans.models import Action
from saferplan.plans.tests.factories import (
    ActionFactory,
    PlanFactory,
    PriorityFactory,
    RagChangeFactory,
    UpdateFactory,
)

pytestmark = pytest.mark.django_db
TODAY = clock.today()


@pytest.fixture
def council(partnership):
    return OrganisationFactory(name="Hertsmere Borough Council", partnerships=[partnership])


@pytest.fixture
def police(partnership):
    return OrganisationFactory(name="Hertfordshire Constabulary", partnerships=[partnership])


@pytest.fixture
def jag(partnership, council, police):
    group = GroupFactory(
        partnership=partnership,
        name="Joint Action Group",
        abbreviation="JAG",
        kind="joint_action_group",
        quorum=2,
        standing_items="Prevent\n\nModern slavery\n",
    )
    group.member_organisations.set([council, police])
    return group


@pytest.fixture
def plan(partnership):
    plan = PlanFactory(
        partnership=partnership,
        title="Action plan",
        status="published",
        period_start=TODAY - datetime.timedelta(days=200),
        period_end=TODAY + datetime.timedelta(days=165),
        stale_after_days=90,
    )
    PriorityFactory(plan=plan, number=1, title="Exploitation")
    return plan


def _meeting(partnership, jag, plan, days):
    return Meeting.objects.create(
        partnership=partnership,
        group=jag,
        plan=plan,
        meets_on=TODAY + datetime.timedelta(days=days),
    )


def test_the_agenda_is_drafted_from_the_plans_state_and_the_groups_standing_items(
    signed_in, partnership, coordinator, jag, plan
):
    priority = plan.priorities.get()
    last = _meeting(partnership, jag, plan, -30)
    agreed = ActionFactory(priority=priority, title="Agreed last time", status="in_progress")
    Decision.objects.create(meeting=last, text="Landlord letters", action=agreed)
    red = ActionFactory(priority=priority, title="Red action", status="in_progress")
    RagChangeFactory(
        action=red, rating="red", reason="Slipping", rated_on=TODAY - datetime.timedelta(days=5)
    )
    UpdateFactory(action=red, described_on=TODAY - datetime.timedelta(days=5))
    overdue = ActionFactory(
        priority=priority,
        title="Overdue action",
        status="in_progress",
        due_date=TODAY - datetime.timedelta(days=3),
    )
    UpdateFactory(action=overdue, described_on=TODAY - datetime.timedelta(days=2))
    stale = ActionFactory(priority=priority, title="Stale action", status="in_progress")
    Action.objects.filter(pk__in=[stale.pk, agreed.pk]).update(
        created_at=datetime.datetime.combine(
            TODAY - datetime.timedelta(days=120), datetime.time(), tzinfo=datetime.UTC
        )
    )
    done = ActionFactory(priority=priority, title="Finished", status="complete")
    RagChangeFactory(action=done, rating="red", reason="Was red")
    meeting = _meeting(partnership, jag, plan, 10)
    client = signed_in(coordinator)
    services.agenda_item_add(actor=coordinator, meeting=meeting, title="Knife arch at the station")

    response = client.post(reverse("meetings:agenda-draft", args=["hertsmere", meeting.pk]))
    assert response.status_code == 302
    items = list(meeting.agenda_items.all())
    assert [(i.kind, i.title) for i in items] == [
        (
            "matters_arising",
            f"Matters arising: the actions agreed on {last.meets_on:%-d %B %Y} and their progress",
        ),
        ("exceptions", "Exceptions: 1 red or amber action"),
        ("overdue", "1 action past its due date"),
        ("stale", "2 actions with no update for 90 days"),
        ("changes", f"1 RAG rating changed since {last.meets_on:%-d %B %Y}"),
        ("standing", "Prevent"),
        ("standing", "Modern slavery"),
        ("member", "Knife arch at the station"),  # a member's item is kept, after
    ]
    assert [list(i.actions.all()) for i in items[:5]] == [
        [agreed],
        [red],
        [overdue],
        [agreed, stale],
        [red],
    ]
    # Drafted again (the plan moved on): the drafted items are replaced, the member's kept.
    client.post(reverse("meetings:agenda-draft", args=["hertsmere", meeting.pk]))
    assert meeting.agenda_items.count() == 8
    assert meeting.agenda_items.filter(kind="member").count() == 1
    page = client.get(reverse("meetings:detail", args=["hertsmere", meeting.pk])).content.decode()
    for expected in (
        "Exceptions: 1 red or amber action",
        "Red action",
        "Prevent",
        "Knife arch at the station",
    ):
        assert expected in page


def test_a_decision_in_the_minutes_becomes_an_action_linked_both_ways(
    signed_in, partnership, coordinator, editor, viewer, jag, plan, council
):
    meeting = _meeting(partnership, jag, plan, -1)
    client = signed_in(coordinator)
    response = client.post(
        reverse("meetings:decision-add", args=["hertsmere", meeting.pk]),
        {
            "text": "The council will write to every landlord on the estate.",
            "marking": "official",
            "priority": plan.priorities.get().pk,
            "action_title": "Write to the landlords of the Elms estate about cuckooing",
            "owner_organisations": [council.pk],
            "owner_user": editor.pk,
            "due_date_day": "31",
            "due_date_month": "3",
            "due_date_year": str(plan.period_end.year),
        },
    )
    assert response.status_code == 302
    decision = Decision.objects.get()
    action = decision.action
    assert action.title == "Write to the landlords of the Elms estate about cuckooing"
    assert action.priority.plan == plan
    assert list(action.owner_organisations.all()) == [council]
    assert action.owner_user == editor
    assert AuditEvent.objects.filter(object_type="plans.action", object_id=str(action.pk)).exists()
    # The action's page names the meeting; the meeting's page names the action.
    action_page = (
        signed_in(viewer)
        .get(reverse("plans:action", args=["hertsmere", action.pk]))
        .content.decode()
    )
    assert "Agreed at" in action_page
    assert reverse("meetings:detail", args=["hertsmere", meeting.pk]) in action_page
    meeting_page = (
        signed_in(viewer)
        .get(reverse("meetings:detail", args=["hertsmere", meeting.pk]))
        .content.decode()
    )
    assert reverse("plans:action", args=["hertsmere", action.pk]) in meeting_page
    # The next meeting shows what was agreed and how it has gone.
    RagChangeFactory(action=action, rating="amber", reason="Half written")
    UpdateFactory(action=action, described_on=TODAY, text="Letters drafted")
    following = _meeting(partnership, jag, plan, 20)
    page = (
        signed_in(viewer)
        .get(reverse("meetings:detail", args=["hertsmere", following.pk]))
        .content.decode()
    )
    agreed = page.split('id="agreed-last-time"')[1].split('id="agenda"')[0]
    assert "Write to the landlords of the Elms estate" in agreed
    assert "Amber" in agreed
    assert f"last update {TODAY:%-d %B %Y}" in agreed


def test_a_sensitive_decision_makes_a_sensitive_action(partnership, coordinator, jag, plan):
    meeting = _meeting(partnership, jag, plan, -1)
    decision = services.decision_add(
        actor=coordinator,
        meeting=meeting,
        text="Disrupt the line at the address named",
        marking="official_sensitive",
        priority=plan.priorities.get(),
        action_title="Joint visit to the address",
    )
    assert decision.action.marking == "official_sensitive"
    assert not Action.objects.not_sensitive().filter(pk=decision.action_id).exists()


def test_a_decision_needs_its_priority_and_title_together_and_nothing_is_half_saved(
    signed_in, partnership, coordinator, jag, plan
):
    meeting = _meeting(partnership, jag, plan, -1)
    response = signed_in(coordinator).post(
        reverse("meetings:decision-add", args=["hertsmere", meeting.pk]),
        {"text": "Agreed to act", "marking": "official", "action_title": "Patrol the park"},
    )
    assert response.status_code == 200
    assert "Choose the priority the new action belongs to" in response.content.decode()
    assert "Patrol the park" in response.content.decode()  # what was typed is kept
    assert not Decision.objects.exists()
    assert not Action.objects.exists()


def test_attendance_says_whether_the_meeting_was_quorate(
    signed_in, partnership, coordinator, jag, plan, council, police
):
    meeting = _meeting(partnership, jag, plan, -1)
    client = signed_in(coordinator)
    url = reverse("meetings:attendance", args=["hertsmere", meeting.pk])
    client.post(
        url, {f"present_{council.pk}": "on", f"attendees_{council.pk}": "Carol Coordinator"}
    )
    page = client.get(reverse("meetings:detail", args=["hertsmere", meeting.pk])).content.decode()
    assert "Not quorate" in page
    assert "1 member organisations present; 2 needed." in page
    client.post(url, {f"present_{council.pk}": "on", f"present_{police.pk}": "on"})
    page = client.get(reverse("meetings:detail", args=["hertsmere", meeting.pk])).content.decode()
    assert "Quorate" in page
    assert "Not quorate" not in page
    event = AuditEvent.objects.filter(
        object_type="meetings.meeting", changes__has_key="Attendance"
    ).first()
    assert event is not None


def test_members_add_items_but_only_the_coordinator_runs_the_meeting(
    signed_in, partnership, viewer, outsider, jag, plan
):
    meeting = _meeting(partnership, jag, plan, 5)
    client = signed_in(viewer)
    added = client.post(
        reverse("meetings:agenda-item-add", args=["hertsmere", meeting.pk]),
        {"title": "Street lighting on Shenley Road", "marking": "official"},
    )
    assert added.status_code == 302
    assert AgendaItem.objects.get().added_by == viewer
    for name in (
        "meetings:agenda-draft",
        "meetings:decision-add",
        "meetings:minutes",
        "meetings:attendance",
    ):
        assert (
            client.post(reverse(name, args=["hertsmere", meeting.pk]), {"text": "x"}).status_code
            == 403
        ), name
    assert not Decision.objects.exists()
    assert (
        signed_in(outsider)
        .get(reverse("meetings:detail", args=["hertsmere", meeting.pk]))
        .status_code
        == 403
    )


def test_a_meeting_whose_minutes_hold_decisions_is_kept(
    signed_in, partnership, coordinator, jag, plan
):
    meeting = _meeting(partnership, jag, plan, -1)
    services.decision_add(actor=coordinator, meeting=meeting, text="Noted the report")
    response = signed_in(coordinator).post(
        reverse("meetings:delete", args=["hertsmere", meeting.pk])
    )
    assert response.status_code == 200
    assert "cannot be deleted" in response.content.decode()
    assert Meeting.objects.filter(pk=meeting.pk).exists()


def test_a_group_meets_once_a_day_and_meetings_are_the_partnerships_own(
    partnership, other_partnership, coordinator, jag, plan
):
    from django.core.exceptions import ValidationError

    services.meeting_create(
        actor=coordinator, partnership=partnership, group=jag, plan=plan, meets_on=TODAY
    )
    with pytest.raises(ValidationError, match="already meets"):
        services.meeting_create(
            actor=coordinator, partnership=partnership, group=jag, meets_on=TODAY
        )
    stranger = GroupFactory(partnership=other_partnership, name="Dacorum JAG")
    with pytest.raises(ValidationError) as refused:
        services.meeting_create(
            actor=coordinator, partnership=partnership, group=stranger, meets_on=TODAY
        )
    assert "group" in refused.value.message_dict


def test_the_pack_and_the_minutes_as_word_and_pdf_carry_their_marking(
    signed_in, partnership, coordinator, viewer, outsider, jag, plan, council
):
    from saferplan.reports.tests.files import readable_text

    meeting = _meeting(partnership, jag, plan, -1)
    services.agenda_item_add(actor=coordinator, meeting=meeting, title="Street lighting")
    services.attendance_record(actor=coordinator, meeting=meeting, rows=[(council, True, "Carol")])
    services.minutes_record(
        actor=coordinator,
        meeting=meeting,
        minutes="Lighting discussed.",
        minutes_marking="official",
    )
    services.decision_add(
        actor=coordinator,
        meeting=meeting,
        text="Ask the county for new lamps",
        priority=plan.priorities.get(),
        action_title="Request lamps for Shenley Road",
    )
    client = signed_in(viewer)

    def papers(which, kind):
        url = reverse("meetings:papers", args=["hertsmere", meeting.pk, which, kind])
        response = client.get(url)
        assert response.status_code == 200
        return readable_text(kind, response.content)

    for kind in ("docx", "pdf"):
        pack = papers("pack", kind)
        assert "Streetlighting" in pack
        minutes = papers("minutes", kind)
        for expected in (
            "Lightingdiscussed.",
            "Askthecountyfornewlamps",
            "RequestlampsforShenleyRoad",
            "Carol",
        ):
            assert expected in minutes, (kind, expected)
        assert "OFFICIAL-SENSITIVE" not in minutes
    services.decision_add(
        actor=coordinator,
        meeting=meeting,
        text="Named suspect Canarym4x",
        marking="official_sensitive",
    )
    for kind in ("docx", "pdf"):
        minutes = papers("minutes", kind)
        assert "OFFICIAL-SENSITIVE" in minutes
        assert "Canarym4x" in minutes  # for the partnership's members, marked
    url = reverse("meetings:papers", args=["hertsmere", meeting.pk, "minutes", "pdf"])
    assert signed_in(outsider).get(url).status_code == 403
    client = signed_in(viewer)
    assert (
        client.get(
            reverse("meetings:papers", args=["hertsmere", meeting.pk, "secret", "pdf"])
        ).status_code
        == 404
    )


def test_a_group_with_meetings_is_kept(signed_in, partnership, coordinator, jag, plan):
    _meeting(partnership, jag, plan, -1)
    response = signed_in(coordinator).post(
        reverse("partnerships:group-delete", args=["hertsmere", jag.pk])
    )
    assert response.status_code == 200
    assert "has meetings, which keep its minutes" in response.content.decode()
    jag.refresh_from_db()
