"""The published plan in Welsh (issue 24, deliverable 4): /cy/p/<partnership>/ and its PDF
and Word document in Welsh, the language switch both ways, partnership text not yet in Welsh
marked as English; a page not yet in Welsh drawn wholly in English; signing in, the
accessibility statement and "page not found" in Welsh. The catalogue's own tests are in
test_welsh_catalogue.py."""

import io

import docx
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from saferplan.plans.tests.factories import PlanFactory

CATALOGUE = settings.BASE_DIR / "locale" / "cy" / "LC_MESSAGES" / "django.po"
TEMPLATES = settings.BASE_DIR / "templates"


@pytest.fixture
def strategic(partnership):
    plan = PlanFactory(
        partnership=partnership,
        kind="strategic",
        title="Hertsmere Community Safety Partnership Plan 2023 - 2027",
        period_start="2023-04-01",
        period_end="2027-03-31",
        status="published",
        foreword="One of our key priorities is to ensure that people feel safe.",
        language_notice="Mae'r ddogfen hon ar gael yn Gymraeg.",
    )
    plan.aims.create(number=1, text="To protect and safeguard vulnerable people")
    return plan


def test_the_published_plan_comes_out_in_welsh_with_a_switch_both_ways(
    client, partnership, strategic
):
    english = reverse("public:plan", args=[partnership.slug])
    with translation.override("cy"):
        welsh = reverse("public:plan", args=[partnership.slug])
    assert welsh == f"/cy{english}"

    html = client.get(welsh).content.decode()

    assert '<html lang="cy"' in html
    for words in (
        "Cynnwys",
        "Rhagair",
        "Ein nodau",
        "Ebrill 2023 i Mawrth 2027",
        "Neidio i'r prif gynnwys",
        "Datganiad hygyrchedd",
        "Print bras a fformatau eraill",
    ):
        assert words in html, words
    # The partnership's English is marked as English; its Welsh notice is the page's own.
    assert '<p class="govuk-body" lang="en">One of our key priorities' in html
    assert '<li lang="en">To protect and safeguard vulnerable people</li>' in html
    assert '<p class="govuk-body">Mae&#x27;r ddogfen hon ar gael yn Gymraeg.</p>' in html
    assert f'href="{english}" hreflang="en" lang="en"' in html
    back = client.get(english).content.decode()
    assert '<html lang="en-GB"' in back
    assert f'href="{welsh}" hreflang="cy" lang="cy"' in back


def test_the_welsh_pdf_and_word_document_are_welsh(client, partnership, strategic):
    with translation.override("cy"):
        pdf_url = reverse("public:plan-document", args=[partnership.slug, "pdf"])
        word_url = reverse("public:plan-document", args=[partnership.slug, "docx"])
    reader = PdfReader(io.BytesIO(client.get(pdf_url).content))
    assert str(reader.trailer["/Root"]["/Lang"]) == "cy"
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Rhagair" in text
    assert "Tudalen 1 o" in text  # the page numbers at the foot
    assert "Ebrill 2023 i Mawrth 2027" in text
    word = docx.Document(io.BytesIO(client.get(word_url).content))
    assert word.core_properties.language == "cy-GB"
    assert "Rhagair" in [p.text for p in word.paragraphs if p.style.name == "Heading 1"]


def test_a_page_not_yet_in_welsh_is_drawn_wholly_in_english(
    signed_in, coordinator, partnership, settings
):
    """A page listed as not yet in Welsh (settings.PAGES_NOT_IN_WELSH): at its Welsh address it
    is the English page, saying so (lang="en-GB"), not English words under lang="cy"; its links
    lead to English pages. Every other page is Welsh there."""
    settings.PAGES_NOT_IN_WELSH = {"reports:partnership-board-reports"}
    client = signed_in(coordinator)
    html = client.get(f"/cy/partnerships/{partnership.slug}/board-reports/").content.decode()
    assert '<html lang="en-GB"' in html
    assert "Skip to main content" in html
    assert f'href="/partnerships/{partnership.slug}/"' in html
    structure = client.get(f"/cy/partnerships/{partnership.slug}/structure/").content.decode()
    assert '<html lang="cy"' in structure
    home = client.get("/cy/")
    assert home.status_code == 302
    assert home["Location"].startswith("/cy/")


def test_signing_in_is_in_welsh(client, coordinator):
    """The start page, signing in (its errors too) and choosing a new password, for someone
    signed out: in Welsh at their Welsh addresses, with the switch."""
    landing = client.get("/cy/").content.decode()
    assert '<html lang="cy"' in landing
    assert "Cynllunio a dilyn diogelwch cymunedol gyda'n gilydd" in landing
    assert 'href="/" hreflang="en" lang="en"' in landing
    sign_in = client.post(
        "/cy/accounts/sign-in/", {"username": coordinator.email, "password": "not this one"}
    ).content.decode()
    assert '<html lang="cy"' in sign_in
    assert "Mewngofnodi i saferplan" in sign_in
    assert "Rhowch gyfeiriad e-bost a chyfrinair cywir." in sign_in
    assert "Mae problem wedi codi" in sign_in  # GOV.UK's error summary, in Welsh
    reset = client.get("/cy/accounts/password-reset/").content.decode()
    assert "Ailosod eich cyfrinair" in reset


def test_a_welsh_page_that_is_not_there_says_so_in_welsh(client, partnership):
    html = client.get("/cy/p/no-such-partnership/").content.decode()
    assert '<html lang="cy"' in html
    assert "Heb ddod o hyd i'r dudalen" in html


def test_the_accessibility_statement_is_in_welsh(client):
    html = client.get("/cy/accessibility/").content.decode()
    assert '<html lang="cy"' in html
    assert "Datganiad hygyrchedd ar gyfer saferplan" in html
