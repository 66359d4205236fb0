"""Writes to the police and crime plans of police force areas and their priorities. Each is
logged in every partnership of the force area (they all may align to it), and the plans
that show the commissioner's priorities are told their wording changed. A change asks the
policy again with the plan locked: another partnership may have aligned to it meanwhile."""

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from saferplan.core import audit
from saferplan.core.models import AuditEvent

from .models import Partnership, PccPriority, PoliceAndCrimePlan
from .permissions import police_and_crime_plan_policy
from .services import plans_show_new_names

if TYPE_CHECKING:
    from saferplan.accounts.models import User

PCC_PLAN_FIELDS = ["title", "commissioner", "period_start", "period_end", "web_address"]
PCC_PRIORITY_FIELDS = ["number", "title", "description"]


def _area_partnerships(pcc_plan: PoliceAndCrimePlan):
    return Partnership.objects.filter(police_force=pcc_plan.police_force)


def _check_period(fields: dict[str, Any]) -> None:
    start, end = fields.get("period_start"), fields.get("period_end")
    if start and end and end < start:
        raise ValidationError({"period_end": _("End of period must be on or after its start")})


def _check_number(pcc_plan: PoliceAndCrimePlan, number: int, priority: PccPriority | None) -> None:
    taken = pcc_plan.priorities.filter(number=number)
    if priority is not None:
        taken = taken.exclude(pk=priority.pk)
    if taken.exists():
        raise ValidationError(
            {"number": _("The plan already has a priority %(number)s") % {"number": number}}
        )


def _locked_for_change(
    actor: "User", pcc_plan: PoliceAndCrimePlan, partnership: Partnership
) -> PoliceAndCrimePlan:
    """The plan, locked until the write commits, once the policy has been asked again under
    the lock: a partnership that aligned a priority to it since the page checked (aligning
    takes the same lock, plans.services.structure) makes the change an administrator's."""
    locked = PoliceAndCrimePlan.objects.select_for_update().get(pk=pcc_plan.pk)
    refused = police_and_crime_plan_policy.change_refused(actor, locked, partnership)
    if refused:
        raise PermissionDenied(refused)
    return locked


def _reworded(pcc_plan: PoliceAndCrimePlan) -> None:
    plans_show_new_names(partnership_ids=_area_partnerships(pcc_plan).values_list("pk", flat=True))


@transaction.atomic
def pcc_plan_create(
    *, actor: "User", partnership: Partnership, **fields: Any
) -> PoliceAndCrimePlan:
    """Record the police and crime plan of the partnership's police force area."""
    _check_period(fields)
    return audit.create(
        PoliceAndCrimePlan,
        actor=actor,
        partnership=partnership,
        logged_fields=["police_force", *PCC_PLAN_FIELDS],
        shared_with=_area_partnerships,
        police_force=partnership.police_force,
        **fields,
    )


@transaction.atomic
def pcc_plan_update(
    *, actor: "User", pcc_plan: PoliceAndCrimePlan, partnership: Partnership, **fields: Any
) -> PoliceAndCrimePlan:
    pcc_plan = _locked_for_change(actor, pcc_plan, partnership)
    _check_period(
        {"period_start": pcc_plan.period_start, "period_end": pcc_plan.period_end, **fields}
    )
    pcc_plan, changes = audit.change(
        pcc_plan,
        actor=actor,
        partnership=partnership,
        logged_fields=PCC_PLAN_FIELDS,
        shared_with=_area_partnerships,
        **fields,
    )
    if changes:
        _reworded(pcc_plan)
    return pcc_plan


@transaction.atomic
def pcc_priority_create(
    *,
    actor: "User",
    pcc_plan: PoliceAndCrimePlan,
    partnership: Partnership,
    title: str,
    number: int | None = None,
    description: str = "",
) -> PccPriority:
    pcc_plan = _locked_for_change(actor, pcc_plan, partnership)
    if number is None:
        number = (pcc_plan.priorities.aggregate(last=Max("number"))["last"] or 0) + 1
    _check_number(pcc_plan, number, None)
    return audit.create(
        PccPriority,
        actor=actor,
        partnership=partnership,
        logged_fields=PCC_PRIORITY_FIELDS,
        shared_with=_area_partnerships(pcc_plan),
        police_and_crime_plan=pcc_plan,
        number=number,
        title=title,
        description=description,
    )


@transaction.atomic
def pcc_priority_update(
    *, actor: "User", priority: PccPriority, partnership: Partnership, **fields: Any
) -> PccPriority:
    pcc_plan = _locked_for_change(actor, priority.police_and_crime_plan, partnership)
    if "number" in fields:
        _check_number(pcc_plan, fields["number"], priority)
    priority, changes = audit.change(
        priority,
        actor=actor,
        partnership=partnership,
        logged_fields=PCC_PRIORITY_FIELDS,
        shared_with=_area_partnerships(pcc_plan),
        **fields,
    )
    if changes:
        _reworded(pcc_plan)
    return priority


@transaction.atomic
def pcc_priority_delete(*, actor: "User", priority: PccPriority, partnership: Partnership) -> None:
    """Delete the priority: the partnerships' priorities aligned to it are no longer."""
    pcc_plan = _locked_for_change(actor, priority.police_and_crime_plan, partnership)
    audit.log(
        instance=priority,
        action=AuditEvent.Action.DELETE,
        actor=actor,
        partnership=partnership,
        changes=audit.diff(audit.snapshot(priority, PCC_PRIORITY_FIELDS), {}),
        shared_with=_area_partnerships(pcc_plan),
    )
    priority.delete()
    _reworded(pcc_plan)
