import datetime

import pytest

from saferplan.core import clock
from saferplan.imports.dates import find_date, find_period
from saferplan.imports.readers import parse_plan

from .test_formats import SEEDS

PLAN = (datetime.date(2019, 4, 1), datetime.date(2020, 3, 31))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Josh Hanson Trust Charity Event, Borehamwood Football Club 06/10/2019",
            datetime.date(2019, 10, 6),
        ),
        ("13/08/19 Op Sceptre activity Matt has asked Natalie", datetime.date(2019, 8, 13)),
        ("Meeting held 5.11.19 with partners", datetime.date(2019, 11, 5)),
        (
            "Josh Hanson Trust Charity event, Borehamwood Football Club 24 July 2019",
            datetime.date(2019, 7, 24),
        ),
        ("closure orders at 105 Gemini park – 10th February 2020", datetime.date(2020, 2, 10)),
        (
            "Thursday 13 June at 2pm at St Albans District Council Office",
            datetime.date(2019, 6, 13),
        ),
        ("Thursday 27 March 2020", datetime.date(2020, 3, 27)),
        (
            "Next panel will take place on 10 June. One Hertsmere referral",
            datetime.date(2019, 6, 10),
        ),
        ("16-22 September Op Sceptre", datetime.date(2019, 9, 22)),
        (
            "Between 1/4/19 – 10/12/2019 65 referrals have been received.",
            datetime.date(2019, 12, 10),
        ),
        ("St Nicholas Primary School, Elstree September 2018", datetime.date(2018, 9, 1)),
        ("Training will be delivered by ERSOU on 10 and 21 June", datetime.date(2019, 6, 21)),
    ],
)
def test_dates_are_read_in_the_forms_the_seed_plans_write_them(text, expected):
    assert find_date(text, period=PLAN).date == expected


def test_a_day_and_month_without_a_year_take_the_year_that_falls_in_the_plan():
    assert find_date("Meeting on 12 February", period=PLAN).date == datetime.date(2020, 2, 12)
    assert find_date("Meeting on 12 February", period=PLAN).year_assumed


def test_text_without_a_date_has_none():
    assert find_date("These leaflets have been designed and printed", period=PLAN) is None
    assert find_date("65 referrals, 32 on the waiting list and 6.1% of stops", period=PLAN) is None


def test_impossible_dates_are_not_dates():
    assert find_date("31/02/2019", period=PLAN) is None


@pytest.mark.parametrize(
    ("title", "period"),
    [
        (
            "Hertsmere Community Safety Action Plan 2019 - 2020",
            (datetime.date(2019, 4, 1), datetime.date(2020, 3, 31)),
        ),
        (
            "Community Safety Action Plan 2008-2009 - DRAFT",
            (datetime.date(2008, 4, 1), datetime.date(2009, 3, 31)),
        ),
        (
            "Safeguarding and Managing Crime Plan 2021-24",
            (datetime.date(2021, 4, 1), datetime.date(2024, 3, 31)),
        ),
    ],
)
def test_the_period_comes_from_the_title(title, period):
    assert find_period(title) == period


@pytest.mark.django_db(transaction=True)  # notices are queued when the import commits
def test_importing_a_plans_history_sends_its_owners_no_notices(
    partnership, coordinator, mailoutbox
):
    """Seed 003's 164 dated updates are history, not news: the Hertsmere SNT editor who owns
    its police actions is not emailed about each of them (issue 21, deliverable 8)."""
    from saferplan.accounts.tests.factories import MembershipFactory
    from saferplan.imports import services
    from saferplan.partnerships.tests.factories import OrganisationFactory
    from saferplan.plans.models import Update

    police = OrganisationFactory(name="Hertsmere SNT")
    partnership.organisations.add(police)
    MembershipFactory(partnership=partnership, role="editor", organisation=police)
    name = "003_beef6faf28b908d0.txt"
    plan = services.plan_import(
        actor=coordinator,
        partnership=partnership,
        file_name=name,
        content=(SEEDS / name).read_bytes(),
    )
    owned = Update.objects.filter(action__priority__plan=plan, action__owner_organisations=police)
    assert owned.count() > 10
    assert mailoutbox == []


def test_an_update_without_a_date_gets_the_plans_start_marked_estimated_never_today():
    name = "003_beef6faf28b908d0.txt"
    plan = parse_plan((SEEDS / name).read_bytes(), name)
    undated = [
        u
        for p in plan.priorities
        for a in p.all_actions()
        for u in a.updates
        if u.date_is_estimated and u.described_on == plan.period_start
    ]
    assert undated
    assert all(
        u.described_on != clock.today()
        for p in plan.priorities
        for a in p.all_actions()
        for u in a.updates
        if u.date_is_estimated
    )


def test_in_a_plan_without_a_period_an_undated_update_takes_the_earliest_date_of_the_file():
    """No period in the title: the file's own history dates it, never the day of the import."""
    text = (
        "Issue\tAction\tOwner\tUpdate\n"
        "Knife crime\tSchool sessions\tYouth Service\t<ul><li>12/09/2023 Six schools booked</li>"
        "<li>Sessions are going well</li></ul>\n"
        "ASB\tDays of action\tCouncil\t<ul><li>03/05/2023 First day of action</li></ul>\n"
    )
    plan = parse_plan(text.encode(), "action plan.txt")
    assert plan.period_start is None
    undated = next(
        u for a in plan.priorities[0].all_actions() for u in a.updates if u.date_is_estimated
    )
    assert undated.described_on == datetime.date(2023, 5, 3)
    warning = next(w for w in plan.warnings if w.kind == "undated")
    assert "03/05/2023 (the earliest date of the file's updates)" in warning.message
