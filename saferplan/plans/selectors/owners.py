"""Owners and the shared shape of listed actions: what a list of actions fetches of each."""

import datetime
from collections import defaultdict

from django.db.models import Prefetch, Q, QuerySet

from saferplan.partnerships.models import Group, Organisation, Partnership

from ..flags import flag
from ..listed import ListedAction, OwnerNames
from ..models import Action

LATEST_UPDATES_SHOWN = 2


# What a list of actions shows of each: not who created or changed it, nor its history links.
LISTED_ACTION_FIELDS_DEFERRED = (
    "created_by",
    "modified_by",
    "modified_at",
    "carried_from",
    "start_date",
)
# What a list of actions across plans (My actions) never shows of each action's plan and
# partnership, which it reads beside every action: their long texts, and the partnership's
# figures (a JSON and a decimal field each row would decode).
LISTED_PLAN_FIELDS_DEFERRED = tuple(
    f"priority__plan__{name}"
    for name in (
        "introduction", "pcc_alignment", "plain_summary", "foreword", "foreword_signatory",
        "foreword_photo_alt", "about_partnership", "legislation", "assessment_findings",
        "monitoring", "definitions", "language_notice",
    )
) + tuple(
    f"priority__plan__partnership__{name}"
    for name in (
        "districts", "description", "population", "population_source", "area_sq_km",
        "area_source",
    )
)  # fmt: skip
UPDATE_FIELDS_SHOWN = ("id", "action_id", "described_on", "text", "marking", "date_is_estimated")


def with_owners(
    actions: QuerySet[Action], *, related=("objective", "priority", "owner_user")
) -> QuerySet[Action]:
    # Owners are shown by name only: fetch just that, not whole rows.
    return actions.select_related(*related).prefetch_related(
        Prefetch(
            "owner_organisations", queryset=Organisation.objects.only("id", "name").order_by("name")
        ),
        Prefetch("owner_groups", queryset=Group.objects.only("id", "name").order_by("name")),
        Prefetch(
            "joint_partnerships", queryset=Partnership.objects.only("id", "name").order_by("name")
        ),
    )


# Each of OwnerNames' lists: the link table and the name it reads.
OWNER_NAME_SOURCES = {
    "organisations": (Action.owner_organisations.through, "organisation__name"),
    "groups": (Action.owner_groups.through, "group__name"),
    "joint_partnerships": (Action.joint_partnerships.through, "partnership__name"),
}


def owner_names_by_action(action_filter: Q) -> dict[str, dict[int, list[str]]]:
    """{"organisations" | "groups" | "joint_partnerships": {action id: [names,
    alphabetical]}} for the actions `action_filter` selects (a Q on the link table's
    `action`): three queries of (action, name) pairs, no owner objects."""
    names: dict[str, dict[int, list[str]]] = {}
    for kind, (through, name_field) in OWNER_NAME_SOURCES.items():
        found: dict[int, list[str]] = defaultdict(list)
        for action_id, name in (
            through._default_manager.filter(action_filter)
            .order_by(name_field)
            .values_list("action_id", name_field)
        ):
            found[action_id].append(name)
        names[kind] = found
    return names


# The prefetch (to_attr) that holds the updates a list shows of each action until
# listed_actions() moves them into its ListedAction.
SHOWN_UPDATES = "listed_updates"


def listed_actions(
    actions: list[Action], *, today: datetime.date, stale_after_days: int | None = None
) -> list[ListedAction]:
    """Each fetched action as a list shows it: its flags (its plan's stale period unless
    given), its owners by name and the updates fetched into SHOWN_UPDATES."""
    names = owner_names_by_action(Q(action_id__in=[a.pk for a in actions]))
    listed = []
    for action in actions:
        days = stale_after_days or action.priority.plan.stale_after_days
        listed.append(
            ListedAction(
                action=action,
                flags=flag(action, stale_after_days=days, today=today),
                owners=OwnerNames(
                    **{kind: found.get(action.pk, []) for kind, found in names.items()}
                ),
                shown_updates=vars(action).pop(SHOWN_UPDATES, []),
            )
        )
    return listed
