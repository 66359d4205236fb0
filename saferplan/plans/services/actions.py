"""Actions: creating and editing them."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from saferplan.core.audit import Actor

from .. import signals
from ..models import (
    Action,
    ActionStatus,
    Priority,
)
from .common import (
    EditConflictError,
    audited_change,
    audited_create,
    check_groups_belong,
    joint_partnership_ids,
)
from .updates import rag_record, status_record

ACTION_FIELDS = [
    "priority",
    "objective",
    "title",
    "owner_text",
    "owner_organisations",
    "owner_groups",
    "owner_name",
    "owner_user",
    "joint_partnerships",
    "start_date",
    "due_date",
    "status",
    "status_reason",
    "marking",
]

# Which status a plan may move to from each status.


def _check_action(priority: Priority, fields: dict) -> None:
    objective = fields.get("objective")
    if objective is not None and objective.priority_id != priority.pk:
        raise ValidationError({"objective": _("Choose an objective of the same priority.")})
    check_groups_belong(priority.plan, fields.get("owner_groups", ()), "owner_groups")
    partnership_id = priority.plan.partnership_id
    if any(p.pk == partnership_id for p in fields.get("joint_partnerships", ())):
        raise ValidationError(
            {"joint_partnerships": _("An action is already owned by its plan's partnership.")}
        )


@transaction.atomic
def action_create(
    *,
    actor: Actor,
    priority: Priority,
    title: str,
    rag: str = "",
    rag_reason: str = "",
    rated_on: datetime.date | None = None,
    **fields,
) -> Action:
    """Add an action, with its status history begun and its first RAG rating when given
    (`rated_on`: the day that rating and the status describe, when read from a document;
    today otherwise)."""
    _check_action(priority, fields)
    if "position" not in fields:
        fields["position"] = priority.actions.count() + 1
    action = audited_create(
        Action,
        actor=actor,
        partnership=priority.plan.partnership,
        field_names=ACTION_FIELDS,
        priority=priority,
        title=title,
        **fields,
    )
    # The status it starts with, as of the day its first rating describes (a document's).
    status_record(actor=actor, action=action, status=action.status, on=rated_on)
    if rag:
        rag_record(
            actor=actor,
            action=action,
            rating=rag,
            reason=rag_reason or "Rating when the action was added",
            rated_on=rated_on,
        )
    return action


@transaction.atomic
def action_update(*, actor: Actor, action: Action, expected_version: int, **fields) -> Action:
    """Change an action's details. Raises EditConflictError when someone else saved it since
    `expected_version`; nothing is written then."""
    priority = fields.get("priority", action.priority)
    _check_action(priority, {"objective": action.objective, **fields})
    signals.action_changing.send(sender=Action, action=action, fields=fields)
    # Claim the version first: of two people saving at once, exactly one gets this row.
    claimed = Action.objects.filter(pk=action.pk, version=expected_version).update(
        version=F("version") + 1
    )
    if not claimed:
        current = Action.objects.get(pk=action.pk)
        raise EditConflictError(
            current, f"{current.modified_by or 'Someone'} changed this action after you opened it."
        )
    action.version = expected_version + 1
    if fields.get("status") == ActionStatus.DISCHARGED and not fields.get(
        "status_reason", action.status_reason
    ):
        raise ValidationError({"status_reason": _("Give the reason the action was discharged.")})
    if "status_reason" in fields and fields["status_reason"] != action.status_reason:
        # A reason typed on the action's own form carries the action's marking.
        fields["status_reason_marking"] = fields.get("marking", action.marking)
    # Partnerships taken off the action still see, in their log, that they were.
    joint_before = joint_partnership_ids(action)
    status_before = action.status
    action = audited_change(
        action,
        actor=actor,
        partnership=action.priority.plan.partnership,
        field_names=[*ACTION_FIELDS, "status_reason_marking"],
        shared_with=joint_before,
        **fields,
    )
    if action.status != status_before:
        status_record(actor=actor, action=action, status=action.status)
    return action
