"""The grant the funding tests share: Safer Streets 5, £10,000 for 2024-25, paying for two
actions of the partnership's action plan."""

import datetime
from decimal import Decimal

import pytest

from saferplan.funding import services
from saferplan.funding.selectors import Quarter
from saferplan.plans.tests.factories import ActionFactory, PlanFactory, PriorityFactory

Q1, Q2 = Quarter(2024, 1), Quarter(2024, 2)


@pytest.fixture
def plan(partnership):
    plan = PlanFactory(
        partnership=partnership,
        title="Action plan 2024-25",
        period_start=datetime.date(2024, 4, 1),
        period_end=datetime.date(2025, 3, 31),
    )
    PriorityFactory(plan=plan, number=1, title="Violence against women and girls")
    return plan


@pytest.fixture
def actions(plan):
    priority = plan.priorities.get()
    return (
        ActionFactory(priority=priority, title="Domestic abuse outreach worker", position=1),
        ActionFactory(priority=priority, title="Safe spaces in the night-time economy", position=2),
    )


@pytest.fixture
def grant(partnership, coordinator):
    return services.grant_create(
        actor=coordinator,
        partnership=partnership,
        name="Safer Streets 5",
        kind="safer_streets",
        funder="Home Office",
        reference="SS5-0142",
        amount=Decimal("10000"),
        starts_on=datetime.date(2024, 4, 1),
        ends_on=datetime.date(2025, 3, 31),
        conditions="Returns within 15 working days of each quarter's end.",
        underspend_tolerance=20,
    )


@pytest.fixture
def funded(grant, actions, coordinator):
    """£6,000 to the outreach worker, £4,000 to the safe spaces; Q1 and Q2 recorded."""
    outreach = services.allocation_set(
        actor=coordinator, grant=grant, action=actions[0], amount=Decimal("6000")
    )
    spaces = services.allocation_set(
        actor=coordinator, grant=grant, action=actions[1], amount=Decimal("4000")
    )
    services.spend_record(
        actor=coordinator,
        grant=grant,
        quarter=Q1,
        amounts={outreach.pk: Decimal("1000"), spaces.pk: Decimal("500")},
    )
    services.spend_record(
        actor=coordinator,
        grant=grant,
        quarter=Q2,
        amounts={outreach.pk: Decimal("1200.50"), spaces.pk: Decimal("0")},
    )
    return outreach, spaces
