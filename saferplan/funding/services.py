"""Writes to the money: grants, the actions each pays for, the spend per quarter and the
grant's files. Every write is in the partnership's audit log and is checked as a whole
before anything is saved: an allocation never takes a grant past what it awarded, spend is
recorded only for the grant's quarters begun by today, and a grant's period or amount never
changes so that recorded spend or allocations fall outside it."""

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from saferplan.attachments import services as attachment_services
from saferplan.core import audit, clock
from saferplan.core.models import AuditEvent, Marking
from saferplan.core.quarters import FIRST_YEAR, LAST_YEAR, Quarter

from .models import REPORT_FIELDS, Allocation, Grant, QuarterReport, Spend
from .selectors import grant_quarters, money

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
LONGEST_YEARS = 10  # a grant's period: funders award for a year, a few at most


def _name_taken(partnership: "Partnership", name) -> ValidationError:
    return ValidationError(
        {
            "name": _("%(partnership)s already has a grant called %(name)s.")
            % {"partnership": partnership, "name": name}
        }
    )


def _years_after(day: datetime.date, years: int) -> datetime.date:
    """The same day `years` later (29 February: 1 March, when that year has none)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28) + datetime.timedelta(days=1)


def _check_period(starts_on, ends_on, errors: dict[str, Any]) -> None:
    """A period within the years saferplan accepts and no longer than LONGEST_YEARS: a
    mistyped year (2062 for 2026, 9999) is caught here, not after a page of quarters."""
    for field, day in (("starts_on", starts_on), ("ends_on", ends_on)):
        if day and not FIRST_YEAR <= day.year <= LAST_YEAR:
            errors[field] = _("Enter a date between %(first)s and %(last)s.") % {
                "first": FIRST_YEAR,
                "last": LAST_YEAR,
            }
    if errors or not (starts_on and ends_on):
        return
    if ends_on < starts_on:
        errors["ends_on"] = _("The end of the grant's period must be on or after its start.")
    elif ends_on >= _years_after(starts_on, LONGEST_YEARS):
        errors["ends_on"] = _(
            "A grant's period can be at most %(years)s years: record a longer one as a grant for each period the funder reports on."
        ) % {"years": LONGEST_YEARS}


def _check_grant(partnership: "Partnership", fields: dict[str, Any], grant=None) -> None:
    errors: dict[str, Any] = {}
    name = fields.get("name")
    same_name = Grant.objects.filter(partnership=partnership, name=name)
    if grant is not None:
        same_name = same_name.exclude(pk=grant.pk)
    if name and same_name.exists():
        errors.update(_name_taken(partnership, name).error_dict)
    starts_on, ends_on = fields.get("starts_on"), fields.get("ends_on")
    _check_period(starts_on, ends_on, errors)
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
            } | {
                Quarter(year, number)
                for year, number in grant.quarter_reports.values_list("year", "quarter")
            }
            outside = sorted(recorded - within)
            if outside:
                errors["ends_on"] = _(
                    "Spend or a return is recorded for %(quarters)s: the grant's period must "
                    "include it."
                ) % {"quarters": ", ".join(q.label for q in outside)}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def grant_create(*, actor: "User | None", partnership: "Partnership", **fields: Any) -> Grant:
    _check_grant(partnership, fields)
    try:
        with transaction.atomic():  # two people adding the same name at once: one is told
            return audit.create(
                Grant,
                actor=actor,
                partnership=partnership,
                logged_fields=GRANT_FIELDS,
                partnership_id=partnership.pk,
                **fields,
            )
    except IntegrityError as error:
        raise _name_taken(partnership, fields.get("name")) from error


@transaction.atomic
def grant_update(*, actor: "User", grant: Grant, **fields: Any) -> Grant:
    grant = Grant.objects.select_for_update().get(pk=grant.pk)
    _check_grant(
        grant.partnership,
        {f: getattr(grant, f) for f in ("starts_on", "ends_on", "amount")} | fields,
        grant,
    )
    try:
        with transaction.atomic():
            grant, _changes = audit.change(
                grant,
                actor=actor,
                partnership=grant.partnership,
                logged_fields=GRANT_FIELDS,
                **fields,
            )
    except IntegrityError as error:
        raise _name_taken(grant.partnership, fields.get("name")) from error
    return grant


@transaction.atomic
def grant_delete(*, actor: "User", grant: Grant) -> None:
    """Delete a grant with no spend recorded (money spent is part of the partnership's
    accounts), with its allocations and files, each logged."""
    grant = Grant.objects.select_for_update().get(pk=grant.pk)  # no spend recorded meanwhile
    if Spend.objects.filter(allocation__grant=grant).exists() or grant.quarter_reports.exists():
        raise ValidationError(
            _(
                "Spend or a monitoring return is recorded against this grant, so it is part of "
                "the accounts and cannot be deleted."
            )
        )
    for allocation in grant.allocations.select_related("action"):
        _allocation_deleted(actor, allocation)
    for attachment in grant.files.all():
        attachment_services.attachment_delete(actor=actor, attachment=attachment)
    audit.log(
        instance=grant,
        action=AuditEvent.Action.DELETE,
        actor=actor,
        partnership=grant.partnership,
        changes=audit.diff(audit.snapshot(grant, ["name", "funder", "amount"]), {}),
    )
    grant.delete()


def _allocation_label(allocation: Allocation) -> str:
    """The action an allocation pays for, as the audit log names it: with its priority's
    number and the allocation's own number, so two actions of one title (or an action
    deleted since) are never taken for one another."""
    action = allocation.action
    named = (
        f"{action.priority.number}. {action.title}"
        if action
        else str(_("an action no longer in the plan"))
    )
    return f"{named} (allocation {allocation.pk})"


def _allocation_deleted(actor: "User", allocation: Allocation) -> None:
    audit.log(
        instance=allocation,
        action=AuditEvent.Action.DELETE,
        actor=actor,
        partnership=allocation.grant.partnership,
        changes=audit.diff(audit.snapshot(allocation, ["grant", "action", "amount"]), {}),
    )
    allocation.delete()


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
    Grant.objects.select_for_update().get(pk=allocation.grant_id)  # no spend recorded meanwhile
    if allocation.spend.exists():
        raise ValidationError(
            _("Spend is recorded against %(action)s from this grant, so it cannot be taken off.")
            % {"action": _allocation_label(allocation)}
        )
    _allocation_deleted(actor, allocation)


@transaction.atomic
def spend_record(
    *,
    actor: "User",
    grant: Grant,
    quarter: Quarter,
    amounts: dict[int, Decimal | None],
    report: dict[str, Any] | None = None,
) -> dict[str, list]:
    """Record the quarter's spend for the grant's actions (allocation id → amount; None
    leaves the quarter not recorded for that action, taking off what was recorded), and with
    `report` what the return tells the funder beside it (QuarterReport's REPORT_FIELDS). One
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
    allocations = {a.pk: a for a in grant.allocations.select_related("action__priority")}
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
        changes[f"{quarter}: {_allocation_label(allocations[allocation_id])}"] = [before, after]
        if amount is None:
            if row is not None:
                row.delete()
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
    if report is not None:
        changes |= _report_record(grant, quarter, report)
    if changes:
        audit.log(
            instance=grant,
            action=AuditEvent.Action.UPDATE,
            actor=actor,
            partnership=grant.partnership,
            changes=changes,
            reason=f"Spend recorded for {quarter}",
        )
    return changes


def _said(value) -> str:
    """A report's value as the audit log keeps it."""
    if value is None:
        return ""
    return money(value) if isinstance(value, Decimal) else str(value)


def _report_record(grant: Grant, quarter: Quarter, report: dict[str, Any]) -> dict[str, list]:
    """The quarter's report set to `report` (kept only while something is said); the
    changes, each named by the quarter and the field."""
    kept = QuarterReport.objects.filter(
        grant=grant, year=quarter.year, quarter=quarter.number
    ).first()
    texts = ("variance", "signed_off_by", "signed_off_role")
    # Only what `report` names changes: a page opened before someone else signed the
    # quarter off does not take their sign-off away.
    given = {name: getattr(kept, name) if kept else None for name in REPORT_FIELDS}
    given.update({name: report[name] for name in REPORT_FIELDS if name in report})
    for name in texts:
        given[name] = (given[name] or "").strip()
    if bool(given["signed_off_by"]) != bool(given["signed_off_on"]):
        raise ValidationError(_("Enter both who signed the return off and the date they did"))
    if given["forecast"] is not None and given["forecast"] < 0:
        raise ValidationError(_("Spend cannot be less than nothing."))
    changes = {}
    for name in REPORT_FIELDS:
        before = _said(getattr(kept, name)) if kept else ""
        after = _said(given[name])
        if before != after:
            label = getattr(QuarterReport._meta.get_field(name), "verbose_name", name)
            changes[f"{quarter}: {label}"] = [before, after]
    if not changes:
        return {}
    if all(value in ("", None) for value in given.values()):  # a forecast of £0 is said
        if kept is not None:
            kept.delete()
    elif kept is None:
        QuarterReport.objects.create(
            grant=grant, year=quarter.year, quarter=quarter.number, **given
        )
    else:
        for name, value in given.items():
            setattr(kept, name, value)
        kept.save()
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
