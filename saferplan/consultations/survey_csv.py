"""Responses exported from survey tools as CSV: Microsoft Forms, SmartSurvey and Citizen
Space all give one row per respondent and one column per question (headed by the
question's text), with a few columns of their own (ID, start and completion time, name,
email). A person maps each column to a question in a preview; every cell is then checked
and the file imports whole or not at all. What each question accepts is answers.py's rule, as
on the public form."""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from saferplan.core.text import UploadTextError, decode_upload

from .answers import imported_answer, normal
from .models import Question, QuestionKind

# How much one survey export may ask of saferplan (docs/adr/0017): a consultation has tens of
# questions and thousands of respondents; far more is a mistake, refused with the limit named.
MAX_COLUMNS = 500
MAX_ROWS = 50_000

SKIP = ""
RECEIVED = "received"
CONTACT_NAME = "contact_name"
CONTACT_EMAIL = "contact_email"
SPECIAL_TARGETS = {
    RECEIVED: gettext_lazy("When the response was sent"),
    CONTACT_NAME: gettext_lazy("Respondent's name (contact details)"),
    CONTACT_EMAIL: gettext_lazy("Respondent's email (contact details)"),
}
RECEIVED_HEADINGS = {
    "completion time",
    "completed",
    "submitted",
    "date submitted",
    "end date",
    "response date",
    "submission date",
    "timestamp",
    "date",
}
NAME_HEADINGS = {"name", "your name", "full name", "respondent name"}
EMAIL_HEADINGS = {"email", "email address", "your email", "your email address", "e-mail"}
# Survey tools fill these for an anonymous respondent.
ANONYMOUS = {"anonymous", "n/a", "na", "-", "none"}
DATE_FORMATS = [
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
    "%d/%m/%y %H:%M:%S",
    "%d/%m/%y %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
]
MAX_ERRORS = 50


class SurveyFileError(Exception):
    """The file cannot be read at all (not CSV, no heading row, no rows)."""


@dataclass
class Column:
    index: int
    heading: str
    samples: list[str]


@dataclass
class SurveyFile:
    file_name: str
    columns: list[Column]
    rows: list[list[str]]  # without the heading row


@dataclass
class ParsedResponse:
    row: int  # as a spreadsheet numbers it: the heading row is 1
    received_at: datetime | None
    contact_name: str
    contact_email: str
    answers: dict[Question, str] = field(default_factory=dict)


def read_survey(file_name: str, content: bytes) -> SurveyFile:
    try:
        # UTF-8, UTF-16 with its byte order mark, or Excel's "CSV" on Windows (Windows-1252)
        text = decode_upload(content, fallback="cp1252", errors="replace")
    except UploadTextError as error:
        raise SurveyFileError(
            # Translators: %(problem)s is what is wrong with the file, as core/text.py says it
            # after a file's name: "survey.csv is not UTF-8 text: save it as CSV UTF-8".
            _("%(file_name)s %(problem)s. Export the survey as CSV.")
            % {"file_name": file_name, "problem": error}
        ) from None
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = []
    number = 0
    try:
        for number, row in enumerate(csv.reader(io.StringIO(text), dialect), start=1):
            if not any(cell.strip() for cell in row):
                continue
            while row and not row[-1].strip():
                row.pop()  # empty columns after the last one used
            if len(row) > MAX_COLUMNS:
                raise SurveyFileError(
                    _(
                        "%(file_name)s, row %(row)s: %(count)s columns; a survey export can have "
                        "at most %(limit)s columns (one a question)."
                    )
                    % {
                        "file_name": file_name,
                        "row": number,
                        "count": f"{len(row):,}",
                        "limit": MAX_COLUMNS,
                    }
                )
            rows.append(row)
            if len(rows) > MAX_ROWS + 1:
                raise SurveyFileError(
                    _(
                        "%(file_name)s: more than %(limit)s responses; a survey export can have at "
                        "most %(limit)s. Split the file and import each part."
                    )
                    % {"file_name": file_name, "limit": f"{MAX_ROWS:,}"}
                )
    except csv.Error as error:
        raise SurveyFileError(
            # Translators: %(error)s is what Python's CSV reader said, in English.
            _("%(file_name)s, row %(row)s: not readable as CSV (%(error)s)")
            % {"file_name": file_name, "row": number + 1, "error": error}
        ) from None
    if len(rows) < 2:
        raise SurveyFileError(
            _("%(file_name)s has no responses: it needs a heading row and a row per respondent.")
            % {"file_name": file_name}
        )
    headings = [h.strip() for h in rows[0]]
    if sum(1 for h in headings if h) < 2:
        raise SurveyFileError(
            _("%(file_name)s has no heading row: its first row must name each column's question.")
            % {"file_name": file_name}
        )
    body = rows[1:]
    columns = []
    for index, heading in enumerate(headings):
        samples = []
        for row in body:
            value = row[index].strip() if index < len(row) else ""
            if value and value not in samples:
                samples.append(value)
            if len(samples) == 3:
                break
        heading = heading or _("Column %(number)s") % {"number": index + 1}
        columns.append(Column(index, heading, samples))
    return SurveyFile(file_name, columns, body)


def _question_number(heading: str) -> tuple[str, int] | None:
    match = re.search(r"\b(aim|priority)\s*(\d+)\b", heading, re.IGNORECASE)
    return (match[1].lower(), int(match[2])) if match else None


def guess_mapping(survey: SurveyFile, questions: list[Question]) -> dict[int, str]:
    """Column index → target (a question id as text, RECEIVED, a contact field or SKIP):
    the question whose text the heading repeats, or the aim or priority it numbers."""
    by_text = {normal(q.text): q for q in questions}
    mapping = {}
    used = set()
    for column in survey.columns:
        heading = normal(column.heading)
        target = SKIP
        question = by_text.get(heading)
        if question is None:
            numbered = _question_number(column.heading)
            if numbered:
                kind, number = numbered
                label = f"{kind.capitalize()} {number}"
                question = next(
                    (
                        q
                        for q in questions
                        if q.kind == QuestionKind.RELEVANCE and q.short_label == label
                    ),
                    None,
                )
        if question is None:
            question = next(
                (q for q in questions if heading and normal(q.text).startswith(heading)), None
            )
        if question is not None and question.pk not in used:
            target = str(question.pk)
            used.add(question.pk)
        elif heading in RECEIVED_HEADINGS:
            target = RECEIVED
        elif heading in NAME_HEADINGS:
            target = CONTACT_NAME
        elif heading in EMAIL_HEADINGS:
            target = CONTACT_EMAIL
        mapping[column.index] = target
    return mapping


def _parse_date(value: str) -> datetime | None:
    for date_format in DATE_FORMATS:
        try:
            parsed = datetime.strptime(value, date_format)
        except ValueError:
            continue
        return timezone.make_aware(parsed)
    return None


def parse_responses(
    survey: SurveyFile, mapping: dict[int, str], questions: list[Question]
) -> tuple[list[ParsedResponse], list[str], int]:
    """(responses, errors, blank rows skipped). Errors name the file, row, column and value;
    when there are any, nothing should be saved."""
    by_pk = {str(q.pk): q for q in questions}
    errors: list[str] = []
    responses = []
    blank = 0
    headings = {c.index: c.heading for c in survey.columns}
    for offset, row in enumerate(survey.rows):
        number = offset + 2
        parsed = ParsedResponse(row=number, received_at=None, contact_name="", contact_email="")
        for index, target in mapping.items():
            if target == SKIP:
                continue
            value = row[index].strip() if index < len(row) else ""
            if not value:
                continue
            where = {
                "file": survey.file_name,
                "row": number,
                "column": headings[index],
                "value": value,
            }
            if target == RECEIVED:
                parsed.received_at = _parse_date(value)
                if parsed.received_at is None:
                    errors.append(
                        # Translators: the file's name, the row and the column's heading, then
                        # the value in that cell.
                        _(
                            "%(file)s, row %(row)s, column “%(column)s”: “%(value)s” is not a "
                            "date and time such as 23/01/2023 14:05"
                        )
                        % where
                    )
            elif target in (CONTACT_NAME, CONTACT_EMAIL):
                if normal(value) in ANONYMOUS:
                    continue
                if target == CONTACT_EMAIL and "@" not in value:
                    errors.append(
                        _(
                            "%(file)s, row %(row)s, column “%(column)s”: “%(value)s” is not an "
                            "email address"
                        )
                        % where
                    )
                setattr(parsed, target, value[:254] if target == CONTACT_EMAIL else value[:150])
            else:
                question = by_pk[target]
                stored, error = imported_answer(question, value)
                if stored is None:
                    errors.append(
                        # Translators: %(problem)s says why the cell's answer is refused.
                        _("%(file)s, row %(row)s, column “%(column)s”: %(problem)s")
                        % {**where, "problem": error}
                    )
                else:
                    parsed.answers[question] = stored
        if parsed.answers:
            responses.append(parsed)
        else:
            blank += 1
        if len(errors) >= MAX_ERRORS:
            errors.append(
                _("… and possibly more: the first %(count)s problems are shown.")
                % {"count": MAX_ERRORS}
            )
            break
    return responses, errors, blank
