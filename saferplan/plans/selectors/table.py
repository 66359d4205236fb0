"""The action plan table (the seeds' table), its quarter view and its cache keys."""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from django.db.models import Prefetch, Q
from django.utils import translation

from saferplan.core.permissions import sees_sensitive_of, user_memberships
from saferplan.core.quarters import quarters_touching

from .. import cache as plan_cache
from ..columns import TableColumn, action_table_columns, as_percentages
from ..filters import ActionFilters
from ..listed import ListedAction
from ..models import (
    Action,
    ActionStatus,
    Objective,
    Plan,
    Priority,
    RagChange,
    Update,
    financial_quarter,
)
from ..rag import roll_up
from .overview import latest_overrides
from .owners import (
    LATEST_UPDATES_SHOWN,
    LISTED_ACTION_FIELDS_DEFERRED,
    SHOWN_UPDATES,
    UPDATE_FIELDS_SHOWN,
    listed_actions,
)


@dataclass
class ObjectiveRow:
    objective: Objective | None
    actions: list[ListedAction]
    rolled_up_rag: str
    override: RagChange | None

    @property
    def rag(self) -> str:
        return self.override.rating if self.override else self.rolled_up_rag


@dataclass
class PriorityTable:
    priority: Priority
    objectives: list[ObjectiveRow]

    @property
    def action_count(self) -> int:
        return sum(len(row.actions) for row in self.objectives)


def plan_action_table(
    *, plan: Plan, user, filters: ActionFilters, today: datetime.date, all_updates: bool = False
) -> list[PriorityTable]:
    """The seeds' table: per priority, objectives (Issue) with their actions, owners, latest
    updates and RAG. With `all_updates`, every update (for the quarter view)."""
    owners = {plan.partnership_id}
    actions = Action.objects.filter(priority__plan=plan).visible_to(user, partnership_ids=owners)
    updates = (
        Update.objects.current()
        .visible_to(user, partnership_ids=owners)
        .only(*UPDATE_FIELDS_SHOWN)
        .newest_first()
    )
    if not all_updates:
        updates = updates[:LATEST_UPDATES_SHOWN]
    # Objectives and priorities come from their own queries below, not once per action.
    queryset = (
        actions.with_progress()
        .matching(filters)
        .select_related("owner_user")
        .defer(*LISTED_ACTION_FIELDS_DEFERRED)
        .prefetch_related(Prefetch("updates", queryset=updates, to_attr=SHOWN_UPDATES))
    )
    fetched = listed_actions(
        list(queryset.in_plan_order()), today=today, stale_after_days=plan.stale_after_days
    )
    shown = [listed for listed in fetched if filters.keep(listed.flags)]
    priorities = {p.pk: p for p in plan.priorities.all()}
    objectives = {
        o.pk: o
        for o in Objective.objects.filter(priority__plan=plan).prefetch_related("lead_groups")
    }
    overrides = latest_overrides("objective", list(objectives))
    grouped: dict[int, dict[int | None, list[ListedAction]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for listed in shown:
        grouped[listed.action.priority_id][listed.action.objective_id].append(listed)
    tables = []
    for priority in priorities.values():
        rows = []
        for objective_id, members in grouped.get(priority.pk, {}).items():
            counted = [
                m.action.current_rag for m in members if m.action.status != ActionStatus.DISCHARGED
            ]
            rows.append(
                ObjectiveRow(
                    objectives.get(objective_id) if objective_id else None,
                    members,
                    roll_up(counted),
                    overrides.get(objective_id) if objective_id else None,
                )
            )
        if rows or not filters.active:
            tables.append(PriorityTable(priority, rows))
    return tables


@dataclass
class ActionTableView:
    tables: list[PriorityTable]
    # The quarter view's quarters, in order; none for the latest updates.
    quarters: list[tuple[int, int]]
    show_updates: bool = True

    @property
    def shown(self) -> int:
        return sum(t.action_count for t in self.tables)

    @property
    def has_refs(self) -> bool:
        return any(
            row.objective is not None and row.objective.ref
            for table in self.tables
            for row in table.objectives
        )

    @property
    def holds_sensitive(self) -> bool:
        """Does anything shown carry the OFFICIAL-SENSITIVE marking?"""
        return any(
            listed.action.is_sensitive or any(u.is_sensitive for u in listed.shown_updates)
            for table in self.tables
            for row in table.objectives
            for listed in row.actions
        )

    @cached_property
    def columns(self) -> list[TableColumn]:
        """The table's columns, the same for the page's quarter view, the PDF and Word."""
        return action_table_columns(
            quarters=self.quarters,
            show_updates=self.show_updates,
            has_refs=self.has_refs,
            holds_sensitive=self.holds_sensitive,
        )

    @cached_property
    def column_widths(self) -> list[tuple[TableColumn, float]]:
        """Each column with its share of the width (per cent), for the PDF."""
        return list(zip(self.columns, as_percentages(self.columns), strict=True))


def action_table_view(
    *, plan: Plan, user, filters: ActionFilters, today: datetime.date, quarter_view: bool
) -> ActionTableView:
    """The action plan table page: the latest updates, or every update by quarter."""
    tables = plan_action_table(
        plan=plan, user=user, filters=filters, today=today, all_updates=quarter_view
    )
    quarters = plan_quarters(plan) if quarter_view else []
    if quarter_view:
        for table in tables:
            for row in table.objectives:
                for listed in row.actions:
                    listed.quarter_columns = updates_by_quarter(listed.shown_updates, quarters)
    return ActionTableView(tables, quarters)


def action_table_cache_key(
    *, plan: Plan, user, filters: ActionFilters, today: datetime.date, quarter_view: bool
) -> str:
    """Everything the table's rendering depends on (plans.cache explains why it is enough).
    modified_at as well as content_version: a save of the plan row itself may write back
    an older version number, but never an older modification time."""
    return plan_cache.key(
        "action-table",
        plan.pk,
        plan.created_at,
        plan.modified_at,
        plan.content_version,
        today,
        sees_sensitive_of(user, {plan.partnership_id}),
        quarter_view,
        filters,
        translation.get_language(),  # the table's words are drawn in the page's language
    )


def my_actions_cache_key(*, user, filters: ActionFilters, today: datetime.date) -> str:
    """The user, their roles and organisations, and the versions of every plan their
    actions can be in: their partnerships' plans and plans with actions joint with them."""
    memberships = tuple(
        (m.partnership_id, m.role, m.organisation_id) for m in user_memberships(user)
    )
    partnership_ids = [m[0] for m in memberships]
    plans = tuple(
        Plan.objects.filter(
            Q(partnership__in=partnership_ids)
            | Q(priorities__actions__joint_partnerships__in=partnership_ids)
        )
        .distinct()
        .order_by("pk")
        .values_list("pk", "created_at", "modified_at", "content_version")
    )
    return plan_cache.key(
        "my-actions",
        user.pk,
        user.is_superuser,
        memberships,
        plans,
        today,
        filters,
        translation.get_language(),
    )


def plan_quarters(plan: Plan) -> list[tuple[int, int]]:
    """The financial quarters (year, quarter) the plan's period touches, in order."""
    return [(q.year, q.number) for q in quarters_touching(plan.period_start, plan.period_end)]


def updates_by_quarter(
    updates: list[Update], quarters: list[tuple[int, int]]
) -> list[list[Update]]:
    """An action's updates per quarter column, oldest first within a quarter; updates dated
    outside the plan go in the first or last column."""
    columns: list[list[Update]] = [[] for _ in quarters]
    for update in sorted(updates, key=lambda u: (u.described_on, u.pk)):
        quarter = financial_quarter(update.described_on)
        if quarter in quarters:
            columns[quarters.index(quarter)].append(update)
        elif quarter < quarters[0]:
            columns[0].append(update)
        else:
            columns[-1].append(update)
    return columns
