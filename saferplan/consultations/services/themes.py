"""Themes of free-text answers: suggested by the machine (theming.py), then created,
renamed, merged, split and deleted by a person, and the themes an answer carries."""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from saferplan.core import audit
from saferplan.core.models import AuditEvent
from saferplan.plans.models import Action

from ..models import Answer, Question, QuestionKind, Theme

if TYPE_CHECKING:
    from saferplan.accounts.models import User


def _theme_log(
    theme: Theme, action: str, actor: "User", changes: audit.Changes | None = None, reason: str = ""
) -> None:
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
def themes_suggest(*, actor: "User", question: Question, count: int) -> list[Theme]:
    """Replace the themes of the answers to `question` with `count` suggested ones, each
    answer carrying the themes it belongs to (see saferplan.consultations.theming)."""
    # Imported here: scikit-learn takes a second to load, which pages that suggest no
    # themes (and the worker) need not pay for.
    from ..theming import suggest_themes

    if question.kind != QuestionKind.FREE_TEXT:
        raise ValueError(f"{question} is not a free-text question")
    consultation = question.consultation
    answers = list(question.answers.only("pk", "text").order_by("pk"))
    if not answers:
        raise ValidationError(_("There are no answers to this question to group into themes yet."))
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
def theme_create(*, actor: "User", question: Question, name: str) -> Theme:
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
            raise ValidationError(
                {"name": _("There is already a theme called “%(name)s”.") % {"name": name}}
            ) from None
        raise


THEME_FIELDS = ["name", "we_did", "actions"]


@transaction.atomic
def theme_update(
    *,
    actor: "User",
    theme: Theme,
    name: str,
    we_did: str = "",
    actions: Iterable[Action] = (),
) -> Theme:
    actions = list(actions)
    partnership_id = theme.consultation.partnership_id
    if any(a.priority.plan.partnership_id != partnership_id for a in actions):
        raise ValidationError({"actions": _("Choose actions of this partnership's plans.")})
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
def themes_merge(*, actor: "User", theme: Theme, others: Iterable[Theme]) -> Theme:
    """Move every answer of `others` into `theme` and delete them."""
    others = [o for o in others if o.pk != theme.pk]
    if not others:
        raise ValidationError(
            {"others": _("Choose at least one other theme to merge into this one.")}
        )
    if any(o.question_id != theme.question_id for o in others):
        raise ValidationError({"others": _("Choose themes of the same question.")})
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
def theme_split(*, actor: "User", theme: Theme, answers: Iterable[Answer], name: str) -> Theme:
    """Move the chosen answers of `theme` to a new theme called `name`."""
    answers = list(answers)
    if not answers:
        raise ValidationError({"answers": _("Choose the answers to move to the new theme.")})
    if any(not a.themes.filter(pk=theme.pk).exists() for a in answers):
        raise ValidationError({"answers": _("Choose answers of this theme.")})
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
def theme_delete(*, actor: "User", theme: Theme) -> None:
    _theme_log(theme, AuditEvent.Action.DELETE, actor)
    theme.delete()


@transaction.atomic
def answer_themes_set(*, actor: "User", answer: Answer, themes: Iterable[Theme]) -> Answer:
    themes = list(themes)
    if any(t.question_id != answer.question_id for t in themes):
        raise ValidationError({"themes": _("Choose themes of the question this answers.")})
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
