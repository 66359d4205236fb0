"""What the register of ASB Case Reviews says: the four figures the law asks each year
(s.104 of the Anti-social Behaviour, Crime and Policing Act 2014: applications received,
how many did not meet the threshold, reviews carried out, reviews that made
recommendations), by financial year (April to March, as councils publish them), each
application counted in the year it was received. Counts only: nothing that names anyone."""

import datetime
from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Count, Prefetch
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from saferplan.core import clock, working_days
from saferplan.core.models import Marking
from saferplan.core.quarters import Quarter
from saferplan.plans.models import Plan, Priority
from saferplan.plans.permissions import plan_policy

from . import figures
from .models import (
    CaseReview,
    CaseReviewTimescales,
    DeathReview,
    DeathReviewRecommendation,
    PublishedAsbFigures,
)


@dataclass(frozen=True)
class AsbFigures:
    year: int  # the financial year starting in April of it
    applications: int
    threshold_not_met: int
    reviews: int
    with_recommendations: int
    # What the figures do not settle yet, said beside them wherever they are shown.
    undecided: int = 0  # applications whose threshold is not decided
    awaiting_review: int = 0  # met the threshold, not reviewed yet
    as_of: datetime.date | None = None  # counted on this day, the year not over

    @property
    def label(self) -> str:
        return Quarter(self.year, 1).financial_year

    @property
    def notes(self) -> list[str]:
        return figures.notes(
            applications=self.applications,
            undecided=self.undecided,
            awaiting_review=self.awaiting_review,
            as_of=self.as_of,
        )


def asb_figures(partnership, year: int) -> AsbFigures:
    start, end = Quarter(year, 1).start, Quarter(year, 4).end
    cases = list(
        CaseReview.objects.filter(partnership=partnership, received_on__range=(start, end))
        .annotate(recommended=Count("recommendations"))
        .only("threshold_met", "review_held_on")
    )
    reviewed = [c for c in cases if c.review_held_on is not None]
    today = clock.today()
    return AsbFigures(
        year=year,
        applications=len(cases),
        threshold_not_met=sum(1 for c in cases if c.threshold_met is False),
        reviews=len(reviewed),
        with_recommendations=sum(1 for c in reviewed if c.recommended),
        undecided=sum(1 for c in cases if c.threshold_met is None),
        awaiting_review=sum(1 for c in cases if c.threshold_met and c.review_held_on is None),
        as_of=today if end >= today else None,
    )


def published_asb_figures(partnership) -> list[PublishedAsbFigures]:
    """The years' figures as published, latest year first: what the published plan shows."""
    return list(PublishedAsbFigures.objects.filter(partnership=partnership))


# A deadline this many working days away or fewer is flagged as near.
NEAR = 5


class DeadlineState(StrEnum):
    DUE = "due"
    NEAR = "near"
    MISSED = "missed"
    MET = "met"
    LATE = "late"  # done, after the deadline


@dataclass(frozen=True)
class Deadline:
    what: str
    due: datetime.date
    done_on: datetime.date | None
    on: datetime.date | None = None  # the day it is judged on (None: today)

    @property
    def today(self) -> datetime.date:
        return self.on or clock.today()

    @property
    def state(self) -> DeadlineState:
        if self.done_on is not None:
            return DeadlineState.MET if self.done_on <= self.due else DeadlineState.LATE
        today = self.today
        if today > self.due:
            return DeadlineState.MISSED
        if working_days.between(today, self.due) <= NEAR:
            return DeadlineState.NEAR
        return DeadlineState.DUE

    @property
    def flagged(self) -> bool:
        return self.state in (DeadlineState.NEAR, DeadlineState.MISSED)

    @property
    def description(self) -> str:
        day = date_format(self.due, "j F Y")
        state = self.state
        if state is DeadlineState.MET:
            return _("Due %(day)s: met") % {"day": day}
        if state is DeadlineState.LATE:
            late = working_days.between(self.due, self.done_on or self.due)
            return ngettext(
                "Due %(day)s: done %(count)s working day late",
                "Due %(day)s: done %(count)s working days late",
                late,
            ) % {"day": day, "count": late}
        if state is DeadlineState.MISSED:
            return _("Due %(day)s: missed") % {"day": day}
        left = working_days.between(self.today, self.due)
        return ngettext(
            "Due %(day)s: %(count)s working day left",
            "Due %(day)s: %(count)s working days left",
            left,
        ) % {"day": day, "count": left}


def timescales_of(partnership) -> CaseReviewTimescales | None:
    return CaseReviewTimescales.objects.filter(partnership=partnership).first()


def case_deadlines(
    case: CaseReview,
    timescales: CaseReviewTimescales | None,
    *,
    today: datetime.date | None = None,
) -> list[Deadline]:
    """The case's deadlines under the partnership's timescales: the threshold decision,
    counted from the application, and, once the threshold is met, the review, counted from
    that decision. The Act sets none; without timescales there is none to show."""
    if timescales is None:
        return []
    deadlines = []
    if timescales.decision_days:
        deadlines.append(
            Deadline(
                _("Threshold decision"),
                working_days.add(case.received_on, timescales.decision_days),
                case.threshold_decided_on,
                today,
            )
        )
    if timescales.review_days and case.threshold_met and case.threshold_decided_on:
        deadlines.append(
            Deadline(
                _("Review"),
                working_days.add(case.threshold_decided_on, timescales.review_days),
                case.review_held_on,
                today,
            )
        )
    return deadlines


def priorities_to_track(user, partnership):
    """The priorities a recommendation may become an action under: those of the
    partnership's plans in use that `user` may change (a named member who is a board member
    records the recommendation, not an action)."""
    plans = Plan.objects.current().filter(
        pk__in=plan_policy.instances_user_has_permission_for(user, "change").values("pk")
    )
    return (
        Priority.objects.filter(plan__in=plans, plan__partnership=partnership)
        .select_related("plan")
        .order_by("plan__title", "number")
    )


def published_death_reviews(partnership) -> list[DeathReview]:
    """The partnership's published reviews, latest first, each with `public_recommendations`:
    its recommendations once the coordinator published them (OFFICIAL), else none."""
    return list(
        DeathReview.objects.filter(partnership=partnership, published_on__lte=clock.today())
        .order_by("-published_on", "-pk")
        .prefetch_related(
            Prefetch(
                "recommendations",
                queryset=DeathReviewRecommendation.objects.filter(
                    review__recommendations_public=True, marking=Marking.OFFICIAL
                ).select_related("action"),
                to_attr="public_recommendations",
            )
        )
    )
