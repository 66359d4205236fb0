"""The annual refresh: next year's action plan from this year's."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from saferplan.core import clock
from saferplan.core.audit import Actor

from .. import signals
from ..models import (
    OPEN_STATUSES,
    Action,
    Plan,
    PlanKind,
)
from .actions import action_create
from .plans import NARRATIVE_SECTIONS, aim_create, plan_create, plan_supersede
from .structure import objective_create, priority_create
from .updates import current_rag_change


@transaction.atomic
def plan_refresh(
    *,
    actor: Actor,
    plan: Plan,
    title: str,
    period_start: datetime.date,
    period_end: datetime.date,
    supersede: bool = False,
) -> Plan:
    """Next year's action plan from this one, in draft: the same aims, priorities and
    objectives; the open actions carried forward, each linked to its predecessor and so to
    its history; complete and discharged actions left behind. What other apps hold of the
    plan that is still to come (board meetings after today) moves to the new plan
    (signals.plan_refreshed).

    With `supersede`, this plan is replaced by the new one in the same step (plan_supersede):
    no longer current for owners, reminders and digests at once, and superseded (no longer
    public) when the new plan is published."""
    if plan.kind != PlanKind.ACTION:
        raise ValidationError(_("Only an annual action plan can be refreshed."))
    if period_start <= plan.period_start:
        raise ValidationError(
            {"period_start": f"The new plan must start after {plan.period_start:%d %B %Y}."}
        )
    new_plan = plan_create(
        actor=actor,
        partnership=plan.partnership,
        kind=PlanKind.ACTION,
        title=title,
        period_start=period_start,
        period_end=period_end,
        strategic_plan=plan.strategic_plan,
        introduction=plan.introduction,
        pcc_alignment=plan.pcc_alignment,
        **{name: getattr(plan, name) for name in NARRATIVE_SECTIONS},
        stale_after_days=plan.stale_after_days,
        carried_from=plan,
    )
    for aim in plan.aims.all():
        aim_create(actor=actor, plan=new_plan, number=aim.number, text=aim.text)
    open_actions = (
        Action.objects.filter(priority__plan=plan, status__in=OPEN_STATUSES)
        .prefetch_related("owner_organisations", "owner_groups", "joint_partnerships")
        .order_by("priority__number", "position", "id")
    )
    priorities, objectives = {}, {}
    for priority in plan.priorities.prefetch_related("objectives__lead_groups"):
        priorities[priority.pk] = priority_create(
            actor=actor,
            plan=new_plan,
            number=priority.number,
            title=priority.title,
            description=priority.description,
            is_cross_cutting=priority.is_cross_cutting,
            desired_outcomes=priority.desired_outcomes,
            # The lead goes on leading while still a member; the commissioner's priorities
            # stay those still in force in the new year (the form offers no others).
            lead_user=priority.lead_user
            if priority.lead_user
            and priority.lead_user.memberships.filter(partnership=plan.partnership).exists()
            else None,
            lead_name=priority.lead_name,
            lead_organisation=priority.lead_organisation
            if priority.lead_organisation
            and priority.lead_organisation.partnerships.filter(pk=plan.partnership_id).exists()
            else None,
            pcc_priorities=list(
                priority.pcc_priorities.filter(police_and_crime_plan__period_end__gte=period_start)
            ),
        )
        for objective in priority.objectives.all():
            objectives[objective.pk] = objective_create(
                actor=actor,
                priority=priorities[priority.pk],
                title=objective.title,
                ref=objective.ref,
                target_indicator=objective.target_indicator,
                desired_outcomes=objective.desired_outcomes,
                lead_groups=list(objective.lead_groups.all()),
                position=objective.position,
            )
    for action in open_actions:
        latest = current_rag_change(action)
        action_create(
            actor=actor,
            priority=priorities[action.priority_id],
            objective=objectives.get(action.objective_id) if action.objective_id else None,
            title=action.title,
            owner_text=action.owner_text,
            owner_organisations=list(action.owner_organisations.all()),
            owner_groups=list(action.owner_groups.all()),
            owner_name=action.owner_name,
            owner_user=action.owner_user,
            joint_partnerships=list(action.joint_partnerships.all()),
            start_date=action.start_date,
            due_date=action.due_date,
            status=action.status,
            marking=action.marking,
            carried_from=action,
            position=action.position,
            rag=latest.rating if latest else "",
            rated_on=latest.rated_on if latest else None,
            rag_reason=f"Carried forward from {plan.title}",
        )
    if supersede:
        plan_supersede(actor=actor, plan=plan, by=new_plan)
    # The apps built on plans move what is still to come (notifications: board meetings).
    signals.plan_refreshed.send(
        sender=Plan, plan=plan, new_plan=new_plan, actor=actor, refreshed_on=clock.today()
    )
    return new_plan
