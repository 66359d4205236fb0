"""Figures that cannot mislead (issue 22, deliverable 4): a police.uk figure knows which
months of which forces it rests on, and a period with months missing, or with no data from
the partnership's own force, is refused or warned of in every format. The cases the walk
found, on the real files of /work/shared/data/police-uk."""

import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from saferplan.api.services import api_token_create
from saferplan.crimedata import selectors, services
from saferplan.crimedata.categories import ALL_CRIME
from saferplan.crimedata.coverage import held_summary
from saferplan.crimedata.hotspots import hotspots
from saferplan.crimedata.periods import Period
from saferplan.crimedata.police_uk import archive_files
from saferplan.indicators import services as indicator_services
from saferplan.indicators.assessment import Status
from saferplan.indicators.models import MeasureSource
from saferplan.indicators.selectors import measure

pytestmark = pytest.mark.django_db

DATA = Path("/work/shared/data/police-uk")
HERTFORDSHIRE = {
    "2018-10": DATA / "hertfordshire",
    "2018-11": DATA / "hertfordshire",
    "2018-12": DATA / "hertfordshire",
    "2019-01": DATA / "hertfordshire-2019-01..02",
    "2019-02": DATA / "hertfordshire-2019-01..02",
}
BTP = [DATA / "more-forces-2018-11..2019-02" / f"{m}-btp-street.csv" for m in HERTFORDSHIRE][1:]

# Hertfordshire held from November 2018 to February 2019: December – February against
# September – November rests on one month of three.
SHORT_BASELINE = {"period": "2018-12..2019-02", "against": "2018-09..2018-11"}
# Only British Transport Police held: Hertsmere's own force was never imported.
BTP_ONLY = {"period": "2019-01..2019-02", "against": "2018-11..2018-12"}


@pytest.fixture
def november_to_february():
    months = ["2018-11", "2018-12", "2019-01", "2019-02"]
    files = [HERTFORDSHIRE[m] / f"{m}-hertfordshire-street.csv" for m in months]
    return services.police_uk_import(actor=None, files=archive_files(files))


@pytest.fixture
def btp_only():
    return services.police_uk_import(actor=None, files=archive_files(BTP))


@pytest.fixture
def analyst(member_of):
    return member_of("analyst")


def page(client, name, partnership, **params) -> str:
    answer = client.get(reverse(f"crimedata:{name}", args=[partnership.slug]), params)
    assert answer.status_code == 200
    return " ".join(answer.content.decode().split())


def csv_rows(client, partnership, **params) -> list[dict]:
    answer = client.get(
        reverse("crimedata:overview", args=[partnership.slug]), {**params, "format": "csv"}
    )
    text = b"".join(answer.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def api_comparison(client, user, partnership, **params) -> list[dict]:
    _token, key = api_token_create(actor=user, name="Dashboard")
    answer = client.get(
        reverse("api:crime-comparison", args=[partnership.slug]),
        params,
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert answer.status_code == 200
    return answer.json()


def command(name, *args) -> str:
    out = io.StringIO()
    call_command(name, *args, stdout=out, stderr=out)
    return out.getvalue()


# Hotspots against months not held -----------------------------------------------------------


def test_hotspots_against_a_period_partly_held_give_no_change_and_say_why(
    partnership, november_to_february
):
    spots = hotspots(partnership, ALL_CRIME, Period.parse("2018-12..2019-02"))

    assert spots.total > 1000
    assert all(spot.previous is None and spot.change is None for spot in spots.lsoas)
    assert all(spot.change is None for spot in spots.streets)
    assert spots.warnings == [
        "September – November 2018 holds 1 of its 3 months of Hertfordshire Constabulary data "
        "(missing September 2018, October 2018). No change is given against it."
    ]


def test_the_hotspot_page_word_pdf_and_command_warn_of_the_missing_months(
    signed_in, analyst, partnership, november_to_february
):
    import docx
    from pypdf import PdfReader

    client = signed_in(analyst)
    query = {"category": ALL_CRIME, "period": "2018-12..2019-02"}
    warning = "September – November 2018 holds 1 of its 3 months of Hertfordshire Constabulary"

    shown = page(client, "hotspots", partnership, **query)
    word = docx.Document(
        io.BytesIO(
            client.get(reverse("crimedata:hotspots-docx", args=["hertsmere"]), query).content
        )
    )
    pdf = PdfReader(
        io.BytesIO(client.get(reverse("crimedata:hotspots-pdf", args=["hertsmere"]), query).content)
    )
    printed = command("hotspots", "--partnership=hertsmere", "--period=2018-12..2019-02")
    as_csv = command(
        "hotspots", "--partnership=hertsmere", "--period=2018-12..2019-02", "--format=csv"
    )

    assert warning in shown
    assert "more</span>" not in shown  # no rise shown anywhere
    assert warning in " ".join(p.text for p in word.paragraphs)
    assert warning in " ".join(" ".join(p.extract_text() for p in pdf.pages).split())
    assert warning in printed
    assert warning in as_csv
    assert all(row["change"] == "" for row in csv.DictReader(io.StringIO(as_csv.split("\n", 1)[1])))


def test_default_periods_are_the_latest_months_held_with_none_missing(
    signed_in, analyst, partnership
):
    months = ["2018-10", "2018-11", "2018-12", "2019-02"]  # January 2019 not imported
    files = [HERTFORDSHIRE[m] / f"{m}-hertfordshire-street.csv" for m in months]
    services.police_uk_import(actor=None, files=archive_files(files))
    client = signed_in(analyst)

    hotspot_page = page(client, "hotspots", partnership)
    trend_page = page(client, "trend", partnership)
    county_page = page(client, "county", partnership)

    assert "All crime in Hertsmere, February 2019</h2>" in hotspot_page
    assert "All crime in Hertsmere, February 2019</h2>" in trend_page
    assert "Records by partnership and category, February 2019<" in county_page
    assert "No police.uk data is held for January 2019 to compare with." in hotspot_page
    for shown in (trend_page, county_page):
        assert "January 2019" not in shown.split("About police.uk figures")[0]


# A comparison whose baseline is partly held ---------------------------------------------------


def test_a_comparison_csv_gives_no_percentage_when_the_baseline_is_partly_held(
    signed_in, analyst, partnership, november_to_february
):
    rows = csv_rows(signed_in(analyst), partnership, **SHORT_BASELINE)

    police = [row for row in rows if row["Source"].startswith("Recorded crime")]
    assert police
    assert all(row["% change"] == "" and row["Difference"] == "" for row in police)
    assert all(row["September – November 2018"] == "" for row in police)
    assert all("holds 1 of its 3 months" in row["Warning"] for row in police)


def test_a_comparison_partly_held_is_refused_on_the_page_api_and_command_line(
    client, signed_in, analyst, partnership, november_to_february
):
    warning = "September – November 2018 holds 1 of its 3 months of Hertfordshire Constabulary"

    shown = page(signed_in(analyst), "overview", partnership, **SHORT_BASELINE)
    [police] = api_comparison(client, analyst, partnership, **SHORT_BASELINE)
    printed = command("compare", "--partnership=hertsmere", "--period=2018-12..2019-02",
                      "--against=2018-09..2018-11", "--source=police-uk")  # fmt: skip

    assert warning in shown
    assert "had an all crime" not in shown
    assert "%</td>" not in shown
    assert warning in police["notes"][0]
    assert all(row["percent_change"] is None for row in police["rows"])
    assert [c["complete"] for c in police["coverage"]] == [True, False]
    assert police["coverage"][1]["months_missing"] == ["2018-09", "2018-10"]
    assert warning in printed
    assert "%" not in printed.replace("% change", "")


# A partnership whose own force was never imported ---------------------------------------------


def test_british_transport_police_records_alone_are_not_a_partnerships_figures(
    partnership, btp_only
):
    comparison = selectors.police_uk_comparison(partnership, *map(Period.parse, BTP_ONLY.values()))

    assert comparison.headline == ""
    assert all(row.percent_change is None and row.current is None for row in comparison.rows)
    assert comparison.notes[0].startswith(
        "No Hertfordshire Constabulary data has been imported for January – February 2019: "
        "the only records there are British Transport Police's"
    )
    assert comparison.coverage[0].others == (("British Transport Police", 2),)


def test_british_transport_police_only_is_warned_of_in_every_format(
    client, signed_in, analyst, partnership, btp_only
):
    warning = "No Hertfordshire Constabulary data has been imported for January – February 2019"

    shown = page(signed_in(analyst), "overview", partnership, **BTP_ONLY)
    rows = csv_rows(signed_in(analyst), partnership, **BTP_ONLY)
    [police] = api_comparison(client, analyst, partnership, **BTP_ONLY)
    printed = command("compare", "--partnership=hertsmere", "--period=2019-01..2019-02",
                      "--against=2018-11..2018-12", "--format=sentences")  # fmt: skip

    for text in (shown, rows[0]["Warning"], police["notes"][0], printed):
        assert warning in text
    assert "reduction" not in shown
    assert "reduction" not in printed
    assert all(row["% change"] == "" for row in rows)
    assert all(row["percent_change"] is None for row in police["rows"])


def test_a_police_uk_measure_has_no_figure_from_another_forces_records(
    partnership, analyst, btp_only
):
    indicator = indicator_services.indicator_create(
        actor=analyst,
        partnership=partnership,
        name="All crime",
        source=MeasureSource.POLICE_UK,
        categories=[ALL_CRIME],
        baseline=Period.parse("2018-11..2018-12"),
        target=Decimal(-5),
    )

    assessment = measure(indicator).assessment

    assert assessment.baseline.value is None
    assert assessment.status == Status.NOT_ENOUGH


def test_a_trend_has_no_count_for_a_month_its_own_force_was_not_imported(
    signed_in, analyst, partnership, btp_only
):
    trend = selectors.trend(partnership, ALL_CRIME, Period.parse("2018-11..2019-02"))
    shown = page(
        signed_in(analyst), "trend", partnership, category=ALL_CRIME, period="2018-11..2019-02"
    )

    assert [point.count for point in trend.points] == [None] * 4
    assert "No Hertfordshire Constabulary data has been imported for November 2018" in shown


def test_the_county_view_warns_of_a_period_partly_held(
    signed_in, analyst, partnership, november_to_february
):
    shown = page(signed_in(analyst), "county", partnership, period="2018-10..2018-12")
    default = page(signed_in(analyst), "county", partnership)

    assert "October – December 2018 holds 2 of its 3 months of Hertfordshire" in shown
    assert "November 2018 – February 2019" in default  # the latest months held
    assert "holds" not in default


# The months held, with a gap named ---------------------------------------------------------


def test_the_overview_names_the_months_missing_between_those_held(client, analyst, partnership):
    months = ["2018-10", "2018-11", "2019-01", "2019-02"]  # December 2018 never imported
    files = [HERTFORDSHIRE[m] / f"{m}-hertfordshire-street.csv" for m in months]
    services.police_uk_import(actor=None, files=archive_files(files))
    client.force_login(analyst)
    assert (
        "police.uk data held for 4 months, October 2018 to February 2019; "
        "missing: December 2018." in page(client, "overview", partnership)
    )


def test_months_missing_in_a_row_are_named_as_a_run_and_a_full_span_names_none():
    held = [*Period.parse("2024-03..2024-06").months(), *Period.parse("2024-09..2024-10").months()]
    held += Period.parse("2025-02..2025-03").months()
    assert held_summary(held) == (
        "police.uk data held for 8 months, March 2024 to March 2025; missing: July 2024, "
        "August 2024, November 2024 to January 2025."
    )
    assert held_summary(held[:4]) == "police.uk data held for 4 months, March 2024 to June 2024."
