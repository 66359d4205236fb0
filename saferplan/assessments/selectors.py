"""Reads of strategic assessments: what a person may see of them."""

from django.db.models import QuerySet

from .models import Finding, Risk, StrategicAssessment


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
    return assessment.risks.visible_to(user, partnership_ids={assessment.partnership_id})
