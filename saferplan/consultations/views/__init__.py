"""A partnership's consultations as its members see them: the list, creating one, the
results (consultations), themes (themes), answers (answers), survey imports (imports) and
results entered from a consultation run elsewhere (entered).
The public form is in saferplan.consultations.respond. urls.py takes the views from here."""

from .answers import answer_approval, answer_detail, answers
from .consultations import (
    consultation_add,
    consultation_detail,
    consultation_edit,
    consultation_list,
    results_chart,
    results_csv,
)
from .entered import entered_add, entered_delete, entered_detail, entered_edit, entered_relevance
from .imports import import_preview, import_upload
from .themes import (
    theme_add,
    theme_delete,
    theme_detail,
    theme_merge,
    theme_split,
    themes,
)

__all__ = [
    "answer_approval",
    "answer_detail",
    "answers",
    "consultation_add",
    "consultation_detail",
    "consultation_edit",
    "consultation_list",
    "entered_add",
    "entered_delete",
    "entered_detail",
    "entered_edit",
    "entered_relevance",
    "import_preview",
    "import_upload",
    "results_chart",
    "results_csv",
    "theme_add",
    "theme_delete",
    "theme_detail",
    "theme_merge",
    "theme_split",
    "themes",
]
