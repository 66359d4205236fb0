"""My actions: the open actions a person owns, grouped by what needs doing first."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q

from saferplan.accounts.models import Role
from saferplan.core.permissions import member_partnership_ids, user_memberships

from ..filters import ActionFilters
from ..flags import flag
from ..listed import ListedAction
from ..models import OPEN_STATUSES, Action, RagRating, Update
from .owners import (
    LISTED_ACTION_FIELDS_DEFERRED,
    LISTED_PLAN_FIELDS_DEFERRED,
    SHOWN_UPDATES,
    UPDATE_FIELDS_SHOWN,
    listed_actions,
)


@dataclass
class MyActions:
    overdue: list[ListedAction] = field(default_factory=list)
    stale: list[ListedAction] = field(default_factory=list)
    red_or_amber: list[ListedAction] = field(default_factory=list)
    due_soon: list[ListedAction] = field(default_factory=list)
    other: list[ListedAction] = field(default_factory=list)

    @property
    def total(self) -> int:
        return (
            len(self.overdue)
            + len(self.stale)
            + len(self.red_or_amber)
            + len(self.due_soon)
            + len(self.other)
        )


DUE_SOON_DAYS = 30


def my_actions(*, user, filters: ActionFilters, today: datetime.date) -> MyActions:
    """Open actions the user owns by name, or through the organisation they represent as
    an editor, in current plans (ActionQuerySet.current; previous years' plans too with the
    `previous_plans` filter); each in the first group that fits it: overdue, stale, red or
    amber, due in the next 30 days, the rest."""
    owned = Q(owner_user=user)
    for membership in user_memberships(user):
        if membership.role == Role.EDITOR and membership.organisation_id:
            partnership = membership.partnership_id
            owned |= Q(owner_organisations=membership.organisation_id) & (
                Q(priority__plan__partnership=partnership) | Q(joint_partnerships=partnership)
            )
    ids = Action.objects.filter(owned, status__in=OPEN_STATUSES)
    if not filters.previous_plans:
        ids = ids.current()  # not last year's plan once next year's replaced it
    actions = Action.objects.filter(pk__in=ids.values("pk")).with_progress().with_plan_current()
    visible = member_partnership_ids(user)
    if visible is not None:
        # Owned but in a partnership they have left: not theirs to see any more.
        actions = actions.filter(
            Q(priority__plan__partnership__in=visible) | Q(joint_partnerships__in=visible)
        ).distinct()
    # Every action listed is in one of the user's partnerships, so its sensitive updates are theirs to see.
    updates = (
        Update.objects.current()
        .visible_to(user, partnership_ids=visible)
        .only(*UPDATE_FIELDS_SHOWN)
        .newest_first()[:1]
    )
    fetched = list(
        actions.matching(filters)
        .select_related("priority__plan__partnership")
        .defer(*LISTED_ACTION_FIELDS_DEFERRED, *LISTED_PLAN_FIELDS_DEFERRED)
        .prefetch_related(Prefetch("updates", queryset=updates, to_attr=SHOWN_UPDATES))
        .order_by("due_date", "priority__plan__partnership__name", "priority__number", "position")
    )
    result = MyActions()
    for listed in listed_actions(fetched, today=today):  # each in its own plan's stale period
        action, flags = listed.action, listed.flags
        if not filters.keep(flags):
            continue
        if flags.overdue:
            result.overdue.append(listed)
        elif flags.stale:
            result.stale.append(listed)
        elif action.current_rag in (RagRating.RED, RagRating.AMBER):
            result.red_or_amber.append(listed)
        elif action.due_date and (action.due_date - today).days <= DUE_SOON_DAYS:
            result.due_soon.append(listed)
        else:
            result.other.append(listed)
    return result


def stale_in_priorities_led(*, user, today: datetime.date) -> list[Action]:
    """Open actions gone stale in the priorities of current plans that the user leads (while
    still a member of the plan's partnership): the lead's weekly digest chases them."""
    led = Action.objects.filter(priority__lead_user=user, status__in=OPEN_STATUSES).current()
    visible = member_partnership_ids(user)
    if visible is not None:
        led = led.filter(priority__plan__partnership__in=visible)
    fetched = (
        led.with_progress()
        .select_related("priority__plan__partnership")
        .order_by("priority__plan__partnership__name", "priority__number", "position", "id")
    )
    return [
        action
        for action in fetched
        if flag(action, stale_after_days=action.priority.plan.stale_after_days, today=today).stale
    ]
