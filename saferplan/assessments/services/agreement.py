"""Writes of what follows an assessment's drafting: the board's agreement (with the
meeting's decision, when the meeting is in saferplan), its recommendations, its published
summary and its withdrawal, and a plan's yearly review."""

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext, gettext_lazy

from saferplan.core import audit, languages
from saferplan.core.audit import Actor
from saferplan.meetings import services as meeting_services

from ..models import (
    AssessmentStatus,
    PlanReview,
    Recommendation,
    StrategicAssessment,
)

if TYPE_CHECKING:
    from saferplan.accounts.models import User
    from saferplan.meetings.models import Meeting


@transaction.atomic
def assessment_agree(
    *,
    actor: "User",
    assessment: StrategicAssessment,
    agreed_on,
    agreed_at: str,
    meeting: "Meeting | None" = None,
) -> StrategicAssessment:
    """The board has agreed it: recorded with who, when and where (with the meeting's
    decision, in its minutes, when the meeting is in saferplan); kept as it is from then."""
    assessment.refuse_if_agreed()
    decision = None
    if meeting is not None:
        if meeting.partnership_id != assessment.partnership_id:
            raise ValidationError({"meeting": gettext_lazy("Choose a meeting of the partnership.")})
        with languages.stored_language():  # the minutes are read in the installation's language
            text = gettext("Agreed the strategic assessment “%(title)s”.") % {
                "title": assessment.title
            }
        decision = meeting_services.decision_add(actor=actor, meeting=meeting, text=text)
        agreed_at = agreed_at or str(meeting)
    assessment, _changes = audit.change(
        assessment,
        actor=actor,
        partnership=assessment.partnership,
        logged_fields=["status", "agreed_on", "agreed_at", "agreed_by", "agreed_in"],
        status=AssessmentStatus.AGREED,
        agreed_by=actor,
        agreed_on=agreed_on,
        agreed_at=agreed_at,
        agreed_in=decision,
    )
    return assessment


RECOMMENDATION_FIELDS = ["text", "marking", "position"]


@transaction.atomic
def recommendation_add(
    *, actor: Actor, assessment: StrategicAssessment, text: str, marking: str = "official"
) -> Recommendation:
    assessment.refuse_if_agreed()
    return audit.create(
        Recommendation,
        actor=actor,
        partnership=assessment.partnership,
        logged_fields=RECOMMENDATION_FIELDS,
        assessment=assessment,
        position=assessment.recommendations.count() + 1,
        text=text,
        marking=marking,
    )


@transaction.atomic
def assessment_publish(
    *, actor: "User", assessment: StrategicAssessment, summary: str, published_on
) -> StrategicAssessment:
    """Its summary shown on the published plan, with what is OFFICIAL of its findings, risks
    and recommendations (public.selectors): only once the board has agreed it, and only one
    of the partnership's assessments at a time (publishing one withdraws the one before)."""
    if not assessment.is_agreed:
        raise ValidationError(
            gettext_lazy(
                "Only an assessment the board has agreed can be published: record the board's "
                "agreement first."
            )
        )
    for earlier in StrategicAssessment.objects.filter(
        partnership_id=assessment.partnership_id, published_on__isnull=False
    ).exclude(pk=assessment.pk):
        assessment_withdraw(actor=actor, assessment=earlier, reason=f"“{assessment}” published")
    assessment, _ = audit.change(
        assessment,
        actor=actor,
        partnership=assessment.partnership,
        logged_fields=["summary", "published_on", "published_by"],
        summary=summary,
        published_on=published_on,
        published_by=actor,
    )
    return assessment


@transaction.atomic
def assessment_withdraw(
    *, actor: "User", assessment: StrategicAssessment, reason: str = ""
) -> StrategicAssessment:
    """Taken off the published plan (its summary is kept for publishing again)."""
    assessment, _ = audit.change(
        assessment,
        actor=actor,
        partnership=assessment.partnership,
        logged_fields=["published_on", "published_by"],
        reason=reason,
        published_on=None,
        published_by=None,
    )
    return assessment


REVIEW_FIELDS = ["reviewed_on", "worked", "did_not_work", "lessons", "marking"]


@transaction.atomic
def plan_review_save(*, actor: "User", plan, **fields) -> PlanReview:
    """The plan's review, written or rewritten (a plan has one): audited either way."""
    existing = PlanReview.objects.filter(plan=plan).first()
    if existing is None:
        return audit.create(
            PlanReview,
            actor=actor,
            partnership=plan.partnership,
            logged_fields=REVIEW_FIELDS,
            plan=plan,
            **fields,
        )
    review, _ = audit.change(
        existing, actor=actor, partnership=plan.partnership, logged_fields=REVIEW_FIELDS, **fields
    )
    return review
