"""The board report's content, read once and kept as plain values (dates as text), so that
the page, the Word file and the PDF show a draft and an issued snapshot the same way.

A one-line summary comes first (counts by RAG, ratings changed since the last board,
overdue), then the exceptions (red and amber actions with the latest commentary), what changed
since the last board (RAG moves, completed, discharged and new actions), overdue actions, the
measures and the RAG summary per priority with a chart and its data table; stale actions that
are not already exceptions close the report as an appendix.

Everything is as it stood at the period's end: the rating of each action is the one in force
that day (the last of its RAG history describing a day up to then, by RagChange.rated_on, with
its reason), and so is its status (its status history, by ActionStatusChange.changed_on:
completed or discharged "in the period" when so by its end and not before it began); the
latest update is the last one describing a day up to then, and the measures' figures those
of periods ending by then.
"""

import base64
import datetime
import io
from collections import defaultdict

from django.db.models import Q
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from saferplan.consultations.selectors import consultation_for_report
from saferplan.crimedata.board import crime_for_report
from saferplan.funding.selectors import funding_for_report, quarter_label, risk_text
from saferplan.indicators.selectors import measures_for_report
from saferplan.plans.models import (
    OPEN_STATUSES,
    Action,
    ActionStatus,
    ActionStatusChange,
    Plan,
    RagChange,
    RagRating,
    Update,
)
from saferplan.plans.rag import SEVERITY, rag_counts
from saferplan.plans.selectors import flag, owner_names_by_action, rag_key

RAG_ORDER = [RagRating.RED, RagRating.AMBER, RagRating.GREEN, RagRating.WHITE]
# The chart's colours (GOV.UK's palette) and hatching: the chart never relies on colour alone.
CHART_STYLE = {
    RagRating.RED: ("#d4351c", "///"),
    RagRating.AMBER: ("#f47738", "..."),
    RagRating.GREEN: ("#00703c", ""),
    RagRating.WHITE: ("#ffffff", "xx"),
}


def _day(value: datetime.date | None) -> str:
    """As the content keeps it, in English whatever the page's language ("6 Oct 2019"):
    `shown` writes it in the reader's language."""
    return f"{value.day} {value:%b %Y}" if value else ""


# The content's dates, kept as _day writes them.
DATES = ("period_start", "period_end", "generated_on")
ITEM_DATES = ("due", "rag_on", "update_on", "moved_on")
ITEM_LISTS = ("exceptions", "moves", "completed", "discharged", "new", "stale", "overdue")


def _day_shown(kept: str) -> str:
    """A date as _day kept it, in the page's language (6 Hyd 2019 on a Welsh page)."""
    if not kept or translation.get_language() != "cy":
        return kept
    try:
        day = datetime.datetime.strptime(kept, "%d %b %Y").date()
    except ValueError:
        return kept
    return date_format(day, "j M Y")


def shown(content: dict) -> dict:
    """The content (a draft read now, or the snapshot kept when it was issued) as the page
    and the documents show it in the reader's language: its dates, and the summary line
    worked out again from its counts (saferplan's words, never stored in another language)."""
    shown_content = {**content, **{key: _day_shown(content.get(key, "")) for key in DATES}}
    for key in ITEM_LISTS:
        shown_content[key] = [
            {**item, **{d: _day_shown(item[d]) for d in ITEM_DATES if d in item}}
            for item in content.get(key, [])
        ]
    if content.get("headline"):  # reports issued before the summary line have none
        shown_content["headline"] = headline(
            totals=content["totals"],
            moved=len(content.get("moves", [])),
            overdue=len(content.get("overdue", [])),
        )
    if content.get("funding"):  # none before funding existed, or with no grant running
        shown_content["funding"] = {
            **content["funding"],
            "grants": [
                {
                    **grant,
                    "ended": quarter_label(grant["ended"]),
                    "risks": [risk_text(code, values) for code, values in grant["risks"]],
                }
                for grant in content["funding"]["grants"]
            ],
        }
    return shown_content


def _owner(action: Action, organisations: dict[int, list[str]]) -> str:
    return action.owner_text or "; ".join(organisations.get(action.pk, [])) or action.owner_name


def board_report_content(
    *, plan: Plan, period_start: datetime.date, period_end: datetime.date, today: datetime.date
) -> dict:
    """Everything the report shows, for members of the plan's partnership (sensitive items
    included and labelled: the report is theirs, and the file says OFFICIAL-SENSITIVE)."""
    actions = list(
        Action.objects.filter(priority__plan=plan)
        .select_related("priority", "objective")
        .in_plan_order()
    )
    latest_updates: dict[int, Update] = {}
    for update in (
        Update.objects.filter(action__priority__plan=plan, described_on__lte=period_end)
        .current()
        .only("id", "action_id", "described_on", "text", "marking")
        .order_by("action_id", "described_on", "id")
    ):
        latest_updates[update.action_id] = update  # the last one per action wins
    ratings = RagChange.objects.filter(action__priority__plan=plan)
    rag_at_end: dict[int, RagChange] = {
        change.action_id: change for change in ratings.in_force_on(period_end) if change.action_id
    }
    rag_before: dict[int, str] = {
        change.action_id: change.rating
        for change in ratings.in_force_on(period_start - datetime.timedelta(days=1))
        if change.action_id
    }
    moves: list[dict] = []
    changes_in_period: dict[int, list[RagChange]] = defaultdict(list)
    for change in ratings.filter(rated_on__range=(period_start, period_end)).order_by(
        "changed_at", "id"
    ):
        if change.action_id is not None:  # always: the filter is on actions
            changes_in_period[change.action_id].append(change)
    statuses = ActionStatusChange.objects.filter(action__priority__plan=plan)
    status_at_end = dict(statuses.in_force_on(period_end).values_list("action_id", "status"))
    status_then = statuses.statuses_on(period_end)  # or added with, if added later
    status_before = dict(
        statuses.in_force_on(period_start - datetime.timedelta(days=1)).values_list(
            "action_id", "status"
        )
    )
    for action in actions:
        # As the period's end saw them: the status then (this copy of the action is the
        # report's own), and stale by the last update up to then.
        action.status = status_then.get(action.pk, action.status)
        update = latest_updates.get(action.pk)
        action.last_update_on = update.described_on if update else None
        rating = rag_at_end.get(action.pk)
        action.current_rag = rating.rating if rating else None
    organisations = owner_names_by_action(Q(action__priority__plan=plan))["organisations"]
    by_id = {a.pk: a for a in actions}

    def describe(action: Action, **extra) -> dict:
        update = latest_updates.get(action.pk)
        rating = rag_at_end.get(action.pk)
        return {
            "id": action.pk,
            "priority": f"{action.priority.number}. {action.priority.title}",
            "objective": str(action.objective) if action.objective else "",
            "title": action.title,
            "owner": _owner(action, organisations),
            "status": ActionStatus(action.status).label,
            "due": _day(action.due_date),
            "rag": action.current_rag or RagRating.WHITE,
            "rag_reason": rating.reason if rating else "",
            "rag_on": _day(rating.rated_on) if rating else "",
            "update_on": _day(update.described_on) if update else "",
            "update": update.text if update else "",
            "update_sensitive": bool(update and update.is_sensitive),
            "sensitive": action.is_sensitive,
            **extra,
        }

    for action_id, changes in changes_in_period.items():
        before = rag_before.get(action_id, "")
        after = changes[-1].rating
        if before != after and action_id in by_id:
            moves.append(
                describe(
                    by_id[action_id],
                    rag_from=before or RagRating.WHITE,
                    rag_to=after,
                    worse=SEVERITY[RagRating(after)] > SEVERITY[RagRating(before or "white")],
                    moved_on=_day(changes[-1].rated_on),
                    moved_by=changes[-1].changed_by_name or str(changes[-1].changed_by or ""),
                )
            )

    exceptions, stale, overdue, completed, discharged, new = [], [], [], [], [], []
    summary: dict[int, dict] = {}
    for action in actions:
        flags = flag(action, stale_after_days=plan.stale_after_days, today=period_end)
        row = summary.setdefault(
            action.priority_id,
            {
                "number": action.priority.number,
                "title": action.priority.title,
                "ratings": [],
                "total": 0,
                "complete": 0,
            },
        )
        row["total"] += 1
        row["complete"] += action.status == ActionStatus.COMPLETE
        if action.status != ActionStatus.DISCHARGED:
            row["ratings"].append(action.current_rag)
        if action.status in OPEN_STATUSES and action.current_rag in (
            RagRating.RED,
            RagRating.AMBER,
        ):
            exceptions.append(describe(action))
        if flags.stale:
            stale.append(describe(action))
        if flags.overdue:
            overdue.append(describe(action))
        # Completed or discharged in the period: so by its end, and not before it began.
        if action.pk in status_at_end and action.status != status_before.get(action.pk):
            if action.status == ActionStatus.COMPLETE:
                completed.append(describe(action))
            elif action.status == ActionStatus.DISCHARGED:
                discharged.append(describe(action, reason=action.status_reason))
        if period_start <= action.created_at.date() <= period_end:
            new.append(describe(action))
    exceptions.sort(key=lambda a: (a["rag"] != RagRating.RED, a["priority"]))
    # The appendix lists only what the exceptions have not already shown.
    excepted = {item["id"] for item in exceptions}
    stale = [item for item in stale if item["id"] not in excepted]
    priorities = []
    for row in summary.values():
        counts = rag_counts(row.pop("ratings"))
        priorities.append({**row, "counts": counts})
    for priority in plan.priorities.exclude(pk__in=summary.keys()):
        counts = rag_counts([])
        priorities.append(
            {
                "number": priority.number,
                "title": priority.title,
                "total": 0,
                "complete": 0,
                "counts": counts,
            }
        )
    priorities.sort(key=lambda p: p["number"])
    # Who answers for each priority, and the commissioner's priorities it serves, as they
    # stood when the report was made.
    details = {
        p.number: p
        for p in plan.priorities.select_related("lead_user", "lead_organisation").prefetch_related(
            "pcc_priorities"
        )
    }
    for row in priorities:
        priority = details[row["number"]]
        row["lead"] = priority.lead
        row["pcc_priorities"] = [p.title for p in priority.pcc_priorities.all()]
    totals = {rating: sum(p["counts"][rating] for p in priorities) for rating in RagRating.values}
    unrated = sum(
        1
        for action in actions
        if action.pk not in rag_at_end and action.status != ActionStatus.DISCHARGED
    )
    every_item = exceptions + moves + completed + discharged + new + stale + overdue
    funding = funding_for_report(plan, period_start=period_start, period_end=period_end)
    funded = [a for grant in (funding or {}).get("grants", []) for a in grant["off_track"]]
    holds_sensitive = any(i["sensitive"] or i.get("update_sensitive") for i in every_item + funded)
    return {
        "plan_title": plan.title,
        "partnership": plan.partnership.name,
        "period_start": _day(period_start),
        "period_end": _day(period_end),
        "generated_on": _day(today),
        "stale_after_days": plan.stale_after_days,
        "marking": "OFFICIAL-SENSITIVE" if holds_sensitive else "OFFICIAL",
        "rag_key": [[r, label, text] for r, label, text in rag_key(partnership=plan.partnership)],
        "priorities": priorities,
        "leads_recorded": any(p["lead"] or p["pcc_priorities"] for p in priorities),
        "totals": totals,
        "total_actions": len(actions),
        "headline": headline(totals=totals, moved=len(moves), overdue=len(overdue)),
        "unrated": unrated,
        "exceptions": exceptions,
        "moves": moves,
        "completed": completed,
        "discharged": discharged,
        "new": new,
        "stale": stale,
        "overdue": overdue,
        "measures": measures_for_report(plan.partnership, up_to=period_end),
        "crime": crime_for_report(
            plan.partnership, period_start=period_start, period_end=period_end
        ),
        "consultation": consultation_for_report(
            plan.partnership, period_end=period_end, today=today
        ),
        "funding": funding,
    }


def headline(*, totals: dict[str, int], moved: int, overdue: int) -> str:
    """The report in one line: "2 red, 3 amber, 5 green and 1 white; 2 actions changed
    rating since the last board; 1 overdue." (discharged actions are not counted)."""
    return ngettext(
        "%(red)s red, %(amber)s amber, %(green)s green and %(white)s white; %(count)s action "
        "changed rating since the last board; %(overdue)s overdue.",
        "%(red)s red, %(amber)s amber, %(green)s green and %(white)s white; %(count)s actions "
        "changed rating since the last board; %(overdue)s overdue.",
        moved,
    ) % {
        "red": totals[RagRating.RED],
        "amber": totals[RagRating.AMBER],
        "green": totals[RagRating.GREEN],
        "white": totals[RagRating.WHITE],
        "count": moved,
        "overdue": overdue,
    }


def rag_chart(content: dict, *, image_format: str = "svg") -> bytes:
    """Horizontal stacked bars of the actions' RAG ratings per priority: colour, hatching
    and a legend with the words; the page puts the data table beside it."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot
    from matplotlib.ticker import MaxNLocator

    priorities = content["priorities"]
    labels = [_("Priority %(number)s") % {"number": p["number"]} for p in priorities][::-1]
    figure, axes = pyplot.subplots(figsize=(8, 0.5 * len(priorities) + 1.4), dpi=110)
    left = [0] * len(priorities)
    for rating in RAG_ORDER:
        values = [p["counts"][rating] for p in priorities][::-1]
        colour, hatch = CHART_STYLE[rating]
        axes.barh(
            labels,
            values,
            left=left,
            color=colour,
            hatch=hatch,
            edgecolor="#0b0c0c",
            linewidth=0.6,
            label=str(RagRating(rating).label),
        )
        left = [a + b for a, b in zip(left, values, strict=True)]
    axes.set_xlabel(_("Actions (discharged actions left out)"))
    axes.legend(
        ncol=4,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.35 if priorities else -0.2),
        frameon=False,
    )
    axes.spines[["top", "right"]].set_visible(False)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(
        buffer, format=image_format, metadata={"Date": None} if image_format == "svg" else None
    )
    pyplot.close(figure)
    return buffer.getvalue()


def chart_alt_text(content: dict) -> str:
    totals = content["totals"]
    return _(
        "Bar chart of the RAG ratings of the actions of each priority: in all %(red)s red, "
        "%(amber)s amber, %(green)s green and %(white)s white. The table below gives the "
        "figures for each priority."
    ) % {key: totals[key] for key in ("red", "amber", "green", "white")}


def chart_data_uri(content: dict) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(rag_chart(content)).decode()
