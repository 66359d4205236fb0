"""Writes of consultations, their responses and themes, each audited."""

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from saferplan.core import audit
from saferplan.core.models import AuditEvent

from .answers import build_answers, form_answer_error
from .models import (
    Answer,
    Consultation,
    Question,
    QuestionKind,
    Response,
    ResponseSource,
    Theme,
)
from .questions import generated_questions

CONSULTATION_FIELDS = ["title", "introduction", "privacy_notice", "opens_on", "closes_on"]


@transaction.atomic
def consultation_create(
    *,
    actor,
    partnership,
    plan,
    title: str,
    introduction: str = "",
    privacy_notice: str,
    opens_on,
    closes_on,
    about_you: Iterable[str] = (),
    areas: Iterable[str] = (),
) -> Consultation:
    """A consultation on `plan` with its questions generated from the plan's aims and
    priorities (see saferplan.consultations.questions)."""
    if plan.partnership_id != partnership.pk:
        raise ValidationError({"plan": "Choose a plan of this partnership."})
    _check_dates(opens_on, closes_on)
    consultation = audit.create(
        Consultation,
        actor=actor,
        partnership=partnership,
        logged_fields=CONSULTATION_FIELDS,
        partnership_id=partnership.pk,
        plan=plan,
        title=title,
        introduction=introduction,
        privacy_notice=privacy_notice,
        opens_on=opens_on,
        closes_on=closes_on,
    )
    questions = [
        Question(consultation=consultation, **fields)
        for fields in generated_questions(plan, about_you=list(about_you), areas=list(areas))
    ]
    Question.objects.bulk_create(questions)
    return consultation


def _check_dates(opens: date | None, closes: date | None) -> None:
    if opens and closes and closes < opens:
        raise ValidationError(
            {"closes_on": "The closing date must be on or after the opening date."}
        )


@transaction.atomic
def consultation_update(*, actor, consultation: Consultation, **fields) -> Consultation:
    for name in fields:
        if name not in CONSULTATION_FIELDS:
            raise TypeError(f"consultation_update cannot change {name}")
    _check_dates(
        fields.get("opens_on", consultation.opens_on),
        fields.get("closes_on", consultation.closes_on),
    )
    consultation, _changes = audit.change(
        consultation,
        actor=actor,
        partnership=consultation.partnership,
        logged_fields=CONSULTATION_FIELDS,
        **fields,
    )
    return consultation


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
    checked again here, so that nothing the form did not offer is stored."""
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


# --- Themes -----------------------------------------------------------------------------


def _theme_log(theme: Theme, action: str, actor, changes=None, reason: str = "") -> None:
    audit.log(
        instance=theme,
        action=action,
        actor=actor,
        partnership=theme.consultation.partnership,
        changes=changes,
        reason=reason,
    )


def _unique_name(name: str, taken: set[str]) -> str:
    candidate, number = name, 2
    while candidate.lower() in taken:
        candidate = f"{name} ({number})"
        number += 1
    taken.add(candidate.lower())
    return candidate


@transaction.atomic
def themes_suggest(*, actor, question: Question, count: int) -> list[Theme]:
    """Replace the themes of the answers to `question` with `count` suggested ones, each
    answer carrying the themes it belongs to (see saferplan.consultations.theming)."""
    from .theming import suggest_themes

    if question.kind != QuestionKind.FREE_TEXT:
        raise ValueError(f"{question} is not a free-text question")
    consultation = question.consultation
    answers = list(question.answers.only("pk", "text").order_by("pk"))
    if not answers:
        raise ValidationError("There are no answers to this question to group into themes yet.")
    removed = question.themes.count()
    question.themes.all().delete()
    suggestions = suggest_themes([a.text for a in answers], count)
    # Names stay unique in the consultation, next to the other questions' themes.
    taken = {name.lower() for name in consultation.themes.values_list("name", flat=True)}
    themes = Theme.objects.bulk_create(
        Theme(
            consultation=consultation,
            question=question,
            name=_unique_name(suggestion.name, taken),
            top_words=suggestion.top_words,
            examples=[answers[index].pk for index in suggestion.examples],
            suggested=True,
            position=position,
            created_by=actor,
            modified_by=actor,
        )
        for position, suggestion in enumerate(suggestions, start=1)
    )
    through = Answer.themes.through
    through.objects.bulk_create(
        through(answer_id=answers[index].pk, theme_id=theme.pk)
        for theme, suggestion in zip(themes, suggestions, strict=True)
        for index in suggestion.members
    )
    audit.log(
        instance=consultation,
        action=AuditEvent.Action.UPDATE,
        actor=actor,
        partnership=consultation.partnership,
        changes={"Themes": [f"{removed} themes", f"{len(themes)} suggested themes"]},
        reason=f"Themes suggested from {len(answers):,} answers to “{question.text}”",
    )
    return themes


@transaction.atomic
def theme_create(*, actor, question: Question, name: str) -> Theme:
    if question.kind != QuestionKind.FREE_TEXT:
        raise ValueError(f"{question} is not a free-text question")
    with _theme_name_unique(name.strip()):
        return audit.create(
            Theme,
            actor=actor,
            partnership=question.consultation.partnership,
            logged_fields=[],  # a theme's creation is logged without its fields, as it was
            consultation=question.consultation,
            question=question,
            name=name.strip(),
            suggested=False,
            position=(question.themes.count() + 1),
        )


@contextmanager
def _theme_name_unique(name: str) -> Iterator[None]:
    """A theme's check failing on the unique name constraint says so of its name."""
    try:
        yield
    except ValidationError as error:
        if "__all__" in error.message_dict:  # the unique name constraint
            raise ValidationError({"name": f"There is already a theme called “{name}”."}) from None
        raise


THEME_FIELDS = ["name", "we_did", "actions"]


@transaction.atomic
def theme_update(*, actor, theme: Theme, name: str, we_did: str = "", actions=()) -> Theme:
    actions = list(actions)
    partnership_id = theme.consultation.partnership_id
    if any(a.priority.plan.partnership_id != partnership_id for a in actions):
        raise ValidationError({"actions": "Choose actions of this partnership's plans."})
    was_suggested = theme.suggested
    with _theme_name_unique(name.strip()):
        theme, changes = audit.change(
            theme,
            actor=actor,
            partnership=theme.consultation.partnership,
            logged_fields=THEME_FIELDS,
            name=name.strip(),
            we_did=we_did.strip(),
            suggested=False,
            actions=actions,
        )
    if was_suggested and not changes:
        # Saved as suggested: a person now vouches for it (the published plan shows it).
        _theme_log(theme, AuditEvent.Action.UPDATE, actor)
    return theme


@transaction.atomic
def themes_merge(*, actor, theme: Theme, others: Iterable[Theme]) -> Theme:
    """Move every answer of `others` into `theme` and delete them."""
    others = [o for o in others if o.pk != theme.pk]
    if not others:
        raise ValidationError({"others": "Choose at least one other theme to merge into this one."})
    if any(o.question_id != theme.question_id for o in others):
        raise ValidationError({"others": "Choose themes of the same question."})
    through = Answer.themes.through
    moving = set(
        through.objects.filter(theme__in=others).values_list("answer_id", flat=True)
    ) - set(through.objects.filter(theme=theme).values_list("answer_id", flat=True))
    through.objects.bulk_create(through(answer_id=a, theme_id=theme.pk) for a in moving)
    names = sorted(o.name for o in others)
    for other in others:
        _theme_log(other, AuditEvent.Action.DELETE, actor, reason=f"Merged into “{theme.name}”")
        other.delete()
    theme.suggested = False
    theme.modified_by = actor
    theme.save(update_fields=["suggested", "modified_by", "modified_at"])
    _theme_log(theme, AuditEvent.Action.UPDATE, actor, reason="Merged in: " + ", ".join(names))
    return theme


@transaction.atomic
def theme_split(*, actor, theme: Theme, answers: Iterable[Answer], name: str) -> Theme:
    """Move the chosen answers of `theme` to a new theme called `name`."""
    answers = list(answers)
    if not answers:
        raise ValidationError({"answers": "Choose the answers to move to the new theme."})
    if any(not a.themes.filter(pk=theme.pk).exists() for a in answers):
        raise ValidationError({"answers": "Choose answers of this theme."})
    new = theme_create(actor=actor, question=theme.question, name=name)
    through = Answer.themes.through
    through.objects.filter(theme=theme, answer__in=answers).delete()
    through.objects.bulk_create(through(answer_id=a.pk, theme_id=new.pk) for a in answers)
    theme.suggested = False
    theme.modified_by = actor
    theme.save(update_fields=["suggested", "modified_by", "modified_at"])
    _theme_log(
        theme,
        AuditEvent.Action.UPDATE,
        actor,
        reason=f"{len(answers)} answers moved to “{new.name}”",
    )
    return new


@transaction.atomic
def theme_delete(*, actor, theme: Theme) -> None:
    _theme_log(theme, AuditEvent.Action.DELETE, actor)
    theme.delete()


@transaction.atomic
def answer_themes_set(*, actor, answer: Answer, themes: Iterable[Theme]) -> Answer:
    themes = list(themes)
    if any(t.question_id != answer.question_id for t in themes):
        raise ValidationError({"themes": "Choose themes of the question this answers."})
    before = sorted(t.name for t in answer.themes.all())
    answer.themes.set(themes)
    after = sorted(t.name for t in themes)
    audit.log(
        instance=answer,
        action=AuditEvent.Action.UPDATE,
        actor=actor,
        partnership=answer.question.consultation.partnership,
        changes={"Themes": [", ".join(before), ", ".join(after)]} if before != after else {},
    )
    return answer


@transaction.atomic
def answer_approval_set(*, actor, answer: Answer, approved: bool) -> Answer:
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


# --- Imports from survey tools ------------------------------------------------------------

MAX_SURVEY_FILE_BYTES = 20 * 1024 * 1024


@transaction.atomic
def response_import_create(*, actor, consultation: Consultation, file_name: str, content: bytes):
    """Hold an uploaded survey export for its column preview, with a guessed mapping."""
    import hashlib

    from .models import ResponseImport
    from .selectors import questions_of
    from .survey_csv import SurveyFileError, guess_mapping, read_survey

    if len(content) > MAX_SURVEY_FILE_BYTES:
        raise ValidationError(
            {"file": f"{file_name} is larger than 20 MB. Export only the responses."}
        )
    if not file_name.lower().endswith((".csv", ".txt", ".tsv")):
        raise ValidationError(
            {"file": f"{file_name} is not a CSV file. Export the survey's responses as CSV."}
        )
    digest = hashlib.sha256(content).hexdigest()
    earlier = consultation.response_imports.filter(
        sha256=digest, confirmed_at__isnull=False
    ).first()
    if earlier:
        raise ValidationError(
            {
                "file": f"{file_name} was imported on {timezone.localtime(earlier.confirmed_at):%-d %B %Y at %H:%M}: its responses are already counted."
            }
        )
    try:
        survey = read_survey(file_name, content)
    except SurveyFileError as error:
        raise ValidationError({"file": str(error)}) from None
    pending = ResponseImport(
        consultation=consultation,
        file_name=file_name,
        sha256=digest,
        content=content,
        mapping={str(k): v for k, v in guess_mapping(survey, questions_of(consultation)).items()},
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
def response_import_confirm(*, actor, pending, mapping: dict[int, str]) -> int:
    """Import every response of the file with the columns mapped as given, or nothing: a
    ValidationError lists each bad cell by file, row and column. Returns the count."""
    from .selectors import questions_of
    from .survey_csv import SKIP, parse_responses, read_survey

    if pending.confirmed_at:
        raise ValidationError(f"{pending.file_name} has already been imported.")
    consultation = pending.consultation
    questions = questions_of(consultation)
    survey = read_survey(pending.file_name, bytes(pending.content))
    targets = [t for t in mapping.values() if t != SKIP]
    duplicated = {t for t in targets if targets.count(t) > 1}
    if duplicated:
        names = {str(q.pk): q.short_label for q in questions}
        raise ValidationError(
            "Each question can take only one column: "
            + ", ".join(sorted(names.get(t, t) for t in duplicated))
            + " is chosen for more than one."
        )
    if not any(t.isdigit() for t in targets):
        raise ValidationError("Choose the question that at least one column answers.")
    responses, errors, _blank = parse_responses(survey, mapping, questions)
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
def response_import_cancel(*, pending) -> None:
    if pending.confirmed_at is None:
        pending.delete()
