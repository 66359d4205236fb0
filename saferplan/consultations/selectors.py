"""Reads of consultations: the results (counts, percentages, breakdowns and sentences),
free-text answers and themes. Each page's query count stays the same however many
responses there are: counting is done by the database."""

from dataclasses import dataclass, field

from django.db.models import Count, F, Prefetch, QuerySet

from saferplan.core import clock

from . import summary
from .models import (
    NOT_RELEVANT,
    RELEVANT,
    AboutYou,
    Answer,
    Consultation,
    Question,
    QuestionKind,
    Relevance,
    Section,
    Theme,
)

RELEVANCE_LABELS = dict(Relevance.choices)


@dataclass
class AnswerCount:
    label: str
    count: int
    percent: float | None


@dataclass
class RelevanceResult:
    question: Question
    number: int
    answered: int
    relevant: int
    not_relevant: int
    counts: list[AnswerCount]

    @property
    def label(self) -> str:
        return self.question.short_label

    @property
    def subject(self) -> str:
        return self.question.subject

    @property
    def percent_relevant(self) -> float:
        return 100 * self.relevant / self.answered if self.answered else 0.0

    @property
    def percent_not_relevant(self) -> float:
        return 100 * self.not_relevant / self.answered if self.answered else 0.0

    @property
    def dont_know(self) -> int:
        return self.answered - self.relevant - self.not_relevant


@dataclass
class ChoiceResult:
    question: Question
    answered: int
    counts: list[AnswerCount]


@dataclass
class BreakdownCell:
    relevant: int
    answered: int

    @property
    def percent(self) -> float | None:
        return 100 * self.relevant / self.answered if self.answered else None


@dataclass
class Breakdown:
    question: Question
    groups: list[str]
    rows: list[tuple[RelevanceResult, list[BreakdownCell]]]
    respondents: list[int]  # per group


@dataclass
class ConsultationResults:
    consultation: Consultation
    respondents: int
    aims: list[RelevanceResult] = field(default_factory=list)
    priorities: list[RelevanceResult] = field(default_factory=list)
    free_text: list[tuple[Question, int]] = field(default_factory=list)
    about_you: list[ChoiceResult] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)

    @property
    def relevance(self) -> list[RelevanceResult]:
        return self.aims + self.priorities

    @property
    def breakdown_questions(self) -> list[Question]:
        return [r.question for r in self.about_you]


def _percent(count: int, total: int) -> float | None:
    return 100 * count / total if total else None


def questions_of(consultation: Consultation) -> list[Question]:
    return list(consultation.questions.select_related("aim", "priority"))


def consultation_results(consultation: Consultation, *, today=None) -> ConsultationResults:
    """Everything the results page shows but a breakdown: three queries."""
    questions = questions_of(consultation)
    counts: dict[int, dict[str, int]] = {}
    for row in (
        Answer.objects.filter(question_id__in=[q.pk for q in questions])
        .values("question_id", "choice")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        counts.setdefault(row["question_id"], {})[row["choice"]] = row["n"]
    results = ConsultationResults(
        consultation=consultation, respondents=consultation.responses.count()
    )
    for question in questions:
        by_choice = counts.get(question.pk, {})
        answered = sum(by_choice.values())
        if question.kind == QuestionKind.RELEVANCE:
            values = [r for r in Relevance if r in by_choice or r in _FORM_ORDER]
            result = RelevanceResult(
                question=question,
                number=question.number,
                answered=answered,
                relevant=sum(n for c, n in by_choice.items() if c in RELEVANT),
                not_relevant=sum(n for c, n in by_choice.items() if c in NOT_RELEVANT),
                counts=[
                    AnswerCount(
                        RELEVANCE_LABELS[v],
                        by_choice.get(v, 0),
                        _percent(by_choice.get(v, 0), answered),
                    )
                    for v in values
                ],
            )
            (results.aims if question.section == Section.AIMS else results.priorities).append(
                result
            )
        elif question.kind == QuestionKind.FREE_TEXT:
            results.free_text.append((question, answered))
        else:
            results.about_you.append(
                ChoiceResult(
                    question=question,
                    answered=answered,
                    counts=[
                        AnswerCount(c, by_choice.get(c, 0), _percent(by_choice.get(c, 0), answered))
                        for c in question.choices
                    ],
                )
            )
    results.summary = _sentences(results, today or clock.today())
    return results


_FORM_ORDER = {
    Relevance.VERY,
    Relevance.FAIRLY,
    Relevance.NOT_VERY,
    Relevance.NOT_AT_ALL,
    Relevance.DONT_KNOW,
}


def _sentences(results: ConsultationResults, today) -> list[str]:
    consultation = results.consultation
    sentences: list[str | None] = [
        summary.respondents_sentence(
            respondents=results.respondents,
            opens_on=consultation.opens_on,
            closes_on=consultation.closes_on,
            today=today,
        )
    ]
    if results.respondents:
        sentences.append(summary.relevance_sentence(results.aims, "aim", "aims"))
        sentences.append(summary.relevance_sentence(results.priorities, "priority", "priorities"))
        for question, answered in results.free_text:
            about = (
                "commented on the aims"
                if question.section == Section.AIMS
                else "said what more the partnership could do"
            )
            sentences.append(summary.comments_sentence(answered, about))
    return [s for s in sentences if s]


def breakdown(results: ConsultationResults, about_question: Question) -> Breakdown:
    """The share finding each aim and priority relevant, group by group of an about-you
    question (area, age band…): one query."""
    cells: dict[tuple[int, str], list[int]] = {}
    # Grouped by the answer itself too, with one plain count: cheaper for the database than
    # a filtered count, and "relevant" is added up here from at most a few hundred rows.
    for row in (
        Answer.objects.filter(
            question_id__in=[r.question.pk for r in results.relevance],
            response__answers__question=about_question,
        )
        .values("question_id", "choice", group=F("response__answers__choice"))
        .annotate(n=Count("pk"))
        .order_by()
    ):
        cell = cells.setdefault((row["question_id"], row["group"]), [0, 0])
        cell[1] += row["n"]
        if row["choice"] in RELEVANT:
            cell[0] += row["n"]
    respondents = dict(
        about_question.answers.values_list("choice").annotate(n=Count("pk")).order_by()
    )
    groups = [g for g in about_question.choices if respondents.get(g)]
    rows = [
        (
            result,
            [BreakdownCell(*cells.get((result.question.pk, g), [0, 0])) for g in groups],
        )
        for result in results.relevance
    ]
    return Breakdown(
        question=about_question,
        groups=groups,
        rows=rows,
        respondents=[respondents.get(g, 0) for g in groups],
    )


def partnership_consultations(partnership) -> QuerySet[Consultation]:
    return (
        partnership.consultations.select_related("plan")
        .annotate(respondents=Count("responses", distinct=True))
        .order_by("-opens_on", "-pk")
    )


def why_not_public(consultation: Consultation, *, today=None) -> str:
    """Why the public cannot read the consultation at its address yet, or "" if it can
    (the rule is Consultation.objects.public)."""
    today = today or clock.today()
    if Consultation.objects.public(today=today).filter(pk=consultation.pk).exists():
        return ""
    if consultation.opens_on > today:
        return (
            f"It opens on {consultation.opens_on.day} {consultation.opens_on:%B %Y}: until "
            "then only the partnership's members can see it."
        )
    return (
        f"Only the partnership's members can see it until {consultation.partnership} "
        "publishes a plan."
    )


def open_consultations(partnership, *, today=None) -> list[Consultation]:
    """The consultations the public can answer today, closing soonest first: the published
    plan invites its readers to them."""
    today = today or clock.today()
    return list(
        partnership.consultations.public(today=today)
        .filter(closes_on__gte=today)
        .order_by("closes_on", "pk")
    )


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


ABOUT_YOU_LABELS = dict(AboutYou.choices)


def results_rows(results: ConsultationResults):
    """The results as rows of (question, answer, respondents, per cent) for CSV."""

    def per_cent(value):
        return "" if value is None else f"{value:.1f}"

    yield ("All", "Respondents", results.respondents, "")
    for result in results.relevance:
        for count in result.counts:
            yield (result.question.text, count.label, count.count, per_cent(count.percent))
        yield (
            result.question.text,
            "Relevant (very or fairly, or yes)",
            result.relevant,
            per_cent(result.percent_relevant if result.answered else None),
        )
    for question, answered in results.free_text:
        yield (question.text, "Answered in their own words", answered, "")
    for choice in results.about_you:
        for count in choice.counts:
            yield (choice.question.text, count.label, count.count, per_cent(count.percent))


@dataclass
class YouSaid:
    """One theme for "You said, we did": what people said (its name, how many, quotes a
    coordinator approved) and what the partnership did."""

    theme: Theme
    count: int
    quotes: list[str]
    actions: list  # OFFICIAL actions of published plans only


@dataclass
class PublishedConsultation:
    results: ConsultationResults
    themes: list[tuple[Question, list[tuple[str, int]]]]  # per question: (name, answers)
    you_said: list[YouSaid]

    @property
    def consultation(self) -> Consultation:
        return self.results.consultation


def published_consultation(partnership, *, today=None) -> PublishedConsultation | None:
    """The latest closed consultation of the partnership, as the published plan shows it:
    counts, sentences, theme counts and "You said, we did". Only themes a person has
    named or saved (a suggestion's name is a machine's guess). Never a respondent's contact
    details, never an answer a coordinator has not approved, never an OFFICIAL-SENSITIVE
    action or one of an unpublished plan."""
    from saferplan.core.models import Marking
    from saferplan.plans.models import Action, PlanStatus

    today = today or clock.today()
    consultation = (
        partnership.consultations.filter(closes_on__lt=today).order_by("-closes_on", "-pk").first()
    )
    if consultation is None:
        return None
    results = consultation_results(consultation, today=today)
    themes = list(
        consultation.themes.filter(suggested=False)
        .annotate(answer_count=Count("answers"))
        .select_related("question")
        .prefetch_related(
            Prefetch(
                "actions",
                queryset=Action.objects.exclude(marking=Marking.OFFICIAL_SENSITIVE)
                .filter(priority__plan__status=PlanStatus.PUBLISHED)
                .order_by("priority__number", "position", "pk"),
                to_attr="public_actions",
            ),
            Prefetch(
                "answers",
                queryset=Answer.objects.filter(approved_for_publication=True).order_by("pk"),
                to_attr="approved_answers",
            ),
        )
        .order_by("question__position", "-answer_count", "name")
    )
    by_question: dict[int, tuple[Question, list[tuple[str, int]]]] = {}
    for theme in themes:
        if theme.answer_count:
            by_question.setdefault(theme.question_id, (theme.question, []))[1].append(
                (theme.name, theme.answer_count)
            )
    you_said = [
        YouSaid(
            theme=theme,
            count=theme.answer_count,
            quotes=[a.text for a in theme.approved_answers],
            actions=theme.public_actions,
        )
        for theme in themes
        if theme.we_did or theme.public_actions
    ]
    return PublishedConsultation(
        results=results,
        themes=list(by_question.values()),
        you_said=you_said,
    )


def consultation_for_report(partnership, *, period_end, today=None) -> dict | None:
    """The partnership's latest consultation that had opened by the end of a board report's
    period, as the report keeps it: plain values (an issued report stores them as JSON).
    Counts and theme names only: members read the answers themselves on their own pages."""
    consultation = (
        partnership.consultations.filter(opens_on__lte=period_end)
        .order_by("-opens_on", "-pk")
        .first()
    )
    if consultation is None:
        return None
    results = consultation_results(consultation, today=today)
    themes = []
    for question in free_text_questions(consultation):
        counted = [
            {"name": name, "count": count, "suggested": suggested}
            for name, count, suggested in question.themes.annotate(answer_count=Count("answers"))
            .order_by("-answer_count", "name")
            .values_list("name", "answer_count", "suggested")
        ]
        if counted:
            themes.append({"question": question.text, "themes": counted})
    return {
        "title": consultation.title,
        "dates": f"{consultation.opens_on:%-d %B %Y} to {consultation.closes_on:%-d %B %Y}",
        "respondents": results.respondents,
        "summary": results.summary,
        "relevance": [
            {
                "label": r.label,
                "subject": r.subject,
                "relevant": r.relevant,
                "answered": r.answered,
                "percent": f"{r.percent_relevant:.0f}%" if r.answered else "–",
            }
            for r in results.relevance
        ],
        "themes": themes,
    }


def import_preview_of(pending) -> tuple[list, int]:
    """(the survey file's columns, its number of rows) for the column preview: as read at
    upload, so that a preview viewed again does not parse the file again. An upload held
    from before they were kept is read from its file."""
    from .survey_csv import Column, read_survey

    if pending.columns:
        return [Column(**column) for column in pending.columns], pending.row_count
    survey = read_survey(pending.file_name, bytes(pending.content))
    return survey.columns, len(survey.rows)
