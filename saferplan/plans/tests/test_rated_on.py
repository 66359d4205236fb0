"""Ratings carry the day they describe (RagChange.rated_on), not only the day they were
typed or imported, so that a board report for a past period shows the ratings of that
period (issue 22, deliverable 2: the demo's October 2019 report showed every action white)."""

import datetime

from saferplan.core import clock
from saferplan.plans import services
from saferplan.plans.models import RagChange
from saferplan.reports.board import board_report_content

from .factories import ActionFactory, PlanFactory, PriorityFactory

TODAY = clock.today()
OCTOBER_END = datetime.date(2019, 10, 31)


def rated(actor, action, rating: str, *, described_on: datetime.date) -> RagChange:
    services.update_add(
        actor=actor,
        action=action,
        described_on=described_on,
        text=f"Update of {described_on}",
        rag=rating,
        rag_reason=f"{rating} as of {described_on}",
    )
    return action.rag_changes.latest("id")


def test_a_rating_given_with_an_update_is_rated_as_of_the_day_the_update_describes(
    coordinator, priority
):
    action = ActionFactory(priority=priority)
    change = rated(coordinator, action, "amber", described_on=TODAY - datetime.timedelta(days=40))
    assert change.rated_on == TODAY - datetime.timedelta(days=40)
    assert change.changed_at.date() >= TODAY - datetime.timedelta(days=1)  # typed today


def test_a_rating_set_without_an_update_is_rated_as_of_today(coordinator, priority):
    action = ActionFactory(priority=priority)
    change = services.action_rag_set(
        actor=coordinator, action=action, rating="green", reason="Partner system says green"
    )
    assert change.rated_on == TODAY


def test_a_rating_given_with_an_older_update_is_rated_no_earlier_than_the_one_it_replaces(
    coordinator, priority
):
    action = ActionFactory(priority=priority)
    rated(coordinator, action, "red", described_on=TODAY - datetime.timedelta(days=5))
    later = rated(coordinator, action, "green", described_on=TODAY - datetime.timedelta(days=30))
    assert later.rated_on == TODAY - datetime.timedelta(days=5)
    in_force = RagChange.objects.filter(action=action).in_force_on(TODAY).get()
    assert in_force == later  # the current rating is the one in force today


def test_the_rating_in_force_on_a_day_is_the_last_describing_a_day_up_to_then(
    coordinator, priority
):
    action = ActionFactory(priority=priority)
    rated(coordinator, action, "amber", described_on=datetime.date(2019, 5, 1))
    rated(coordinator, action, "green", described_on=datetime.date(2019, 9, 1))
    rated(coordinator, action, "red", described_on=TODAY)
    ratings = RagChange.objects.filter(action=action)
    assert not ratings.in_force_on(datetime.date(2019, 4, 30)).exists()
    assert ratings.in_force_on(datetime.date(2019, 8, 31)).get().rating == "amber"
    assert ratings.in_force_on(OCTOBER_END).get().rating == "green"
    assert ratings.in_force_on(TODAY).get().rating == "red"


def test_a_report_on_a_past_period_shows_ratings_typed_today_for_updates_of_then(
    coordinator, partnership
):
    """History typed in today (as the demo and an import do) still says when it was true."""
    plan = PlanFactory(
        partnership=partnership,
        period_start=datetime.date(2019, 4, 1),
        period_end=datetime.date(2020, 3, 31),
    )
    action = ActionFactory(
        priority=PriorityFactory(plan=plan, number=1), status="in_progress", title="Workshops"
    )
    rated(coordinator, action, "red", described_on=datetime.date(2019, 9, 12))
    content = board_report_content(
        plan=plan,
        period_start=datetime.date(2019, 7, 1),
        period_end=OCTOBER_END,
        today=TODAY,
    )
    assert [(item["title"], item["rag"], item["rag_on"]) for item in content["exceptions"]] == [
        ("Workshops", "red", "12 Sep 2019")
    ]
