"""Reads for plan pages. Each page's query count is constant in the number of actions:
current RAG and last update come from subqueries, owners and latest updates from prefetches."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Subquery

from saferplan.accounts.models import Role
from saferplan.core.models import Marking
from saferplan.core.permissions import user_memberships
from saferplan.partnerships.models import Group, Organisation, Partnership

from . import cache as plan_cache
from .models import (
    OPEN_STATUSES,
    Action,
    ActionStatus,
    Objective,
    Plan,
    PlanStatus,
    Priority,
    RagChange,
    RagDefinition,
    RagRating,
    Update,
    financial_quarter,
)
from .rag import rag_counts, roll_up

LATEST_UPDATES_SHOWN = 2


def visible_partnership_ids(user) -> set[int] | None:
    """The partnerships whose plans (and OFFICIAL-SENSITIVE material) the user may see;
    None means every partnership (an administrator)."""
    if user.is_authenticated and user.is_superuser:
        return None
    return {m.partnership_id for m in user_memberships(user)} if user.is_authenticated else set()


def _sensitive_visible(user, partnership_ids: set[int]) -> bool:
    visible = visible_partnership_ids(user)
    return visible is None or bool(visible & partnership_ids)


def visible_updates(user, *, partnership_ids: set[int] | None = None) -> QuerySet[Update]:
    """Updates not superseded by a correction; sensitive ones only for members of the
    owning partnership(s) (`partnership_ids`; none when unknown, except for administrators)."""
    # NOT EXISTS on the non-null corrections only: PostgreSQL then probes the unique index
    # instead of hashing every update in the installation (1 ms rather than 20 at county scale).
    corrections = Update.objects.filter(supersedes__isnull=False, supersedes=OuterRef("pk"))
    updates = Update.objects.filter(~Exists(corrections))
    administrator = user.is_authenticated and user.is_superuser
    if (partnership_ids is None and not administrator) or (
        partnership_ids is not None and not _sensitive_visible(user, partnership_ids)
    ):
        updates = updates.exclude(marking=Marking.OFFICIAL_SENSITIVE)
    return updates


def _latest_rag(subject: str):
    return RagChange.objects.filter(**{subject: OuterRef("pk")}).order_by("-changed_at", "-id")


def annotate_progress(actions: QuerySet[Action]) -> QuerySet[Action]:
    """Current RAG (rating, when, by whom) and the date of the latest update, as columns."""
    latest_rag = _latest_rag("action")
    latest_update = Update.objects.filter(action=OuterRef("pk")).order_by("-described_on", "-id")
    return actions.annotate(
        current_rag=Subquery(latest_rag.values("rating")[:1]),
        current_rag_id=Subquery(latest_rag.values("pk")[:1]),
        last_update_on=Subquery(latest_update.values("described_on")[:1]),
    )


@dataclass
class ActionFlags:
    stale: bool
    overdue: bool


def flag(action: Action, *, stale_after_days: int, today: datetime.date) -> ActionFlags:
    """Stale: open and no update (by the date it describes) for `stale_after_days`, counting
    from when the action was added if it has none. Overdue: open and past its due date."""
    if action.status not in OPEN_STATUSES:
        return ActionFlags(stale=False, overdue=False)
    last = getattr(action, "last_update_on", None) or action.created_at.date()
    return ActionFlags(
        stale=(today - last).days >= stale_after_days,
        overdue=action.due_date is not None and action.due_date < today,
    )


# What a list of actions shows of each: not who created or changed it, nor its history links.
LISTED_ACTION_FIELDS_DEFERRED = (
    "created_by",
    "modified_by",
    "modified_at",
    "carried_from",
    "start_date",
)
UPDATE_FIELDS_SHOWN = ("id", "action_id", "described_on", "text", "marking", "date_is_estimated")


def _with_owners(
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


def _set_flags(actions, *, today, stale_after_days=None) -> None:
    for action in actions:
        days = stale_after_days or action.priority.plan.stale_after_days
        action.flags = flag(action, stale_after_days=days, today=today)


# The plan overview -----------------------------------------------------------------------


@dataclass
class PrioritySummary:
    priority: Priority
    counts: dict[str, int]
    total: int
    complete: int
    discharged: int
    stale: int
    overdue: int
    rolled_up_rag: str
    override: RagChange | None

    @property
    def rag(self) -> str:
        return self.override.rating if self.override else self.rolled_up_rag

    @property
    def percent_complete(self) -> int:
        counted = self.total - self.discharged
        return round(100 * self.complete / counted) if counted else 0


@dataclass
class PlanOverview:
    plan: Plan
    priorities: list[PrioritySummary]
    counts: dict[str, int] = field(default_factory=dict)
    total: int = 0
    stale: int = 0
    overdue: int = 0
    complete: int = 0


def _latest_overrides(field_name: str, ids) -> dict[int, RagChange]:
    """The newest override per objective or priority; only those still in force."""
    latest: dict[int, RagChange] = {}
    for change in (
        RagChange.objects.filter(**{f"{field_name}__in": ids})
        .select_related("changed_by")
        .order_by("changed_at", "id")
    ):
        latest[getattr(change, f"{field_name}_id")] = change
    return {key: change for key, change in latest.items() if change.rating}


def plan_overview(*, plan: Plan, today: datetime.date) -> PlanOverview:
    priorities = list(plan.priorities.all())
    actions = list(
        annotate_progress(Action.objects.filter(priority__plan=plan)).only(
            "id", "priority_id", "status", "due_date", "created_at"
        )
    )
    by_priority = defaultdict(list)
    for action in actions:
        action.flags = flag(action, stale_after_days=plan.stale_after_days, today=today)
        by_priority[action.priority_id].append(action)
    overrides = _latest_overrides("priority", [p.pk for p in priorities])
    summaries = []
    for priority in priorities:
        members = by_priority[priority.pk]
        counted = [a for a in members if a.status != ActionStatus.DISCHARGED]
        summaries.append(
            PrioritySummary(
                priority=priority,
                counts=rag_counts(a.current_rag for a in counted),
                total=len(members),
                complete=sum(a.status == ActionStatus.COMPLETE for a in members),
                discharged=sum(a.status == ActionStatus.DISCHARGED for a in members),
                stale=sum(a.flags.stale for a in members),
                overdue=sum(a.flags.overdue for a in members),
                rolled_up_rag=roll_up(a.current_rag for a in counted),
                override=overrides.get(priority.pk),
            )
        )
    counted_all = [a for a in actions if a.status != ActionStatus.DISCHARGED]
    return PlanOverview(
        plan=plan,
        priorities=summaries,
        counts=rag_counts(a.current_rag for a in counted_all),
        total=len(actions),
        stale=sum(a.flags.stale for a in actions),
        overdue=sum(a.flags.overdue for a in actions),
        complete=sum(a.status == ActionStatus.COMPLETE for a in actions),
    )


# The action plan table -------------------------------------------------------------------


@dataclass
class ActionFilters:
    priority: int | None = None  # priority number
    organisation: int | None = None
    group: int | None = None
    rag: str = ""
    status: str = ""
    stale: bool = False
    overdue: bool = False
    partnership: int | None = None

    def apply(self, actions: QuerySet[Action]) -> QuerySet[Action]:
        if self.priority is not None:
            actions = actions.filter(priority__number=self.priority)
        if self.organisation is not None:
            actions = actions.filter(owner_organisations=self.organisation)
        if self.group is not None:
            actions = actions.filter(
                Q(owner_groups=self.group) | Q(objective__lead_groups=self.group)
            )
        # current_rag is an annotation of annotate_progress(), which every caller applies first.
        if self.rag == RagRating.WHITE:
            actions = actions.filter(Q(current_rag=RagRating.WHITE) | Q(current_rag__isnull=True))
        elif self.rag:
            actions = actions.filter(current_rag=self.rag)  # type: ignore[misc]
        if self.status:
            actions = actions.filter(status=self.status)
        if self.partnership is not None:
            actions = actions.filter(
                Q(priority__plan__partnership=self.partnership)
                | Q(joint_partnerships=self.partnership)
            )
        return (
            actions.distinct() if (self.organisation or self.group or self.partnership) else actions
        )

    def keep(self, action: Action) -> bool:
        """The filters on flags worked out in Python (stale and overdue depend on today)."""
        return (not self.stale or action.flags.stale) and (not self.overdue or action.flags.overdue)


@dataclass
class ObjectiveRow:
    objective: Objective | None
    actions: list[Action]
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


def _plan_partnership_ids(plan: Plan) -> set[int]:
    return {plan.partnership_id}


def plan_action_table(
    *, plan: Plan, user, filters: ActionFilters, today: datetime.date, all_updates: bool = False
) -> list[PriorityTable]:
    """The seeds' table: per priority, objectives (Issue) with their actions, owners, latest
    updates and RAG. With `all_updates`, every update (for the quarter view)."""
    sensitive_ok = _sensitive_visible(user, _plan_partnership_ids(plan))
    actions = annotate_progress(Action.objects.filter(priority__plan=plan))
    if not sensitive_ok:
        actions = actions.exclude(marking=Marking.OFFICIAL_SENSITIVE)
    updates = (
        visible_updates(user, partnership_ids=_plan_partnership_ids(plan))
        .only(*UPDATE_FIELDS_SHOWN)
        .order_by("-described_on", "-id")
    )
    if not all_updates:
        updates = updates[:LATEST_UPDATES_SHOWN]
    # Objectives and priorities come from their own queries below, not once per action.
    queryset = (
        filters.apply(actions)
        .select_related("owner_user")
        .defer(*LISTED_ACTION_FIELDS_DEFERRED)
        .prefetch_related(Prefetch("updates", queryset=updates, to_attr="shown_updates"))
    )
    fetched = list(
        queryset.order_by(
            "priority__number", "objective__position", "objective_id", "position", "id"
        )
    )
    attach_owner_names(fetched)
    _set_flags(fetched, today=today, stale_after_days=plan.stale_after_days)
    shown = [a for a in fetched if filters.keep(a)]
    priorities = {p.pk: p for p in plan.priorities.all()}
    objectives = {
        o.pk: o
        for o in Objective.objects.filter(priority__plan=plan).prefetch_related("lead_groups")
    }
    overrides = _latest_overrides("objective", list(objectives))
    grouped: dict[int, dict[int | None, list[Action]]] = defaultdict(lambda: defaultdict(list))
    for action in shown:
        grouped[action.priority_id][action.objective_id].append(action)
    tables = []
    for priority in priorities.values():
        rows = []
        for objective_id, members in grouped.get(priority.pk, {}).items():
            counted = [a.current_rag for a in members if a.status != ActionStatus.DISCHARGED]
            rows.append(
                ObjectiveRow(
                    objectives.get(objective_id) if objective_id else None,
                    members,
                    roll_up(counted),
                    overrides.get(objective_id) if objective_id else None,
                )
            )
        if rows or not _filters_active(filters):
            tables.append(PriorityTable(priority, rows))
    return tables


def _filters_active(filters: ActionFilters) -> bool:
    return filters != ActionFilters()


@dataclass
class ActionTableView:
    tables: list[PriorityTable]
    quarters: list[tuple[int, int]]

    @property
    def shown(self) -> int:
        return sum(t.action_count for t in self.tables)


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
                for action in row.actions:
                    action.quarter_columns = updates_by_quarter(action, quarters)
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
        _sensitive_visible(user, _plan_partnership_ids(plan)),
        quarter_view,
        filters,
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
        "my-actions", user.pk, user.is_superuser, memberships, plans, today, filters
    )


def plan_quarters(plan: Plan) -> list[tuple[int, int]]:
    """The financial quarters (year, quarter) the plan's period touches, in order."""
    quarters = []
    day = plan.period_start.replace(day=1)
    while day <= plan.period_end:
        quarter = financial_quarter(day)
        if quarter not in quarters:
            quarters.append(quarter)
        day = (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return quarters


def updates_by_quarter(action: Action, quarters: list[tuple[int, int]]) -> list[list[Update]]:
    """The action's shown updates per quarter column, oldest first within a quarter; updates
    dated outside the plan go in the first or last column."""
    columns: list[list[Update]] = [[] for _ in quarters]
    for update in sorted(action.shown_updates, key=lambda u: (u.described_on, u.pk)):
        quarter = financial_quarter(update.described_on)
        if quarter in quarters:
            columns[quarters.index(quarter)].append(update)
        elif quarter < quarters[0]:
            columns[0].append(update)
        else:
            columns[-1].append(update)
    return columns


# My actions ------------------------------------------------------------------------------


@dataclass
class MyActions:
    overdue: list[Action] = field(default_factory=list)
    stale: list[Action] = field(default_factory=list)
    red_or_amber: list[Action] = field(default_factory=list)
    due_soon: list[Action] = field(default_factory=list)
    other: list[Action] = field(default_factory=list)

    @property
    def total(self) -> int:
        return (
            len(self.overdue)
            + len(self.stale)
            + len(self.red_or_amber)
            + len(self.due_soon)
            + len(self.other)
        )


DUE_SOON_DAYS = 30


def my_actions(*, user, filters: ActionFilters, today: datetime.date) -> MyActions:
    """Open actions the user owns by name, or through the organisation they represent as
    an editor, in plans that are not archived; each in the first group that fits it:
    overdue, stale, red or amber, due in the next 30 days, the rest."""
    owned = Q(owner_user=user)
    for membership in user_memberships(user):
        if membership.role == Role.EDITOR and membership.organisation_id:
            partnership = membership.partnership_id
            owned |= Q(owner_organisations=membership.organisation_id) & (
                Q(priority__plan__partnership=partnership) | Q(joint_partnerships=partnership)
            )
    ids = (
        Action.objects.filter(owned, status__in=OPEN_STATUSES)
        .exclude(priority__plan__status=PlanStatus.ARCHIVED)
        .values("pk")
    )
    actions = annotate_progress(Action.objects.filter(pk__in=ids))
    visible = visible_partnership_ids(user)
    if visible is not None:
        # Owned but in a partnership they have left: not theirs to see any more.
        actions = actions.filter(
            Q(priority__plan__partnership__in=visible) | Q(joint_partnerships__in=visible)
        ).distinct()
    # Every action listed is in one of the user's partnerships, so its sensitive updates are theirs to see.
    updates = (
        visible_updates(user, partnership_ids=visible)
        .only(*UPDATE_FIELDS_SHOWN)
        .order_by("-described_on", "-id")[:1]
    )
    listed = list(
        filters.apply(actions)
        .select_related("owner_user", "priority__plan__partnership")
        .defer(*LISTED_ACTION_FIELDS_DEFERRED)
        .prefetch_related(Prefetch("updates", queryset=updates, to_attr="shown_updates"))
        .order_by("due_date", "priority__plan__partnership__name", "priority__number", "position")
    )
    attach_owner_names(listed)  # by name, as the table shows them
    result = MyActions()
    for action in listed:
        action.flags = flag(
            action, stale_after_days=action.priority.plan.stale_after_days, today=today
        )
        if not filters.keep(action):
            continue
        if action.flags.overdue:
            result.overdue.append(action)
        elif action.flags.stale:
            result.stale.append(action)
        elif action.current_rag in (RagRating.RED, RagRating.AMBER):
            result.red_or_amber.append(action)
        elif action.due_date and (action.due_date - today).days <= DUE_SOON_DAYS:
            result.due_soon.append(action)
        else:
            result.other.append(action)
    return result


# One action ------------------------------------------------------------------------------


def action_detail(*, action_id: int) -> Action:
    actions = annotate_progress(Action.objects.filter(pk=action_id))
    return (
        _with_owners(actions)
        .select_related("priority__plan__partnership", "carried_from__priority__plan")
        .get()
    )


@dataclass
class TimelineEntry:
    """One line of an action's history: an update or a RAG change."""

    when: datetime.date
    update: Update | None = None
    rag_change: RagChange | None = None


def action_timeline(*, action: Action, user) -> list[TimelineEntry]:
    partnership_ids = {
        action.priority.plan.partnership_id,
        *(p.pk for p in action.joint_partnership_items),
    }
    updates = (
        Update.objects.filter(action=action)
        .select_related("author", "supersedes")
        .annotate(is_superseded=Exists(Update.objects.filter(supersedes=OuterRef("pk"))))
    )
    rag_changes = action.rag_changes.select_related("changed_by")
    if not _sensitive_visible(user, partnership_ids):
        updates = updates.exclude(marking=Marking.OFFICIAL_SENSITIVE)
        rag_changes = rag_changes.not_sensitive()
    entries = [TimelineEntry(when=u.described_on, update=u) for u in updates]
    entries += [TimelineEntry(when=c.changed_at.date(), rag_change=c) for c in rag_changes]
    return sorted(
        entries,
        key=lambda e: (
            e.when,
            e.update.pk if e.update else 0,
            e.rag_change.pk if e.rag_change else 0,
        ),
        reverse=True,
    )


def rag_key(*, partnership) -> list[tuple[str, str, str]]:
    """[(rating, label, definition)] for the partnership: its own wording or the default."""
    from .models import DEFAULT_RAG_DEFINITIONS

    own = {d.rating: d.definition for d in RagDefinition.objects.filter(partnership=partnership)}
    return [
        (rating.value, rating.label, own.get(rating.value, DEFAULT_RAG_DEFINITIONS[rating]))
        for rating in RagRating
    ]


def plans_for_partnership(*, partnership) -> QuerySet[Plan]:
    return partnership.plans.select_related("strategic_plan").order_by("-period_start", "title")
