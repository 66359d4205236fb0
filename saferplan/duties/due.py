"""What each statutory duty asks of a partnership next, for the Duties page and the weekly
digest: counts and dates only, never a case, a reference or a name (the digest is an email,
which must never carry OFFICIAL-SENSITIVE words). A restricted register's lines are drawn
only for those who run it."""

import datetime
from dataclasses import dataclass, field
from enum import StrEnum

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from saferplan.core.quarters import Quarter
from saferplan.partnerships.models import Group
from saferplan.plans.models import Plan, PlanKind, PlanStatus

from . import selectors
from .models import CaseReview, CounterTerrorismProfile, DeathReview, PublishedAsbFigures
from .permissions import case_reviews_policy, death_reviews_policy, prevent_policy

# A date this many days away or fewer is due soon (the digest's horizon: a month).
SOON = datetime.timedelta(days=30)


class State(StrEnum):
    OVERDUE = "overdue"
    DUE = "due"  # to do now, or soon
    NOTED = "noted"  # how things stand; nothing to do


@dataclass(frozen=True)
class Item:
    text: str
    state: State
    # Tied to a date (a deadline, a review a year on): the weekly digest tells coordinators
    # of these; what is simply not set up yet waits on the Duties page.
    dated: bool = False


@dataclass
class Duty:
    name: str
    law: str  # the statute or guidance it rests on
    href: str | None  # where it is kept
    items: list[Item] = field(default_factory=list)

    @property
    def waiting(self) -> list[Item]:
        return [i for i in self.items if i.state is not State.NOTED]

    @property
    def deadlines(self) -> list[Item]:
        """What waits by a date: the digest's part of the duty."""
        return [i for i in self.waiting if i.dated]


def duties_of(partnership, user, *, today: datetime.date) -> list[Duty]:
    duties = []
    if case_reviews_policy.user_has_permission_for_instance(user, "view", partnership):
        duties.append(_asb_case_reviews(partnership, today))
    if death_reviews_policy.user_has_permission_for_instance(user, "view", partnership):
        duties.append(_death_reviews(partnership))
    duties.append(_serious_violence(partnership, today))
    duties.append(_prevent(partnership, user, today))
    return duties


def _asb_case_reviews(partnership, today) -> Duty:
    duty = Duty(
        _("ASB Case Reviews"),
        _("Anti-social Behaviour, Crime and Policing Act 2014, section 104 and Schedule 4"),
        reverse("duties:register", args=[partnership.slug]),
    )
    timescales = selectors.timescales_of(partnership)
    missed = near = 0
    for case in CaseReview.objects.filter(partnership=partnership).exclude(
        review_held_on__isnull=False
    ):
        for deadline in selectors.case_deadlines(case, timescales, today=today):
            missed += deadline.state == selectors.DeadlineState.MISSED
            near += deadline.state == selectors.DeadlineState.NEAR
    if missed:
        duty.items.append(
            Item(
                ngettext(
                    "%(count)s case's deadline missed",
                    "%(count)s cases' deadlines missed",
                    missed,
                )
                % {"count": missed},
                State.OVERDUE,
                dated=True,
            )
        )
    if near:
        duty.items.append(
            Item(
                ngettext(
                    "%(count)s deadline in the next 5 working days",
                    "%(count)s deadlines in the next 5 working days",
                    near,
                )
                % {"count": near},
                State.DUE,
                dated=True,
            )
        )
    last_year = Quarter.of(today).year - 1
    latest = PublishedAsbFigures.objects.filter(partnership=partnership).first()
    # A partnership that kept the register by last year's end (or published before) has
    # last year's figures to publish; one that began this year has none yet.
    in_use = (
        latest is not None
        or CaseReview.objects.filter(
            partnership=partnership, received_on__lte=Quarter(last_year, 4).end
        ).exists()
    )
    if (
        in_use
        and not PublishedAsbFigures.objects.filter(partnership=partnership, year=last_year).exists()
    ):
        # The law asks for the figures at least every 12 months: overdue once the last
        # published in saferplan are older (a first publication is to do, not overdue: the
        # partnership may have published before it used saferplan).
        late = latest is not None and (today - latest.published_on).days > 365
        duty.items.append(
            Item(
                _("The figures for %(year)s are to publish")
                % {"year": Quarter(last_year, 1).financial_year},
                State.OVERDUE if late else State.DUE,
                dated=True,
            )
        )
    if not duty.items:
        duty.items.append(Item(_("Nothing waiting"), State.NOTED))
    return duty


def _death_reviews(partnership) -> Duty:
    duty = Duty(
        _("Domestic Abuse Related Death Reviews"),
        _("Domestic Violence, Crime and Victims Act 2004, section 9"),
        reverse("duties:death-register", args=[partnership.slug]),
    )
    reviews = DeathReview.objects.filter(partnership=partnership)
    undecided = reviews.filter(commissioned__isnull=True).count()
    approved = reviews.filter(qa_approved_on__isnull=False, published_on__isnull=True).count()
    under_way = reviews.filter(commissioned=True, qa_approved_on__isnull=True).count()
    if undecided:
        duty.items.append(
            Item(
                ngettext(
                    "%(count)s notification waits for a decision",
                    "%(count)s notifications wait for a decision",
                    undecided,
                )
                % {"count": undecided},
                State.DUE,
            )
        )
    if approved:
        duty.items.append(
            Item(
                ngettext(
                    "%(count)s approved review to publish",
                    "%(count)s approved reviews to publish",
                    approved,
                )
                % {"count": approved},
                State.DUE,
            )
        )
    if under_way:
        duty.items.append(
            Item(
                ngettext("%(count)s review under way", "%(count)s reviews under way", under_way)
                % {"count": under_way},
                State.NOTED,
            )
        )
    if not duty.items:
        duty.items.append(Item(_("Nothing waiting"), State.NOTED))
    return duty


def _plan_of(partnership, kind) -> Plan | None:
    """The partnership's plan of `kind` in use: agreed (approved or published), current."""
    return (
        partnership.plans.filter(kind=kind, status__in=(PlanStatus.APPROVED, PlanStatus.PUBLISHED))
        .current()
        .order_by("-period_start")
        .first()
    )


def _serious_violence(partnership, today) -> Duty:
    duty = Duty(
        _("Serious Violence Duty"),
        _("Police, Crime, Sentencing and Courts Act 2022, Part 2, and its statutory guidance"),
        reverse("duties:serious-violence", args=[partnership.slug]),
    )
    kept = getattr(partnership, "serious_violence_duty", None)
    if kept is None or not kept.local_definition:
        duty.items.append(Item(_("Agree a local definition of serious violence"), State.DUE))
    for kind, missing in (
        (PlanKind.SERIOUS_VIOLENCE_NEEDS, _("No strategic needs assessment in use")),
        (PlanKind.SERIOUS_VIOLENCE_STRATEGY, _("No response strategy in use")),
    ):
        plan = _plan_of(partnership, kind)
        if plan is None:
            duty.items.append(Item(missing, State.DUE))
        else:
            duty.items.append(Item(f"{plan.get_kind_display()}: {plan.title}", State.NOTED))
    due = kept.review_due if kept is not None else None
    if due is not None:
        day = date_format(due, "j F Y")
        if due < today:
            duty.items.append(
                Item(
                    _("The strategy's annual review was due %(day)s") % {"day": day},
                    State.OVERDUE,
                    dated=True,
                )
            )
        elif due - today <= SOON:
            duty.items.append(
                Item(
                    _("The strategy's annual review is due %(day)s") % {"day": day},
                    State.DUE,
                    dated=True,
                )
            )
        else:
            duty.items.append(
                Item(_("The strategy's next annual review: %(day)s") % {"day": day}, State.NOTED)
            )
    elif _plan_of(partnership, PlanKind.SERIOUS_VIOLENCE_STRATEGY) is not None:
        duty.items.append(Item(_("Record the strategy's last annual review"), State.DUE))
    return duty


def _prevent(partnership, user, today) -> Duty:
    duty = Duty(
        _("Prevent"),
        _("Counter-Terrorism and Security Act 2015, section 26 (the Prevent duty)"),
        reverse("duties:prevent", args=[partnership.slug])
        if prevent_policy.user_has_permission_for_instance(user, "view", partnership)
        else None,
    )
    plan = _plan_of(partnership, PlanKind.PREVENT)
    duty.items.append(
        Item(f"{plan.get_kind_display()}: {plan.title}", State.NOTED)
        if plan is not None
        else Item(_("No Prevent action plan in use"), State.DUE)
    )
    # Prevent as a standing item of a group's meetings (the groups' standing items: every
    # agenda drafted for the group lists it).
    groups = [
        group.name
        for group in Group.objects.filter(partnership=partnership).order_by("name")
        if any(
            line.strip().lower().startswith("prevent") for line in group.standing_items.splitlines()
        )
    ]
    duty.items.append(
        Item(
            _("A standing item of the meetings of: %(groups)s") % {"groups": ", ".join(groups)},
            State.NOTED,
        )
        if groups
        else Item(_("Make Prevent a standing item of a group's meetings"), State.DUE)
    )
    if duty.href is not None:
        latest = CounterTerrorismProfile.objects.filter(partnership=partnership).first()
        if latest is None:
            duty.items.append(Item(_("No counter-terrorism local profile recorded"), State.DUE))
        elif (today - latest.received_on).days > 365:
            duty.items.append(
                Item(
                    _("The last counter-terrorism local profile came %(day)s: over a year ago")
                    % {"day": date_format(latest.received_on, "j F Y")},
                    State.DUE,
                    dated=True,
                )
            )
        else:
            duty.items.append(
                Item(
                    _("Counter-terrorism local profile received %(day)s")
                    % {"day": date_format(latest.received_on, "j F Y")},
                    State.NOTED,
                )
            )
    return duty
