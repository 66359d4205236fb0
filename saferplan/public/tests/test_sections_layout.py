"""The coordinator chooses the published plan's sections and their order (issue 24,
deliverable 1): the page, the PDF and the Word document follow, and nobody else may."""

import io

import docx
import pytest
from django.urls import reverse
from pypdf import PdfReader

from saferplan.accounts.tests.factories import MembershipFactory
from saferplan.core.models import AuditEvent
from saferplan.plans.tests.factories import PlanFactory
from saferplan.public.models import Contact, PublishedLayout
from saferplan.public.selectors import arranged, published_plan


@pytest.fixture
def strategic(partnership):
    return PlanFactory(
        partnership=partnership,
        kind="strategic",
        title="Safer Borough Partnership Plan 2024 - 2027",
        status="published",
        foreword="We are proud of this plan.",
        foreword_signatory="Cllr Jane Smith\nChair of the Partnership",
        legislation="The Crime and Disorder Act 1998 set up community safety partnerships.",
        definitions="VAWG is any form of violence disproportionately perpetrated by men.",
    )


def url(partnership):
    return reverse("public:sections", args=[partnership.slug])


def posted(form, **changes):
    """What the coordinator's browser sends: every position, the ticked boxes."""
    data = {}
    for _heading, show, position in form.rows():
        data[position.html_name] = position.value()
        if show.value() and not show.field.disabled:
            data[show.html_name] = "on"
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


def headings(partnership):
    return [heading for _, heading in published_plan(partnership=partnership).sections]


def test_the_coordinator_moves_and_hides_sections_in_every_format(
    signed_in, coordinator, partnership, strategic
):
    Contact.objects.create(partnership=partnership, name="Crimestoppers", phone="0800 555 111")
    client = signed_in(coordinator)
    form = client.get(url(partnership)).context["form"]
    assert [heading for heading, _, _ in form.rows()] == [
        "Foreword",
        "Legislation",
        "Definitions",
        "Crime glossary",
        "Useful contact details",
        "Large print and other formats",
    ]
    data = posted(form, **{"position-definitions": "1", "show-legislation": None})

    response = client.post(url(partnership), data)

    assert response.status_code == 302
    assert headings(partnership) == [
        "Definitions",
        "Foreword",
        "Crime glossary",
        "Useful contact details",
        "Large print and other formats",
    ]
    page = client.get(reverse("public:plan", args=[partnership.slug])).content.decode()
    assert page.index('id="definitions"') < page.index('id="foreword"')
    assert "The Crime and Disorder Act 1998 set up" not in page
    pdf = client.get(reverse("public:plan-document", args=[partnership.slug, "pdf"])).content
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Crime and Disorder Act 1998 set up" not in text
    assert text.index("VAWG is any form") < text.index("We are proud of this plan.")
    word = docx.Document(
        io.BytesIO(
            client.get(reverse("public:plan-document", args=[partnership.slug, "docx"])).content
        )
    )
    top = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    assert top[:2] == ["Definitions", "Foreword"]
    assert "Legislation" not in top
    event = AuditEvent.objects.get(object_type="public.publishedlayout")
    assert event.changes["Not shown"] == [None, "Legislation"]
    assert event.changes["Order"][1].startswith("Definitions, Foreword, Legislation")


def test_a_position_that_is_not_a_number_is_named_and_nothing_is_saved(
    signed_in, coordinator, partnership, strategic
):
    client = signed_in(coordinator)
    form = client.get(url(partnership)).context["form"]

    response = client.post(url(partnership), posted(form, **{"position-foreword": "first"}))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Position of Foreword must be a whole number, like 3" in html
    assert 'value="first"' in html  # what was typed is kept
    assert not PublishedLayout.objects.exists()
    response = client.post(url(partnership), posted(form, **{"position-foreword": "0"}))
    assert "Position of Foreword must be 1 or more" in response.content.decode()


def test_the_links_to_other_formats_cannot_be_hidden(
    signed_in, coordinator, partnership, strategic
):
    client = signed_in(coordinator)
    form = client.get(url(partnership)).context["form"]
    data = {name: value for name, value in posted(form).items() if not name.startswith("show-")}

    client.post(url(partnership), data)

    assert headings(partnership) == ["Large print and other formats"]


@pytest.mark.parametrize("role", ["editor", "viewer", "analyst"])
def test_only_a_coordinator_of_the_partnership_chooses(
    signed_in, partnership, other_partnership, strategic, role
):
    member = MembershipFactory(partnership=partnership, role=role).user
    other_coordinator = MembershipFactory(partnership=other_partnership, role="coordinator").user
    for user in (member, other_coordinator):
        assert signed_in(user).get(url(partnership)).status_code in (403, 404)
        assert signed_in(user).post(url(partnership), {"position-foreword": "1"}).status_code in (
            403,
            404,
        )
    assert not PublishedLayout.objects.exists()


def test_a_section_that_gains_text_keeps_its_usual_place():
    usual = [("foreword", "Foreword"), ("partnership", "About"), ("aims", "Our aims")]
    assert arranged(usual, ["aims", "foreword"]) == [
        ("aims", "Our aims"),
        ("foreword", "Foreword"),
        ("partnership", "About"),  # new since: after the foreword, as usual
    ]


def test_the_plan_in_brief_comes_first_in_every_format(client, partnership, strategic):
    """Deliverable 5: a plain-language summary the partnership writes, met first."""
    strategic.plain_summary = (
        "We work together to keep Safer Borough safe.\n\nWe will stop knife crime."
    )
    strategic.introduction = "This plan runs from 2024 to 2027."
    strategic.save()

    assert headings(partnership)[:3] == ["Our plan in brief", "Introduction", "Foreword"]
    page = client.get(reverse("public:plan", args=[partnership.slug])).content.decode()
    assert page.index('id="in-brief"') < page.index('id="introduction"')
    assert '<p class="govuk-body">We will stop knife crime.</p>' in page
    word = docx.Document(
        io.BytesIO(
            client.get(reverse("public:plan-document", args=[partnership.slug, "docx"])).content
        )
    )
    assert (
        next(p.text for p in word.paragraphs if p.style.name == "Heading 1") == "Our plan in brief"
    )
    pdf = client.get(
        reverse("public:plan-document", args=[partnership.slug, "pdf"]), {"size": "large"}
    )
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert text.index("We will stop knife crime.") < text.index("This plan runs from 2024")
