"""A plan's structure: priorities and objectives, and overrides of their rolled-up RAG."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from saferplan.core.audit import Actor
from saferplan.core.models import Marking

from ..models import (
    Objective,
    Plan,
    Priority,
    RagChange,
)
from .common import audited_change, audited_create, check_groups_belong
from .updates import rag_record

PRIORITY_FIELDS = ["number", "title", "description", "is_cross_cutting", "desired_outcomes"]

OBJECTIVE_FIELDS = ["ref", "title", "target_indicator", "desired_outcomes", "lead_groups"]


@transaction.atomic
def priority_create(
    *, actor: Actor, plan: Plan, title: str, number: int | None = None, **fields
) -> Priority:
    if number is None:
        number = (
            plan.priorities.order_by("-number").values_list("number", flat=True).first() or 0
        ) + 1
    return audited_create(
        Priority,
        actor=actor,
        partnership=plan.partnership,
        field_names=PRIORITY_FIELDS,
        plan=plan,
        number=number,
        title=title,
        **fields,
    )


@transaction.atomic
def priority_update(*, actor: Actor, priority: Priority, **fields) -> Priority:
    return audited_change(
        priority,
        actor=actor,
        partnership=priority.plan.partnership,
        field_names=PRIORITY_FIELDS,
        **fields,
    )


@transaction.atomic
def objective_create(*, actor: Actor, priority: Priority, title: str, **fields) -> Objective:
    if "position" not in fields:
        fields["position"] = priority.objectives.count() + 1
    check_groups_belong(priority.plan, fields.get("lead_groups", ()), "lead_groups")
    return audited_create(
        Objective,
        actor=actor,
        partnership=priority.plan.partnership,
        field_names=OBJECTIVE_FIELDS,
        priority=priority,
        title=title,
        **fields,
    )


@transaction.atomic
def objective_update(*, actor: Actor, objective: Objective, **fields) -> Objective:
    check_groups_belong(objective.priority.plan, fields.get("lead_groups", ()), "lead_groups")
    return audited_change(
        objective,
        actor=actor,
        partnership=objective.priority.plan.partnership,
        field_names=OBJECTIVE_FIELDS,
        **fields,
    )


@transaction.atomic
def rag_override(
    *,
    actor: Actor,
    subject: Objective | Priority,
    rating: str,
    reason: str,
    marking: str = Marking.OFFICIAL,
) -> RagChange:
    """Override an objective's or priority's rolled-up rating; rating "" returns to the roll-up."""
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for the override")})
    if isinstance(subject, Objective):
        return rag_record(
            actor=actor, objective=subject, rating=rating, reason=reason, marking=marking
        )
    return rag_record(actor=actor, priority=subject, rating=rating, reason=reason, marking=marking)
