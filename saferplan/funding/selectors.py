"""Reads of the money: a grant's quarters, what each action it pays for was allocated and
has spent, and where the grant stands on a day (spent against an even spend across its
quarters; overspent; spend not recorded; the actions it pays for off track). Every figure
says which quarters it rests on: a quarter ended with no spend recorded for an action is
named, never counted as nothing spent."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from saferplan.core.quarters import Quarter, quarters_touching
from saferplan.plans.models import OPEN_STATUSES, ActionStatusChange, RagChange, RagRating

from .models import Allocation, Grant, Spend

PENNY = Decimal("0.01")
OFF_TRACK = (RagRating.RED, RagRating.AMBER)


def money(amount: Decimal | int) -> str:
    """£12,500.00: how every sum is written, on pages and in documents."""
    return f"£{pennies(Decimal(amount)):,.2f}"


def pennies(amount: Decimal) -> Decimal:
    """A sum to the penny, half a penny rounded up, as money() writes it."""
    return Decimal(amount).quantize(PENNY, rounding=ROUND_HALF_UP)


def grant_quarters(grant: Grant) -> list[Quarter]:
    """The quarters the grant's period touches, in order."""
    return quarters_touching(grant.starts_on, grant.ends_on)


def _labels(slugs: list[str] | str) -> str:
    """Quarters kept by their slugs (2019-q2), labelled in the reader's language. A board
    report issued before quarters were kept as slugs holds their English labels ("Q2
    2019-20", or several joined): those are said as they were kept."""
    if isinstance(slugs, str):
        slugs = [slugs]
    said = []
    for kept in slugs:
        quarter = Quarter.from_slug(kept)
        said.append(quarter.label if quarter is not None else kept)
    return ", ".join(said)


def risk_text(code: str, values: dict) -> str:
    """A risk in words, in the reader's language (an issued board report keeps the code
    and values, quarters by their slugs, and says them again in the language it is read
    in)."""
    count = values.get("count", 0)
    if code == "overspent":
        return _("Overspent: %(spent)s spent of %(amount)s awarded.") % values
    if code == "over_allocation":
        return (
            ngettext(
                "%(count)s action has spent more than its allocation.",
                "%(count)s actions have spent more than their allocations.",
                count,
            )
            % values
        )
    if code == "underspend":
        return _(
            "Underspend: %(spent)s spent where an even spend would be %(expected)s by the end of %(quarter)s."
        ) % (values | {"quarter": _labels([values["quarter"]])})
    if code == "not_recorded":
        return ngettext(
            "Spend not recorded for %(quarters)s: what has been spent is not known.",
            "Spend not recorded for %(quarters)s: what has been spent is not known.",
            count,
        ) % (values | {"quarters": _labels(values["quarters"])})
    return (
        ngettext(
            "%(count)s action it pays for is rated red or amber.",
            "%(count)s actions it pays for are rated red or amber.",
            count,
        )
        % values
    )


@dataclass(frozen=True)
class Risk:
    """Why a grant is at risk: overspent, over_allocation, underspend, not_recorded or
    off_track, with the figures its sentence names."""

    code: str
    values: dict

    def __str__(self) -> str:
        return risk_text(self.code, self.values)


@dataclass
class ActionMoney:
    """One action a grant pays for: what it was allocated and spent, quarter by quarter."""

    allocation: Allocation
    spent: dict[Quarter, Decimal] = field(default_factory=dict)  # recorded quarters only
    to_date: Decimal = Decimal(0)  # spent in the quarters begun by the day asked about
    rating: str = ""  # the action's rating in force on that day
    status: str = ""  # and its status then
    off_track: bool = False

    @property
    def action(self):
        return self.allocation.action

    @property
    def allocated(self) -> Decimal:
        return self.allocation.amount

    def spent_by(self, last: Quarter) -> Decimal:
        return sum((a for q, a in self.spent.items() if q <= last), Decimal(0))

    @property
    def is_sensitive(self) -> bool:
        return bool(self.action and self.action.is_sensitive)


@dataclass
class Position:
    """Where a grant stands on a day."""

    grant: Grant
    day: datetime.date
    quarters: list[Quarter]
    ended: list[Quarter]  # the grant's quarters ended by the day
    actions: list[ActionMoney]
    allocated: Decimal
    spent: Decimal  # recorded, for quarters begun by the day
    expected: Decimal  # by an even spend across the grant's quarters, for those ended
    not_recorded: list[tuple[ActionMoney, Quarter]]
    risks: list["Risk"]

    @property
    def unallocated(self) -> Decimal:
        return self.grant.amount - self.allocated

    @property
    def remaining(self) -> Decimal:
        return self.grant.amount - self.spent

    @property
    def at_risk(self) -> bool:
        return bool(self.risks)

    def by_quarter(self, quarters: list[Quarter]) -> list["QuarterSpend"]:
        """What was spent in each of the quarters, over the actions recorded for it."""
        rows = []
        for quarter in quarters:
            recorded = [m.spent[quarter] for m in self.actions if quarter in m.spent]
            rows.append(
                QuarterSpend(
                    quarter, sum(recorded, Decimal(0)) if recorded else None, len(recorded)
                )
            )
        return rows


@dataclass(frozen=True)
class QuarterSpend:
    quarter: Quarter
    spent: Decimal | None  # None: nothing recorded for the quarter, which is not £0
    recorded: int  # of the grant's actions, how many have the quarter's spend recorded


def _money_of(grants: list[Grant]) -> dict[int, list[ActionMoney]]:
    """grant id → its actions' money, read in two queries for any number of grants."""
    allocations = Allocation.objects.filter(grant__in=grants).select_related(
        "action__priority__plan"
    )
    spend: dict[int, dict[Quarter, Decimal]] = defaultdict(dict)
    for row in Spend.objects.filter(allocation__grant__in=grants):
        spend[row.allocation_id][Quarter(row.year, row.quarter)] = row.amount
    by_grant: dict[int, list[ActionMoney]] = defaultdict(list)
    for allocation in allocations:
        by_grant[allocation.grant_id].append(ActionMoney(allocation, spend[allocation.pk]))
    return by_grant


def _as_on(actions: list[ActionMoney], day: datetime.date) -> None:
    """Each action's rating and status on the day, and so whether it was off track then
    (open, and rated red or amber): a grant's position on a past day reads the past."""
    ids = [m.action.pk for m in actions if m.action]
    ratings = {
        change.action_id: change.rating
        for change in RagChange.objects.filter(action_id__in=ids).in_force_on(day)
    }
    statuses = ActionStatusChange.objects.filter(action_id__in=ids).statuses_on(day)
    for item in actions:
        if item.action is None:
            continue
        item.rating = ratings.get(item.action.pk, "")
        item.status = statuses.get(item.action.pk, item.action.status)
        item.off_track = item.status in OPEN_STATUSES and item.rating in OFF_TRACK


def positions(grants, *, day: datetime.date) -> list[Position]:
    """Each grant's position on `day` (the board report's period end, or today)."""
    grants = list(grants)
    money_of = _money_of(grants)
    everything = [item for items in money_of.values() for item in items]
    _as_on(everything, day)
    return [_position(grant, money_of.get(grant.pk, []), day) for grant in grants]


def position(grant: Grant, *, day: datetime.date) -> Position:
    return positions([grant], day=day)[0]


def _even_spend(grant: Grant, allocated: Decimal, ended: list[Quarter]) -> Decimal:
    """What an even spend of the allocations would have spent by the end of the ended
    quarters. Funders count in quarters, so each quarter the grant runs through expects the
    same; a quarter it runs for only part of (a grant starting in November) expects that
    part of a quarter's spend, so a late start is never called an underspend."""

    def share(quarter: Quarter) -> Decimal:
        covered = quarter.days_within(grant.starts_on, grant.ends_on)
        return Decimal(covered) / Decimal((quarter.end - quarter.start).days + 1)

    whole = sum((share(q) for q in grant_quarters(grant)), Decimal(0))
    if not whole:
        return Decimal(0)
    return pennies(allocated * sum((share(q) for q in ended), Decimal(0)) / whole)


def _position(grant: Grant, actions: list[ActionMoney], day: datetime.date) -> Position:
    quarters = grant_quarters(grant)
    ended = [q for q in quarters if q.end <= day]
    begun = [q for q in quarters if q.start <= day]
    allocated = sum((m.allocated for m in actions), Decimal(0))
    for item in actions:
        item.to_date = item.spent_by(begun[-1]) if begun else Decimal(0)
    spent = sum((m.to_date for m in actions), Decimal(0))
    expected = _even_spend(grant, allocated, ended)
    not_recorded = [(m, q) for q in ended for m in actions if q not in m.spent]
    risks = []
    if spent > grant.amount:
        risks.append(Risk("overspent", {"spent": money(spent), "amount": money(grant.amount)}))
    over = [m for m in actions if m.to_date > m.allocated]
    if over:
        risks.append(Risk("over_allocation", {"count": len(over)}))
    behind = expected * (100 - grant.underspend_tolerance) / 100
    # Underspend is said only over complete spend: a quarter not recorded is its own risk.
    if ended and not not_recorded and spent < behind:
        risks.append(
            Risk(
                "underspend",
                {"spent": money(spent), "expected": money(expected), "quarter": ended[-1].slug},
            )
        )
    if not_recorded:
        missing = sorted({q for _m, q in not_recorded})
        risks.append(
            Risk(
                "not_recorded",
                {"quarters": [q.slug for q in missing], "count": len(missing)},
            )
        )
    off_track = [m for m in actions if m.off_track]
    if off_track:
        risks.append(Risk("off_track", {"count": len(off_track)}))
    return Position(
        grant=grant,
        day=day,
        quarters=quarters,
        ended=ended,
        actions=actions,
        allocated=allocated,
        spent=spent,
        expected=expected,
        not_recorded=not_recorded,
        risks=risks,
    )


def grants_of(partnership):
    return Grant.objects.filter(partnership=partnership)


def grants_during(partnership, *, start: datetime.date, end: datetime.date):
    """The partnership's grants whose period overlaps `start`–`end`."""
    return grants_of(partnership).filter(starts_on__lte=end, ends_on__gte=start)


def funding_for_report(plan, *, period_start: datetime.date, period_end: datetime.date):
    """The partnership's grants running during a board report's period as it keeps them:
    plain values (an issued report stores them as JSON), each grant where it stood at the
    period's end, its risks as codes and figures (said in the reader's language: risk_text)
    and the actions it pays for rated red or amber then (named with their plan when it is
    not the report's). None when the partnership records no grant running then (the report
    leaves the section out)."""
    standings = positions(
        grants_during(plan.partnership, start=period_start, end=period_end), day=period_end
    )
    if not standings:
        return None

    def title(action) -> str:
        numbered = f"{action.priority.number}. {action.title}"
        if action.priority.plan_id == plan.pk:
            return numbered
        return f"{action.priority.plan.title}: {numbered}"

    rows = []
    for standing in standings:
        grant = standing.grant
        rows.append(
            {
                "name": grant.name,
                "funder": grant.funder,
                "amount": money(grant.amount),
                "spent": money(standing.spent),
                "expected": money(standing.expected) if standing.ended else "",
                "ended": standing.ended[-1].slug if standing.ended else "",
                "complete": not standing.not_recorded,
                "risks": [[risk.code, risk.values] for risk in standing.risks],
                "off_track": [
                    {
                        "title": title(m.action),
                        "rag": m.rating,
                        "sensitive": m.action.is_sensitive,
                    }
                    for m in standing.actions
                    if m.off_track
                ],
            }
        )
    return {"grants": rows, "at_risk": sum(1 for row in rows if row["risks"])}


def quarter_label(slug: str) -> str:
    """A quarter a board report keeps by its slug (2019-q2), in the reader's language."""
    return _labels([slug]) if slug else ""
