"""A consultation as others read it: on the published plan (counts, sentences, theme counts
and "You said, we did") and in a board report (plain values)."""

from dataclasses import dataclass
from functools import cached_property

from django.db.models import Count, Prefetch
from django.utils import translation
from django.utils.translation import gettext

from saferplan.core import clock, languages

from ..models import Answer, Consultation, EnteredConsultation, Theme
from ..shown import subjects_in_welsh
from .entered import EnteredResults, entered_results
from .results import ConsultationResults, consultation_results
from .themes import free_text_questions


@dataclass
class YouSaid:
    """One theme for "You said, we did": what people said (its name, how many, quotes a
    coordinator approved) and what the partnership did."""

    theme: Theme
    count: int
    quotes: list[str]
    actions: list  # OFFICIAL actions of published plans only


@dataclass
class ThemeGroup:
    question: str  # what the comments answered ("" when an entered report did not say)
    themes: list[tuple[str, int | None]]  # (name, comments; None when not given)

    @property
    def counted(self) -> bool:
        return any(count is not None for _, count in self.themes)


@dataclass(frozen=True)
class ShownRelevance:
    label: str  # "Priority 4", in the page's language
    subject: str  # the priority's words
    relevant_text: str
    answered_text: str


@dataclass
class PublishedConsultation:
    results: "ConsultationResults | EnteredResults"
    themes: list[ThemeGroup]
    you_said: list[YouSaid]
    # Where entered results come from (a consultation run elsewhere), said beside them;
    # "" for results saferplan counted from the responses it holds.
    entered_from: str = ""

    @property
    def consultation(self) -> "Consultation | EnteredConsultation":
        return self.results.consultation

    @cached_property
    def relevance_shown(self) -> list[ShownRelevance]:
        """The relevance table's rows as the page, PDF and Word show them: on a Welsh page an
        aim's or priority's words in the partnership's own Welsh where it wrote them."""
        rows = self.results.relevance
        welsh = subjects_in_welsh(
            self.consultation.partnership, {r.subject_key: r.subject for r in rows if r.subject_key}
        )
        return [
            ShownRelevance(
                r.label, welsh.get(r.subject_key) or r.subject, r.relevant_text, r.answered_text
            )
            for r in rows
        ]


def published_consultation(partnership, *, today=None) -> PublishedConsultation | None:
    """The latest closed consultation of the partnership, as the published plan shows it:
    counts, sentences, theme counts and "You said, we did". Only themes a person has
    named or saved (a suggestion's name is a machine's guess). Never a respondent's contact
    details, never an answer a coordinator has not approved, never an OFFICIAL-SENSITIVE
    action or one of an unpublished plan."""
    from saferplan.plans.models import Action

    today = today or clock.today()
    consultation = (
        partnership.consultations.filter(closes_on__lt=today).order_by("-closes_on", "-pk").first()
    )
    entered = (
        partnership.entered_consultations.filter(closes_on__lt=today)
        .order_by("-closes_on", "-pk")
        .first()
    )
    if entered is not None and (consultation is None or entered.closes_on > consultation.closes_on):
        return _published_entered(entered, today)
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
                queryset=Action.objects.public().order_by("priority__number", "position", "pk"),
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
    by_question: dict[int, ThemeGroup] = {}
    for theme in themes:
        if theme.answer_count:
            by_question.setdefault(theme.question_id, ThemeGroup(_asked(theme.question.text), []))
            by_question[theme.question_id].themes.append((theme.name, theme.answer_count))
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


def _asked(text: str) -> str:
    """A question saferplan generated ("What more could the partnership do …"), in the page's
    language and knowing it (a `languages.Text`), so the page marks only what is not."""
    translated = gettext(text)
    if translated == text:
        return text
    return languages.in_language(translated, translation.get_language())


def _published_entered(entered: EnteredConsultation, today) -> PublishedConsultation:
    themes = [(t.name, t.count) for t in entered.themes.all()]
    return PublishedConsultation(
        results=entered_results(entered, today=today),
        themes=[ThemeGroup(entered.themes_question, themes)] if themes else [],
        you_said=[],
        entered_from=entered.source,
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
