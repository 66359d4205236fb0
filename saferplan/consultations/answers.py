"""What a question accepts as its answer, and how an answer is stored: one set of rules for
the public form (its fields, and the check again when a response is sent) and for responses
imported from a survey tool's export (survey_csv).

A relevance question takes the form's scale (FORM_SCALE) on the form; an import also takes
Yes and No and the survey tools' words for each answer, in any case and spacing. A choice
question takes one of its choices (an import matches them in any case and spacing). A
free-text answer is at most MAX_ANSWER_LENGTH characters."""

import re
from collections.abc import Mapping

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
                return None, (
                    f"“{value}” is not an answer to a relevance question; use one of "
                    + ", ".join(str(label) for label in Relevance.labels)
                    + ", Yes or No"
                )
            return str(stored), None
        if value not in FORM_SCALE:
            return None, "Choose one of: " + ", ".join(str(r.label) for r in FORM_SCALE)
        return value, None
    if question.kind == QuestionKind.CHOICE:
        if imported:
            by_normal = {normal(c): c for c in question.choices}
            choice = by_normal.get(normal(value))
            if choice is None:
                return None, f"“{value}” is not one of the answers: " + ", ".join(question.choices)
            return choice, None
        if value not in question.choices:
            return None, "Choose one of: " + ", ".join(question.choices)
        return value, None
    if len(value) > MAX_ANSWER_LENGTH:
        return None, (
            f"the answer is {len(value):,} characters long; at most {MAX_ANSWER_LENGTH:,} are kept"
            if imported
            else f"Answers must be {MAX_ANSWER_LENGTH:,} characters or fewer (this one has {len(value):,})"
        )
    return value, None


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
