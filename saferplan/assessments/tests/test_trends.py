"""Trends over three years or more, rates per 1,000 residents and emerging risks drawn from
sustained rises (issue 23, deliverable 2), on 27 real months of City of London Police's
police.uk records (October 2023 to December 2025, Open Government Licence v3.0), counted
again here straight from the files."""

import csv
from collections import Counter
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from saferplan.assessments import services
from saferplan.crimedata import categories, significance
from saferplan.crimedata import services as crime_services
from saferplan.crimedata.periods import Period
from saferplan.crimedata.police_uk import archive_files
from saferplan.partnerships.models import PoliceForce
from saferplan.partnerships.tests.factories import PartnershipFactory

pytestmark = pytest.mark.django_db

CITY = Path("/work/shared/data/police-uk/city-of-london-2023-10..2025-12")
# A round figure for the arithmetic (not the City's census count).
POPULATION = 10_000


@cache
def counted() -> Counter:
    """(month, crime type) → rows whose LSOA is the City of London's, read with csv."""
    counts: Counter = Counter()
    for path in sorted(CITY.glob("*-street.csv")):
        with path.open(encoding="utf-8") as file:
            for row in csv.DictReader(file):
                if row["LSOA name"].startswith("City of London "):
                    counts[row["Month"], row["Crime type"]] += 1
    return counts


def total(crime_type: str, months: list[str]) -> int:
    return sum(counted()[month, crime_type] for month in months)


@pytest.fixture
def city(coordinator):
    partnership = PartnershipFactory(
        name="City of London Community Safety Partnership",
        slug="city",
        police_force=PoliceForce.CITY_OF_LONDON,
        districts=["City of London"],
        population=POPULATION,
    )
    crime_services.police_uk_import(actor=None, files=archive_files([CITY]))
    return partnership


def draft(partnership, actor, period: str, against: str):
    return services.assessment_draft(
        actor=actor,
        partnership=partnership,
        title=f"Assessment {period}",
        period=Period.parse(period),
        against=Period.parse(against),
    )


def test_a_trend_is_drawn_over_the_three_years_fully_held(city, coordinator):
    quarter = draft(city, coordinator, "2025-10..2025-12", "2024-10..2024-12")
    theft = quarter.findings.get(key="theft-from-the-person")
    # October to December of 2023, 2024 and 2025: all three held.
    expected = [
        [label, total("Theft from the person", [f"{year}-10", f"{year}-11", f"{year}-12"])]
        for label, year in [
            ("October – December 2023", 2023),
            ("October – December 2024", 2024),
            ("October – December 2025", 2025),
        ]
    ]
    assert theft.history == expected
    assert theft.current == expected[-1][1]
    # 1,000 × count ÷ 10,000 residents.
    assert theft.rate == (Decimal(expected[-1][1]) / 10).quantize(Decimal("0.01"))

    # A year against a year: 2023 is not fully held, so two years are a comparison, not a
    # trend, and none is drawn.
    year = draft(city, coordinator, "2025", "2024")
    assert year.findings.get(key="theft-from-the-person").history == []
    assert year.findings.exclude(history=[]).count() == 0


def test_emerging_risks_are_the_categories_rising_beyond_their_own_variation(city, coordinator):
    assessment = draft(city, coordinator, "2025", "2024")
    months = [f"{y}-{m:02d}" for y in (2023, 2024, 2025) for m in range(1, 13)][9:]
    assert len(months) == 27
    rising = {}
    for label in categories.Category.labels:
        counts = [counted()[month, label] for month in months]
        if any(counts):
            check = significance.sustained_rise(counts)
            if check.rising:
                rising[f"{label}: a sustained rise"] = check
    risks = {r.title: r for r in assessment.risks.filter(from_data=True)}
    assert set(risks) == set(rising)
    # Robbery alone: its last nine months, April to December 2025, all above its 27-month
    # mean of 15.1 a month, and December's 27 above the upper limit of 26.7; every other
    # category is within its own variation.
    assert set(risks) == {"Robbery: a sustained rise"}
    assert (
        "the latest point is above the upper process limit"
        in risks["Robbery: a sustained rise"].description
    )
    for title, risk in risks.items():
        assert risk.kind == "emerging"
        assert risk.description.startswith(
            "27 months of police.uk records, October 2023 to December 2025: a rise beyond "
            "normal variation: "
        )
        assert f"The mean is {rising[title].mean:.1f} a month" in risk.description


def test_no_risk_or_trend_rests_on_too_few_months(partnership, coordinator):
    # The real sample: October to December 2018 of Hertfordshire, three months.
    from saferplan.crimedata.sample import SAMPLE_ZIP

    crime_services.police_uk_import(actor=None, files=archive_files([SAMPLE_ZIP]))
    assessment = draft(partnership, coordinator, "2018-12", "2018-11")
    assert assessment.findings.exists()
    assert not assessment.risks.exists()  # 3 months: too few to draw limits (15 needed)
    assert assessment.findings.exclude(history=[]).count() == 0
    assert assessment.findings.filter(rate__isnull=False).count() == 0  # no population
