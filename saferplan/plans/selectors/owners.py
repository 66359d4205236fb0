"""Owners and the shared shape of listed actions: what a list of actions fetches of each."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from saferplan.partnerships.models import Group, Organisation, Partnership

from ..flags import flag
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
UPDATE_FIELDS_SHOWN = ("id", "action_id", "described_on", "text", "marking", "date_is_estimated")


def with_owners(
    actions: QuerySet[Action], *, related=("objective", "priority", "owner_user")
) -> QuerySet[Action]:
    # Owners are shown by name only: fetch just that, not whole rows, for every action.
    # Plain lists (to_attr), not managers: a table touches them hundreds of times.
    return actions.select_related(*related).prefetch_related(
        Prefetch(
            "owner_organisations",
            queryset=Organisation.objects.only("id", "name").order_by("name"),
            to_attr="owner_organisation_list",
        ),
        Prefetch(
            "owner_groups",
            queryset=Group.objects.only("id", "name").order_by("name"),
            to_attr="owner_group_list",
        ),
        Prefetch(
            "joint_partnerships",
            queryset=Partnership.objects.only("id", "name").order_by("name"),
            to_attr="joint_partnership_list",
        ),
    )


OWNER_NAME_SOURCES = {
    "owner_organisation_list": (Action.owner_organisations.through, "organisation__name"),
    "owner_group_list": (Action.owner_groups.through, "group__name"),
    "joint_partnership_list": (Action.joint_partnerships.through, "partnership__name"),
}


def owner_names_by_action(action_filter: Q) -> dict[str, dict[int, list[str]]]:
    """{"owner_organisation_list" | "owner_group_list" | "joint_partnership_list":
    {action id: [names, alphabetical]}} for the actions `action_filter` selects (a Q on
    the link table's `action`): three queries of (action, name) pairs, no owner objects."""
    names: dict[str, dict[int, list[str]]] = {}
    for attribute, (through, name_field) in OWNER_NAME_SOURCES.items():
        found: dict[int, list[str]] = defaultdict(list)
        for action_id, name in (
            through._default_manager.filter(action_filter)
            .order_by(name_field)
            .values_list("action_id", name_field)
        ):
            found[action_id].append(name)
        names[attribute] = found
    return names


def attach_owner_names(actions: list[Action]) -> None:
    """Set each listed action's owners by name (see owner_names_by_action)."""
    names = owner_names_by_action(Q(action_id__in=[a.pk for a in actions]))
    for action in actions:
        for attribute, found in names.items():
            setattr(action, attribute, [OwnerName(n) for n in found.get(action.pk, [])])


@dataclass(frozen=True)
class OwnerName:
    """An owner known only by name, as lists of actions show it."""

    name: str


def set_flags(actions, *, today: datetime.date, stale_after_days: int | None = None) -> None:
    """Each action's stale and overdue flags (its plan's stale period unless given)."""
    for action in actions:
        days = stale_after_days or action.priority.plan.stale_after_days
        action.flags = flag(action, stale_after_days=days, today=today)
