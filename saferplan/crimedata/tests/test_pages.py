"""The crime pages as their users see them, on the real Hertfordshire sample."""

import csv
import io
from collections import Counter

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from saferplan.crimedata import services
from saferplan.crimedata.models import CustomSeries, ForceMonth
from saferplan.crimedata.police_uk import archive_files
from saferplan.crimedata.sample import SAMPLE_ZIP
from saferplan.reports.tests.files import word_layout_problems

from .files import sample_csv

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported():
    return services.police_uk_import(actor=None, files=archive_files([SAMPLE_ZIP]))


@pytest.fixture
def analyst(member_of):
    return member_of("analyst")


def url(name, partnership, **kwargs):
    return reverse(f"crimedata:{name}", args=[partnership.slug, *kwargs.values()])


def hertsmere_rows(month: str):
    return [
        row
        for row in csv.DictReader(io.StringIO(sample_csv(month).decode()))
        if row["LSOA name"].startswith("Hertsmere ")
    ]


def test_the_comparison_page_shows_the_latest_month_against_the_one_before(
    signed_in, viewer, partnership, imported
):
    page = signed_in(viewer).get(url("overview", partnership)).content.decode()

    december = [r for r in hertsmere_rows("2018-12") if r["Crime type"] != "Anti-social behaviour"]
    november = [r for r in hertsmere_rows("2018-11") if r["Crime type"] != "Anti-social behaviour"]
    assert "December 2018 compared with November 2018" in page
    assert f"All crime {len(december)} offences, {abs(len(december) - len(november))}" in page
    assert "Contains public sector information licensed under the Open Government Licence" in page


def test_the_comparison_downloads_as_csv_with_formulas_defused(
    signed_in, analyst, partnership, imported
):
    services.series_create(actor=analyst, partnership=partnership, name="=HYPERLINK(1)")
    response = signed_in(analyst).get(
        url("overview", partnership), {"period": "2018-12", "against": "2018-11", "format": "csv"}
    )

    text = response.getvalue().decode("utf-8")
    assert text.startswith("\ufeff")  # Excel reads it as UTF-8 (the download had no BOM)
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert response["Content-Disposition"].startswith('attachment; filename="hertsmere-crime-')
    assert rows[0][:5] == ["Source", "Category", "Unit", "November 2018", "December 2018"]
    robbery = next(r for r in rows if r[1] == "Robbery")
    counts = Counter(r["Crime type"] for r in hertsmere_rows("2018-12"))
    assert int(robbery[4]) == counts["Robbery"]
    assert not any(cell.startswith("=") for row in rows for cell in row)


def test_hotspots_list_the_busiest_small_areas_with_their_real_counts(
    signed_in, viewer, partnership, imported
):
    page = signed_in(viewer).get(
        url("hotspots", partnership), {"category": "anti-social-behaviour", "period": "2018-12"}
    )
    text = page.content.decode()

    asb = Counter(
        row["LSOA name"]
        for row in hertsmere_rows("2018-12")
        if row["Crime type"] == "Anti-social behaviour"
    )
    (top_lsoa, top_count), *_ = asb.most_common(1)
    assert f"{top_lsoa}</th>" in text
    assert page.context["spots"].lsoas[0].count == top_count
    assert page.context["spots"].total == sum(asb.values())
    svg = signed_in(viewer).get(
        url("hotspot-map", partnership), {"category": "anti-social-behaviour", "period": "2018-12"}
    )
    assert svg["Content-Type"] == "image/svg+xml"
    assert svg.content.startswith(b"<?xml")


def test_the_trend_and_county_pages_show_every_month_and_partnership(
    signed_in, viewer, partnership, other_partnership, imported
):
    other_partnership.districts = ["Dacorum"]
    other_partnership.population = 155100
    other_partnership.save()
    client = signed_in(viewer)

    trend = client.get(url("trend", partnership), {"category": "burglary"})
    county = client.get(url("county", partnership), {"period": "2018-10..2018-12"})

    points = trend.context["trend"].points
    assert [p.count for p in points] == [
        sum(r["Crime type"] == "Burglary" for r in hertsmere_rows(m))
        for m in ("2018-10", "2018-11", "2018-12")
    ]
    assert client.get(url("trend-chart", partnership)).status_code == 200
    rows = {row.partnership.slug: row for row in county.context["rows"]}
    assert rows["hertsmere"].counts["anti-social-behaviour"] == sum(
        r["Crime type"] == "Anti-social behaviour"
        for m in ("2018-10", "2018-11", "2018-12")
        for r in hertsmere_rows(m)
    )
    assert rows["dacorum"].rate("all-crime") is not None
    assert "per 1,000" in county.content.decode()


def test_an_analyst_enters_a_series_and_its_figures_and_a_viewer_may_not(
    signed_in, analyst, viewer, partnership
):
    client = signed_in(analyst)
    client.post(
        url("series-add", partnership),
        {"name": "Assault with injury", "unit": "offences", "source": "SA 2022", "position": 1},
    )
    series = CustomSeries.objects.get(partnership=partnership)
    response = client.post(
        url("series", partnership, pk=series.pk), {"period": "2022", "value": "646"}
    )
    bad = client.post(
        url("series", partnership, pk=series.pk), {"period": "last year", "value": "x"}
    )

    assert response.status_code == 302
    assert series.values.get().value == 646
    assert "Period: “last year” is not a month" in bad.content.decode()
    assert "last year" in bad.content.decode()  # what was typed is kept
    assert signed_in(viewer).post(url("series-add", partnership), {"name": "X"}).status_code == 403


def test_the_series_csv_import_lists_every_bad_row(signed_in, analyst, partnership):
    upload = SimpleUploadedFile(
        "figures.csv", b"Series,Period,Value\nRobbery,2022,67\nRape,2022x,3\nTheft,2022,many\n"
    )

    page = signed_in(analyst).post(url("series-import", partnership), {"file": upload})

    text = page.content.decode()
    assert "figures.csv, row 3, column “Period”" in text
    assert "figures.csv, row 4, column “Value”: “many” is not a number" in text
    assert not CustomSeries.objects.exists()


def test_police_uk_upload_runs_in_the_background_and_reports_a_broken_file(
    signed_in, analyst, partnership, other_partnership
):
    """Tasks run at once in tests (the immediate backend); the job's page tells the end."""
    client = signed_in(analyst)
    good = SimpleUploadedFile("2018-12-hertfordshire-street.csv", sample_csv("2018-12"))
    broken = SimpleUploadedFile(
        "2018-11-hertfordshire-street.csv",
        sample_csv("2018-11").replace(b"Burglary", b"Burglarly", 1),
    )

    done = client.post(url("police-uk", partnership), {"file": good}, follow=True)
    failed = client.post(url("police-uk", partnership), {"file": broken}, follow=True)

    assert "/jobs/" in done.redirect_chain[0][0]
    assert "8,965 records from 1 file" in done.content.decode()
    failed = failed.content.decode()
    assert "The import failed and nothing was saved" in failed
    assert "2018-11-hertfordshire-street.csv" in failed
    assert "column “Crime type”: “Burglarly” is not a police.uk crime type" in failed
    assert list(ForceMonth.objects.values_list("records", flat=True)) == [8965]
    outsider_page = client.get(url("police-uk", other_partnership))
    assert outsider_page.status_code == 403


def test_the_area_page_changes_districts_and_population(signed_in, analyst, partnership):
    signed_in(analyst).post(
        url("area", partnership),
        {"districts": "Hertsmere\nWatford\n", "population": "107500", "population_source": "ONS"},
    )

    partnership.refresh_from_db()
    assert partnership.districts == ["Hertsmere", "Watford"]
    assert partnership.population == 107500


def test_the_hotspots_command_prints_the_busiest_small_areas(partnership, imported):
    from django.core.management import call_command

    out = io.StringIO()
    call_command(
        "hotspots",
        "--partnership=hertsmere",
        "--period=2018-12",
        "--category=anti-social-behaviour",
        "--format=csv",
        stdout=out,
    )

    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    asb = Counter(
        r["LSOA name"]
        for r in hertsmere_rows("2018-12")
        if r["Crime type"] == "Anti-social behaviour"
    )
    lsoas = [row for row in rows if row["kind"] == "lsoa"]
    assert int(lsoas[0]["count"]) == asb.most_common(1)[0][1]
    assert {row["name"] for row in lsoas} <= set(asb)


def test_the_street_map_points_are_the_hotspot_maps_with_the_top_five_numbered(
    signed_in, analyst, partnership, imported
):
    client = signed_in(analyst)
    query = "?category=anti-social-behaviour&period=2018-12"
    page = client.get(url("hotspots", partnership) + query).content.decode()
    points = client.get(url("hotspot-points", partnership) + query).json()

    december_asb = [
        r for r in hertsmere_rows("2018-12") if r["Crime type"] == "Anti-social behaviour"
    ]
    located = [r for r in december_asb if r["Longitude"]]
    assert sum(f["properties"]["count"] for f in points["features"]) == len(located)
    assert sorted(
        f["properties"]["rank"] for f in points["features"] if f["properties"]["rank"]
    ) == [1, 2, 3, 4, 5]
    # Without JavaScript the street map stays hidden: it cannot work without it.
    assert "data-street-map hidden" in page


def test_the_hotspots_download_as_word_and_pdf_with_the_map_tables_and_caveats(
    signed_in, analyst, partnership, imported
):
    import docx
    from docx.oxml.ns import qn
    from pypdf import PdfReader

    client = signed_in(analyst)
    query = "?category=anti-social-behaviour&period=2018-12"
    december_asb = [
        r for r in hertsmere_rows("2018-12") if r["Crime type"] == "Anti-social behaviour"
    ]
    busiest_lsoa, records = Counter(r["LSOA name"] for r in december_asb).most_common(1)[0]

    word = docx.Document(io.BytesIO(client.get(url("hotspots-docx", partnership) + query).content))
    pdf = PdfReader(io.BytesIO(client.get(url("hotspots-pdf", partnership) + query).content))

    title = "Hotspots: Anti-social behaviour in Hertsmere, December 2018"
    assert word.core_properties.title == title
    assert word.core_properties.language == "en-GB"
    descriptions = [p.get("descr") for p in word.element.body.iter(qn("wp:docPr"))]
    assert descriptions[0].startswith("Map of Hertsmere with")
    lsoa_rows = [[c.text for c in row.cells] for row in word.tables[1].rows]
    assert lsoa_rows[1][0] == busiest_lsoa
    assert lsoa_rows[1][2] == str(records)
    text = " ".join(" ".join(page.extract_text() for page in pdf.pages).split())
    assert pdf.metadata.title == title
    assert pdf.trailer["/Root"]["/Lang"] == "en-GB"
    assert busiest_lsoa in text
    assert "Open Government Licence v3.0" in text
    assert "Open Government Licence v3.0" in "\n".join(p.text for p in word.paragraphs)


def test_the_word_hotspots_are_a4_portrait_with_2_cm_margins_and_fitted_columns(
    signed_in, analyst, partnership, imported
):
    query = "?category=anti-social-behaviour&period=2018-12"
    content = signed_in(analyst).get(url("hotspots-docx", partnership) + query).content
    assert word_layout_problems(content, orientation="portrait") == []
