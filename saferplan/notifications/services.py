"""Writes for notifications: each person's choices and the emails sent.

Reminders (the weekly digest, the chase before a meeting that reviews a plan) are sent by the command
`saferplan send-reminders`, run daily; each is recorded in Sent so that running it twice
sends nothing twice. Notices of a change to someone's action are sent when the change is
committed, never for a change that was rolled back."""

import datetime
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django_tasks import task

from saferplan.core import audit

from . import emails, selectors
from .models import Preference, Sent

if TYPE_CHECKING:
    from saferplan.accounts.models import User
    from saferplan.plans.models import Action, RagChange, Update

DIGEST_WEEKDAY = 0  # Monday


@transaction.atomic
def preference_set(
    *,
    actor: "User",
    weekly_digest: bool,
    board_chase: bool,
    action_changes: bool,
    board_reports: bool,
) -> Preference:
    preference, _created = Preference.objects.get_or_create(user=actor)
    preference, _changes = audit.change(
        preference,
        actor=actor,
        partnership=None,  # a person's own choices, in no partnership's log
        logged_fields=["weekly_digest", "board_chase", "action_changes", "board_reports"],
        weekly_digest=weekly_digest,
        board_chase=board_chase,
        action_changes=action_changes,
        board_reports=board_reports,
    )
    return preference


def _once(user: "User", key: str) -> bool:
    """Claim the right to send `key` to `user`: False when it was sent before."""
    try:
        with transaction.atomic():
            Sent.objects.create(user=user, key=key)
    except IntegrityError:
        return False
    return True


def send_once(*, to: "User", key: str, subject: str, template: str, context: dict) -> bool:
    """Email `to` unless the email named `key` was sent to them before (for other apps'
    notices: a board report issued). True when sent."""
    if not _once(to, key):
        return False
    emails.send(to=to, subject=subject, template=template, context=context)
    return True


def send_digests(*, today: datetime.date) -> int:
    """On Mondays, each person who chose it gets their overdue, stale and due-soon actions
    (nothing when there are none). Returns how many were sent."""
    from saferplan.accounts.models import User

    if today.weekday() != DIGEST_WEEKDAY:
        return 0
    year, week, _day = today.isocalendar()
    sent = 0
    for user in User.objects.filter(is_active=True).exclude(memberships=None).distinct():
        if not selectors.preference_of(user).weekly_digest:
            continue
        digest = selectors.digest_for(user, today=today)
        if digest.empty or not _once(user, f"digest:{year}-W{week:02d}"):
            continue
        emails.send(
            to=user,
            subject="Your saferplan actions this week",
            template="digest",
            context={"digest": digest, "today": today},
        )
        sent += 1
    return sent


def send_chases(*, today: datetime.date) -> int:
    """Before each meeting that reviews a plan (the board's, the JAG's), each owner of an open
    action of the plan who chose it is asked to update their actions, once per meeting."""
    sent = 0
    for meeting in selectors.meetings_to_chase(today=today):
        for user in selectors.people_owning_open_actions_of(meeting):
            if not selectors.preference_of(user).board_chase:
                continue
            actions = selectors.actions_to_update_before(meeting, user, today=today)
            if not actions or not _once(user, f"meeting-chase:{meeting.pk}"):
                continue
            emails.send(
                to=user,
                subject=f"Please update your actions before the {_group_name(meeting)} meets on {meeting.meets_on:%-d %B}",
                template="chase",
                context={"meeting": meeting, "actions": actions, "today": today},
            )
            sent += 1
    return sent


def _group_name(meeting) -> str:
    """ "the board" or the group's short name ("JAG"), as a subject line has room for."""
    if meeting.group is None:
        return "board"
    return meeting.group.abbreviation or meeting.group.name


def notify_action_changed(
    *,
    action: "Action",
    actor: "User | None",
    update: "Update | None" = None,
    rag_change: "RagChange | None" = None,
) -> None:
    """Tell the action's owners (but not the person who made the change, if anyone did: an
    import from the command line has no actor) that it has a new update or RAG rating:
    queued for the background worker once the change is committed, so a slow or unreachable
    mail server never holds up the person saving (nor a rolled-back change send anything)."""
    action_id, actor_id = action.pk, actor.pk if actor else None
    update_id = update.pk if update else None
    rag_change_id = rag_change.pk if rag_change else None
    transaction.on_commit(
        lambda: send_action_notice.enqueue(
            action_id=action_id,
            actor_id=actor_id,
            update_id=update_id,
            rag_change_id=rag_change_id,
        )
    )


@task()
def send_action_notice(
    *, action_id: int, actor_id: int | None, update_id: int | None, rag_change_id: int | None
) -> None:
    from saferplan.accounts.models import User
    from saferplan.plans.models import Action, RagChange, Update

    action = Action.objects.filter(pk=action_id).first()
    if action is None:  # deleted before the worker came to it
        return
    actor = User.objects.filter(pk=actor_id).first() if actor_id else None
    update = Update.objects.filter(pk=update_id).first() if update_id else None
    rag_change = RagChange.objects.filter(pk=rag_change_id).first() if rag_change_id else None
    if update is None and rag_change is None:
        return
    for owner in selectors.owners_of(action):
        if owner.pk == actor_id:
            continue
        if not selectors.preference_of(owner).action_changes:
            continue
        emails.send(
            to=owner,
            subject=_notice_subject(action, updated=update is not None),
            template="action_changed",
            context={
                "action": action,
                "actor": actor,
                "update": update,
                "rag_change": rag_change,
                "sensitive": update is not None and update.is_sensitive,
                "reason_sensitive": rag_change is not None and rag_change.is_sensitive,
            },
        )


def _notice_subject(action: "Action", *, updated: bool) -> str:
    """Subject lines are read on lock screens and kept by mail servers: an OFFICIAL-SENSITIVE
    action's title is never in one."""
    subject = f"Your action has been {'updated' if updated else 'rated'}"
    return subject if action.is_sensitive else f"{subject}: {action.title[:60]}"
