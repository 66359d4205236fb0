"""The crime pages ask the database the same number of queries whatever the data's size
(issue 27): a national installation holds five years of every force's months and 300
partnerships, and bench/bench_national.py times these pages on it."""

import tempfile
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from saferplan.crimedata import services
from saferplan.crimedata.periods import Period
from saferplan.crimedata.police_uk import archive_files
from saferplan.partnerships.tests.factories import PartnershipFactory

from .files import sample_csv

pytestmark = pytest.mark.django_db

PAGES = ["overview", "trend", "hotspots", "county", "peers", "area"]
DISTRICTS = (",Hertsmere 0", ",Dacorum 0", ",Watford 0")


def import_months(period: str) -> None:
    """The sample's October 2018 rows of three districts, as each month of the period."""
    lines = sample_csv("2018-10").decode().splitlines(keepends=True)
    october = lines[0] + "".join(line for line in lines[1:] if any(d in line for d in DISTRICTS))
    folder = Path(tempfile.mkdtemp())
    for month in Period.parse(period).months():
        text = f"{month:%Y-%m}"
        (folder / f"{text}-hertfordshire-street.csv").write_text(
            october.replace(",2018-10,", f",{text},")
        )
    services.police_uk_import(actor=None, files=archive_files([folder]))


def queries_of_each_page(client, partnership) -> dict[str, int]:
    counts = {}
    for name in PAGES:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse(f"crimedata:{name}", args=[partnership.slug]))
        assert response.status_code == 200, name
        counts[name] = len(queries)
    return counts


def test_each_crime_page_asks_as_many_queries_for_three_years_and_ten_partnerships_as_for_two(
    signed_in, member_of, partnership
):
    """Two years held and two partnerships, then three years and eleven partnerships of two
    forces: every page's default view (the latest 12 months against the 12 before) asks the
    same queries, and none asks more than 25."""
    analyst = member_of("analyst")
    PartnershipFactory(name="Dacorum Community Safety Partnership", slug="dacorum")
    import_months("2017-01..2018-12")
    client = signed_in(analyst)
    two_years = queries_of_each_page(client, partnership)

    import_months("2016-01..2016-12")
    for number in range(8):
        PartnershipFactory(name=f"Borough {number} Community Safety Partnership")
    PartnershipFactory(name="Safer Slough Partnership", slug="slough", police_force="thames-valley")
    three_years = queries_of_each_page(client, partnership)

    assert three_years == two_years
    assert max(three_years.values()) <= 25, three_years
