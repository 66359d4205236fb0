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

from saferplan.plans.models import OPEN_STATUSES, RagChange, RagRating

from .models import Allocation, Grant, Spend

PENNY = Decimal("0.01")
OFF_TRACK = (RagRating.RED, RagRating.AMBER)


def money(amount: Decimal | int) -> str:
    """£12,500.00: how every sum is written, on pages and in documents."""
    return f"£{Decimal(amount).quantize(PENNY, rounding=ROUND_HALF_UP):,.2f}"


@dataclass(frozen=True, order=True)
class Quarter:
    """A financial quarter: Q1 is April to June of `year`, Q4 January to March after it."""

    year: int
    number: int

    @property
    def start(self) -> datetime.date:
        month = 3 * (self.number - 1) + 4
        return datetime.date(self.year + (month > 12), (month - 1) % 12 + 1, 1)

    @property
    def end(self) -> datetime.date:
        following = self.next()
        return following.start - datetime.timedelta(days=1)

    def next(self) -> "Quarter":
        return (
            Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)
        )

    @property
    def label(self) -> str:
        return f"Q{self.number} {self.year}-{str(self.year + 1)[-2:]}"

    @property
    def slug(self) -> str:
        return f"{self.year}-q{self.number}"

    @classmethod
    def of(cls, day: datetime.date) -> "Quarter":
        if day.month >= 4:
            return cls(day.year, (day.month - 4) // 3 + 1)
        return cls(day.year - 1, 4)

    @classmethod
    def from_slug(cls, slug: str) -> "Quarter | None":
        year, _sep, number = slug.partition("-q")
        if not (year.isdigit() and number in ("1", "2", "3", "4")):
            return None
        return cls(int(year), int(number))


def grant_quarters(grant: Grant) -> list[Quarter]:
    """The quarters the grant's period touches, in order."""
    quarters, quarter = [], Quarter.of(grant.starts_on)
    while quarter.start <= grant.ends_on:
        quarters.append(quarter)
        quarter = quarter.next()
    return quarters


def risk_text(code: str, values: dict) -> str:
    """A risk in words, in the reader's language (an issued board report keeps the code
    and values, and says them again in the language it is read in)."""
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
        return (
            _(
                "Underspend: %(spent)s spent where an even spend would be %(expected)s by the end of %(quarter)s."
            )
            % values
        )
    if code == "not_recorded":
        return (
            ngettext(
                "Spend not recorded for %(quarters)s: what has been spent is not known.",
                "Spend not recorded for %(quarters)s: what has been spent is not known.",
                count,
            )
            % values
        )
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


def _ratings_on(actions: list[ActionMoney], day: datetime.date) -> None:
    ids = [m.action.pk for m in actions if m.action]
    ratings = {
        change.action_id: change.rating
        for change in RagChange.objects.filter(action_id__in=ids).in_force_on(day)
    }
    for item in actions:
        if item.action is None:
            continue
        item.rating = ratings.get(item.action.pk, "")
        item.off_track = item.action.status in OPEN_STATUSES and item.rating in OFF_TRACK


def positions(grants, *, day: datetime.date) -> list[Position]:
    """Each grant's position on `day` (the board report's period end, or today)."""
    grants = list(grants)
    money_of = _money_of(grants)
    everything = [item for items in money_of.values() for item in items]
    _ratings_on(everything, day)
    return [_position(grant, money_of.get(grant.pk, []), day) for grant in grants]


def position(grant: Grant, *, day: datetime.date) -> Position:
    return positions([grant], day=day)[0]


def _position(grant: Grant, actions: list[ActionMoney], day: datetime.date) -> Position:
    quarters = grant_quarters(grant)
    ended = [q for q in quarters if q.end <= day]
    begun = [q for q in quarters if q.start <= day]
    allocated = sum((m.allocated for m in actions), Decimal(0))
    for item in actions:
        item.to_date = item.spent_by(begun[-1]) if begun else Decimal(0)
    spent = sum((m.to_date for m in actions), Decimal(0))
    expected = (allocated * len(ended) / len(quarters)).quantize(PENNY) if quarters else Decimal(0)
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
                {"spent": money(spent), "expected": money(expected), "quarter": ended[-1].label},
            )
        )
    if not_recorded:
        missing = sorted({q for _m, q in not_recorded})
        risks.append(
            Risk(
                "not_recorded",
                {"quarters": ", ".join(q.label for q in missing), "count": len(missing)},
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


def funding_for_report(partnership, *, period_start: datetime.date, period_end: datetime.date):
    """The grants running during a board report's period as it keeps them: plain values
    (an issued report stores them as JSON), each grant where it stood at the period's end,
    its risks as codes and figures (said in the reader's language: risk_text) and the
    actions it pays for rated red or amber then. None when the partnership records no
    grant running then (the report leaves the section out)."""
    standings = positions(
        grants_during(partnership, start=period_start, end=period_end), day=period_end
    )
    if not standings:
        return None
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
                "ended": standing.ended[-1].label if standing.ended else "",
                "complete": not standing.not_recorded,
                "risks": [[risk.code, risk.values] for risk in standing.risks],
                "off_track": [
                    {
                        "title": f"{m.action.priority.number}. {m.action.title}",
                        "rag": m.rating,
                        "sensitive": m.action.is_sensitive,
                    }
                    for m in standing.actions
                    if m.off_track
                ],
            }
        )
    return {"grants": rows, "at_risk": sum(1 for row in rows if row["risks"])}
