"""Plans, priorities, objectives, actions, dated updates and RAG history.

The shapes come from the seed documents: a strategic plan has aims and numbered priorities
(some cross-cutting); an annual action plan belongs to a strategic plan; a priority holds
objectives (the seeds' "Issue" or "theme", with a JAG ref such as 1.1 and a target &
performance indicator) and actions; actions carry dated updates and a RAG history.

The models live in a package by resource (plans, actions, updates and ratings); import
them from here.
"""

from .actions import Action, reason_is_public, stricter_marking
from .choices import (
    OPEN_STATUSES,
    RETIRED_STATUSES,
    ActionStatus,
    PlanKind,
    PlanStatus,
    RagRating,
)
from .plans import Aim, DefaultRagDefinition, Objective, Plan, Priority, RagDefinition
from .updates import ActionStatusChange, RagChange, Update, financial_quarter

__all__ = [
    "OPEN_STATUSES",
    "RETIRED_STATUSES",
    "Action",
    "ActionStatus",
    "ActionStatusChange",
    "Aim",
    "DefaultRagDefinition",
    "Objective",
    "Plan",
    "PlanKind",
    "PlanStatus",
    "Priority",
    "RagChange",
    "RagDefinition",
    "RagRating",
    "Update",
    "financial_quarter",
    "reason_is_public",
    "stricter_marking",
]
