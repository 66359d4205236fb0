"""Writes to the register of ASB Case Reviews, each audited in the partnership's log. The
applicant's details are logged only as held or deleted, never their words: the audit log is
read by every coordinator of the partnership."""

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from saferplan.core import audit, clock
from saferplan.core.models import AuditEvent
from saferplan.core.quarters import Quarter

from ..models import (
    CaseReview,
    CaseReviewApplicant,
    CaseReviewRecommendation,
    CaseReviewTimescales,
    PublishedAsbFigures,
)
from ..selectors import asb_figures
from .common import lock_partnership, partnerships_one, track_as_action

if TYPE_CHECKING:
    from saferplan.accounts.models import User
    from saferplan.partnerships.models import Partnership
    from saferplan.plans.models import Priority

CASE_FIELDS = ["reference", "received_on", "received_how", "threshold", "marking"]
DECISION_FIELDS = ["threshold_met", "threshold_decided_on", "threshold_reason"]
REVIEW_FIELDS = ["review_held_on", "agencies", "independent_chair", "outcome"]


@transaction.atomic
def case_review_register(
    *,
    actor: "User",
    partnership: "Partnership",
    applicant: dict[str, Any] | None = None,
    **fields: Any,
) -> CaseReview:
    """Register an application; `applicant` (name, contact, notes, retain_until) is held
    apart, OFFICIAL-SENSITIVE."""
    if CaseReview.objects.filter(
        partnership=partnership, reference=fields.get("reference", "")
    ).exists():
        raise ValidationError(
            {"reference": _("The partnership already has a case review with this reference")}
        )
    case = audit.create(
        CaseReview,
        actor=actor,
        partnership=partnership,
        logged_fields=CASE_FIELDS,
        partnership_id=partnership.pk,
        **fields,
    )
    if applicant:
        _applicant_keep(actor, case, applicant)
    return case


def _applicant_keep(actor, case: CaseReview, details: dict[str, Any]) -> None:
    if details["retain_until"] <= case.received_on:
        raise ValidationError(
            {"retain_until": _("Keep the details until a day after the application")}
        )
    CaseReviewApplicant.objects.create(case_review=case, **details)
    audit.log(
        instance=case,
        action=AuditEvent.Action.UPDATE,
        actor=actor,
        partnership=case.partnership,
        changes={"Applicant's details": ["", f"held until {details['retain_until']:%Y-%m-%d}"]},
    )


@transaction.atomic
def threshold_decide(
    *, actor: "User", case: CaseReview, met: bool, decided_on: datetime.date, reason: str = ""
) -> CaseReview:
    if case.review_held_on is not None:
        raise ValidationError(
            {"met": _("The review has been held: the threshold decision stands as it was")}
        )
    if decided_on < case.received_on:
        raise ValidationError(
            {"threshold_decided_on": _("The decision cannot come before the application")}
        )
    if not met and not reason.strip():
        raise ValidationError(
            {"threshold_reason": _("Say why the threshold was not met: the applicant is told")}
        )
    case, _changes = audit.change(
        case,
        actor=actor,
        partnership=case.partnership,
        logged_fields=DECISION_FIELDS,
        threshold_met=met,
        threshold_decided_on=decided_on,
        threshold_reason=reason.strip(),
    )
    return case


@transaction.atomic
def review_record(
    *, actor: "User", case: CaseReview, held_on: datetime.date, **fields: Any
) -> CaseReview:
    """The review held: its meeting, the agencies there, the independent chair (where one
    was used) and the outcome. Only once the threshold is decided met."""
    decided_on = case.threshold_decided_on
    if case.threshold_met is not True or decided_on is None:
        raise ValidationError(
            {"review_held_on": _("Record that the threshold was met before the review")}
        )
    if held_on < decided_on:
        raise ValidationError(
            {"review_held_on": _("The review cannot come before the threshold decision")}
        )
    case, _changes = audit.change(
        case,
        actor=actor,
        partnership=case.partnership,
        logged_fields=REVIEW_FIELDS,
        review_held_on=held_on,
        **fields,
    )
    return case


@transaction.atomic
def recommendation_add(
    *,
    actor: "User",
    case: CaseReview,
    text: str,
    priority: "Priority | None" = None,
    action_title: str = "",
    **action_fields: Any,
) -> CaseReviewRecommendation:
    """A recommendation of the review. With a priority of the partnership's plan it is also
    an action there (`action_title`, owners and due date), as sensitive as the case, tracked
    like any other and linked to the recommendation. The action's title is typed for the
    plan, never copied from the recommendation: every member of the partnership reads an
    action's title, only the register's people read the case."""
    if case.review_held_on is None:
        raise ValidationError({"text": _("Record the review before its recommendations")})
    action = track_as_action(
        actor=actor,
        partnership=case.partnership,
        priority=priority,
        action_title=action_title,
        marking=case.marking,
        **action_fields,
    )
    return audit.create(
        CaseReviewRecommendation,
        actor=actor,
        partnership=case.partnership,
        logged_fields=["text", "action", "marking"],
        case_review=case,
        text=text.strip(),
        action=action,
        marking=case.marking,
    )


@transaction.atomic
def applicants_forget(*, actor: "User | None", today: datetime.date) -> int:
    """Delete the applicants' details kept past their retention date (the case and its
    figures stay). Returns how many."""
    due = CaseReviewApplicant.objects.filter(retain_until__lt=today).select_related(
        "case_review__partnership"
    )
    count = 0
    for applicant in due.select_for_update():
        audit.log(
            instance=applicant.case_review,
            action=AuditEvent.Action.UPDATE,
            actor=actor,
            partnership=applicant.case_review.partnership,
            changes={"Applicant's details": ["held", "deleted"]},
            reason=f"Retention date {applicant.retain_until:%Y-%m-%d} passed",
        )
        applicant.delete()
        count += 1
    return count


TIMESCALE_FIELDS = ["decision_days", "review_days"]


@transaction.atomic
def timescales_set(
    *, actor: "User", partnership: "Partnership", decision_days: int | None, review_days: int | None
) -> CaseReviewTimescales:
    """The working days the partnership's review procedures allow for the threshold decision
    and the review; None leaves that deadline unset."""
    return partnerships_one(
        CaseReviewTimescales,
        actor=actor,
        partnership=partnership,
        logged_fields=TIMESCALE_FIELDS,
        decision_days=decision_days,
        review_days=review_days,
    )


FIGURE_FIELDS = [
    "applications",
    "threshold_not_met",
    "reviews",
    "with_recommendations",
    "undecided",
    "awaiting_review",
]


@transaction.atomic
def asb_figures_publish(
    *, actor: "User", partnership: "Partnership", year: int
) -> PublishedAsbFigures:
    """Publish a financial year's four figures on the partnership's published plan, as the
    register counts them today, with the notes that qualify them (applications undecided or
    not reviewed yet). A year not over is refused: its figures would still grow. Published
    again, they replace the year's earlier figures."""
    if Quarter(year, 4).end >= clock.today():
        raise ValidationError(
            {
                "year": _("%(year)s is not over yet: publish its figures after 31 March.")
                % {"year": Quarter(year, 1).financial_year}
            }
        )
    # Two coordinators publishing at once: the second waits here and then replaces the first's
    # figures, instead of failing on the year's unique row.
    lock_partnership(partnership)
    figures = asb_figures(partnership, year)
    values: dict[str, Any] = {
        "applications": figures.applications,
        "threshold_not_met": figures.threshold_not_met,
        "reviews": figures.reviews,
        "with_recommendations": figures.with_recommendations,
        "undecided": figures.undecided,
        "awaiting_review": figures.awaiting_review,
        "published_on": clock.today(),
        "published_by": actor,
    }
    kept = (
        PublishedAsbFigures.objects.select_for_update()
        .filter(partnership=partnership, year=year)
        .first()
    )
    if kept is None:
        return audit.create(
            PublishedAsbFigures,
            actor=actor,
            partnership=partnership,
            logged_fields=["year", *FIGURE_FIELDS],
            partnership_id=partnership.pk,
            year=year,
            **values,
        )
    kept, _changes = audit.change(
        kept, actor=actor, partnership=partnership, logged_fields=FIGURE_FIELDS, **values
    )
    return kept


@transaction.atomic
def asb_figures_withdraw(*, actor: "User", published: PublishedAsbFigures) -> None:
    """Take a year's figures off the published plan (published in error, say)."""
    audit.log(
        instance=published,
        action=AuditEvent.Action.DELETE,
        actor=actor,
        partnership=published.partnership,
        changes=audit.diff(audit.snapshot(published, ["year", *FIGURE_FIELDS]), {}),
    )
    published.delete()
