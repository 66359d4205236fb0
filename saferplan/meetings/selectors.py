"""Reads for meetings: a partnership's meetings, the one before, the agenda a plan's state
suggests, what was agreed last time and how it has gone, and whether a meeting was quorate."""

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from saferplan.plans.models import OPEN_STATUSES, Action, RagChange, RagRating
from saferplan.plans.selectors import flag

from .models import AgendaItemKind, Meeting


def meetings_of(*, partnership) -> QuerySet[Meeting]:
    return Meeting.objects.filter(partnership=partnership).select_related("group", "plan")


def previous_meeting(meeting: Meeting) -> Meeting | None:
    """The same group's meeting before this one (the board's, for meetings without a group)."""
    earlier = Meeting.objects.filter(
        partnership_id=meeting.partnership_id,
        group=meeting.group,
        meets_on__lt=meeting.meets_on,
    )
    return earlier.order_by("-meets_on", "-starts_at", "-pk").first()


@dataclass(frozen=True)
class DraftItem:
    kind: str
    title: str
    actions: list[Action]


def agenda_from_plan(meeting: Meeting, *, today: datetime.date) -> list[DraftItem]:
    """The agenda the plan's state and the group suggest, in the order a chair takes it:
    matters arising from the last meeting, the exceptions (red and amber), overdue and stale
    actions, the ratings changed since the last meeting, then the group's standing items."""
    items: list[DraftItem] = []
    before = previous_meeting(meeting)
    if before is not None:
        agreed = [d.action for d in before.decisions.select_related("action") if d.action]
        if agreed:
            items.append(
                DraftItem(
                    AgendaItemKind.MATTERS_ARISING,
                    _("Matters arising: the actions agreed on %(day)s and their progress")
                    % {"day": f"{before.meets_on:%-d %B %Y}"},
                    agreed,
                )
            )
    plan = meeting.plan
    if plan is not None:
        actions = list(
            Action.objects.filter(priority__plan=plan, status__in=OPEN_STATUSES)
            .with_progress()
            .in_plan_order()
        )
        flags = {
            a.pk: flag(a, stale_after_days=plan.stale_after_days, today=today) for a in actions
        }
        exceptions = [a for a in actions if a.current_rag in (RagRating.RED, RagRating.AMBER)]
        overdue = [a for a in actions if flags[a.pk].overdue]
        stale = [a for a in actions if flags[a.pk].stale]
        since = (
            before.meets_on if before else today - datetime.timedelta(days=plan.stale_after_days)
        )
        changed_ids = set(
            RagChange.objects.filter(action__in=actions, rated_on__gt=since).values_list(
                "action", flat=True
            )
        )
        changed = [a for a in actions if a.pk in changed_ids]
        for kind, found, title in (
            (
                AgendaItemKind.EXCEPTIONS,
                exceptions,
                ngettext(
                    "Exceptions: %(count)s red or amber action",
                    "Exceptions: %(count)s red or amber actions",
                    len(exceptions),
                ),
            ),
            (
                AgendaItemKind.OVERDUE,
                overdue,
                ngettext(
                    "%(count)s action past its due date",
                    "%(count)s actions past their due date",
                    len(overdue),
                ),
            ),
            (
                AgendaItemKind.STALE,
                stale,
                ngettext(
                    "%(count)s action with no update for %(days)s days",
                    "%(count)s actions with no update for %(days)s days",
                    len(stale),
                ),
            ),
            (
                AgendaItemKind.CHANGES,
                changed,
                ngettext(
                    "%(count)s RAG rating changed since %(day)s",
                    "%(count)s RAG ratings changed since %(day)s",
                    len(changed),
                ),
            ),
        ):
            if found:
                words = {
                    "count": len(found),
                    "days": plan.stale_after_days,
                    "day": f"{since:%-d %B %Y}",
                }
                items.append(DraftItem(kind, title % words, found))
    if meeting.group is not None:
        for line in meeting.group.standing_items.splitlines():
            if line.strip():
                items.append(DraftItem(AgendaItemKind.STANDING, line.strip(), []))
    return items


@dataclass(frozen=True)
class Agreed:
    """A decision of the last meeting that put an action in the plan, and where it stands."""

    decision_text: str
    action: Action


def agreed_last_time(meeting: Meeting) -> tuple[Meeting | None, list[Agreed]]:
    """The group's previous meeting and the actions it agreed, each with its current RAG
    rating, status and last update (Action.with_progress)."""
    before = previous_meeting(meeting)
    if before is None:
        return None, []
    decisions = list(before.decisions.exclude(action=None))
    progress = {
        a.pk: a
        for a in Action.objects.filter(pk__in=[d.action_id for d in decisions])
        .with_progress()
        .select_related("priority__plan")
    }
    return before, [
        Agreed(d.text, progress[d.action_id]) for d in decisions if d.action_id in progress
    ]


@dataclass(frozen=True)
class Quorum:
    present: int
    needed: int | None

    @property
    def quorate(self) -> bool | None:
        """None when the group's terms of reference give no quorum, or nobody is recorded."""
        if self.needed is None or not self.present:
            return None
        return self.present >= self.needed


def quorum_of(meeting: Meeting) -> Quorum:
    present = meeting.attendance.filter(present=True).count()
    return Quorum(present=present, needed=meeting.group.quorum if meeting.group else None)
