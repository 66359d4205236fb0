"""Performance measures' statuses, worked out from real figures (manual and police.uk), with
their targets, tolerances and gaps."""

import csv
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from saferplan.core.models import AuditEvent
from saferplan.crimedata import services as crime_services
from saferplan.crimedata.periods import Period
from saferplan.crimedata.police_uk import archive_files
from saferplan.crimedata.sample import SAMPLE_ZIP
from saferplan.crimedata.tests.files import sample_csv
from saferplan.indicators import services
from saferplan.indicators.assessment import Status
from saferplan.indicators.models import Indicator, MeasureSource
from saferplan.indicators.selectors import measure

from .conftest import manual_measure

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("latest", "status", "rag"),
    [
        (950, Status.ON_TARGET, "green"),  # exactly 5% less: the target is met
        (900, Status.ON_TARGET, "green"),
        (970, Status.WITHIN_TOLERANCE, "amber"),  # 3% less: 2 points short, the tolerance
        (971, Status.OFF_TARGET, "red"),  # 2.9% less: 2.1 points short
        (1100, Status.OFF_TARGET, "red"),
    ],
)
def test_a_reduction_target_is_met_missed_within_tolerance_or_missed(
    partnership, analyst, latest, status, rag
):
    indicator = manual_measure(partnership, analyst, {"2022": 1000, "2023": latest})

    assessment = measure(indicator).assessment

    assert (assessment.status, assessment.suggested_rag) == (status, rag)
    assert assessment.latest.period == Period.parse("2023")
    assert assessment.target_value == Decimal(950)


def test_the_status_sentence_names_the_periods_figures_and_target(partnership, analyst):
    indicator = manual_measure(partnership, analyst, {"2022": 1000, "2023": 1100})

    assert measure(indicator).assessment.sentence == (
        "Off target: 1100 in January – December 2023, 10% more than the baseline of 1000 in "
        "January – December 2022. Target: 5% less than the baseline (950 or fewer)."
    )


@pytest.mark.parametrize(
    ("latest", "status"),
    [(81, Status.ON_TARGET), (79, Status.WITHIN_TOLERANCE), (77, Status.OFF_TARGET)],
)
def test_a_survey_percentage_where_higher_is_better_is_measured_against_a_value(
    partnership, analyst, latest, status
):
    indicator = manual_measure(
        partnership,
        analyst,
        {"2022": 75, "2023": latest},
        name="% feeling safe after dark",
        unit="percent",
        direction="higher",
        target_kind="value",
        target=Decimal(80),
        tolerance=Decimal(2),
    )

    assessment = measure(indicator).assessment

    assert assessment.status == status
    assert assessment.change is None  # a change of a percentage is not a % change
    assert assessment.target_text == "80 per cent or more"


def test_monthly_figures_add_up_to_the_baseline_length_but_a_gap_leaves_no_status(
    partnership, analyst
):
    months = {f"2023-{m:02d}": 80 for m in range(1, 13)}
    indicator = manual_measure(partnership, analyst, {"2022": 1000, **months})
    assert measure(indicator).assessment.latest.value == Decimal(960)

    services.indicator_value_delete(actor=analyst, value=indicator.values.get(start="2023-06-01"))

    assessment = measure(indicator).assessment
    assert assessment.status == Status.NOT_ENOUGH
    assert "some months have no figures" in assessment.sentence


def test_a_percentage_measure_refuses_a_percentage_change_target_and_saves_nothing(
    partnership, analyst
):
    with pytest.raises(ValidationError) as error:
        manual_measure(partnership, analyst, {}, unit="percent")

    assert "target_kind" in error.value.error_dict
    assert not Indicator.objects.exists()
    assert not AuditEvent.objects.filter(object_type="indicators.indicator").exists()


def police_uk_rows(month: str, crime_types: set[str]) -> int:
    """Hertsmere rows of those types in the real file, counted without saferplan's reader."""
    return sum(
        1
        for row in csv.DictReader(io.StringIO(sample_csv(month).decode()))
        if row["LSOA name"].startswith("Hertsmere ") and row["Crime type"] in crime_types
    )


def test_a_police_uk_measure_adds_up_the_real_records_of_its_categories(partnership, analyst):
    crime_services.police_uk_import(actor=None, files=archive_files([SAMPLE_ZIP]))
    indicator = services.indicator_create(
        actor=analyst,
        partnership=partnership,
        name="Reduction in the incidents of disorder and ASB",
        source=MeasureSource.POLICE_UK,
        categories=["anti-social-behaviour", "public-order"],
        direction="lower",
        baseline=Period.parse("2018-10"),
        target_kind="change",
        target=Decimal(-5),
        tolerance=Decimal(5),
    )
    types = {"Anti-social behaviour", "Public order"}
    october, november, december = (
        police_uk_rows(m, types) for m in ("2018-10", "2018-11", "2018-12")
    )

    assessment = measure(indicator).assessment

    assert assessment.baseline.value == october
    assert [(f.period.typed, f.value) for f in assessment.history] == [
        ("2018-12", december),
        ("2018-11", november),
    ]
    change = (Decimal(december - october) * 100 / october).quantize(Decimal("0.1"))
    assert assessment.change == change
    expected = (
        Status.ON_TARGET
        if change <= -5
        else Status.WITHIN_TOLERANCE
        if change <= 0
        else Status.OFF_TARGET
    )
    assert assessment.status == expected


def test_a_baseline_with_no_police_uk_data_leaves_the_measure_without_a_status(
    partnership, analyst
):
    crime_services.police_uk_import(actor=None, files=archive_files([SAMPLE_ZIP]))
    indicator = services.indicator_create(
        actor=analyst,
        partnership=partnership,
        name="Violent crime",
        source=MeasureSource.POLICE_UK,
        categories=["violent-crime"],
        baseline=Period.parse("2017-10"),
        target=Decimal(-5),
    )

    assessment = measure(indicator).assessment

    assert assessment.status == Status.NOT_ENOUGH
    assert assessment.suggested_rag is None
    assert assessment.sentence == "No figure for the baseline, October 2017, yet."


def test_a_target_of_incidents_is_a_whole_number_that_meets_it(partnership, analyst):
    fewer = manual_measure(partnership, analyst, {"2022": 2139, "2023": 2032})
    more = manual_measure(
        partnership,
        analyst,
        {"2022": 41, "2023": 43},
        name="Reporting",
        direction="higher",
        target=Decimal(5),
    )

    fewer_assessment = measure(fewer).assessment
    more_assessment = measure(more).assessment

    # 2,139 less 5% is 2,032.05: 2,032 incidents meet it; 41 and 5% is 43.05: 44 do.
    assert fewer_assessment.target_text == "5% less than the baseline (2032 or fewer)"
    assert fewer_assessment.status == Status.ON_TARGET
    assert more_assessment.target_text == "5% more than the baseline (44 or more)"
    assert more_assessment.status != Status.ON_TARGET
