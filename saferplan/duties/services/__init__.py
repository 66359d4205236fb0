"""Writes to the restricted registers, each audited in the partnership's log."""

from .access import register_access_end, register_access_grant
from .case_reviews import (
    applicants_forget,
    asb_figures_publish,
    asb_figures_withdraw,
    case_review_register,
    recommendation_add,
    review_record,
    threshold_decide,
    timescales_set,
)
from .death_reviews import (
    PROGRESS_FIELDS,
    PUBLICATION_FIELDS,
    death_review_decide,
    death_review_progress,
    death_review_publish,
    death_review_recommendation_add,
    death_review_recommendations_publish,
    death_review_register,
)
from .serious_violence import ct_profile_record, serious_violence_duty_set

__all__ = [
    "PROGRESS_FIELDS",
    "PUBLICATION_FIELDS",
    "applicants_forget",
    "asb_figures_publish",
    "asb_figures_withdraw",
    "case_review_register",
    "ct_profile_record",
    "death_review_decide",
    "death_review_progress",
    "death_review_publish",
    "death_review_recommendation_add",
    "death_review_recommendations_publish",
    "death_review_register",
    "recommendation_add",
    "register_access_end",
    "register_access_grant",
    "review_record",
    "serious_violence_duty_set",
    "threshold_decide",
    "timescales_set",
]
