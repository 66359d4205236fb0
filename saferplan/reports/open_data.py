"""The action plan as open data: one row per action, the same fields in CSV and JSON.

FIELDS documents every field (docs/open-data.md is written from it). Who the export is for
decides what it holds: a member of a partnership that owns the plan gets OFFICIAL-SENSITIVE
actions and updates, labelled; anyone else (the public) never does.
"""

import json
from collections.abc import Iterator

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q, Subquery

from saferplan.core import csv_download
from saferplan.core.models import Marking
from saferplan.core.permissions import sees_sensitive_of
from saferplan.plans.models import Action, Plan, RagChange, Update, reason_is_public
from saferplan.plans.selectors import owner_names_by_action

# (field, what it holds) in the order of the CSV columns.
FIELDS = [
    ("plan", "The plan's title"),
    ("partnership", "The Community Safety Partnership that owns the plan"),
    ("priority_number", "The priority's number in the plan"),
    ("priority", "The priority's title"),
    ("cross_cutting", "true when the priority is a cross-cutting theme"),
    ("objective_ref", "The objective's reference, for example the JAG ref 1.1 (may be empty)"),
    (
        "objective",
        "The objective (the plan's 'Issue'); empty for an action directly under its priority",
    ),
    ("action_id", "saferplan's number for the action, stable across exports"),
    ("action", "What will be done"),
    ("owner", "Who owns it, as the plan names them"),
    ("owner_organisations", "Organisations that own it, separated by semicolons"),
    ("joint_with", "Other partnerships that own it jointly, separated by semicolons"),
    ("start_date", "YYYY-MM-DD, or empty"),
    ("due_date", "YYYY-MM-DD, or empty"),
    ("status", "not_started, in_progress, complete or discharged"),
    (
        "rag",
        "The current RAG rating: red, amber, green or white (white = not started or not rated)",
    ),
    (
        "rag_reason",
        "Why the current rating was given (in the public file: only when the plan publishes "
        "its progress and the reason is not OFFICIAL-SENSITIVE)",
    ),
    (
        "latest_update_date",
        "The date the latest update describes, YYYY-MM-DD (in the public file: only when the "
        "plan publishes its progress)",
    ),
    (
        "latest_update",
        "The latest progress update (in the public file: only when the plan publishes its "
        "progress)",
    ),
    ("marking", "OFFICIAL or OFFICIAL-SENSITIVE (sensitive rows only in members' exports)"),
]
FIELD_NAMES = [name for name, _ in FIELDS]


def _rows(plan: Plan, *, include_sensitive: bool, public: bool) -> Iterator[dict]:
    """One dict per action, in plan order; three queries whatever the plan's size. The
    latest update and RAG rating are correlated subqueries that walk the (action, date)
    indexes, rather than reading every update of the plan.

    `public`: the published plan's file, which holds progress (the latest update and the
    reason for the rating) only when the coordinator chose to publish updates; a reason
    given with an OFFICIAL-SENSITIVE update is left out unless `include_sensitive`."""
    show_progress = not public or plan.publish_updates
    actions = Action.objects.filter(priority__plan=plan)
    latest = Update.objects.latest_of_action().current()
    if not include_sensitive:
        actions = actions.not_sensitive()
        latest = latest.not_sensitive()
    rag = RagChange.objects.latest_of("action")
    actions = actions.annotate(
        latest_update_on=Subquery(latest.values("described_on")[:1]),
        latest_update_text=Subquery(latest.values("text")[:1]),
        rag_rating=Subquery(rag.values("rating")[:1]),
        rag_reason=Subquery(rag.values("reason")[:1]),
        rag_marking=Subquery(rag.values("marking")[:1]),
    )
    names = owner_names_by_action(Q(action__priority__plan=plan))
    owners, joint = names["organisations"], names["joint_partnerships"]
    # Plain values, not model objects: an export may hold thousands of rows.
    columns = actions.values(
        "pk",
        "title",
        "owner_text",
        "start_date",
        "due_date",
        "status",
        "marking",
        "priority__number",
        "priority__title",
        "priority__is_cross_cutting",
        "objective__ref",
        "objective__title",
        "latest_update_on",
        "latest_update_text",
        "rag_rating",
        "rag_reason",
        "rag_marking",
    ).in_plan_order()
    markings = dict(Marking.choices)
    for action in columns:
        pk = action["pk"]
        day = action["latest_update_on"] if show_progress else None
        reason_shown = include_sensitive or reason_is_public(
            marking=action["rag_marking"], publishes_progress=show_progress
        )
        yield {
            "plan": plan.title,
            "partnership": plan.partnership.name,
            "priority_number": action["priority__number"],
            "priority": action["priority__title"],
            "cross_cutting": action["priority__is_cross_cutting"],
            "objective_ref": action["objective__ref"] or "",
            "objective": action["objective__title"] or "",
            "action_id": pk,
            "action": action["title"],
            "owner": action["owner_text"],
            "owner_organisations": "; ".join(owners.get(pk, [])),
            "joint_with": "; ".join(joint.get(pk, [])),
            "start_date": action["start_date"].isoformat() if action["start_date"] else "",
            "due_date": action["due_date"].isoformat() if action["due_date"] else "",
            "status": action["status"],
            "rag": action["rag_rating"] or "white",
            "rag_reason": (action["rag_reason"] or "") if reason_shown else "",
            "latest_update_date": day.isoformat() if day else "",
            "latest_update": (action["latest_update_text"] or "") if show_progress else "",
            "marking": markings[action["marking"]],
        }


def may_include_sensitive(user, plan: Plan) -> bool:
    """Members of the plan's partnership (and administrators) get sensitive items."""
    return sees_sensitive_of(user, {plan.partnership_id})


def csv_lines(plan: Plan, *, include_sensitive: bool, public: bool) -> Iterator[str]:
    """The CSV, line by line (core.csv_download: a byte order mark, formula-safe cells)."""
    rows = _rows(plan, include_sensitive=include_sensitive, public=public)
    return csv_download.csv_lines(
        FIELD_NAMES, ([row[name] for name in FIELD_NAMES] for row in rows)
    )


def as_json(plan: Plan, *, include_sensitive: bool, public: bool) -> str:
    # DjangoJSONEncoder writes a translatable label (a status's words) as its text.
    return json.dumps(
        cls=DjangoJSONEncoder,
        obj={
            "plan": {
                "title": plan.title,
                "partnership": plan.partnership.name,
                "kind": plan.kind,
                "status": plan.status,
                "period_start": plan.period_start.isoformat(),
                "period_end": plan.period_end.isoformat(),
            },
            "fields": dict(FIELDS),
            "actions": list(_rows(plan, include_sensitive=include_sensitive, public=public)),
        },
        indent=1,
        ensure_ascii=False,
    )


def public_rows_allowed(plan: Plan) -> bool:
    """The public may download only the plans it may read (published, of a public kind)."""
    return plan.is_public


__all__ = ["FIELDS", "as_json", "csv_lines", "may_include_sensitive", "public_rows_allowed"]
