"""The register of ASB Case Reviews and the four figures the law asks each year (issue 25,
part 1: Anti-social Behaviour, Crime and Policing Act 2014, s.104).

The registers below rebuild what three councils published (docs/research/statutory-duties.md,
"Test data we can keep"; as crawled, the live pages may change):
- Horsham District Council, 2020-21, four quarters: 10 applications, 4 not meeting the
  threshold, 6 reviews, 6 with recommendations;
- Newcastle-under-Lyme Borough Council, 2020-21: 3, 0, 3, 2 (a review without
  recommendations);
- Newcastle-under-Lyme, 2023-24: 5, 0, 3, 3, which does not add up: two applications are
  neither refused nor reviewed. saferplan computes the same figures and says why."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from saferplan.core.models import AuditEvent
from saferplan.duties import services
from saferplan.duties.models import CaseReview, CaseReviewApplicant
from saferplan.duties.selectors import asb_figures
from saferplan.plans.tests.factories import PlanFactory, PriorityFactory

pytestmark = pytest.mark.django_db
THRESHOLD = "Three or more complaints about separate incidents in the last six months"


def _case(actor, partnership, number, received_on, *, met=None, reviewed=False, recommended=0):
    """A case as the register holds it: received, decided (met or not), reviewed, with
    `recommended` recommendations."""
    case = services.case_review_register(
        actor=actor,
        partnership=partnership,
        reference=f"CR-{received_on:%Y}-{number:02}",
        received_on=received_on,
        received_how="online",
        threshold=THRESHOLD,
    )
    if met is not None:
        decided = received_on + datetime.timedelta(days=10)
        case = services.threshold_decide(
            actor=actor,
            case=case,
            met=met,
            decided_on=decided,
            reason="" if met else "Two complaints in six months, both about one incident",
        )
    if reviewed:
        case = services.review_record(
            actor=actor,
            case=case,
            held_on=case.threshold_decided_on + datetime.timedelta(days=14),
            agencies="Council ASB team; Police; Housing provider",
        )
    for n in range(recommended):
        services.recommendation_add(actor=actor, case=case, text=f"Recommendation {n + 1}")
    return case


def _register(actor, partnership, year, rows):
    """rows: (month, met, reviewed, recommendations) for each application of the year."""
    for number, (month, met, reviewed, recommended) in enumerate(rows, start=1):
        received = datetime.date(year if month >= 4 else year + 1, month, 5)
        _case(
            actor,
            partnership,
            number,
            received,
            met=met,
            reviewed=reviewed,
            recommended=recommended,
        )


def test_horshams_2020_21_figures_with_applications_below_the_threshold(partnership, coordinator):
    # Published by quarter: Q1 2/1/1/1, Q2 4/3/1/1, Q3 1/0/1/1, Q4 3/0/3/3.
    rows = [
        (5, False, False, 0),
        (6, True, True, 1),
        (7, False, False, 0),
        (8, False, False, 0),
        (8, False, False, 0),
        (9, True, True, 2),
        (11, True, True, 1),
        (1, True, True, 1),
        (2, True, True, 3),
        (3, True, True, 1),
    ]
    _register(coordinator, partnership, 2020, rows)
    figures = asb_figures(partnership, 2020)
    assert (
        figures.applications,
        figures.threshold_not_met,
        figures.reviews,
        figures.with_recommendations,
    ) == (10, 4, 6, 6)
    assert figures.notes == []
    assert figures.label == "2020-21"
    # The years either side hold none of them.
    assert asb_figures(partnership, 2019).applications == 0
    assert asb_figures(partnership, 2021).applications == 0


def test_newcastles_2020_21_figures_with_a_review_that_made_no_recommendation(
    partnership, coordinator
):
    _register(
        coordinator,
        partnership,
        2020,
        [(6, True, True, 2), (10, True, True, 0), (2, True, True, 1)],
    )
    figures = asb_figures(partnership, 2020)
    assert (
        figures.applications,
        figures.threshold_not_met,
        figures.reviews,
        figures.with_recommendations,
    ) == (3, 0, 3, 2)


def test_figures_that_do_not_add_up_say_why(partnership, coordinator):
    """Newcastle 2023-24 as published: 5 applications, none refused, 3 reviews. In the
    register the other two are one undecided and one met but not reviewed yet."""
    _register(
        coordinator,
        partnership,
        2023,
        [(4, True, True, 1), (7, True, True, 2), (9, True, True, 1), (2, None, False, 0)],
    )
    _case(coordinator, partnership, 9, datetime.date(2024, 3, 20), met=True)
    figures = asb_figures(partnership, 2023)
    assert (
        figures.applications,
        figures.threshold_not_met,
        figures.reviews,
        figures.with_recommendations,
    ) == (5, 0, 3, 3)
    assert figures.notes == [
        "1 application's threshold is not decided yet: the figures may change.",
        "1 application met the threshold and is not reviewed yet.",
    ]


def test_a_recommendation_becomes_an_action_of_the_plan_as_sensitive_as_the_case(
    partnership, coordinator
):
    plan = PlanFactory(partnership=partnership)
    priority = PriorityFactory(plan=plan, number=1, title="Anti-social behaviour")
    case = _case(coordinator, partnership, 1, datetime.date(2024, 5, 2), met=True, reviewed=True)
    recommendation = services.recommendation_add(
        actor=coordinator,
        case=case,
        text="Housing provider to install CCTV at the block's entrance",
        priority=priority,
        action_title="Install CCTV at the entrance of the block named in case review CR-2024-01",
        due_date=datetime.date(2024, 9, 30),
    )
    action = recommendation.action
    assert action.priority == priority
    assert action.is_sensitive  # the case is OFFICIAL-SENSITIVE: so is its action
    assert action.case_review_recommendations.get() == recommendation
    other = PriorityFactory(plan=PlanFactory())  # another partnership's plan
    with pytest.raises(ValidationError):
        services.recommendation_add(
            actor=coordinator, case=case, text="x", priority=other, action_title="x"
        )
    # The recommendation's words are the register's: the action is never titled by them.
    with pytest.raises(ValidationError, match="Enter the action's title"):
        services.recommendation_add(
            actor=coordinator, case=case, text="CCTV at 4 Shenley Road", priority=priority
        )


def test_the_register_refuses_what_did_not_happen_in_that_order(partnership, coordinator):
    case = _case(coordinator, partnership, 1, datetime.date(2024, 5, 2))
    with pytest.raises(ValidationError, match="before the review"):
        services.review_record(actor=coordinator, case=case, held_on=datetime.date(2024, 6, 1))
    with pytest.raises(ValidationError, match="cannot come before the application"):
        services.threshold_decide(
            actor=coordinator, case=case, met=True, decided_on=datetime.date(2024, 5, 1)
        )
    with pytest.raises(ValidationError, match="Say why the threshold was not met"):
        services.threshold_decide(
            actor=coordinator, case=case, met=False, decided_on=datetime.date(2024, 5, 9)
        )
    with pytest.raises(ValidationError, match="before its recommendations"):
        services.recommendation_add(actor=coordinator, case=case, text="Too early")
    with pytest.raises(ValidationError, match="already has a case review with this reference"):
        _case(coordinator, partnership, 1, datetime.date(2024, 5, 2))
    # Reviewed, the threshold decision stands: the case cannot become "not met" and counted
    # twice.
    reviewed = _case(
        coordinator, partnership, 2, datetime.date(2024, 5, 2), met=True, reviewed=True
    )
    with pytest.raises(ValidationError, match="decision stands"):
        services.threshold_decide(
            actor=coordinator,
            case=reviewed,
            met=False,
            decided_on=datetime.date(2024, 6, 30),
            reason="Changed our mind",
        )


def test_the_applicants_details_are_held_apart_and_deleted_after_their_retention_date(
    partnership, coordinator
):
    case = services.case_review_register(
        actor=coordinator,
        partnership=partnership,
        reference="CR-2024-07",
        received_on=datetime.date(2024, 7, 1),
        received_how="phone",
        threshold=THRESHOLD,
        applicant={
            "name": "Canaryq8x1 Applicant",
            "contact": "12 High Street",
            "notes": "",
            "retain_until": datetime.date(2026, 7, 1),
        },
    )
    assert case.is_sensitive
    logged = " ".join(str(e.changes) for e in AuditEvent.objects.all())
    assert "Canaryq8x1" not in logged
    assert "High Street" not in logged
    assert services.applicants_forget(actor=None, today=datetime.date(2026, 7, 1)) == 0
    assert services.applicants_forget(actor=None, today=datetime.date(2026, 7, 2)) == 1
    assert not CaseReviewApplicant.objects.exists()
    assert CaseReview.objects.get() == case  # the case and its figures stay
    assert asb_figures(partnership, 2024).applications == 1
    event = AuditEvent.objects.filter(object_type="duties.casereview").latest("pk")
    assert event.changes == {"Applicant's details": ["held", "deleted"]}
