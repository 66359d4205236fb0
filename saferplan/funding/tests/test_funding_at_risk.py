"""Funding at risk in the board report (issue 26, part 4): underspend, overspend and the
actions a grant pays for off track, as the report's period end saw them."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from saferplan.funding import services
from saferplan.funding.selectors import Quarter, funding_for_report
from saferplan.plans.tests.factories import RagChangeFactory

pytestmark = pytest.mark.django_db
Q1, Q2 = Quarter(2024, 1), Quarter(2024, 2)


def test_funding_at_risk_shows_in_the_board_report(
    signed_in, partnership, plan, grant, funded, actions, coordinator
):
    from saferplan.reports.board import board_report_content, shown
    from saferplan.reports.services import board_report_create

    RagChangeFactory(action=actions[1], rating="red", rated_on=datetime.date(2024, 9, 1))
    overspent = services.grant_create(
        actor=coordinator,
        partnership=partnership,
        name="PCC community safety fund",
        kind="pcc",
        funder="Office of the Police and Crime Commissioner",
        amount=Decimal("1000"),
        starts_on=datetime.date(2024, 4, 1),
        ends_on=datetime.date(2025, 3, 31),
    )
    allocation = services.allocation_set(
        actor=coordinator, grant=overspent, action=actions[0], amount=Decimal("1000")
    )
    for quarter in (Q1, Q2):
        services.spend_record(
            actor=coordinator, grant=overspent, quarter=quarter, amounts={allocation.pk: 600}
        )
    ended_before = services.grant_create(
        actor=coordinator,
        partnership=partnership,
        name="Last year's fund",
        kind="other",
        funder="Trust",
        amount=Decimal("10"),
        starts_on=datetime.date(2023, 4, 1),
        ends_on=datetime.date(2024, 3, 31),
    )
    content = board_report_content(
        plan=plan,
        period_start=datetime.date(2024, 7, 1),
        period_end=datetime.date(2024, 9, 30),
        today=datetime.date(2024, 10, 2),
    )
    grants = {g["name"]: g for g in content["funding"]["grants"]}
    assert ended_before.name not in grants  # not running in the period
    assert content["funding"]["at_risk"] == 2
    safer = grants["Safer Streets 5"]
    assert [code for code, _v in safer["risks"]] == ["underspend", "off_track"]
    assert safer["off_track"] == [
        {"title": "1. Safe spaces in the night-time economy", "rag": "red", "sensitive": False}
    ]
    assert [code for code, _v in grants["PCC community safety fund"]["risks"]] == [
        "overspent",
        "over_allocation",
    ]
    assert shown(content)["funding"]["grants"][0]["risks"][0].startswith("Overspent: £1,200.00")
    assert (
        funding_for_report(
            plan,
            period_start=datetime.date(2026, 4, 1),
            period_end=datetime.date(2026, 6, 30),
        )
        is None
    )

    report = board_report_create(
        actor=coordinator,
        plan=plan,
        title="Board, October 2024",
        period_start=datetime.date(2024, 7, 1),
        period_end=datetime.date(2024, 9, 30),
    )
    client = signed_in(coordinator)
    html = client.get(
        reverse("reports:board-report", args=[partnership.slug, report.pk])
    ).content.decode()
    assert "Funding at risk" in html
    assert "Underspend: £2,700.50 spent where an even spend would be £5,000.00" in html
    assert "Safe spaces in the night-time economy" in html


def test_an_off_track_sensitive_action_a_grant_pays_for_marks_the_report_sensitive(
    partnership, plan, grant, coordinator
):
    """The action is in another plan of the partnership (the report's own exceptions do not
    hold it): the funding section alone makes the report OFFICIAL-SENSITIVE."""
    from saferplan.plans.tests.factories import ActionFactory, PlanFactory, PriorityFactory
    from saferplan.reports.board import board_report_content

    other_plan = PlanFactory(partnership=partnership, title="Exploitation sub-group plan")
    secret = ActionFactory(
        priority=PriorityFactory(plan=other_plan, number=1),
        title="Disrupt the county line",
        marking="official_sensitive",
    )
    services.allocation_set(actor=coordinator, grant=grant, action=secret, amount=Decimal(500))
    RagChangeFactory(action=secret, rating="amber", rated_on=datetime.date(2024, 8, 1))
    content = board_report_content(
        plan=plan,
        period_start=datetime.date(2024, 9, 1),
        period_end=datetime.date(2024, 9, 30),
        today=datetime.date(2024, 10, 2),
    )
    assert content["exceptions"] == []
    (row,) = content["funding"]["grants"]
    assert row["off_track"] == [
        {
            "title": "Exploitation sub-group plan: 1. Disrupt the county line",
            "rag": "amber",
            "sensitive": True,
        }
    ]
    assert content["marking"] == "OFFICIAL-SENSITIVE"
