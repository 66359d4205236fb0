"""Writes of strategic assessments, each audited.

- assessments: an assessment drafted from the data, its findings and risks
- agreement: the board's agreement, its recommendations and its published summary; a plan's
  yearly review
- files: the files kept with an assessment
- matrix: the priority-setting matrix's issues and scores, and a plan priority's link to
  the evidence it was set from

Callers may import from here (the names below) or from the module itself."""

from .agreement import (
    assessment_agree,
    assessment_publish,
    assessment_withdraw,
    plan_review_save,
    recommendation_add,
)
from .assessments import (
    ASSESSMENT_FIELDS,
    assessment_draft,
    finding_add,
    finding_update,
    rests_on,
    risk_add,
)
from .files import assessment_file_attach, assessment_file_remove
from .matrix import (
    candidate_add,
    candidate_change,
    needs_assessment_link,
    priority_link,
    score_set,
)

__all__ = [
    "ASSESSMENT_FIELDS",
    "assessment_agree",
    "assessment_draft",
    "assessment_file_attach",
    "assessment_file_remove",
    "assessment_publish",
    "assessment_withdraw",
    "candidate_add",
    "candidate_change",
    "finding_add",
    "finding_update",
    "needs_assessment_link",
    "plan_review_save",
    "priority_link",
    "recommendation_add",
    "rests_on",
    "risk_add",
    "score_set",
]
