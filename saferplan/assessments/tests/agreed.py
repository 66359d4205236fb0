"""Seed 002's Strategic Assessment 2022 as its board agreed it, for the tests of what
follows agreement (publishing it, its files)."""

import datetime

from saferplan.assessments import services
from saferplan.crimedata import services as crime_services
from saferplan.crimedata.periods import Period
from saferplan.demo.crime import ASSESSMENT, seed_002_table
from saferplan.plans.tests.factories import PlanFactory

from .test_assessments import SEED_002

CANARY = "Canaryq7w3m9d"
SEED_TEXT = SEED_002.read_text(encoding="utf-8")


def agreed_seed_002(partnership, coordinator):
    """Seed 002's 2022 figures drafted into an assessment, with a sensitive finding, risk and
    recommendation among OFFICIAL ones, agreed by the board; and a published plan."""
    PlanFactory(
        partnership=partnership,
        kind="strategic",
        title="Hertsmere Community Safety Partnership Plan 2023 - 2027",
        status="published",
    )
    crime_services.comparison_table_import(
        actor=coordinator,
        partnership=partnership,
        text=seed_002_table(SEED_TEXT),
        period=Period.parse("2022"),
        against=Period.parse("2021"),
        source=ASSESSMENT,
    )
    assessment = services.assessment_draft(
        actor=coordinator,
        partnership=partnership,
        title="Hertsmere Strategic Assessment 2022",
        period=Period.parse("2022"),
        against=Period.parse("2021"),
    )
    rape = assessment.findings.get(name="Rape")
    services.finding_update(
        actor=coordinator,
        finding=rape,
        approved=True,
        sentence=f"Rape 34 offences, most linked to one address {CANARY}",
        marking="official_sensitive",
    )
    services.finding_add(
        actor=coordinator,
        assessment=assessment,
        name="Feeling safe",
        sentence="246 people did not feel safe during the day.",
        source="Echo – Community Voice and Feedback Platform",
    )
    services.risk_add(actor=coordinator, assessment=assessment, kind="top", title="Theft other")
    services.risk_add(
        actor=coordinator,
        assessment=assessment,
        kind="emerging",
        title=f"A county line into one estate {CANARY}",
        marking="official_sensitive",
    )
    services.recommendation_add(
        actor=coordinator, assessment=assessment, text="Keep robbery as a priority."
    )
    services.recommendation_add(
        actor=coordinator,
        assessment=assessment,
        text=f"Disrupt the group at the named address {CANARY}",
        marking="official_sensitive",
    )
    return services.assessment_agree(
        actor=coordinator,
        assessment=assessment,
        agreed_on=datetime.date(2023, 1, 12),
        agreed_at="Board, 12 January 2023",
    )
