"""The narrative seed plans (000, 001, 002) import as strategic plans with their real content."""

import datetime
from pathlib import Path

import pytest

from saferplan.imports import services
from saferplan.imports.readers import parse_plan
from saferplan.plans.models import Action, Plan

SEEDS = Path(__file__).resolve().parents[2] / "demo" / "seeds"


def parsed(name):
    return parse_plan((SEEDS / name).read_bytes(), name)


def test_seed_000_three_rivers_has_its_six_priorities():
    plan = parsed("000_37891d1c771535bb.txt")
    assert plan.kind == "strategic"
    assert plan.title == "Three Rivers Safeguarding and Managing Crime Plan 2021-2024"
    assert (plan.period_start, plan.period_end) == (
        datetime.date(2021, 4, 1),
        datetime.date(2024, 3, 31),
    )
    assert [(p.number, p.title) for p in plan.priorities] == [
        (1, "Serious Violence and Exploitation"),
        (2, "Domestic Abuse"),
        (3, "Exploitation Prevention"),
        (4, "Motor Vehicle Crime"),
        (5, "Burglary and Fraud"),
        (6, "Hate Crime and Prevent"),
    ]


def test_seed_001_dacorum_has_priorities_themes_outcomes_and_cross_cutting_objectives():
    plan = parsed("001_6a53fb9f5d3cd175.txt")
    assert plan.title == "Dacorum Community Safety Plan"
    assert (plan.period_start, plan.period_end) == (
        datetime.date(2023, 4, 1),
        datetime.date(2026, 3, 31),
    )
    strategic = [p for p in plan.priorities if not p.is_cross_cutting]
    assert [p.title for p in strategic] == [
        "Reduce Crime, Disorder and Antisocial Behaviour",
        "Protection of Vulnerable People and Communities",
        "Serious Organised Crime & Exploitation",
    ]
    assert [t.title for t in strategic[0].objectives] == [
        "Antisocial Behaviour",
        "Violent Crime and Harm Prevention",
        "Hate Crime",
    ]
    asb = strategic[0].objectives[0]
    # One action a bullet, one line of outcomes a bullet (test_theme_tables.py).
    assert asb.actions[0].title == (
        "Identify the antisocial behaviour issues affecting local communities"
    )
    assert asb.desired_outcomes.startswith(
        "- Reduction in reports of Antisocial Behaviour Incidents"
    )
    assert [t.title for t in strategic[1].objectives] == [
        "Reduce Domestic Abuse",
        "Prevent Extremist Activity",
        "Exploitation of vulnerable people",
    ]
    cross = [p for p in plan.priorities if p.is_cross_cutting]
    assert [p.title for p in cross] == [
        "Reduce and Prevent Offending and Reoffending",
        "Reduce Harm Caused by Alcohol and Drugs Misuse",
    ]
    assert (
        cross[0]
        .actions[0]
        .title.startswith("Working with probation services, youth justice service")
    )
    assert cross[0].desired_outcomes.startswith("People with unmet needs")


def test_seed_002_hertsmere_has_three_aims_and_six_priorities_with_what_we_will_do():
    plan = parsed("002_21a7333a4ab4cb87.txt")
    assert plan.title == "Hertsmere Community Safety Partnership (CSP) Partnership Plan 2023 - 2027"
    assert plan.aims == [
        "To create safer environments by tackling crime and anti-social behaviour",
        "To protect and safeguard vulnerable people",
        "To build community confidence and wellbeing to increase feelings of safety.",
    ]
    assert [len(p.actions) for p in plan.priorities] == [4, 5, 5, 3, 4, 8]
    assert plan.priorities[2].title == "Prevent Violence Against Women and Girls (VAWG)"
    assert (
        plan.priorities[1]
        .actions[1]
        .title.startswith("Provide opportunities for people to surrender illegal knives")
    )
    assert (
        plan.priorities[5].actions[-1].title
        == "Proactively patrol anti-social behaviour and burglary hotspots and provide timely crime prevention advice."
    )


@pytest.mark.django_db
def test_a_narrative_plan_is_written_as_a_strategic_plan(coordinator, partnership):
    name = "002_21a7333a4ab4cb87.txt"
    plan = services.plan_import(
        actor=coordinator,
        partnership=partnership,
        file_name=name,
        content=(SEEDS / name).read_bytes(),
    )
    assert plan.kind == "strategic"
    assert plan.aims.count() == 3
    assert plan.priorities.count() == 6
    assert Action.objects.filter(priority__plan=plan, objective__isnull=True).count() == 29
    assert Plan.objects.get().period_end == datetime.date(2027, 3, 31)
