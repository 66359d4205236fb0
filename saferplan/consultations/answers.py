"""What a question accepts as its answer, and how an answer is stored: one set of rules for
the public form (its fields, and the check again when a response is sent) and for responses
imported from a survey tool's export (survey_csv).

A relevance question takes the form's scale (FORM_SCALE) on the form; an import also takes
Yes and No and the survey tools' words for each answer, in any case and spacing. A choice
question takes one of its choices (an import matches them in any case and spacing). A
free-text answer is at most MAX_ANSWER_LENGTH characters."""

import re
from collections.abc import Mapping

from django.utils.translation import gettext as _

from .models import FORM_SCALE, Answer, Question, QuestionKind, Relevance, Response

MAX_ANSWER_LENGTH = 5000


def normal(text: str) -> str:
    """`text` as a survey tool's words are compared: curly quotes straightened, spaces
    collapsed, lower case, no closing question mark, colon or full stop."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\xa0", " ")
    return re.sub(r"\s+", " ", text).strip().lower().rstrip("?:. ")


# The words an import takes for each relevance answer.
RELEVANCE_WORDS = {normal(str(label)): value for value, label in Relevance.choices} | {
    "yes": Relevance.YES,
    "no": Relevance.NO,
    "relevant": Relevance.YES,
    "not relevant": Relevance.NO,
    "dont know": Relevance.DONT_KNOW,
    "do not know": Relevance.DONT_KNOW,
    "don't know / not sure": Relevance.DONT_KNOW,
    "not sure": Relevance.DONT_KNOW,
}


def form_choices(question: Question) -> list[tuple[str, str]]:
    """(value, label) of each answer the public form offers; [] for a free-text question."""
    if question.kind == QuestionKind.RELEVANCE:
        return [(r.value, str(r.label)) for r in FORM_SCALE]  # in the page's language
    if question.kind == QuestionKind.CHOICE:
        return [(c, c) for c in question.choices]
    return []


def form_answer_error(question: Question, value: str) -> str | None:
    """Why `value`, sent by the public form, cannot answer `question`; None when it can."""
    _stored, error = _read(question, value, imported=False)
    return error


def imported_answer(question: Question, value: str) -> tuple[str | None, str | None]:
    """(the value to store, None) for a survey export's cell, or (None, why it is refused)."""
    return _read(question, value, imported=True)


def _read(question: Question, value: str, *, imported: bool) -> tuple[str | None, str | None]:
    if question.kind == QuestionKind.RELEVANCE:
        if imported:
            stored = RELEVANCE_WORDS.get(normal(value))
            if stored is None:
                # Translators: %(answers)s are the relevance scale's answers; the importer also
                # takes the words Yes and No, in English, which the message names.
                return None, _(
                    "“%(value)s” is not an answer to a relevance question; use one of "
                    "%(answers)s, Yes or No"
                ) % {"value": value, "answers": ", ".join(str(label) for label in Relevance.labels)}
            return str(stored), None
        if value not in FORM_SCALE:
            return None, _choose_one(str(r.label) for r in FORM_SCALE)
        return value, None
    if question.kind == QuestionKind.CHOICE:
        if imported:
            by_normal = {normal(c): c for c in question.choices}
            choice = by_normal.get(normal(value))
            if choice is None:
                return None, _("“%(value)s” is not one of the answers: %(choices)s") % {
                    "value": value,
                    "choices": ", ".join(question.choices),
                }
            return choice, None
        if value not in question.choices:
            return None, _choose_one(question.choices)
        return value, None
    if len(value) > MAX_ANSWER_LENGTH:
        sizes = {"length": f"{len(value):,}", "limit": f"{MAX_ANSWER_LENGTH:,}"}
        return None, (
            _("the answer is %(length)s characters long; at most %(limit)s are kept") % sizes
            if imported
            else _("Answers must be %(limit)s characters or fewer (this one has %(length)s)")
            % sizes
        )
    return value, None


def _choose_one(answers) -> str:
    # Translators: %(answers)s are the answers the question offers, separated by commas.
    return _("Choose one of: %(answers)s") % {"answers": ", ".join(answers)}


def build_answers(response: Response, answers: Mapping[Question, str]) -> list[Answer]:
    """Unsaved answers of `response`: free text as text, the others as the choice; questions
    left blank are skipped."""
    built = []
    for question, value in answers.items():
        value = (value or "").strip()
        if not value:
            continue
        if question.kind == QuestionKind.FREE_TEXT:
            built.append(Answer(response=response, question=question, text=value))
        else:
            built.append(Answer(response=response, question=question, choice=value))
    return built
