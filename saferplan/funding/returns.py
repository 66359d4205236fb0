"""A grant's quarterly monitoring return: what goes to the funder each quarter. The spend
against what was allocated (this quarter, to date, what remains, and an even spend across
the grant's quarters to compare), then the outputs: each action's rating and status at the
quarter's end, its progress updates described in the quarter and the measures of its
objective as they stood then.

It leaves the partnership, so nothing OFFICIAL-SENSITIVE is in it: an OFFICIAL-SENSITIVE
action's spend is counted (the sums must add up) but it is not named and its progress is not
given; OFFICIAL-SENSITIVE updates are left out. Whatever the figures rest on that is not
complete (the quarter not over, spend not recorded for an action) is said in the return."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from saferplan.core import clock
from saferplan.imports.dates import find_date
from saferplan.indicators.models import Indicator
from saferplan.indicators.selectors import assessment
from saferplan.plans.models import ActionStatus, Priority, RagRating, Update

from .models import Grant, QuarterReport
from .selectors import ActionMoney, Quarter, money, position

KINDS = ("docx", "xlsx")


@dataclass
class SpendRow:
    action: str
    allocated: Decimal
    this_quarter: Decimal | None  # None: not recorded
    to_date: Decimal
    remaining: Decimal


@dataclass
class Output:
    action: str
    rating: str
    status: str
    updates: list[str] = field(default_factory=list)
    measures: list[str] = field(default_factory=list)
    # The Police and Crime Commissioner's priorities its plan priority is aligned to.
    serves: list[str] = field(default_factory=list)


@dataclass
class SignOff:
    by: str
    role: str
    on: datetime.date


@dataclass
class MonitoringReturn:
    grant: Grant
    quarter: Quarter
    title: str
    details: list[tuple[str, str]]
    rows: list[SpendRow]
    totals: SpendRow
    expected: Decimal
    outputs: list[Output]
    notes: list[str]  # what the figures rest on that is not complete, and what is withheld
    prepared_on: datetime.date
    # What the coordinator tells the funder beside the figures (QuarterReport).
    variance: str = ""
    forecast: Decimal | None = None
    signed_off: SignOff | None = None

    marking = "OFFICIAL"  # never more: see the module's docstring


def _action_name(item: ActionMoney) -> str:
    if item.action is None:
        return _("An action no longer in the plan")
    if item.is_sensitive:
        return _("An action whose details stay within the partnership")
    return f"{item.action.priority.number}. {item.action.title}"


def _update_line(update: Update, quarter: Quarter) -> str:
    """The update's text, after the date it describes unless the text starts by saying it
    (the seeds write "13/08/19 Op Sceptre activity …")."""
    found = find_date(update.text[:20], period=(quarter.start, quarter.end))
    if found is not None and found.date == update.described_on:
        return update.text
    return f"{date_format(update.described_on, 'j M Y')}: {update.text}"


def _outputs(items: list[ActionMoney], quarter: Quarter) -> list[Output]:
    shown = [m for m in items if m.action is not None and not m.is_sensitive]
    actions = [m.action for m in shown]
    updates: dict[int, list[str]] = {a.pk: [] for a in actions}
    for update in (
        Update.objects.filter(action__in=actions, described_on__range=(quarter.start, quarter.end))
        .current()
        .not_sensitive()
        .order_by("described_on", "id")
    ):
        updates[update.action_id].append(_update_line(update, quarter))
    objective_ids = {a.objective_id for a in actions if a.objective_id}
    measures: dict[int, list[str]] = {}
    for indicator in (
        Indicator.objects.filter(objectives__in=objective_ids)
        .select_related("partnership", "series")
        .prefetch_related("objectives", "values", "series__values")
        .distinct()
    ):
        sentence = assessment(indicator, up_to=quarter.end).sentence
        for objective in indicator.objectives.all():
            measures.setdefault(objective.pk, []).append(f"{indicator.name}: {sentence}")
    serves = _commissioners_priorities(actions)
    return [
        Output(
            action=_action_name(m),
            rating=(RagRating(m.rating).label if m.rating else RagRating.WHITE.label),
            status=ActionStatus(m.status or m.action.status).label,
            updates=updates[m.action.pk] or [_("No progress update described in the quarter.")],
            measures=measures.get(m.action.objective_id, []),
            serves=serves.get(m.action.priority_id, []),
        )
        for m in shown
    ]


def _commissioners_priorities(actions) -> dict[int, list[str]]:
    """{plan priority id: the commissioner's priorities it is aligned to, as "Plan: 1. Title"}
    in one query: a PCC's fund asks which of its priorities the money serves."""
    through = Priority.pcc_priorities.through
    aligned = (
        through.objects.filter(priority_id__in={a.priority_id for a in actions})
        .select_related("pccpriority__police_and_crime_plan")
        .order_by("pccpriority__police_and_crime_plan__title", "pccpriority__number")
    )
    serves: dict[int, list[str]] = {}
    for link in aligned:
        pcc = link.pccpriority
        serves.setdefault(link.priority_id, []).append(
            f"{pcc.police_and_crime_plan.title}: {pcc.number}. {pcc.title}"
        )
    return serves


def monitoring_return(grant: Grant, quarter: Quarter) -> MonitoringReturn:
    today = clock.today()
    standing = position(grant, day=quarter.end)
    rows = []
    for item in standing.actions:
        to_date = item.spent_by(quarter)
        rows.append(
            SpendRow(
                action=_action_name(item),
                allocated=item.allocated,
                this_quarter=item.spent.get(quarter),
                to_date=to_date,
                remaining=item.allocated - to_date,
            )
        )
    totals = SpendRow(
        action=_("Total"),
        allocated=standing.allocated,
        this_quarter=sum((r.this_quarter or Decimal(0) for r in rows), Decimal(0)),
        to_date=sum((r.to_date for r in rows), Decimal(0)),
        remaining=standing.allocated - sum((r.to_date for r in rows), Decimal(0)),
    )
    notes = []
    if quarter.end > today:
        notes.append(
            _("%(quarter)s is not over: the figures are as recorded by %(day)s.")
            % {"quarter": quarter.label, "day": date_format(today, "j F Y")}
        )
    missing = [row.action for row in rows if row.this_quarter is None]
    if missing:
        notes.append(
            ngettext(
                "Spend for %(quarter)s is not recorded for %(count)s action, so the totals may be low: %(actions)s.",
                "Spend for %(quarter)s is not recorded for %(count)s actions, so the totals may be low: %(actions)s.",
                len(missing),
            )
            % {"quarter": quarter.label, "count": len(missing), "actions": "; ".join(missing)}
        )
    earlier = sorted({q for _m, q in standing.not_recorded if q < quarter})
    if earlier:
        notes.append(
            _(
                "Spend is not recorded for every action in %(quarters)s: the spend to date may be low."
            )
            % {"quarters": ", ".join(q.label for q in earlier)}
        )
    withheld = sum(1 for m in standing.actions if m.is_sensitive)
    if withheld:
        notes.append(
            ngettext(
                "%(count)s action's spend is counted but its details and progress stay within the partnership.",
                "%(count)s actions' spend is counted but their details and progress stay within the partnership.",
                withheld,
            )
            % {"count": withheld}
        )
    if standing.unallocated:
        notes.append(
            _("%(amount)s of the grant is not allocated to an action.")
            % {"amount": money(standing.unallocated)}
        )
    details = [
        (_("Partnership"), grant.partnership.name),
        (_("Funder"), grant.funder),
        (_("Funder's reference"), grant.reference or _("Not recorded")),
        (_("Kind of funding"), grant.get_kind_display()),
        (_("Amount awarded"), money(grant.amount)),
        (
            _("Grant period"),
            f"{date_format(grant.starts_on, 'j F Y')} – {date_format(grant.ends_on, 'j F Y')}",
        ),
        (
            pgettext("financial quarter", "Quarter"),
            f"{quarter.label} ({date_format(quarter.start, 'j F Y')} – "
            f"{date_format(quarter.end, 'j F Y')})",
        ),
        (_("Prepared on"), date_format(today, "j F Y")),
    ]
    report = QuarterReport.objects.filter(
        grant=grant, year=quarter.year, quarter=quarter.number
    ).first()
    return MonitoringReturn(
        variance=report.variance if report else "",
        forecast=report.forecast if report else None,
        signed_off=(
            SignOff(report.signed_off_by, report.signed_off_role, report.signed_off_on)
            if report and report.signed_off_by and report.signed_off_on
            else None
        ),
        grant=grant,
        quarter=quarter,
        title=_("Monitoring return: %(grant)s, %(quarter)s")
        % {"grant": grant.name, "quarter": quarter.label},
        details=details,
        rows=rows,
        totals=totals,
        expected=standing.expected,
        outputs=_outputs(standing.actions, quarter),
        notes=notes,
        prepared_on=today,
    )


def forecast_said(made: MonitoringReturn) -> str:
    """The forecast as the return says it (Word and Excel alike), "" when none is given."""
    if made.forecast is None:
        return ""
    said = _("Forecast spend by the grant's end: %(forecast)s of %(amount)s awarded.") % {
        "forecast": money(made.forecast),
        "amount": money(made.grant.amount),
    }
    difference = made.forecast - made.grant.amount
    if difference < 0:
        said += " " + _("A forecast underspend of %(amount)s.") % {"amount": money(-difference)}
    elif difference > 0:
        said += " " + _("A forecast overspend of %(amount)s.") % {"amount": money(difference)}
    return said


def signed_off_said(made: MonitoringReturn) -> str:
    signed = made.signed_off
    if signed is None:
        return _("Not signed off in saferplan: the return is to be certified before it is sent.")
    if signed.role:
        return _("Signed off by %(name)s, %(role)s, on %(day)s.") % {
            "name": signed.by,
            "role": signed.role,
            "day": date_format(signed.on, "j F Y"),
        }
    return _("Signed off by %(name)s on %(day)s.") % {
        "name": signed.by,
        "day": date_format(signed.on, "j F Y"),
    }
