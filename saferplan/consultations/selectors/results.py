"""The results of a consultation: counts, percentages, breakdowns by an about-you question
and sentences. Each page's query count stays the same however many responses there are:
counting is done by the database."""

from dataclasses import dataclass, field

from django.db.models import Count, F
from django.template.defaultfilters import floatformat

from saferplan.core import clock

from .. import shown, summary
from ..models import (
    FORM_SCALE,
    NOT_RELEVANT,
    RELEVANT,
    Answer,
    Consultation,
    Question,
    QuestionKind,
    Relevance,
    Section,
)
from ..shown import subject_key
from .consultations import questions_of

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
        return shown.label(self.question)

    @property
    def subject(self) -> str:
        return self.question.subject

    @property
    def subject_key(self) -> str:
        """Its aim or priority as the published plan's Welsh names it ("" for neither)."""
        question = self.question
        if question.aim_id is None and question.priority_id is None:
            return ""
        return subject_key(aim_id=question.aim_id, priority_id=question.priority_id)

    @property
    def percent_relevant(self) -> float:
        return 100 * self.relevant / self.answered if self.answered else 0.0

    @property
    def percent_not_relevant(self) -> float:
        return 100 * self.not_relevant / self.answered if self.answered else 0.0

    @property
    def relevant_text(self) -> str:
        """The "Relevant" cell of the published plan: "93% (280)", or "–" when unanswered."""
        if not self.answered:
            return "–"
        return f"{floatformat(self.percent_relevant, 0)}% ({self.relevant})"

    @property
    def answered_text(self) -> str:
        return str(self.answered)

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
            values = [r for r in Relevance if r in by_choice or r in FORM_SCALE]
            result = RelevanceResult(
                question=question,
                number=question.number,
                answered=answered,
                relevant=sum(n for c, n in by_choice.items() if c in RELEVANT),
                not_relevant=sum(n for c, n in by_choice.items() if c in NOT_RELEVANT),
                counts=[
                    AnswerCount(
                        str(RELEVANCE_LABELS[v]),
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
