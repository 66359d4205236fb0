"""Writes to plans and actions, one module per resource. Each runs full_clean, writes in one
transaction, records the change in the audit log (core.audit) and marks the plan changed
(plans.cache). Import them from here: `from saferplan.plans import services`."""

from .actions import (
    ACTION_FIELDS,
    action_create,
    action_update,
)
from .common import (
    NOT_CHECKED,
    EditConflictError,
    ExpectedRating,
)
from .plans import (
    NARRATIVE_SECTIONS,
    PLAN_FIELDS,
    PLAN_TRANSITIONS,
    aim_create,
    foreword_photo_remove,
    foreword_photo_set,
    plan_create,
    plan_sent_to_pcc,
    plan_supersede,
    plan_transition,
    plan_update,
    rag_definition_set,
)
from .refresh import (
    plan_refresh,
)
from .structure import (
    OBJECTIVE_FIELDS,
    PRIORITY_FIELDS,
    objective_create,
    objective_update,
    priority_create,
    priority_update,
    rag_override,
)
from .updates import (
    action_rag_set,
    current_rag_change,
    update_add,
    update_correct,
    update_file_attach,
)

__all__ = [
    "ACTION_FIELDS",
    "NARRATIVE_SECTIONS",
    "NOT_CHECKED",
    "OBJECTIVE_FIELDS",
    "PLAN_FIELDS",
    "PLAN_TRANSITIONS",
    "PRIORITY_FIELDS",
    "EditConflictError",
    "ExpectedRating",
    "action_create",
    "action_rag_set",
    "action_update",
    "aim_create",
    "current_rag_change",
    "foreword_photo_remove",
    "foreword_photo_set",
    "objective_create",
    "objective_update",
    "plan_create",
    "plan_refresh",
    "plan_sent_to_pcc",
    "plan_supersede",
    "plan_transition",
    "plan_update",
    "priority_create",
    "priority_update",
    "rag_definition_set",
    "rag_override",
    "update_add",
    "update_correct",
    "update_file_attach",
]
