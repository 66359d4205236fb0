"""Contact details read from a plan document and shown as links (issue 24, deliverable 1)."""

import pytest

from saferplan.core.contact_links import phone_links, tel_href, web_href
from saferplan.imports.tests.test_narrative_seeds import SEEDS
from saferplan.public.contacts_text import read_contacts


def test_seed_002s_contact_pages_read_as_the_council_printed_them():
    """Seed 002's "Useful contact details" as the importer keeps them: 11 organisations,
    counted by hand; the fire service's two stations each with its number."""
    from saferplan.imports.readers import parse_plan

    seed = (SEEDS / "002_21a7333a4ab4cb87.txt").read_bytes()
    contacts = read_contacts(parse_plan(seed, "002.txt").contacts)

    assert len(contacts) == 11
    fire = next(c for c in contacts if c.name == "Hertfordshire Fire and Rescue Service")
    assert fire.phone == [
        "Borehamwood Fire Station 020 8258 1100",
        "Potters Bar Fire Station 01707 346 100",
    ]
    police = next(c for c in contacts if c.name == "Hertfordshire Police")
    assert police.phone == ["Non-emergency number 101", "or 999 in an emergency"]
    assert (police.email, police.website) == ("", "www.herts.police.uk")
    assert not any(c.notes for c in contacts)


def test_contacts_marked_with_words_rather_than_symbols():
    text = "Safer Borough Council\nTel: 01234 567890\nEmail: safer@borough.gov.uk\nWebsite: https://borough.gov.uk/safer\n\nVictim Support\n0808 168 9111"
    contacts = read_contacts(text)
    assert [(c.name, c.email, c.phone, c.website) for c in contacts] == [
        (
            "Safer Borough Council",
            "safer@borough.gov.uk",
            ["01234 567890"],
            "https://borough.gov.uk/safer",
        ),
        ("Victim Support", "", ["0808 168 9111"], ""),
    ]


@pytest.mark.parametrize(
    ("number", "href"),
    [
        ("020 8207 2277", "tel:+442082072277"),
        ("+44 (0)1707 806 100", "tel:+441707806100"),
        ("101", "tel:101"),
    ],
)
def test_a_number_dials_in_international_form(number, href):
    assert tel_href(number) == href


def test_phone_text_is_escaped_and_each_number_linked():
    html = phone_links("<b>Adviceline</b> 03444 111 444; helpline 0808 223 1133 option3")
    assert html == (
        "&lt;b&gt;Adviceline&lt;/b&gt; "
        '<a class="govuk-link" href="tel:+443444111444">03444 111 444</a>; helpline '
        '<a class="govuk-link" href="tel:+448082231133">0808 223 1133</a> option3'
    )


@pytest.mark.parametrize(
    ("typed", "href"),
    [
        ("www.hertshelp.net", "https://www.hertshelp.net"),
        ("https://www.owl.co.uk/herts", "https://www.owl.co.uk/herts"),
        ("javascript:alert(1)", ""),
        ('www.x.org" onmouseover="alert(1)', ""),
        ("Ask at reception", ""),
    ],
)
def test_only_a_web_address_becomes_a_link(typed, href):
    assert web_href(typed) == href


def test_a_draft_import_never_changes_the_public_page(coordinator, partnership):
    """Contacts read from a document are added only while nothing is published."""
    from saferplan.imports import services as import_services
    from saferplan.plans.tests.factories import PlanFactory
    from saferplan.public.models import Contact

    PlanFactory(partnership=partnership, status="published")
    import_services.plan_import(
        actor=coordinator,
        partnership=partnership,
        file_name="002.txt",
        content=(SEEDS / "002_21a7333a4ab4cb87.txt").read_bytes(),
    )
    assert not Contact.objects.exists()


def test_a_contact_us_line_on_the_cover_does_not_take_the_plan_that_follows():
    from saferplan.imports.readers import parse_plan

    seed = (SEEDS / "002_21a7333a4ab4cb87.txt").read_text()
    seed = seed.replace("Foreword\n", "Contact us\n\nCall 020 8207 2277\n\nForeword\n", 1)
    plan = parse_plan(seed.encode(), "002.txt")
    assert plan.foreword.startswith("One of our key priorities")
    assert plan.about_partnership.startswith("Hertsmere Community Safety Partnership (CSP) is")
    names = [contact.name for contact in read_contacts(plan.contacts)]
    assert len(names) == 11  # those of p. 13 (the cover's number has no name to go with)
    assert names[0] == "Citizens Advice"


def test_an_address_django_would_refuse_is_kept_in_the_notes(coordinator, partnership):
    from saferplan.plans.tests.factories import PlanFactory
    from saferplan.public.models import Contact
    from saferplan.public.receivers import on_plan_imported

    plan = PlanFactory(partnership=partnership, status="draft")
    on_plan_imported(
        None,
        plan=plan,
        actor=coordinator,
        contacts="Herts Help\n- info@herts_help.net\n- 0300 123 0044",
    )
    contact = Contact.objects.get()
    assert (contact.email, contact.notes, contact.phone) == (
        "",
        "info@herts_help.net",
        "0300 123 0044",
    )


def test_a_long_hostile_line_is_read_quickly():
    import time

    started = time.monotonic()
    read_contacts("Name\n" + "a-" * 50_000 + "\n" + "1" * 100_000 + "@x")
    assert time.monotonic() - started < 1
