"""The plan overview: RAG counts, stale and overdue actions per priority."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from ..flags import flag
from ..models import Action, ActionStatus, Plan, Priority, RagChange
from ..rag import rag_counts, roll_up


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


def latest_overrides(field_name: str, ids) -> dict[int, RagChange]:
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
    priorities = list(
        plan.priorities.select_related("lead_user", "lead_organisation").prefetch_related(
            "pcc_priorities"
        )
    )
    actions = list(
        Action.objects.filter(priority__plan=plan)
        .with_progress()
        .only("id", "priority_id", "status", "due_date", "created_at")
    )
    flags = {a.pk: flag(a, stale_after_days=plan.stale_after_days, today=today) for a in actions}
    by_priority = defaultdict(list)
    for action in actions:
        by_priority[action.priority_id].append(action)
    overrides = latest_overrides("priority", [p.pk for p in priorities])
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
                stale=sum(flags[a.pk].stale for a in members),
                overdue=sum(flags[a.pk].overdue for a in members),
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
        stale=sum(f.stale for f in flags.values()),
        overdue=sum(f.overdue for f in flags.values()),
        complete=sum(a.status == ActionStatus.COMPLETE for a in actions),
    )
