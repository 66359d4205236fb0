"""The board report's crime section (issue 23, deliverable 5): the report's months of
police.uk records against the same months a year before, in the county's shape, on real
City of London Police months (Open Government Licence v3.0) counted again here from the
files; refused with its reason when a month is missing; in the page, the Word and the PDF."""

import datetime
import re

import pytest
from django.urls import reverse

from saferplan.accounts.tests.factories import MembershipFactory
from saferplan.assessments.tests.test_trends import CITY, counted, total
from saferplan.crimedata import services as crime_services
from saferplan.crimedata.categories import Category
from saferplan.crimedata.police_uk import archive_files
from saferplan.partnerships.models import PoliceForce
from saferplan.partnerships.tests.factories import PartnershipFactory
from saferplan.plans.tests.factories import PlanFactory
from saferplan.reports.board_documents import board_report_document
from saferplan.reports.services import board_report_create
from saferplan.reports.tests.files import readable_text

pytestmark = pytest.mark.django_db

QUARTER = ["2024-10", "2024-11", "2024-12"]
YEAR_BEFORE = ["2023-10", "2023-11", "2023-12"]


@pytest.fixture
def city():
    partnership = PartnershipFactory(
        name="City of London Community Safety Partnership",
        slug="city",
        police_force=PoliceForce.CITY_OF_LONDON,
        districts=["City of London"],
    )
    crime_services.police_uk_import(actor=None, files=archive_files([CITY]))
    return partnership


@pytest.fixture
def city_coordinator(city):
    return MembershipFactory(partnership=city, role="coordinator").user


def report_of(city, coordinator, start, end):
    plan = PlanFactory(partnership=city, title="City Action Plan 2024-25")
    return board_report_create(
        actor=coordinator,
        plan=plan,
        title=f"Report to {end:%B %Y}",
        period_start=start,
        period_end=end,
    )


def all_crime(months: list[str]) -> int:
    asb = Category.ANTI_SOCIAL_BEHAVIOUR.label
    return sum(n for (month, kind), n in counted().items() if month in months and kind != asb)


def test_the_reports_quarter_beside_the_same_quarter_a_year_before(
    signed_in, city, city_coordinator
):
    report = report_of(
        city, city_coordinator, datetime.date(2024, 10, 1), datetime.date(2024, 12, 31)
    )
    html = signed_in(city_coordinator).get(
        reverse("reports:board-report", args=["city", report.pk])
    )
    html = html.content.decode()
    section = html[html.index('id="crime"') :]
    assert "Crime and anti-social behaviour: October – December 2024" in section
    now, before = all_crime(QUARTER), all_crime(YEAR_BEFORE)
    assert before
    assert now
    cells = [f">{before}<", f">{now}<", f">{now - before:+d}<".replace("+0", "0")]
    assert all(cell in section for cell in cells), cells
    shoplifting_now = total("Shoplifting", QUARTER)
    shoplifting_before = total("Shoplifting", YEAR_BEFORE)
    assert f">{shoplifting_before}<" in section
    assert f">{shoplifting_now}<" in section
    caption = "Crime increase" if shoplifting_now > shoplifting_before else "Crime decrease"
    assert caption in section

    for kind in ("docx", "pdf"):
        text = re.sub(r"<[^>]+>", "", readable_text(kind, board_report_document(report, kind)))
        assert "Crimeandanti-socialbehaviour:October–December2024" in text
        assert f"Allcrime{before}{now}" in text


def test_a_quarter_with_a_month_missing_has_no_figures_only_the_reason(
    signed_in, city, city_coordinator
):
    # October to December 2023 against 2022: 2022 is not held.
    report = report_of(
        city, city_coordinator, datetime.date(2023, 10, 1), datetime.date(2023, 12, 31)
    )
    html = (
        signed_in(city_coordinator)
        .get(reverse("reports:board-report", args=["city", report.pk]))
        .content.decode()
    )
    section = html[html.index('id="crime"') :]
    assert "October – December 2022" in section
    assert "No figures or change are given for it." in section
    assert "Crime increase" not in section
    assert "Crime decrease" not in section


def test_no_section_without_police_uk_data(signed_in, partnership, coordinator):
    report = report_of(
        partnership, coordinator, datetime.date(2024, 10, 1), datetime.date(2024, 12, 31)
    )
    html = (
        signed_in(coordinator)
        .get(reverse("reports:board-report", args=[partnership.slug, report.pk]))
        .content.decode()
    )
    assert 'id="crime"' not in html
