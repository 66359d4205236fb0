"""Writes to the money: grants, the actions each pays for, the spend per quarter and the
grant's files. Every write is in the partnership's audit log and is checked as a whole
before anything is saved: an allocation never takes a grant past what it awarded, spend is
recorded only for the grant's quarters begun by today, and a grant's period or amount never
changes so that recorded spend or allocations fall outside it."""

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from saferplan.attachments import services as attachment_services
from saferplan.core import audit, clock
from saferplan.core.models import AuditEvent, Marking

from .models import Allocation, Grant, Spend
from .selectors import Quarter, grant_quarters, money

if TYPE_CHECKING:
    from saferplan.accounts.models import User
    from saferplan.partnerships.models import Partnership
    from saferplan.plans.models import Action

GRANT_FIELDS = [
    "name",
    "kind",
    "funder",
    "reference",
    "amount",
    "starts_on",
    "ends_on",
    "conditions",
    "underspend_tolerance",
]


def _check_grant(partnership: "Partnership", fields: dict[str, Any], grant=None) -> None:
    errors: dict[str, Any] = {}
    name = fields.get("name")
    same_name = Grant.objects.filter(partnership=partnership, name=name)
    if grant is not None:
        same_name = same_name.exclude(pk=grant.pk)
    if name and same_name.exists():
        errors["name"] = _("%(partnership)s already has a grant called %(name)s.") % {
            "partnership": partnership,
            "name": name,
        }
    starts_on, ends_on = fields.get("starts_on"), fields.get("ends_on")
    if starts_on and ends_on and ends_on < starts_on:
        errors["ends_on"] = _("The end of the grant's period must be on or after its start.")
    if grant is not None and not errors:
        allocated = grant.allocations.aggregate(total=Sum("amount"))["total"] or Decimal(0)
        amount = fields.get("amount")
        if amount is not None and amount < allocated:
            errors["amount"] = _(
                "%(allocated)s of the grant is allocated to actions: the amount cannot be less."
            ) % {"allocated": money(allocated)}
        if starts_on and ends_on:
            within = set(grant_quarters(Grant(starts_on=starts_on, ends_on=ends_on)))
            recorded = {
                Quarter(year, number)
                for year, number in Spend.objects.filter(allocation__grant=grant).values_list(
                    "year", "quarter"
                )
            }
            outside = sorted(recorded - within)
            if outside:
                errors["ends_on"] = _(
                    "Spend is recorded for %(quarters)s: the grant's period must include it."
                ) % {"quarters": ", ".join(q.label for q in outside)}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def grant_create(*, actor: "User | None", partnership: "Partnership", **fields: Any) -> Grant:
    _check_grant(partnership, fields)
    return audit.create(
        Grant,
        actor=actor,
        partnership=partnership,
        logged_fields=GRANT_FIELDS,
        partnership_id=partnership.pk,
        **fields,
    )


@transaction.atomic
def grant_update(*, actor: "User", grant: Grant, **fields: Any) -> Grant:
    grant = Grant.objects.select_for_update().get(pk=grant.pk)
    _check_grant(
        grant.partnership,
        {f: getattr(grant, f) for f in ("starts_on", "ends_on", "amount")} | fields,
        grant,
    )
    grant, _changes = audit.change(
        grant, actor=actor, partnership=grant.partnership, logged_fields=GRANT_FIELDS, **fields
    )
    return grant


@transaction.atomic
def grant_delete(*, actor: "User", grant: Grant) -> None:
    """Delete a grant with no spend recorded: money spent is part of the partnership's
    accounts."""
    if Spend.objects.filter(allocation__grant=grant).exists():
        raise ValidationError(
            _(
                "Spend is recorded against this grant, so it is part of the accounts and cannot be deleted."
            )
        )
    audit.log(
        instance=grant,
        action=AuditEvent.Action.DELETE,
        actor=actor,
        partnership=grant.partnership,
        changes=audit.diff(audit.snapshot(grant, ["name", "funder", "amount"]), {}),
    )
    grant.delete()  # its files go with it (receivers.on_grant_deleted)


def _allocation_label(allocation: Allocation) -> str:
    return (
        str(allocation.action) if allocation.action else str(_("an action no longer in the plan"))
    )


@transaction.atomic
def allocation_set(*, actor: "User", grant: Grant, action: "Action", amount: Decimal) -> Allocation:
    """Give `amount` of the grant to the action (or change what it was given)."""
    grant = Grant.objects.select_for_update().get(pk=grant.pk)  # one allocation at a time
    if action.priority.plan.partnership_id != grant.partnership_id:
        raise ValidationError(
            {
                "action": _("Choose an action of %(partnership)s.")
                % {"partnership": grant.partnership}
            }
        )
    allocation = Allocation.objects.filter(grant=grant, action=action).first()
    others = grant.allocations.all()
    if allocation is not None:
        others = others.exclude(pk=allocation.pk)
    allocated = others.aggregate(total=Sum("amount"))["total"] or Decimal(0)
    if allocated + amount > grant.amount:
        raise ValidationError(
            {
                "amount": _(
                    "Only %(left)s of the grant's %(amount)s is not allocated to other actions."
                )
                % {"left": money(grant.amount - allocated), "amount": money(grant.amount)}
            }
        )
    if allocation is None:
        return audit.create(
            Allocation,
            actor=actor,
            partnership=grant.partnership,
            logged_fields=["grant", "action", "amount"],
            grant=grant,
            action=action,
            amount=amount,
        )
    allocation, _changes = audit.change(
        allocation,
        actor=actor,
        partnership=grant.partnership,
        logged_fields=["grant", "action", "amount"],
        amount=amount,
    )
    return allocation


@transaction.atomic
def allocation_remove(*, actor: "User", allocation: Allocation) -> None:
    if allocation.spend.exists():
        raise ValidationError(
            _("Spend is recorded against %(action)s from this grant, so it cannot be taken off.")
            % {"action": _allocation_label(allocation)}
        )
    audit.log(
        instance=allocation,
        action=AuditEvent.Action.DELETE,
        actor=actor,
        partnership=allocation.grant.partnership,
        changes=audit.diff(audit.snapshot(allocation, ["grant", "action", "amount"]), {}),
    )
    allocation.delete()


@transaction.atomic
def spend_record(
    *, actor: "User", grant: Grant, quarter: Quarter, amounts: dict[int, Decimal | None]
) -> dict[str, list]:
    """Record the quarter's spend for the grant's actions (allocation id → amount; None
    leaves the quarter not recorded for that action, taking off what was recorded). One
    audit entry lists what changed. Returns the changes ({} for none)."""
    grant = Grant.objects.select_for_update().get(pk=grant.pk)
    if quarter not in grant_quarters(grant):
        raise ValidationError(
            _("%(quarter)s is outside the grant's period.") % {"quarter": quarter.label}
        )
    if quarter.start > clock.today():
        raise ValidationError(
            _("%(quarter)s has not begun: spend is recorded once it is spent.")
            % {"quarter": quarter.label}
        )
    allocations = {a.pk: a for a in grant.allocations.select_related("action")}
    unknown = set(amounts) - set(allocations)
    if unknown:
        raise ValidationError(_("The spend names an action the grant does not pay for."))
    recorded = {
        s.allocation_id: s
        for s in Spend.objects.filter(
            allocation__grant=grant, year=quarter.year, quarter=quarter.number
        )
    }
    changes: dict[str, list] = {}
    for allocation_id, given in amounts.items():
        amount = None if given is None else Decimal(given)
        if amount is not None and amount < 0:
            raise ValidationError(_("Spend cannot be less than nothing."))
        row = recorded.get(allocation_id)
        before = money(row.amount) if row else ""
        after = money(amount) if amount is not None else ""
        if before == after:
            continue
        label = f"{quarter.label}: {_allocation_label(allocations[allocation_id])}"
        changes[label] = [before, after]
        if amount is None and row is not None:
            row.delete()
        elif amount is None:
            continue  # not recorded, and it was not (before and after both empty)
        elif row is None:
            Spend.objects.create(
                allocation_id=allocation_id,
                year=quarter.year,
                quarter=quarter.number,
                amount=amount,
                recorded_by=actor,
            )
        else:
            row.amount, row.recorded_by = amount, actor
            row.save(update_fields=["amount", "recorded_by", "recorded_at"])
    if changes:
        audit.log(
            instance=grant,
            action=AuditEvent.Action.UPDATE,
            actor=actor,
            partnership=grant.partnership,
            changes=changes,
            reason=f"Spend recorded for {quarter.label}",
        )
    return changes


def grant_file_attach(
    *, actor: "User", grant: Grant, name: str, checked, marking: str = Marking.OFFICIAL
):
    """Add a checked file (attachments.files) to the grant: its agreement, an offer letter."""
    return attachment_services.file_attach_to(
        grant,
        grant.files,
        actor=actor,
        partnership=grant.partnership,
        name=name,
        checked=checked,
        marking=marking,
    )


def grant_file_remove(*, actor: "User", grant: Grant, attachment) -> None:
    attachment_services.file_take_off(
        grant, actor=actor, partnership=grant.partnership, attachment=attachment
    )
