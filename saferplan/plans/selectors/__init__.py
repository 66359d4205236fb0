"""Reads for plan pages, by page: the overview, the action plan table, My actions and one
action. Each page's query count is constant in the number of actions: current RAG and last
update come from subqueries (Action.objects.with_progress()), owners and latest updates
from prefetches. The rules they apply (current updates, sensitivity, the table's filters)
are queryset methods in plans.querysets, shared with the API, exports and reports."""

from ..filters import ActionFilters
from ..flags import ActionFlags, flag
from .actions import (
    TimelineEntry,
    action_detail,
    action_timeline,
    plans_for_partnership,
    rag_key,
)
from .my_actions import DUE_SOON_DAYS, MyActions, my_actions, stale_in_priorities_led
from .narrative import NarrativeSection, plan_narrative_sections
from .overview import PlanOverview, PrioritySummary, plan_overview
from .owners import LATEST_UPDATES_SHOWN, owner_names_by_action
from .table import (
    ActionTableView,
    ObjectiveRow,
    PriorityTable,
    action_table_cache_key,
    action_table_view,
    my_actions_cache_key,
    plan_action_table,
    plan_quarters,
    updates_by_quarter,
)

__all__ = [
    "DUE_SOON_DAYS",
    "LATEST_UPDATES_SHOWN",
    "ActionFilters",
    "ActionFlags",
    "ActionTableView",
    "MyActions",
    "NarrativeSection",
    "ObjectiveRow",
    "PlanOverview",
    "PrioritySummary",
    "PriorityTable",
    "TimelineEntry",
    "action_detail",
    "action_table_cache_key",
    "action_table_view",
    "action_timeline",
    "flag",
    "my_actions",
    "my_actions_cache_key",
    "owner_names_by_action",
    "plan_action_table",
    "plan_narrative_sections",
    "plan_overview",
    "plan_quarters",
    "plans_for_partnership",
    "rag_key",
    "stale_in_priorities_led",
    "updates_by_quarter",
]
