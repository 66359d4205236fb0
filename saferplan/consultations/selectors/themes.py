"""Free-text answers and their themes, as the people who read and theme them see them."""

from django.db.models import Count, Prefetch, QuerySet

from ..models import Answer, Consultation, Question, QuestionKind, Section, Theme
from .consultations import questions_of


def themes_with_counts(question: Question) -> QuerySet[Theme]:
    return question.themes.annotate(answer_count=Count("answers")).prefetch_related("actions")


def free_text_questions(consultation: Consultation) -> list[Question]:
    """Its free-text questions, the main one ("what more could the partnership do") first."""
    questions = [q for q in questions_of(consultation) if q.kind == QuestionKind.FREE_TEXT]
    return sorted(questions, key=lambda q: (q.section != Section.VIEWS, q.position))


def theme_examples(themes) -> dict[int, list[Answer]]:
    """Each theme's example answers still in it (one query for all themes)."""
    wanted = {pk for theme in themes for pk in theme.examples}
    by_pk = {
        a.pk: a
        for a in Answer.objects.filter(pk__in=wanted).prefetch_related(
            Prefetch("themes", queryset=Theme.objects.only("pk"))
        )
    }
    examples = {}
    for theme in themes:
        examples[theme.pk] = [
            by_pk[pk]
            for pk in theme.examples
            if pk in by_pk and any(t.pk == theme.pk for t in by_pk[pk].themes.all())
        ]
    return examples


def free_text_answers(
    consultation: Consultation, *, question=None, theme=None, unthemed=False
) -> QuerySet[Answer]:
    answers = (
        Answer.objects.filter(
            question__consultation=consultation, question__kind=QuestionKind.FREE_TEXT
        )
        .select_related("question")
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.only("pk", "name")))
        .order_by("question__position", "response__received_at", "pk")
    )
    if question is not None:
        answers = answers.filter(question=question)
    if theme is not None:
        answers = answers.filter(themes=theme)
    if unthemed:
        answers = answers.filter(themes=None)
    return answers


def unthemed_count(question: Question) -> int:
    return free_text_answers(question.consultation, question=question, unthemed=True).count()
