"""Reads for partnership pages, shaped so that the query count does not grow with the
number of groups or organisations shown."""

from dataclasses import dataclass, field
from itertools import groupby
from typing import cast

from django.db.models import Prefetch, Q, QuerySet

from saferplan.core.models import AuditEvent

from .models import Group, Organisation, OrganisationKind, Partnership
from .signals import overview_drawn, structure_drawn


@dataclass
class StructureNode:
    group: Group
    children: list["StructureNode"] = field(default_factory=list)


def partnership_structure(*, partnership: Partnership) -> list[StructureNode]:
    """The partnership's groups as a tree (board → joint action group → sub-groups),
    each with its member organisations. Two queries, whatever the size."""
    groups = list(
        partnership.groups.select_related("reports_to")
        .prefetch_related(
            Prefetch("member_organisations", queryset=Organisation.objects.order_by("name"))
        )
        .order_by("name")
    )
    nodes = {group.pk: StructureNode(group) for group in groups}
    roots: list[StructureNode] = []
    kind_order = {
        kind: index
        for index, kind in enumerate(["board", "joint_action_group", "sub_group", "forum"])
    }
    for group in sorted(groups, key=lambda g: (kind_order.get(g.kind, 9), g.name)):
        parent = nodes.get(group.reports_to_id) if group.reports_to_id else None
        (parent.children if parent else roots).append(nodes[group.pk])
    return roots


def partnership_organisations(*, partnership: Partnership) -> QuerySet[Organisation]:
    return partnership.organisations.order_by("name")


def organisations_by_kind(*, organisations) -> list[tuple[str, list[Organisation]]]:
    """[(kind label, [organisation, ...]), ...] in the order of OrganisationKind."""
    order = {kind: index for index, kind in enumerate(OrganisationKind.values)}
    ordered = sorted(organisations, key=lambda o: (order[o.kind], o.name.lower()))
    return [
        (str(OrganisationKind(kind).label), list(members))  # in the page's language
        for kind, members in groupby(ordered, key=lambda o: o.kind)
    ]


def organisation_directory() -> list[tuple[str, list[Organisation]]]:
    organisations = Organisation.objects.prefetch_related(
        Prefetch("partnerships", queryset=Partnership.objects.order_by("name"))
    )
    return organisations_by_kind(organisations=organisations)


def partnership_audit_events(*, partnership: Partnership) -> QuerySet[AuditEvent]:
    """The partnership's log: its own members' writes, and every change to a record it
    shares with other partnerships (a joint action, a shared organisation, a force-month)."""
    shared = AuditEvent.shared_with.through.objects.filter(partnership=partnership).values(
        "auditevent"
    )
    return AuditEvent.objects.filter(Q(partnership=partnership) | Q(pk__in=shared)).select_related(
        "actor"
    )


@dataclass(frozen=True)
class OverviewLine:
    text: str
    href: str = ""
    note: str = ""


@dataclass(frozen=True)
class OverviewRow:
    """A row of a partnership's overview that an app above partnerships contributes."""

    order: int
    key: str
    lines: list[OverviewLine]


def rows_answered(signal, sender, **sent) -> list[OverviewRow]:
    """The rows the receivers of `signal` answer with (a page drawn: the partnership's
    overview, an action's or a plan's page), in their order."""
    answers = signal.send(sender=sender, **sent)
    # django-stubs types a receiver's answer as str; these answer lists of rows.
    rows = [row for _, answer in answers for row in cast(list[OverviewRow], answer or [])]
    return sorted(rows, key=lambda row: row.order)


def overview_rows(*, partnership, user) -> list[OverviewRow]:
    """What the apps built on partnerships show on its overview (signals.overview_drawn)."""
    return rows_answered(overview_drawn, Partnership, partnership=partnership, user=user)


@dataclass(frozen=True)
class LeadLine:
    """A part of the partnership's work (a priority), where to read it, and who leads it."""

    work: str
    href: str
    person: str
    organisation: str


@dataclass(frozen=True)
class LeadTable:
    """Leads of one body of work (a plan), titled with its name (the partnership's words)."""

    caption: str
    lines: list[LeadLine]


def lead_tables(*, partnership, user) -> list[LeadTable]:
    """Who leads the partnership's work, as the apps built on it tell (signals.structure_drawn)."""
    answers = structure_drawn.send(sender=Partnership, partnership=partnership, user=user)
    return [table for _, answer in answers for table in cast(list[LeadTable], answer or [])]
