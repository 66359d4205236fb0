"""Every page is in Welsh at its Welsh address (ADR 0032): drawn for a coordinator over the URL
sweep's records of every kind (tests/test_url_access.py), each page says it is Welsh and shows
no English word outside what is marked lang="en" (the partnership's own words, police.uk's
names). A new page is read the day it is added: one left half in English fails here until
its words have their Welsh, or it is listed in settings.PAGES_NOT_IN_WELSH."""

import pytest
from django.conf import settings
from django.utils import translation

from saferplan.plans.tests.test_welsh_round import english_left

# The sweep's records, made once for this module as for the access sweep.
from tests.test_url_access import (  # noqa: F401 - fixtures
    ROUTES,
    coordinator,
    other_partnership,
    outsider,
    partnership,
    url_for,
    world,
)

# What is not a page a person reads (files, images, JSON) is checked by the documents' tests.
NOT_PAGES_PREFIXES = ("api:",)
PAGE_ROUTES = sorted(
    name
    for name, _args in ROUTES
    if not name.startswith(NOT_PAGES_PREFIXES) and name not in settings.PAGES_NOT_IN_WELSH
)


# Pages these records do not reach, read in Welsh by other tests.
READ_ELSEWHERE = {
    # the published plan and its documents: public/tests/test_welsh*.py over a published plan
    "public:plan",
    "public:plan-document",
    "public:action-plan",
    "public:assessment-csv",
    "public:foreword-photo",
    "reports:public-plan-export",
    # hotspots' map, chart and documents need police.uk records: crimedata's tests
    "crimedata:hotspot-map",
    "crimedata:hotspots-docx",
    "crimedata:hotspots-pdf",
    "crimedata:trend-chart",
    # single sign-on is not set up here; the unlock link needs its e-mailed token
    "accounts:sso-start",
    "accounts:sso-callback",
    "accounts:unlock",
    # files kept for a while, not pages
    "background:job-file",
    "plans:foreword-photo-file",
}


@pytest.mark.parametrize("name", PAGE_ROUTES)
def test_every_page_in_welsh_is_wholly_welsh(signed_in, coordinator, url_for, name):  # noqa: F811
    with translation.override("cy"):
        address = url_for(name, dict(ROUTES)[name])
    response = signed_in(coordinator).get(address, follow=True)
    if name in READ_ELSEWHERE or response.status_code == 405:
        return  # read by another test, or a form's target (it refuses GET)
    assert response.status_code == 200
    if not response["Content-Type"].startswith("text/html"):
        return  # a file: CSV, JSON, an image, a document (the documents' tests read them)
    html = response.content.decode()
    assert '<html lang="cy"' in html
    assert english_left(html) == []


def test_the_sweep_reads_pages_of_every_part():
    parts = {name.split(":")[0] for name in PAGE_ROUTES}
    assert {"plans", "crimedata", "consultations", "assessments", "reports", "imports"} <= parts
