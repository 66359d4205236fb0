"""Writes to the register of Domestic Abuse Related Death Reviews, each audited. The Home
Office's statutory guidance sets the stages: a notification, the decision to commission a
review (and its reasons), an independent chair, the quality assurance panel's approval, then
publication. Every date is checked against the stage before it, so the register cannot say a
review was published before it was approved."""

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from saferplan.core import audit, clock
from saferplan.core.models import Marking

from ..models import DeathReview, DeathReviewRecommendation
from .common import track_as_action

if TYPE_CHECKING:
    from saferplan.accounts.models import User
    from saferplan.partnerships.models import Partnership
    from saferplan.plans.models import Priority

REVIEW_FIELDS = ["reference", "notified_on", "marking"]
DECISION_FIELDS = ["commissioned", "decided_on", "decision_reason"]
PROGRESS_FIELDS = ["chair", "qa_submitted_on", "qa_panel_on", "qa_approved_on"]
PUBLICATION_FIELDS = ["public_name", "published_on", "report_url"]


@transaction.atomic
def death_review_register(
    *, actor: "User", partnership: "Partnership", reference: str, notified_on: datetime.date
) -> DeathReview:
    """A death notified to the partnership, for its decision on a review."""
    if DeathReview.objects.filter(partnership=partnership, reference=reference).exists():
        raise ValidationError(
            {"reference": _("The partnership already has a review with this reference")}
        )
    return audit.create(
        DeathReview,
        actor=actor,
        partnership=partnership,
        logged_fields=REVIEW_FIELDS,
        partnership_id=partnership.pk,
        reference=reference,
        notified_on=notified_on,
    )


@transaction.atomic
def death_review_decide(
    *,
    actor: "User",
    review: DeathReview,
    commissioned: bool,
    decided_on: datetime.date,
    reason: str = "",
) -> DeathReview:
    """The decision to commission a review or not (the Home Office is told either way)."""
    if any(
        day is not None
        for day in (
            review.qa_submitted_on,
            review.qa_panel_on,
            review.qa_approved_on,
            review.published_on,
        )
    ):
        raise ValidationError(
            {"commissioned": _("The review has gone to the panel: the decision stands")}
        )
    if decided_on < review.notified_on:
        raise ValidationError({"decided_on": _("The decision cannot come before the notification")})
    if not commissioned and not reason.strip():
        raise ValidationError(
            {"decision_reason": _("Say why no review is commissioned: the Home Office asks")}
        )
    review, _changes = audit.change(
        review,
        actor=actor,
        partnership=review.partnership,
        logged_fields=DECISION_FIELDS,
        commissioned=commissioned,
        decided_on=decided_on,
        decision_reason=reason.strip(),
    )
    return review


def _in_order(review: DeathReview, dates: list[tuple[str, datetime.date | None, str]]) -> None:
    """Each date no earlier than the one before it (the decision first)."""
    before, before_label = review.decided_on, _("the decision to commission")
    for field, day, label in dates:
        if day is None:
            continue
        if before is not None and day < before:
            raise ValidationError(
                {
                    field: _("%(this)s cannot come before %(that)s")
                    % {"this": label, "that": before_label}
                }
            )
        before, before_label = day, label


@transaction.atomic
def death_review_progress(
    *,
    actor: "User",
    review: DeathReview,
    chair: str = "",
    qa_submitted_on: datetime.date | None = None,
    qa_panel_on: datetime.date | None = None,
    qa_approved_on: datetime.date | None = None,
) -> DeathReview:
    """The commissioned review's chair and its way through the Home Office's quality
    assurance panel."""
    if review.commissioned is not True:
        raise ValidationError({"chair": _("Record the decision to commission the review first")})
    # The panel sees the report before it considers it, and considers it before approving.
    if qa_panel_on is not None and qa_submitted_on is None:
        raise ValidationError({"qa_submitted_on": _("Enter the day it was sent to the panel")})
    if qa_approved_on is not None and qa_panel_on is None:
        raise ValidationError({"qa_panel_on": _("Enter the day the panel considered it")})
    if review.published_on is not None and qa_approved_on is None:
        raise ValidationError(
            {"qa_approved_on": _("The review is published: its approval stays recorded")}
        )
    _in_order(
        review,
        [
            ("qa_submitted_on", qa_submitted_on, _("Sent to the panel")),
            ("qa_panel_on", qa_panel_on, _("The panel")),
            ("qa_approved_on", qa_approved_on, _("The approval")),
            ("qa_approved_on", review.published_on, _("Publication")),
        ],
    )
    review, _changes = audit.change(
        review,
        actor=actor,
        partnership=review.partnership,
        logged_fields=PROGRESS_FIELDS,
        chair=chair.strip(),
        qa_submitted_on=qa_submitted_on,
        qa_panel_on=qa_panel_on,
        qa_approved_on=qa_approved_on,
    )
    return review


@transaction.atomic
def death_review_publish(
    *,
    actor: "User",
    review: DeathReview,
    public_name: str,
    published_on: datetime.date,
    report_url: str = "",
) -> DeathReview:
    """The review published (after the panel's approval): its public name, the day and
    the report's address go on the published plan. Its recommendations stay
    OFFICIAL-SENSITIVE until published themselves."""
    if review.qa_approved_on is None:
        raise ValidationError(
            {
                "published_on": _(
                    "A review is published only after the Home Office panel approved it"
                )
            }
        )
    if published_on > clock.today():
        # Recorded once it is out: a day ahead would show an embargoed review now.
        raise ValidationError(
            {"published_on": _("Record the publication once the report is published")}
        )
    if published_on < review.qa_approved_on:
        raise ValidationError({"published_on": _("Publication cannot come before the approval")})
    if not public_name.strip():
        raise ValidationError(
            {"public_name": _("Enter the published report's name, as the public reads it")}
        )
    if public_name.strip() == review.reference:
        raise ValidationError(
            {"public_name": _("Give the report's published name, not the register's reference")}
        )
    review, _changes = audit.change(
        review,
        actor=actor,
        partnership=review.partnership,
        logged_fields=PUBLICATION_FIELDS,
        public_name=public_name.strip(),
        published_on=published_on,
        report_url=report_url.strip(),
    )
    return review


@transaction.atomic
def death_review_recommendation_add(
    *,
    actor: "User",
    review: DeathReview,
    text: str,
    priority: "Priority | None" = None,
    action_title: str = "",
    **action_fields: Any,
) -> DeathReviewRecommendation:
    """A recommendation of the review's action plan; with a priority, also an
    OFFICIAL-SENSITIVE action of the plan (its own title), tracked like any other."""
    if review.commissioned is not True:
        raise ValidationError({"text": _("Record the decision to commission the review first")})
    action = track_as_action(
        actor=actor,
        partnership=review.partnership,
        priority=priority,
        action_title=action_title,
        marking=Marking.OFFICIAL_SENSITIVE,
        **action_fields,
    )
    # OFFICIAL-SENSITIVE until a coordinator publishes it, even beside recommendations already
    # published: adding one is not publishing it.
    marking = Marking.OFFICIAL_SENSITIVE
    return audit.create(
        DeathReviewRecommendation,
        actor=actor,
        partnership=review.partnership,
        logged_fields=["text", "action", "marking"],
        review=review,
        text=text.strip(),
        action=action,
        marking=marking,
    )


@transaction.atomic
def death_review_recommendations_publish(
    *, actor: "User", review: DeathReview, public: bool = True
) -> DeathReview:
    """Put the published review's recommendations and their progress on the published plan
    (OFFICIAL), or take them off again (OFFICIAL-SENSITIVE). Refused before the review itself
    is published. Their actions stay as sensitive as they were: the public reads each
    recommendation and its action's status, never the action."""
    if public and review.published_on is None:
        raise ValidationError(
            _("The review is not published: its recommendations stay OFFICIAL-SENSITIVE")
        )
    marking = Marking.OFFICIAL if public else Marking.OFFICIAL_SENSITIVE
    for recommendation in review.recommendations.select_for_update():
        audit.change(
            recommendation,
            actor=actor,
            partnership=review.partnership,
            logged_fields=["marking"],
            marking=marking,
        )
    review, _changes = audit.change(
        review,
        actor=actor,
        partnership=review.partnership,
        logged_fields=["recommendations_public"],
        recommendations_public=public,
    )
    return review
