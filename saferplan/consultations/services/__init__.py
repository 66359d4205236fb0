"""Writes of consultations, their responses and themes, each audited.

- consultations: a consultation created (with its questions) and changed
- entered: the results of a consultation run elsewhere, entered from its report
- responses: a response sent through the public form or imported from a survey tool's
  export; an answer approved for quoting in public
- themes: themes of free-text answers, suggested and edited, and an answer's themes

Callers may import from here (the names below) or from the module itself."""

from .consultations import CONSULTATION_FIELDS, consultation_create, consultation_update
from .entered import (
    ENTERED_FIELDS,
    entered_consultation_create,
    entered_consultation_delete,
    entered_consultation_update,
    entered_relevance_set,
)
from .responses import (
    MAX_SURVEY_FILE_BYTES,
    answer_approval_set,
    response_import_cancel,
    response_import_confirm,
    response_import_create,
    response_submit,
)
from .themes import (
    THEME_FIELDS,
    answer_themes_set,
    theme_create,
    theme_delete,
    theme_split,
    theme_update,
    themes_merge,
    themes_suggest,
)

__all__ = [
    "CONSULTATION_FIELDS",
    "ENTERED_FIELDS",
    "MAX_SURVEY_FILE_BYTES",
    "THEME_FIELDS",
    "answer_approval_set",
    "answer_themes_set",
    "consultation_create",
    "consultation_update",
    "entered_consultation_create",
    "entered_consultation_delete",
    "entered_consultation_update",
    "entered_relevance_set",
    "response_import_cancel",
    "response_import_confirm",
    "response_import_create",
    "response_submit",
    "theme_create",
    "theme_delete",
    "theme_split",
    "theme_update",
    "themes_merge",
    "themes_suggest",
]
