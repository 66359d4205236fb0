"""Responses: sent through the public form, or imported from a survey tool's export (held
for its column preview, then confirmed whole or not at all); an answer approved for quoting
in public."""

import hashlib
from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from saferplan.core import audit
from saferplan.core.models import AuditEvent

from .. import survey_csv
from ..answers import build_answers, form_answer_error
from ..models import Answer, Consultation, Question, Response, ResponseImport, ResponseSource
from ..selectors import questions_of

if TYPE_CHECKING:
    from saferplan.accounts.models import User


@transaction.atomic
def response_submit(
    *,
    consultation: Consultation,
    answers: Mapping[Question, str],
    contact_name: str = "",
    contact_email: str = "",
    received_at: datetime | None = None,
) -> Response:
    """A response from the public form. The answers were checked page by page; they are
    checked again here, so that nothing the form did not offer is stored. It takes no actor:
    a respondent is never recorded (a member signed in who answers is anonymous too), so
    its audit event has none."""
    errors = {}
    for question, value in answers.items():
        if question.consultation_id != consultation.pk:
            raise ValueError(f"Question {question.pk} is not one of {consultation}")
        if value and (error := form_answer_error(question, value.strip())):
            errors[f"question_{question.pk}"] = error
    if errors:
        raise ValidationError(errors)
    response = Response(
        consultation=consultation,
        received_at=received_at or timezone.now(),
        source=ResponseSource.FORM,
        contact_name=contact_name.strip(),
        contact_email=contact_email.strip(),
    )
    response.full_clean()
    response.save()
    Answer.objects.bulk_create(build_answers(response, answers))
    audit.log(
        instance=response,
        action=AuditEvent.Action.CREATE,
        actor=None,
        partnership=consultation.partnership,
        reason="Sent through the public form",
    )
    return response


@transaction.atomic
def answer_approval_set(*, actor: "User", answer: Answer, approved: bool) -> Answer:
    """Approve (or withdraw) an answer for quoting in public: the coordinator has read it and
    it names nobody."""
    before = answer.approved_for_publication
    answer.approved_for_publication = approved
    answer.approved_by = actor if approved else None
    answer.save(update_fields=["approved_for_publication", "approved_by"])
    audit.log(
        instance=answer,
        action=AuditEvent.Action.UPDATE,
        actor=actor,
        partnership=answer.question.consultation.partnership,
        changes={"Approved for quoting in public": [before, approved]},
    )
    return answer


# Imports from survey tools ---------------------------------------------------------------

MAX_SURVEY_FILE_BYTES = 20 * 1024 * 1024


@transaction.atomic
def response_import_create(
    *, actor: "User", consultation: Consultation, file_name: str, content: bytes
) -> ResponseImport:
    """Hold an uploaded survey export for its column preview, with a guessed mapping."""
    if len(content) > MAX_SURVEY_FILE_BYTES:
        raise ValidationError(
            {
                "file": _("%(file_name)s is larger than 20 MB. Export only the responses.")
                % {"file_name": file_name}
            }
        )
    if not file_name.lower().endswith((".csv", ".txt", ".tsv")):
        raise ValidationError(
            {
                "file": _("%(file_name)s is not a CSV file. Export the survey's responses as CSV.")
                % {"file_name": file_name}
            }
        )
    digest = hashlib.sha256(content).hexdigest()
    earlier = consultation.response_imports.filter(
        sha256=digest, confirmed_at__isnull=False
    ).first()
    if earlier:
        confirmed_at = timezone.localtime(earlier.confirmed_at)
        raise ValidationError(
            {
                "file": _(
                    "%(file_name)s was imported on %(day)s at %(time)s: its responses are already counted."
                )
                % {
                    "file_name": file_name,
                    "day": date_format(confirmed_at, "j F Y"),
                    "time": f"{confirmed_at:%H:%M}",
                }
            }
        )
    try:
        survey = survey_csv.read_survey(file_name, content)
    except survey_csv.SurveyFileError as error:
        raise ValidationError({"file": str(error)}) from None
    pending = ResponseImport(
        consultation=consultation,
        file_name=file_name,
        sha256=digest,
        content=content,
        mapping={
            str(k): v
            for k, v in survey_csv.guess_mapping(survey, questions_of(consultation)).items()
        },
        columns=[
            {"index": c.index, "heading": c.heading, "samples": c.samples} for c in survey.columns
        ],
        row_count=len(survey.rows),
        created_by=actor,
        modified_by=actor,
    )
    pending.save()
    return pending


@transaction.atomic
def response_import_confirm(
    *, actor: "User", pending: ResponseImport, mapping: dict[int, str]
) -> int:
    """Import every response of the file with the columns mapped as given, or nothing: a
    ValidationError lists each bad cell by file, row and column. Returns the count."""
    if pending.confirmed_at:
        raise ValidationError(
            _("%(file_name)s has already been imported.") % {"file_name": pending.file_name}
        )
    consultation = pending.consultation
    questions = questions_of(consultation)
    survey = survey_csv.read_survey(pending.file_name, bytes(pending.content))
    targets = [t for t in mapping.values() if t != survey_csv.SKIP]
    duplicated = {t for t in targets if targets.count(t) > 1}
    if duplicated:
        names = {str(q.pk): q.short_label for q in questions}
        raise ValidationError(
            # Translators: %(questions)s name the questions, such as "Aim 1, Priority 2".
            _("Each question can take only one column: %(questions)s is chosen for more than one.")
            % {"questions": ", ".join(sorted(names.get(t, t) for t in duplicated))}
        )
    if not any(t.isdigit() for t in targets):
        raise ValidationError(_("Choose the question that at least one column answers."))
    responses, errors, _blank = survey_csv.parse_responses(survey, mapping, questions)
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    created = Response.objects.bulk_create(
        Response(
            consultation=consultation,
            received_at=parsed.received_at or now,
            source=ResponseSource.IMPORT,
            response_import=pending,
            source_row=parsed.row,
            contact_name=parsed.contact_name,
            contact_email=parsed.contact_email,
        )
        for parsed in responses
    )
    Answer.objects.bulk_create(
        (
            answer
            for response, parsed in zip(created, responses, strict=True)
            for answer in build_answers(response, parsed.answers)
        ),
        batch_size=2000,
    )
    pending.mapping = {str(k): v for k, v in mapping.items()}
    pending.confirmed_at = now
    pending.modified_by = actor
    pending.save(update_fields=["mapping", "confirmed_at", "modified_by", "modified_at"])
    audit.log(
        instance=pending,
        action=AuditEvent.Action.CREATE,
        actor=actor,
        partnership=consultation.partnership,
        reason=f"{len(created):,} responses imported into {consultation}",
    )
    return len(created)


@transaction.atomic
def response_import_cancel(*, actor: "User", pending: ResponseImport) -> None:
    """Drop the held upload unimported. Nothing is logged: the held file never became part
    of the record (its import, when confirmed, is what the log shows)."""
    if pending.confirmed_at is None:
        pending.delete()
