"""A member of the public answers a consultation in Chromium, and axe-core finds no WCAG
2.2 A/AA violation on any consultation page, public or signed in."""

import datetime

import pytest

from saferplan.core import clock
from tests.browser.test_accessibility import check

from .conftest import axe_violations, submit


@pytest.fixture
def open_consultation(demo_site):
    from saferplan.accounts.models import User
    from saferplan.consultations import services
    from saferplan.partnerships.models import Partnership

    hertsmere = Partnership.objects.get(slug="hertsmere")
    today = clock.today()
    return services.consultation_create(
        actor=User.objects.get(email="coordinator@example.org"),
        partnership=hertsmere,
        plan=hertsmere.plans.get(kind="strategic"),
        title="Plan refresh 2027: are these still the right priorities?",
        privacy_notice="Hertsmere CSP holds your answers to agree its priorities.",
        opens_on=today,
        closes_on=today + datetime.timedelta(days=42),
        about_you=["area", "age-band"],
        areas=["Borehamwood", "Bushey", "Potters Bar", "Radlett"],
    )


def test_a_member_of_the_public_answers_the_consultation(page_as, demo_site, open_consultation):
    from saferplan.consultations.models import Response
    from saferplan.consultations.selectors import questions_of

    questions = questions_of(open_consultation)
    page = page_as(None)
    start = f"{demo_site}/p/hertsmere/consultations/{open_consultation.pk}/"
    check(page, start)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(start)
    page.click("text=Start now")
    # Continue without answering: the error summary names the first unanswered aim.
    # The answer is a new page: wait for it, or the old page may be the one looked at.
    submit(page, "button:has-text('Continue')")
    assert page.locator(".govuk-error-summary").is_visible()
    assert "Select how relevant aim 1 is" in page.locator(".govuk-error-summary").inner_text()
    assert not axe_violations(page)
    for section, answer in (("aims", "very"), ("priorities", "fairly")):
        for question in (q for q in questions if q.section == section and q.kind == "relevance"):
            page.check(f"input[name=question_{question.pk}][value={answer}]")
        if section == "priorities":
            priority_4 = next(q for q in questions if q.short_label == "Priority 4")
            page.check(f"input[name=question_{priority_4.pk}][value=not-very]")
        assert not axe_violations(page)
        submit(page, "button:has-text('Continue')")
    page.fill("textarea", "Better lighting on the path to the station")
    assert not axe_violations(page)
    submit(page, "button:has-text('Continue')")
    page.get_by_label("Bushey").check()
    assert not axe_violations(page)
    submit(page, "button:has-text('Continue')")
    assert page.locator("h1").inner_text() == "Would you like a reply?"
    assert not axe_violations(page)
    submit(page, "button:has-text('Continue')")
    assert "Check your answers" in page.locator("h1").inner_text()
    assert "Not very relevant" in page.content()
    assert not axe_violations(page)
    submit(page, "button:has-text('Send my answers')")
    assert page.locator(".govuk-panel__title").inner_text() == "Answers sent"
    assert not axe_violations(page)
    response = Response.objects.get(consultation=open_consultation)
    texts = [a.text for a in response.answers.all() if a.text]
    assert texts == ["Better lighting on the path to the station"]


@pytest.mark.page_checks
def test_consultation_pages_have_no_accessibility_violations(page_as, demo_site):
    from saferplan.consultations.models import Answer, Consultation

    consultation = Consultation.objects.get(partnership__slug="hertsmere")
    theme = consultation.themes.first()
    answer = Answer.objects.filter(question__consultation=consultation, text__gt="").first()
    base = f"/partnerships/hertsmere/consultations/{consultation.pk}/"
    page = page_as("coordinator@example.org")
    for path in [
        "/partnerships/hertsmere/consultations/",
        "/partnerships/hertsmere/consultations/add/",
        base,
        base + "?by=area",
        base + "edit/",
        base + "themes/",
        base + f"themes/{theme.pk}/",
        base + f"themes/{theme.pk}/delete/",
        base + "answers/",
        base + "answers/?unthemed=1",
        base + f"answers/{answer.pk}/",
        base + "import/",
        f"/p/hertsmere/consultations/{consultation.pk}/",  # closed
        f"/p/hertsmere/consultations/{consultation.pk}/privacy/",
        "/p/hertsmere/",  # with "What you told us"
    ]:
        check(page, demo_site + path)
    # The import preview, with its column selects, and an error on the add form.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(demo_site + base + "import/")
    from saferplan.demo.consultation import SURVEY

    page.set_input_files("input[type=file]", str(SURVEY))
    with page.expect_navigation():  # else content() may be read while the answer loads
        page.click("button:has-text('Upload and preview')")
    assert "was imported on" in page.content()  # the demo imported this very file
    assert not axe_violations(page)
    page.goto(demo_site + "/partnerships/hertsmere/consultations/add/")
    # The answer is a new page: wait for it, or the old page may be the one looked at.
    with page.expect_navigation():
        page.click("button:has-text('Create the consultation')")
    assert page.locator(".govuk-error-summary").is_visible()
    assert not axe_violations(page)


def test_a_welsh_reader_answers_the_consultation_in_welsh(page_as, demo_site, open_consultation):
    """The public form at /cy/…, every page checked with axe at 1280 and 320 px, in Welsh."""
    from saferplan.consultations.models import Response
    from saferplan.consultations.selectors import questions_of

    questions = questions_of(open_consultation)
    page = page_as(None)
    start = f"{demo_site}/cy/p/hertsmere/consultations/{open_consultation.pk}/"
    check(page, start)
    check(page, start + "privacy/")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(start)
    page.click("text=Dechrau nawr")
    submit(page, "button:has-text('Parhau')")
    assert (
        "Dewiswch pa mor berthnasol yw nod 1" in page.locator(".govuk-error-summary").inner_text()
    )
    assert not axe_violations(page)
    for section in ("aims", "priorities"):
        for question in (q for q in questions if q.section == section and q.kind == "relevance"):
            page.check(f"input[name=question_{question.pk}][value=fairly]")
        assert not axe_violations(page)
        submit(page, "button:has-text('Parhau')")
    assert not axe_violations(page)
    submit(page, "button:has-text('Parhau')")  # the views: left empty
    assert not axe_violations(page)
    submit(page, "button:has-text('Parhau')")  # about you: left empty
    assert page.locator("h1").inner_text() == "Hoffech chi gael ateb?"
    assert not axe_violations(page)
    submit(page, "button:has-text('Parhau')")
    assert "Gwiriwch eich atebion" in page.locator("h1").inner_text()
    assert not axe_violations(page)
    submit(page, "button:has-text('Anfon fy atebion')")
    assert page.locator(".govuk-panel__title").inner_text() == "Atebion wedi'u hanfon"
    assert not axe_violations(page)
    assert Response.objects.filter(consultation=open_consultation).count() == 1
