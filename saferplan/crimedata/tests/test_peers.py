"""Peers (issue 23, deliverable 4): every partnership of the installation side by side, and
the most similar ones ranked as docs/adr/0030 says, by hand."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from saferplan.crimedata import services
from saferplan.crimedata.models import CrimeCount, ForceMonth
from saferplan.crimedata.peers import peers
from saferplan.crimedata.periods import Period
from saferplan.crimedata.police_uk import archive_files
from saferplan.crimedata.sample import SAMPLE_ZIP
from saferplan.partnerships.tests.factories import PartnershipFactory

YEAR = Period.parse("2022")


def held_year(force: str = "hertfordshire") -> list[ForceMonth]:
    return [
        ForceMonth.objects.create(force=force, month=month, source=f"{month}.csv", sha256="0")
        for month in YEAR.months()
    ]


def partnership(name: str, population=None, area=None, force="hertfordshire", crime=0, asb=0):
    """A partnership of one district, `name`, with `crime` burglaries and `asb` reports of
    anti-social behaviour in January 2022."""
    made = PartnershipFactory(
        name=f"{name} Community Safety Partnership",
        slug=name.lower(),
        districts=[name],
        police_force=force,
        population=population,
        area_sq_km=None if area is None else Decimal(area),
    )
    batch = ForceMonth.objects.filter(force=force, month=YEAR.start).first()
    for category, count in (("burglary", crime), ("anti-social-behaviour", asb)):
        if count and batch:
            CrimeCount.objects.create(
                batch=batch, month=YEAR.start, district=name, category=category, count=count
            )
    return made


@pytest.fixture
def installation(db):
    """Four partnerships compared, and two that cannot be.

    By hand, with ln for the natural logarithm: (ln population, ln residents per km²,
    all crime per 1,000) is Alpha (11.5129, 6.9078, 60), Bravo (11.6082, 6.8207, 60),
    Charlie (11.9184, 5.8091, 50), Delta (11.4076, 8.4118, 100). Their means are (11.6118,
    6.9874, 67.5) and their standard deviations (0.1907, 0.9289, 19.2029), so standardised
    Alpha is (-0.518, -0.086, -0.391), Bravo (-0.019, -0.179, -0.391), Charlie (1.608,
    -1.268, -0.911) and Delta (-1.071, 1.534, 1.693): from Alpha, Bravo is 0.508 away,
    Charlie 2.488 and Delta 2.696."""
    held_year()
    return {
        "Alpha": partnership("Alpha", 100_000, "100", crime=6_000, asb=900),
        "Bravo": partnership("Bravo", 110_000, "120", crime=6_600, asb=1_100),
        "Charlie": partnership("Charlie", 150_000, "450", crime=7_500, asb=700),
        "Delta": partnership("Delta", 90_000, "20", crime=9_000, asb=2_000),
        # no area: listed, never compared
        "Foxtrot": partnership("Foxtrot", 100_000, None, crime=6_000),
        # of a force none of whose months is held
        "Slough": partnership("Slough", 150_000, "32.5", force="thames-valley"),
    }


def test_the_most_similar_partnerships_are_ranked_as_computed_by_hand(installation):
    figures = peers(installation["Alpha"], YEAR)

    assert [row.partnership.name.split()[0] for row in figures.similar] == [
        "Bravo",
        "Charlie",
        "Delta",
    ]
    assert [round(row.distance, 3) for row in figures.similar] == [0.508, 2.488, 2.696]
    assert figures.subject.distance == 0
    assert figures.note == ""


def test_each_partnership_has_its_rates_per_1000_residents_and_density(installation):
    figures = peers(installation["Alpha"], YEAR)
    delta = next(row for row in figures.rows if row.partnership.slug == "delta")

    assert delta.density == 4500
    assert delta.all_crime == 9_000  # anti-social behaviour is not crime
    assert delta.all_crime_rate == Decimal("100.0")
    assert delta.asb_rate == Decimal("22.2")
    assert delta.rate("burglary") == Decimal("100.0")


def test_a_partnership_without_its_area_or_its_forces_months_is_listed_but_never_compared(
    installation,
):
    figures = peers(installation["Alpha"], YEAR)
    by_slug = {row.partnership.slug: row for row in figures.rows}

    assert list(by_slug) == ["alpha", "bravo", "charlie", "delta", "foxtrot", "slough"]
    assert by_slug["foxtrot"].reason == "No area entered."
    assert by_slug["slough"].count("all-crime") is None
    assert by_slug["slough"].all_crime_rate is None
    assert "No Thames Valley Police data has been imported for January – December 2022" in (
        by_slug["slough"].reason
    )
    assert {"foxtrot", "slough"}.isdisjoint(row.partnership.slug for row in figures.similar)


def test_a_partnership_that_cannot_be_compared_is_told_why(installation):
    figures = peers(installation["Foxtrot"], YEAR)

    assert figures.similar == []
    assert figures.note == (
        "Foxtrot Community Safety Partnership cannot be compared with others for "
        "January – December 2022: No area entered."
    )


def test_a_year_with_a_month_missing_gives_no_figures_and_no_ranking(installation):
    ForceMonth.objects.filter(force="hertfordshire", month=date(2022, 6, 1)).delete()

    figures = peers(installation["Alpha"], YEAR)

    assert figures.similar == []
    assert figures.subject.all_crime_rate is None
    assert "missing June 2022" in figures.note


# Real records: October 2018 of Hertfordshire Constabulary, and the demo's Census 2021
# populations and published areas ---------------------------------------------------------


def test_hertsmere_s_peers_in_the_real_october_2018_records(db):
    """All crime in October 2018, counted in the sample's street file by LSOA name: Three
    Rivers 398, Dacorum 1,039, Hertsmere 686, East Hertfordshire 721. With the populations
    and areas below, by the formula of the first test, Dacorum is 1.871 from Hertsmere,
    Three Rivers 2.149 and East Hertfordshire 3.304."""
    services.police_uk_import(actor=None, files=archive_files([SAMPLE_ZIP])[:1])
    made = {
        name: PartnershipFactory(
            name=f"{name} Community Safety Partnership",
            districts=[name],
            population=population,
            area_sq_km=Decimal(area),
        )
        for name, population, area in [
            ("Three Rivers", 93_300, "88.8"),
            ("Dacorum", 155_100, "212.5"),
            ("Hertsmere", 107_500, "101.2"),
            ("East Hertfordshire", 151_100, "475.7"),
        ]
    }

    figures = peers(made["Hertsmere"], Period.parse("2018-10"))

    assert [(row.partnership.districts[0], round(row.distance, 3)) for row in figures.similar] == [
        ("Dacorum", 1.871),
        ("Three Rivers", 2.149),
        ("East Hertfordshire", 3.304),
    ]
    assert figures.subject.all_crime == 686
    assert figures.subject.all_crime_rate == Decimal("6.4")
    assert figures.subject.asb == 166


# The page ----------------------------------------------------------------------------------


def test_the_page_shows_the_nearest_first_and_every_partnership(installation, client):
    from saferplan.accounts.tests.factories import MembershipFactory

    analyst = MembershipFactory(partnership=installation["Alpha"], role="analyst").user
    client.force_login(analyst)

    response = client.get(
        reverse("crimedata:peers", args=["alpha"]), {"period": "2022-01..2022-12"}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert html.index(">Bravo<") < html.index(">Charlie<") < html.index(">Delta<")
    assert ">0.51<" in html
    assert "No Thames Valley Police data has been imported" in html  # Slough's row
    assert "4,500" in html  # Delta's residents per km²


def test_the_area_form_saves_the_area_and_its_source(client, db):
    from saferplan.accounts.tests.factories import MembershipFactory
    from saferplan.core.models import AuditEvent

    place = PartnershipFactory(name="Hertsmere Community Safety Partnership", slug="hertsmere")
    client.force_login(MembershipFactory(partnership=place, role="coordinator").user)

    response = client.post(
        reverse("crimedata:area", args=["hertsmere"]),
        {
            "districts": "Hertsmere",
            "population": "107500",
            "population_source": "ONS Census 2021",
            "area_sq_km": "101.2",
            "area_source": "Hertsmere Borough Profile 2017",
        },
    )
    refused = client.post(
        reverse("crimedata:area", args=["hertsmere"]),
        {"districts": "Hertsmere", "area_sq_km": "0"},
    )

    place.refresh_from_db()
    assert response.status_code == 302
    assert place.area_sq_km == Decimal("101.2")
    assert place.density == 1062
    logged = [key for event in AuditEvent.objects.all() for key in event.changes]
    assert any("area" in key.lower() and "source" not in key.lower() for key in logged)
    assert "Area in square kilometres" in refused.content.decode()
    assert "greater than or equal to 0.1" in refused.content.decode()


def test_the_assessment_page_sets_the_partnership_beside_its_peers_for_its_period(
    installation, client
):
    from saferplan.accounts.tests.factories import MembershipFactory
    from saferplan.assessments import services as assessment_services

    coordinator = MembershipFactory(partnership=installation["Alpha"], role="coordinator").user
    assessment = assessment_services.assessment_draft(
        actor=coordinator,
        partnership=installation["Alpha"],
        title="Strategic Assessment 2022",
        period=YEAR,
        against=Period.parse("2021"),
    )
    client.force_login(coordinator)

    html = client.get(reverse("assessments:detail", args=["alpha", assessment.pk])).content.decode()
    panel = html[html.index('id="peers"') : html.index('id="recommendations"')]

    assert "January – December 2022" in panel
    assert panel.index(">Bravo<") < panel.index(">Charlie<") < panel.index(">Delta<")
    assert ">60.0<" in panel  # Alpha's all crime per 1,000
    assert ">100.0<" in panel  # Delta's
    assert ">22.2<" in panel  # Delta's anti-social behaviour per 1,000
    assert "?period=2022-01..2022-12" in panel
