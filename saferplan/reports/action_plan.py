"""The action plan as a document: what the Word, Excel and PDF exports hold, read once.

Who the document is for decides what it holds, in one place: members of the plan's
partnership get OFFICIAL-SENSITIVE actions and updates (labelled); anyone else (the public)
gets published plans only, no sensitive material, and progress updates only when the
coordinator chose to publish them (Plan.publish_updates).
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser

from saferplan.plans.models import Plan
from saferplan.plans.selectors import (
    ActionFilters,
    ActionTableView,
    plan_action_table,
    plan_quarters,
    rag_key,
    updates_by_quarter,
)


@dataclass
class ActionPlanDocument:
    plan: Plan
    table_view: ActionTableView
    rag_key: list[tuple[str, str, str]]
    public: bool
    show_updates: bool
    quarter_view: bool
    generated_on: datetime.date

    @property
    def holds_sensitive(self) -> bool:
        """Does anything in it carry the OFFICIAL-SENSITIVE marking? (Then so does the file.)"""
        return self.table_view.holds_sensitive

    @property
    def marking(self) -> str:
        return "OFFICIAL-SENSITIVE" if self.holds_sensitive else "OFFICIAL"


def action_plan_document(
    *, plan: Plan, user, today: datetime.date, quarter_view: bool = False, public: bool = False
) -> ActionPlanDocument:
    """Every action of the plan with all of its updates (oldest first, as the seeds list
    them), for `user`, or for the public."""
    reader = AnonymousUser() if public else user
    show_updates = plan.publish_updates if public else True
    tables = plan_action_table(
        plan=plan, user=reader, filters=ActionFilters(), today=today, all_updates=show_updates
    )
    quarters = plan_quarters(plan) if quarter_view else []
    for table in tables:
        for row in table.objectives:
            for listed in row.actions:
                if not show_updates:
                    listed.shown_updates = []
                listed.shown_updates.sort(key=lambda u: (u.described_on, u.pk))
                if quarter_view:
                    listed.quarter_columns = updates_by_quarter(listed.shown_updates, quarters)
    return ActionPlanDocument(
        plan=plan,
        table_view=ActionTableView(tables, quarters, show_updates=show_updates),
        rag_key=rag_key(partnership=plan.partnership),
        public=public,
        show_updates=show_updates,
        quarter_view=quarter_view,
        generated_on=today,
    )
