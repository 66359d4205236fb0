"""Reads of consultations.

- consultations: a partnership's consultations, their questions, whether the public may
  read one yet, a survey import's column preview
- results: counts, percentages, breakdowns and sentences
- themes: free-text answers and their themes
- published: a consultation on the published plan and in a board report

Callers may import from here (the names below) or from the module itself."""

from .consultations import (
    import_preview_of,
    open_consultations,
    partnership_consultations,
    questions_of,
    why_not_public,
)
from .published import (
    PublishedConsultation,
    YouSaid,
    consultation_for_report,
    published_consultation,
)
from .results import (
    RELEVANCE_LABELS,
    AnswerCount,
    Breakdown,
    BreakdownCell,
    ChoiceResult,
    ConsultationResults,
    RelevanceResult,
    breakdown,
    consultation_results,
    results_rows,
)
from .themes import (
    free_text_answers,
    free_text_questions,
    theme_examples,
    themes_with_counts,
    unthemed_count,
)

__all__ = [
    "RELEVANCE_LABELS",
    "AnswerCount",
    "Breakdown",
    "BreakdownCell",
    "ChoiceResult",
    "ConsultationResults",
    "PublishedConsultation",
    "RelevanceResult",
    "YouSaid",
    "breakdown",
    "consultation_for_report",
    "consultation_results",
    "free_text_answers",
    "free_text_questions",
    "import_preview_of",
    "open_consultations",
    "partnership_consultations",
    "published_consultation",
    "questions_of",
    "results_rows",
    "theme_examples",
    "themes_with_counts",
    "unthemed_count",
    "why_not_public",
]
