"""A plan's structure: priorities and objectives, and overrides of their rolled-up RAG."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from saferplan.core.audit import Actor
from saferplan.core.models import Marking
from saferplan.partnerships.models import PoliceAndCrimePlan

from ..models import (
    Objective,
    Plan,
    Priority,
    RagChange,
)
from .common import audited_change, audited_create, check_groups_belong
from .updates import rag_record

PRIORITY_FIELDS = [
    "number",
    "title",
    "description",
    "is_cross_cutting",
    "desired_outcomes",
    "lead_user",
    "lead_name",
    "lead_organisation",
    "pcc_priorities",
]


def _check_priority(plan: Plan, fields: dict) -> None:
    """A priority is led by the partnership's own people and organisations, and aligned to
    the police and crime plan of its own police force area."""
    partnership = plan.partnership
    errors = {}
    lead = fields.get("lead_user")
    if lead is not None and not lead.memberships.filter(partnership=partnership).exists():
        errors["lead_user"] = _("%(name)s is not a member of %(partnership)s.") % {
            "name": lead.full_name,
            "partnership": partnership,
        }
    organisation = fields.get("lead_organisation")
    if (
        organisation is not None
        and not organisation.partnerships.filter(pk=partnership.pk).exists()
    ):
        errors["lead_organisation"] = _(
            "%(name)s is not a member organisation of %(partnership)s."
        ) % {
            "name": organisation,
            "partnership": partnership,
        }
    aligned = {p.police_and_crime_plan_id for p in fields.get("pcc_priorities", ())}
    # Their plans locked until this commits: a coordinator changing a plan's wording asks
    # who is aligned to it under the same lock (partnerships.pcc_services).
    list(PoliceAndCrimePlan.objects.select_for_update().filter(pk__in=aligned))
    elsewhere = [
        str(p)
        for p in fields.get("pcc_priorities", ())
        if p.police_and_crime_plan.police_force != partnership.police_force
    ]
    if elsewhere:
        errors["pcc_priorities"] = _(
            "Not a priority of the police and crime plan for %(area)s: %(join)s."
        ) % {"area": partnership.get_police_force_display(), "join": ", ".join(elsewhere)}
    if errors:
        raise ValidationError(errors)


OBJECTIVE_FIELDS = ["ref", "title", "target_indicator", "desired_outcomes", "lead_groups"]


@transaction.atomic
def priority_create(
    *, actor: Actor, plan: Plan, title: str, number: int | None = None, **fields
) -> Priority:
    if number is None:
        number = (
            plan.priorities.order_by("-number").values_list("number", flat=True).first() or 0
        ) + 1
    _check_priority(plan, fields)
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
    _check_priority(priority.plan, fields)
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
