"""Reads of strategic assessments: what a person may see of them."""

from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.utils import translation
from django.utils.translation import gettext

from saferplan.crimedata.comparisons import Comparison, ComparisonRow
from saferplan.crimedata.peers import Peers, peers
from saferplan.crimedata.periods import Period
from saferplan.crimedata.selectors import place_name
from saferplan.plans.models import Plan, Priority

from . import matrix
from .models import (
    Candidate,
    Criterion,
    Finding,
    PlanReview,
    PriorityEvidence,
    Recommendation,
    Risk,
    RiskKind,
    Score,
    StrategicAssessment,
)


def assessments_of(*, partnership) -> QuerySet[StrategicAssessment]:
    return partnership.assessments.all()


def findings_of(*, assessment: StrategicAssessment, user) -> QuerySet[Finding]:
    """Its findings for `user`: OFFICIAL-SENSITIVE ones for the partnership's members only."""
    return (
        assessment.findings.visible_to(user, partnership_ids={assessment.partnership_id})
        .select_related("approved_by")
        .order_by("position", "pk")
    )


def risks_of(*, assessment: StrategicAssessment, user) -> QuerySet[Risk]:
    """Top risks first ("top" sorts after "emerging"), each kind in the order recorded."""
    return assessment.risks.visible_to(user, partnership_ids={assessment.partnership_id}).order_by(
        "-kind", "position", "pk"
    )


@dataclass(frozen=True)
class MatrixRow:
    """An issue of the matrix as its page shows it: its scores by criterion and its place."""

    candidate: Candidate
    scores: dict[str, Score]
    ranked: matrix.Ranked

    @property
    def cells(self) -> list[Score | None]:
        return [self.scores.get(criterion) for criterion in matrix.CRITERIA]

    @property
    def missing(self) -> list[str]:
        labels = dict(Criterion.choices)
        return [labels[c].lower() for c in self.ranked.scored.missing]


def matrix_of(*, assessment: StrategicAssessment, user) -> list[MatrixRow]:
    """The matrix's issues `user` may see, ranked (matrix.ranking): two queries."""
    partnership_ids = {assessment.partnership_id}
    candidates = (
        assessment.candidates.visible_to(user, partnership_ids=partnership_ids)
        .select_related("finding", "concern_question", "concern_theme")
        .prefetch_related(
            Prefetch("scores", Score.objects.visible_to(user, partnership_ids=partnership_ids))
        )
    )
    by_candidate = {}
    scored = []
    for candidate in candidates:
        scores = {score.criterion: score for score in candidate.scores.all()}
        by_candidate[candidate.pk] = (candidate, scores)
        scored.append(
            matrix.Scored(candidate.pk, {c: getattr(scores.get(c), "value", None) for c in scores})
        )
    return [
        MatrixRow(*by_candidate[ranked.scored.key], ranked=ranked)
        for ranked in matrix.ranking(scored)
    ]


def police_uk_held(*, assessment: StrategicAssessment) -> list[dict]:
    """The police.uk periods wholly held that its findings were drafted from (as the draft
    kept them: services.assessments.rests_on), each named in the page's language."""
    held = []
    for cover in assessment.rests_on.get("police_uk", []):
        if not cover.get("complete"):
            continue
        try:
            label = Period.parse(cover["period"]).label
        except (KeyError, ValueError):
            label = cover.get("label", "")
        held.append({**cover, "label": label})
    return held


def peers_of(*, assessment: StrategicAssessment) -> Peers:
    """The partnership beside its most similar peers over the assessment's period."""
    return peers(assessment.partnership, Period(assessment.period_start, assessment.period_end))


def recommendations_of(*, assessment: StrategicAssessment, user) -> QuerySet[Recommendation]:
    return assessment.recommendations.visible_to(
        user, partnership_ids={assessment.partnership_id}
    ).order_by("position", "pk")


OTHER_SOURCES = "Other sources: "


def comparisons_of(assessment: StrategicAssessment, findings: list[Finding]) -> list[Comparison]:
    """The findings drawn from figures, as the comparison they were drafted from: one per
    source, in the findings' order (all crime and ASB, then the decreases and increases),
    rebuilt from what the assessment stored, not from today's data (which may have grown
    or been corrected since the board agreed it)."""
    period = Period(assessment.period_start, assessment.period_end)
    against = Period(assessment.against_start, assessment.against_end)
    place = place_name(assessment.partnership)
    with translation.override("en"):  # as services.assessments wrote it
        periods = f": {period.label} against {against.label}"
    by_source: dict[str, list[ComparisonRow]] = {}
    for finding in findings:
        if finding.current is None or finding.previous is None:
            continue
        # "Other sources: Hertfordshire Strategic Assessment 2022: January – December 2022
        # against …" (services.assessments) names the source once: here, without the periods.
        source = finding.source.removesuffix(periods)
        source = source.removeprefix(OTHER_SOURCES)
        by_source.setdefault(source, []).append(
            ComparisonRow(
                finding.key,
                finding.name,
                finding.unit,
                finding.current,
                finding.previous,
                top=finding.top,
            )
        )
    return [Comparison(place, source, period, against, rows) for source, rows in by_source.items()]


@dataclass
class PublishedAssessment:
    """What the public sees of the partnership's published assessment: never anything
    OFFICIAL-SENSITIVE."""

    assessment: StrategicAssessment
    comparisons: list[Comparison]
    findings: list[Finding]  # the findings without figures (a survey's result, a report's)
    top_risks: list[Risk] = field(default_factory=list)
    emerging_risks: list[Risk] = field(default_factory=list)
    recommendations: list[Recommendation] = field(default_factory=list)

    @property
    def heading(self) -> str:
        """ "What does our Strategic Assessment 2022 tell us?", as seed 002 heads it: the
        title without the partnership's name in front."""
        title = self.assessment.title
        for name in (self.assessment.partnership.name, self.comparisons_place):
            if name and title.startswith(name + " "):
                title = title.removeprefix(name + " ")
        if "strategic assessment" not in title.lower():
            return gettext("What does our strategic assessment tell us?")
        return gettext("What does our %(title)s tell us?") % {"title": title}

    @property
    def comparisons_place(self) -> str:
        return place_name(self.assessment.partnership)


@dataclass
class AssessmentReport:
    """An assessment as its Word and PDF documents show it to `user`: a member sees the
    OFFICIAL-SENSITIVE parts too, and the document is then marked so."""

    assessment: StrategicAssessment
    comparisons: list[Comparison]
    findings: list[Finding]
    top_risks: list[Risk]
    emerging_risks: list[Risk]
    recommendations: list[Recommendation]
    priority_links: list[PriorityEvidence]

    @property
    def holds_sensitive(self) -> bool:
        marked = [*self.findings, *self.top_risks, *self.emerging_risks, *self.recommendations]
        return any(record.is_sensitive for record in marked)

    @property
    def marking(self) -> str:
        return "OFFICIAL-SENSITIVE" if self.holds_sensitive else "OFFICIAL"


def assessment_report(*, assessment: StrategicAssessment, user) -> AssessmentReport:
    findings = list(findings_of(assessment=assessment, user=user))
    risks = list(risks_of(assessment=assessment, user=user))
    return AssessmentReport(
        assessment=assessment,
        comparisons=comparisons_of(assessment, findings),
        findings=findings,
        top_risks=[r for r in risks if r.kind == RiskKind.TOP],
        emerging_risks=[r for r in risks if r.kind == RiskKind.EMERGING],
        recommendations=list(recommendations_of(assessment=assessment, user=user)),
        priority_links=list(priority_links_of(assessment=assessment)),
    )


def withheld_from_public(*, assessment: StrategicAssessment) -> dict[str, int]:
    """How many of its findings, risks and recommendations are OFFICIAL-SENSITIVE, and so
    left off the published plan (the coordinator is told before publishing)."""
    sensitive = {
        "findings": assessment.findings.count() - assessment.findings.not_sensitive().count(),
        "risks": assessment.risks.count() - assessment.risks.not_sensitive().count(),
        "recommendations": assessment.recommendations.count()
        - assessment.recommendations.not_sensitive().count(),
    }
    return {name: n for name, n in sensitive.items() if n}


def published_assessment(*, partnership) -> PublishedAssessment | None:
    """The partnership's published assessment (there is one at most) as the published plan
    shows it, or None."""
    assessment = (
        partnership.assessments.filter(published_on__isnull=False)
        .select_related("partnership")
        .first()
    )
    if assessment is None:
        return None
    findings = list(assessment.findings.not_sensitive().order_by("position", "pk"))
    risks = list(assessment.risks.not_sensitive().order_by("position", "pk"))
    return PublishedAssessment(
        assessment=assessment,
        comparisons=comparisons_of(assessment, findings),
        findings=[f for f in findings if f.current is None or f.previous is None],
        top_risks=[r for r in risks if r.kind == RiskKind.TOP],
        emerging_risks=[r for r in risks if r.kind == RiskKind.EMERGING],
        recommendations=list(assessment.recommendations.not_sensitive()),
    )


def priority_links_of(*, assessment: StrategicAssessment) -> QuerySet[PriorityEvidence]:
    return assessment.priority_links.select_related("priority__plan", "candidate")


def evidence_of(*, priority, user) -> tuple[PriorityEvidence | None, list[Finding]]:
    """The priority's link to the assessment it was set from and the findings behind it
    that `user` may see (OFFICIAL-SENSITIVE ones for the partnership's members only)."""
    partnership_ids = {priority.plan.partnership_id}
    evidence = (
        PriorityEvidence.objects.filter(priority=priority)
        .visible_to(user, partnership_ids=partnership_ids)
        .select_related("assessment__partnership", "candidate")
        .first()
    )
    if evidence is None:
        return None, []
    findings = list(evidence.findings.visible_to(user, partnership_ids=partnership_ids))
    candidate = evidence.candidate
    if candidate is not None and not (
        Candidate.objects.filter(pk=candidate.pk)
        .visible_to(user, partnership_ids=partnership_ids)
        .exists()
    ):
        evidence.candidate = None
    return evidence, findings


def priorities_to_link(*, partnership) -> QuerySet[Priority]:
    """The priorities of the partnership's plans, newest plan first."""
    return (
        Priority.objects.filter(plan__partnership=partnership)
        .select_related("plan")
        .order_by("-plan__period_start", "-plan__pk", "number")
    )


def review_of(*, plan, user) -> "PlanReview | None":
    """The plan's review, unless it is OFFICIAL-SENSITIVE and `user` is not a member."""
    return (
        PlanReview.objects.filter(plan=plan)
        .visible_to(user, partnership_ids={plan.partnership_id})
        .first()
    )


def reviews_for(*, assessment: StrategicAssessment, user) -> QuerySet["PlanReview"]:
    """Reviews of the partnership's plans that ran during the assessment's period: what the
    partnership learned, for the assessment to build on."""
    return (
        PlanReview.objects.filter(
            plan__partnership_id=assessment.partnership_id,
            plan__period_start__lte=assessment.period_end,
            plan__period_end__gte=assessment.period_start,
        )
        .visible_to(user, partnership_ids={assessment.partnership_id})
        .select_related("plan")
    )


def plans_to_review(*, partnership) -> QuerySet[Plan]:
    """The partnership's plans with their reviews, newest first."""
    return (
        Plan.objects.filter(partnership=partnership)
        .select_related("review")
        .order_by("-period_start", "title")
    )
