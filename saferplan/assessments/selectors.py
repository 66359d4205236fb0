"""Reads of strategic assessments: what a person may see of them."""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from saferplan.plans.models import Plan, Priority

from . import matrix
from .models import (
    Candidate,
    Criterion,
    Finding,
    PlanReview,
    PriorityEvidence,
    Risk,
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
