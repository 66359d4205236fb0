"""Reads for notifications: who owns an action, what a person's digest and chase hold."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q

from saferplan.accounts.models import Membership, Role, User
from saferplan.duties.due import Duty, duties_of
from saferplan.meetings.models import Meeting
from saferplan.partnerships.models import Partnership
from saferplan.plans.models import Action, ActionStatus
from saferplan.plans.selectors import ActionFilters, my_actions, stale_in_priorities_led

from .models import Preference


def preference_of(user) -> Preference:
    """The person's choices: their saved row, or the defaults (everything on) unsaved."""
    return Preference.objects.filter(user=user).first() or Preference(user=user)


def wanting(people, *, email: str):
    """Of `people` (a queryset of users), those who have not turned off `email` (a field of
    Preference, such as "board_reports"): everything is on until a person turns it off."""
    return people.exclude(**{f"notification_preference__{email}": False})


def owners_of(action: Action) -> list[User]:
    """The people who own the action: its named owner, and the editors of its partnerships
    who represent one of its owner organisations (as My actions counts them)."""
    partnerships = {action.priority.plan.partnership_id} | {
        p.pk for p in action.joint_partnerships.all()
    }
    organisations = [o.pk for o in action.owner_organisations.all()]
    editors = Membership.objects.filter(
        partnership__in=partnerships, role=Role.EDITOR, organisation__in=organisations
    ).values("user")
    # The named owner only while still a member: a person removed from the partnership is
    # told nothing more about its actions.
    named = Membership.objects.filter(
        partnership__in=partnerships, user=action.owner_user_id
    ).values("user")
    owners = User.objects.filter(Q(pk__in=editors) | Q(pk__in=named), is_active=True)
    return list(owners.distinct().order_by("email"))


@dataclass
class Digest:
    overdue: list[Action] = field(default_factory=list)
    stale: list[Action] = field(default_factory=list)
    due_soon: list[Action] = field(default_factory=list)
    # Others' actions gone stale in a priority the person leads, for them to chase.
    led_stale: list[Action] = field(default_factory=list)
    # For a coordinator: the deadlines of each partnership's statutory duties (counts and
    # dates, never a case), by partnership.
    duties: list[tuple[Partnership, list[Duty]]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.overdue or self.stale or self.due_soon or self.led_stale or self.duties)


def digest_for(user, *, today: datetime.date) -> Digest:
    """The person's open actions that are overdue, stale or due in the next 30 days, and the
    stale actions of the priorities they lead that are not already among them."""
    mine = my_actions(user=user, filters=ActionFilters(), today=today)
    digest = Digest(
        overdue=[listed.action for listed in mine.overdue],
        stale=[listed.action for listed in mine.stale],
        due_soon=[listed.action for listed in mine.due_soon],
    )
    listed = {a.pk for a in digest.overdue + digest.stale + digest.due_soon}
    digest.led_stale = [
        action
        for action in stale_in_priorities_led(user=user, today=today)
        if action.pk not in listed
    ]
    coordinated = Membership.objects.filter(user=user, role=Role.COORDINATOR).select_related(
        "partnership"
    )
    for membership in coordinated.order_by("partnership__name"):
        waiting = [
            Duty(d.name, d.law, d.href, d.deadlines)
            for d in duties_of(membership.partnership, user, today=today)
            if d.deadlines
        ]
        if waiting:
            digest.duties.append((membership.partnership, waiting))
    return digest


def meetings_to_chase(*, today: datetime.date) -> list[Meeting]:
    """Meetings reviewing a plan whose reminder day has come and which have not happened yet."""
    meetings = (
        Meeting.objects.filter(meets_on__gt=today)
        .exclude(plan=None)
        .select_related("plan__partnership", "group")
    )
    return [m for m in meetings if m.meets_on - datetime.timedelta(m.chase_days_before) <= today]


def actions_to_update_before(meeting: Meeting, user, *, today: datetime.date) -> list[Action]:
    """The person's open actions in the meeting's plan, oldest news first."""
    mine = my_actions(user=user, filters=ActionFilters(), today=today)
    actions = [
        listed.action
        for group in (mine.overdue, mine.stale, mine.red_or_amber, mine.due_soon, mine.other)
        for listed in group
        if listed.action.priority.plan_id == meeting.plan_id
    ]
    return sorted(actions, key=lambda a: (a.last_update_on or datetime.date.min, a.pk))


def people_owning_open_actions_of(meeting: Meeting) -> list[User]:
    """Everyone who may own an open action of the meeting's plan (four queries, whatever the
    plan's size). A few may turn out to own none of them; actions_to_update_before tells."""
    open_actions = Action.objects.filter(
        priority__plan=meeting.plan, status__in=[ActionStatus.NOT_STARTED, ActionStatus.IN_PROGRESS]
    )
    organisations = Action.owner_organisations.through.objects.filter(
        action__in=open_actions
    ).values("organisation")
    partnerships = {meeting.partnership_id} | set(
        Action.joint_partnerships.through.objects.filter(action__in=open_actions).values_list(
            "partnership", flat=True
        )
    )
    editors = Membership.objects.filter(
        partnership__in=partnerships, role=Role.EDITOR, organisation__in=organisations
    ).values("user")
    named = Membership.objects.filter(
        partnership__in=partnerships,
        user__in=open_actions.exclude(owner_user=None).values("owner_user"),
    ).values("user")
    return list(
        User.objects.filter(Q(pk__in=editors) | Q(pk__in=named), is_active=True)
        .distinct()
        .order_by("email")
    )
