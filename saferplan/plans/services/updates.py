"""Progress updates and RAG ratings of actions, and correcting an update."""

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from saferplan.core import audit, clock
from saferplan.core.audit import Actor

if TYPE_CHECKING:
    from saferplan.accounts.models import User
from saferplan.core.models import AuditEvent, Marking

from ..models import (
    Action,
    ActionStatus,
    ActionStatusChange,
    RagChange,
    RagRating,
    Update,
    stricter_marking,
)
from ..signals import action_changed
from .common import (
    NOT_CHECKED,
    EditConflictError,
    ExpectedRating,
    audit_plan_write,
    audited_change,
    rating_conflict,
)


def current_rag_change(action: Action) -> RagChange | None:
    return action.rag_changes.order_by("-changed_at", "-id").first()


def rag_record(
    *,
    actor: Actor,
    action=None,
    objective=None,
    priority=None,
    rating: str,
    reason: str,
    marking: str = Marking.OFFICIAL,
    rated_on: datetime.date | None = None,
) -> RagChange:
    """Record a rating. Its reason is at least as sensitive as the action it is about.

    `rated_on` is the day the rating describes (an update's or a document's date; today
    unless given, and never later). An action's ratings describe days in the order they are given: one given
    with an update dated before the rating it replaces is rated as of that rating's day, so
    the rating in force today (RagChangeQuerySet.in_force_on) is always the current one."""
    today = clock.today()
    rated_on = min(rated_on or today, today)  # a rating cannot describe a day to come
    if action is not None:
        latest = current_rag_change(action)
        if latest is not None and latest.rated_on > rated_on:
            rated_on = latest.rated_on
    change = RagChange(
        rated_on=rated_on,
        action=action,
        objective=objective,
        priority=priority,
        rating=rating,
        reason=reason.strip(),
        marking=stricter_marking(marking, action.marking if action else Marking.OFFICIAL),
        changed_by=actor,
        changed_by_name=actor.get_full_name() if actor else "",
    )
    change.full_clean()
    change.save()
    subject = action or objective or priority
    plan = (subject.priority if action or objective else subject).plan
    label = "RAG rating" if action else "RAG override"
    audit_plan_write(
        subject,
        AuditEvent.Action.UPDATE,
        actor,
        plan.partnership,
        {label: [None, change.get_rating_display() or "Rolled up"]},
        reason=change.reason,
    )
    return change


def status_record(
    *, actor: Actor, action: Action, status: str, on: datetime.date | None = None
) -> ActionStatusChange:
    """Keep the status just given to the action in its status history (written with the
    change of Action.status, which the audit log records). `on` is the day it describes, as a
    rating's rated_on: today unless given, never later, and never before the status it
    replaces, so that the status in force today is always the action's own."""
    today = clock.today()
    on = min(on or today, today)
    latest = action.status_changes.order_by("-changed_at", "-id").first()
    if latest is not None and latest.changed_on > on:
        on = latest.changed_on
    change = ActionStatusChange(action=action, status=status, changed_on=on, changed_by=actor)
    change.full_clean()
    change.save()
    return change


@transaction.atomic
def update_add(
    *,
    actor: Actor,
    action: Action,
    described_on: datetime.date,
    text: str,
    marking: str = Marking.OFFICIAL,
    rag: str = "",
    rag_reason: str = "",
    expected_rag_change_id: ExpectedRating = NOT_CHECKED,
    status: str = "",
    status_reason: str = "",
    author_name: str = "",
    date_is_estimated: bool = False,
    notify: bool = True,
) -> Update:
    """Add a dated update and, in the same step, set the RAG rating and the status. The
    action's owners are told (`notify=False`: history brought in by an import, which is no
    news to anyone).

    A RAG change needs a reason. If someone else changed the RAG rating after this user
    opened the form (`expected_rag_change_id`, the rating they read or None for none, is no
    longer the latest), nothing is saved and EditConflictError says so, rather than one
    rating silently replacing the other.
    """
    # Lock the action row so that two updates setting RAG at once are taken one after the other.
    Action.objects.select_for_update().filter(pk=action.pk).first()
    latest = current_rag_change(action)
    if rag and latest is not None and rating_conflict(latest, expected_rag_change_id):
        raise EditConflictError(
            latest,
            _("%(name)s changed the RAG rating to %(rating)s after you opened this page.")
            % {
                "name": latest.changed_by_name or _("Someone"),
                "rating": latest.get_rating_display(),
            },
        )
    errors = {}
    if not text.strip():
        errors["text"] = _("Enter what has happened")
    rag_changes = bool(rag) and (latest is None or latest.rating != rag)
    if rag_changes and not rag_reason.strip():
        errors["rag_reason"] = _("Give the reason for the RAG rating")
    if status == ActionStatus.DISCHARGED and not (status_reason or action.status_reason).strip():
        errors["status_reason"] = _("Give the reason the action was discharged")
    if errors:
        raise ValidationError(errors)
    update = Update(
        action=action,
        described_on=described_on,
        text=text.strip(),
        author=actor,
        author_name=author_name or (actor.get_full_name() if actor else ""),
        marking=marking,
        date_is_estimated=date_is_estimated,
    )
    update.full_clean()
    update.save()
    partnership = action.priority.plan.partnership
    audit_plan_write(
        update,
        AuditEvent.Action.CREATE,
        actor,
        partnership,
        audit.diff({}, audit.snapshot(update, ["described_on", "text", "marking"])),
    )
    rag_change = None
    if rag_changes:
        # The reason is typed with the update, so it carries the update's marking.
        rag_change = rag_record(
            actor=actor,
            action=action,
            rating=rag,
            reason=rag_reason,
            marking=update.marking,
            rated_on=update.described_on,  # the day the update describes
        )
    if notify:
        _notify_owners(action=action, actor=actor, update=update, rag_change=rag_change)
    if status and status != action.status:
        Action.objects.filter(pk=action.pk).update(version=F("version") + 1)
        action.version += 1
        reason_fields = (
            # A reason typed with the update carries the update's marking.
            {"status_reason": status_reason.strip(), "status_reason_marking": update.marking}
            if status_reason.strip()
            else {}
        )
        audited_change(
            action,
            actor=actor,
            partnership=partnership,
            field_names=["status", "status_reason", "status_reason_marking"],
            status=status,
            **reason_fields,
        )
        # As of the day the update describes (a board report's status at its period's end).
        status_record(actor=actor, action=action, status=status, on=update.described_on)
    return update


@transaction.atomic
def action_rag_set(
    *,
    actor: Actor,
    action: Action,
    rating: str,
    reason: str,
    marking: str = Marking.OFFICIAL,
    expected_rag_change_id: ExpectedRating = NOT_CHECKED,
) -> RagChange:
    """Set an action's RAG rating without a progress update (a partner system reporting a
    rating). The same rules as with an update: a change needs a reason, and a rating set by
    someone else since `expected_rag_change_id` is a conflict, not an overwrite. Setting the
    rating it already has changes nothing and returns the current one."""
    Action.objects.select_for_update().filter(pk=action.pk).first()
    latest = current_rag_change(action)
    if latest is not None and rating_conflict(latest, expected_rag_change_id):
        raise EditConflictError(
            latest,
            f"{latest.changed_by_name or 'Someone'} changed the RAG rating to "
            f"{latest.get_rating_display()} after you read it.",
        )
    if rating not in RagRating.values:
        raise ValidationError(
            {
                "rating": _("“%(rating)s” is not one of %(join)s")
                % {"rating": rating, "join": ", ".join(RagRating.values)}
            }
        )
    if latest is not None and latest.rating == rating:
        return latest
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the RAG rating")})
    change = rag_record(actor=actor, action=action, rating=rating, reason=reason, marking=marking)
    _notify_owners(action=action, actor=actor, rag_change=change)
    return change


def _notify_owners(*, action: Action, actor: Actor, update=None, rag_change=None) -> None:
    """Announce the change (the notifications app tells the action's other owners once it
    is committed)."""
    action_changed.send(
        sender=Action, action=action, actor=actor, update=update, rag_change=rag_change
    )


@transaction.atomic
def update_correct(
    *, actor: "User", update: Update, described_on: datetime.date, text: str, marking: str
) -> Update:
    """Correct an update: a new update that supersedes the old, which stays in the history.
    A correction of an OFFICIAL-SENSITIVE update is OFFICIAL-SENSITIVE too: it is written
    beside the sensitive text and usually repeats it."""
    if hasattr(update, "superseded_by"):
        raise ValidationError(_("This update has already been corrected: correct the newer one."))
    correction = Update(
        action=update.action,
        described_on=described_on,
        text=text.strip(),
        author=actor,
        author_name=actor.get_full_name(),
        marking=stricter_marking(marking, update.marking),
        supersedes=update,
    )
    correction.full_clean()
    correction.save()
    audit_plan_write(
        correction,
        AuditEvent.Action.CREATE,
        actor,
        update.action.priority.plan.partnership,
        audit.diff(
            audit.snapshot(update, ["described_on", "text", "marking"]),
            audit.snapshot(correction, ["described_on", "text", "marking"]),
        ),
        reason="Correction of an earlier update",
    )
    return correction


@transaction.atomic
def update_file_attach(
    *, actor: "User", update: Update, name: str, checked, marking: str = Marking.OFFICIAL
):
    """Attach a checked file (attachments.files) to the update: at least as sensitive as the
    update and its action. In the audit log of every partnership that shares the action."""
    from saferplan.attachments.services import file_attach

    action = update.action
    if not Update.objects.current().filter(pk=update.pk).exists():  # corrected since
        raise ValidationError(
            {"file": _("This update has been corrected: attach the file to the correction.")}
        )
    marking = stricter_marking(marking, update.marking, action.marking)
    attachment = file_attach(
        actor=actor,
        partnership=action.priority.plan.partnership,
        name=name,
        checked=checked,
        marking=marking,
    )
    update.attachments.add(attachment)
    audit_plan_write(
        update,
        AuditEvent.Action.UPDATE,
        actor,
        action.priority.plan.partnership,
        changes={"Files attached": ["", f"{attachment} ({marking})"]},
    )
    return attachment
