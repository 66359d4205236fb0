"""Writes of the priority-setting matrix (docs/adr/0029-priority-setting-matrix.md): its
issues with the scores the data suggests, the scores the partnership gives (with a reason
when they differ from the suggestion) and a plan priority's link to its evidence.

A suggestion is worked out again whenever what it rests on changes (the issue's category,
its consultation question or theme); a score the partnership gave itself stays as given,
its reason with it."""

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext, gettext_lazy

from saferplan.core import audit
from saferplan.crimedata import categories
from saferplan.crimedata.selectors import TOP_SERIES
from saferplan.plans.models import PlanKind

from .. import harm, matrix
from ..models import Candidate, Criterion, Finding, PriorityEvidence, Score, StrategicAssessment

if TYPE_CHECKING:
    from saferplan.accounts.models import User
    from saferplan.consultations.models import Question, Theme
    from saferplan.plans.models import Plan, Priority

CANDIDATE_FIELDS = ["name", "category", "concern_question", "concern_theme", "marking"]
SCORE_FIELDS = ["value", "why", "marking"]
EVIDENCE_FIELDS = ["assessment", "candidate", "findings", "note", "marking"]


def _is_total(finding: Finding) -> bool:
    """All crime: the whole, not an issue to score."""
    return finding.key == categories.ALL_CRIME or finding.name.strip().lower() == "all crime"


def _records_of_period(findings: Iterable[Finding]) -> dict[str, float]:
    """source → every record of the period it counts (all crime and ASB), the volume's
    denominator."""
    totals: dict[str, float] = {}
    for finding in findings:
        top = finding.key in (categories.ALL_CRIME, categories.ASB) or (
            finding.key.startswith("series-") and finding.name.strip().lower() in TOP_SERIES
        )
        if top and finding.current is not None and finding.unit != "per cent":
            totals[finding.source] = totals.get(finding.source, 0) + float(finding.current)
    return totals


# The county's names for series that count exactly one police.uk category (seed 002's
# table), so that their harm is suggested too. Others ("Assault with injury") are part of a
# category: the analyst chooses.
COUNTY_NAMES = {
    "theft shop": categories.Category.SHOPLIFTING.value,
    "theft person": categories.Category.THEFT_FROM_THE_PERSON.value,
    "theft from person": categories.Category.THEFT_FROM_THE_PERSON.value,
    "cycle theft": categories.Category.BICYCLE_THEFT.value,
}


def category_of(name: str, key: str = "") -> str:
    """The police.uk category a finding counts, by its key or else its name."""
    if key in categories.Category.values:
        return key
    return categories.category_for(name) or COUNTY_NAMES.get(name.strip().lower(), "")


def _concern(candidate: Candidate) -> matrix.Suggestion:
    # Imported here: consultations' answer rules, read only when an issue is linked.
    from saferplan.consultations.models import RELEVANT, Answer

    question, theme = candidate.concern_question, candidate.concern_theme
    if question is not None:
        answers = Answer.objects.filter(question=question)
        return matrix.concern_from_relevance(
            answers.filter(choice__in=RELEVANT).count(), answers.count(), question.text
        )
    if theme is not None:
        return matrix.concern_from_theme(
            theme.answers.count(),
            Answer.objects.filter(question_id=theme.question_id).count(),
            theme.name,
        )
    return matrix.no_concern()


def suggestions(candidate: Candidate, totals: dict[str, float]) -> dict[str, matrix.Suggestion]:
    """What the data suggests for each criterion of `candidate`."""
    finding = candidate.finding
    label = categories.label(candidate.category) if candidate.category else ""
    if finding is None:
        volume = trend = matrix.Suggestion(None, gettext("No finding: the data does not count it."))
    else:
        counted = finding.unit in ("offences", "incidents")
        volume = matrix.volume(
            finding.current if counted else None,
            totals.get(finding.source) if counted else None,
            police_uk=finding.key in categories.Category.values,
        )
        trend = matrix.trend(finding.verdict, finding.current, finding.previous)
    return {
        Criterion.VOLUME: volume,
        Criterion.TREND: trend,
        Criterion.HARM: matrix.harm(harm.weight_of(candidate.category), label),
        Criterion.CONCERN: _concern(candidate),
        Criterion.JUDGEMENT: matrix.judgement(),
    }


def _suggest(candidate: Candidate, *, actor, totals: dict[str, float] | None = None) -> None:
    """The candidate's scores brought up to date with what the data suggests; a score that
    followed the suggestion follows it still, one the partnership gave stays."""
    if totals is None:
        totals = _records_of_period(candidate.assessment.findings.all())
    existing = {score.criterion: score for score in candidate.scores.all()}
    for criterion, suggestion in suggestions(candidate, totals).items():
        score = existing.get(criterion)
        if score is None:
            Score.objects.create(
                candidate=candidate,
                criterion=criterion,
                value=suggestion.value,
                suggested=suggestion.value,
                basis=suggestion.basis,
                created_by=actor,
                modified_by=actor,
            )
            continue
        followed = score.value == score.suggested and not score.why
        score.suggested, score.basis = suggestion.value, suggestion.basis
        if followed:
            score.value = suggestion.value
        score.modified_by = actor
        score.save()


def candidates_from_findings(*, actor: "User", assessment: StrategicAssessment) -> int:
    """An issue for each finding but all crime, its scores suggested (part of drafting the
    assessment, audited with it). Returns how many."""
    findings = list(assessment.findings.all())
    totals = _records_of_period(findings)
    made = 0
    for finding in findings:
        if _is_total(finding):
            continue
        made += 1
        candidate = Candidate.objects.create(
            assessment=assessment,
            position=made,
            name=finding.name,
            finding=finding,
            category=category_of(finding.name, finding.key),
            created_by=actor,
            modified_by=actor,
        )
        _suggest(candidate, actor=actor, totals=totals)
    return made


def _scores_summary(candidate: Candidate) -> dict[str, str]:
    return {
        "scores": ", ".join(
            f"{score.get_criterion_display()} {score.value or '–'}"
            for score in candidate.scores.order_by("pk")
        )
    }


def _check_concern(assessment: StrategicAssessment):
    def check(candidate: Candidate) -> None:
        if candidate.concern_question_id and candidate.concern_theme_id:
            raise ValidationError(
                gettext_lazy("Choose a consultation question or a theme, not both.")
            )
        for linked in (candidate.concern_question, candidate.concern_theme):
            if linked is not None and linked.consultation.partnership_id != (
                assessment.partnership_id
            ):
                raise ValidationError(gettext_lazy("That consultation is not this partnership's."))
        if candidate.category and candidate.category not in categories.Category.values:
            raise ValidationError(
                {"category": gettext_lazy("Choose a police.uk category or none.")}
            )

    return check


@transaction.atomic
def candidate_add(
    *,
    actor: "User",
    assessment: StrategicAssessment,
    name: str,
    category: str = "",
    concern_question: "Question | None" = None,
    concern_theme: "Theme | None" = None,
    marking: str = "official",
) -> Candidate:
    """An issue the data does not count (exploitation, VAWG), scored by the analyst."""
    assessment.refuse_if_agreed()
    candidate = audit.create(
        Candidate,
        actor=actor,
        partnership=assessment.partnership,
        logged_fields=CANDIDATE_FIELDS,
        check=_check_concern(assessment),
        assessment=assessment,
        position=assessment.candidates.count() + 1,
        name=name,
        category=category,
        concern_question=concern_question,
        concern_theme=concern_theme,
        marking=marking,
    )
    _suggest(candidate, actor=actor)
    return candidate


@transaction.atomic
def candidate_change(*, actor: "User", candidate: Candidate, **fields) -> Candidate:
    """Its name, category, consultation link and marking; the suggestions they drive are
    worked out again."""
    assessment = candidate.assessment
    assessment.refuse_if_agreed()
    candidate, _ = audit.change(
        candidate,
        actor=actor,
        partnership=assessment.partnership,
        logged_fields=CANDIDATE_FIELDS,
        check=_check_concern(assessment),
        logged_also=_scores_summary,
        **fields,
    )
    _suggest(candidate, actor=actor)
    return candidate


@transaction.atomic
def score_set(
    *, actor: "User", score: Score, value: int | None, why: str, marking: str = "official"
) -> Score:
    """The partnership's score for one criterion. A score other than the data's suggestion
    (or where there is none) needs its reason: the board reads why."""
    candidate = score.candidate
    candidate.assessment.refuse_if_agreed()
    why = why.strip()
    if value is not None and not 1 <= value <= 5:
        raise ValidationError({"value": gettext_lazy("A score is 1, 2, 3, 4 or 5.")})
    if value != score.suggested and not why:
        words = {"suggested": score.suggested, "criterion": score.get_criterion_display().lower()}
        raise ValidationError(
            {
                "why": (
                    gettext("Say why: the data suggests %(suggested)s for %(criterion)s.")
                    if score.suggested
                    else gettext("Say why: the data suggests no score for %(criterion)s.")
                )
                % words
            }
        )
    score, _ = audit.change(
        score,
        actor=actor,
        partnership=candidate.assessment.partnership,
        logged_fields=SCORE_FIELDS,
        reason=f"{candidate.name}: {score.get_criterion_display()}",
        value=value,
        why=why,
        marking=marking,
    )
    return score


@transaction.atomic
def priority_link(
    *,
    actor: "User",
    priority: "Priority",
    assessment: StrategicAssessment,
    findings: Iterable[Finding] = (),
    candidate: Candidate | None = None,
    note: str = "",
    marking: str = "official",
) -> PriorityEvidence:
    """The priority's evidence: the assessment it was set from, the findings that justify
    it and the matrix's issue. A priority has one such link; linking again replaces it."""
    findings = list(findings)
    if priority.plan.partnership_id != assessment.partnership_id:
        raise ValidationError(
            gettext_lazy("The priority and the assessment are different partnerships'.")
        )
    if any(f.assessment_id != assessment.pk for f in findings) or (
        candidate is not None and candidate.assessment_id != assessment.pk
    ):
        raise ValidationError(gettext_lazy("Choose findings and an issue of this assessment."))
    if not findings and candidate is None:
        raise ValidationError(
            gettext_lazy("Choose at least one finding or an issue of the matrix.")
        )
    values: dict[str, Any] = {
        "assessment": assessment,
        "candidate": candidate,
        "findings": findings,
        "note": note,
        "marking": marking,
    }
    existing = PriorityEvidence.objects.filter(priority=priority).first()
    if existing is None:
        return audit.create(
            PriorityEvidence,
            actor=actor,
            partnership=assessment.partnership,
            logged_fields=EVIDENCE_FIELDS,
            priority=priority,
            **values,
        )
    evidence, _ = audit.change(
        existing,
        actor=actor,
        partnership=assessment.partnership,
        logged_fields=EVIDENCE_FIELDS,
        **values,
    )
    return evidence


@transaction.atomic
def needs_assessment_link(
    *, actor: "User", assessment: StrategicAssessment, plan: "Plan | None"
) -> StrategicAssessment:
    """Name the Serious Violence Duty's strategic needs assessment (a plan of that kind, of
    the same partnership) this assessment is the evidence of; None takes the link off."""
    if plan is not None and (
        plan.partnership_id != assessment.partnership_id
        or plan.kind != PlanKind.SERIOUS_VIOLENCE_NEEDS
    ):
        raise ValidationError(
            {"plan": gettext_lazy("Choose a strategic needs assessment of the partnership.")}
        )
    assessment, _changes = audit.change(
        assessment,
        actor=actor,
        partnership=assessment.partnership,
        logged_fields=["serious_violence_needs"],
        serious_violence_needs=plan,
    )
    return assessment
