"""The published plan at /p/<partnership>/: what the public reads, and what it never reads."""

import io
import re
from pathlib import Path

import docx
import pytest
from django.urls import reverse
from pypdf import PdfReader

from saferplan.core.models import AuditEvent
from saferplan.plans.tests.factories import (
    ActionFactory,
    PlanFactory,
    PriorityFactory,
    UpdateFactory,
)
from saferplan.public.models import Achievement, Contact, DefaultGlossaryTerm, GlossaryTerm
from saferplan.reports.tests.files import readable_text, word_layout_problems

CANARY = "Canaryp4b8e2x"
GLOSSARY_FILE = Path(__file__).resolve().parent.parent / "reference_data" / "default_glossary.yaml"


@pytest.fixture
def strategic(partnership):
    plan = PlanFactory(
        partnership=partnership,
        kind="strategic",
        title="Hertsmere Community Safety Partnership Plan 2023 - 2027",
        period_start="2023-04-01",
        period_end="2027-03-31",
        status="published",
        introduction="One of our key priorities is to ensure that people feel safe.",
    )
    plan.aims.create(number=1, text="To protect and safeguard vulnerable people")
    priority = PriorityFactory(
        plan=plan, number=1, title="Support and protect vulnerable victims of exploitation"
    )
    ActionFactory(
        priority=priority, title="Proactively identify victims of exploitation", position=1
    )
    ActionFactory(
        priority=priority,
        title=f"Covert operation {CANARY}",
        marking="official_sensitive",
        position=2,
    )
    return plan


@pytest.fixture
def action_plan(partnership):
    plan = PlanFactory(
        partnership=partnership,
        title="Hertsmere Community Safety Action Plan 2023 - 2024",
        period_start="2023-04-01",
        period_end="2024-03-31",
        status="published",
    )
    priority = PriorityFactory(plan=plan, number=1, title="Tackle anti-social behaviour")
    action = ActionFactory(priority=priority, title="Deploy mobile CCTV cameras")
    UpdateFactory(action=action, described_on="2023-06-01", text="Cameras in nine hotspots")
    UpdateFactory(action=action, text=f"Named suspect {CANARY}", marking="official_sensitive")
    return plan


def page(client, partnership):
    return client.get(reverse("public:plan", args=[partnership.slug]))


def test_the_published_plan_reads_like_the_partnership_plan(client, partnership, strategic):
    Achievement.objects.create(
        partnership=partnership,
        theme="To protect and safeguard vulnerable people",
        title="Multi-Agency Risk Reduction Group (MARRG) meetings",
        text="MARRG is held monthly.\n\nIt is attended by many agencies.",
        period="2022 – 2023",
    )
    Contact.objects.create(
        partnership=partnership,
        name="Crimestoppers",
        phone="0800 555 111",
        website="www.crimestoppers-uk.org",
    )
    response = page(client, partnership)
    assert response.status_code == 200
    html = response.content.decode()
    headings = re.findall(r'<h2 class="govuk-heading-l" id="([\w-]+)">', html)
    assert headings == [
        "introduction",
        "aims",
        "priorities",
        "achievements",
        "glossary",
        "contacts",
        "other-formats",
    ]
    text = re.sub(r"<[^>]+>", "", html)  # the title is in a span that can carry its language
    assert "Priority 1: Support and protect vulnerable victims of exploitation" in text
    assert "What we will do" in html
    assert "Proactively identify victims of exploitation" in html
    assert '<p class="govuk-body">It is attended by many agencies.</p>' in html
    assert "Partnership achievements 2022 – 2023" in html
    assert "0800 555 111" in html
    assert reverse("public:plan-document", args=[partnership.slug, "pdf"]) + "?size=large" in html


def default_glossary() -> list[tuple[str, str]]:
    return list(DefaultGlossaryTerm.objects.values_list("term", "definition"))


def test_the_default_glossary_is_its_reference_data_file_loaded_by_a_migration(db):
    """Reference data (docs/adr/0023): seed 002's crime glossary, in its order."""
    from saferplan.core.reference_data import rows

    in_file = [(r["term"], r["definition"]) for r in rows(GLOSSARY_FILE)]
    assert default_glossary() == in_file
    assert len(in_file) == 23
    assert (in_file[0][0], in_file[-1][0]) == ("All crime", "Violence against a person")


def test_loading_the_reference_data_again_keeps_an_administrators_wording(db):
    from django.apps import apps

    from saferplan.core.reference_data import loader

    DefaultGlossaryTerm.objects.filter(term="All crime").update(definition="Every crime.")
    DefaultGlossaryTerm.objects.filter(term="Rape").delete()
    loader("public", "DefaultGlossaryTerm", GLOSSARY_FILE, key="term")(apps, None)
    assert DefaultGlossaryTerm.objects.get(term="All crime").definition == "Every crime."
    assert DefaultGlossaryTerm.objects.filter(term="Rape").exists()
    assert DefaultGlossaryTerm.objects.count() == 23


def test_an_administrators_default_glossary_shows_where_a_partnership_has_none(
    client, partnership, strategic
):
    DefaultGlossaryTerm.objects.filter(term="All crime").update(definition="Every crime.")
    assert "Every crime." in page(client, partnership).content.decode()


def test_the_glossary_is_seed_002s_until_the_coordinator_changes_it(client, partnership, strategic):
    html = page(client, partnership).content.decode()
    assert (
        len(default_glossary()) == 23
    )  # seed 002's terms, "All crime" … "Violence against a person"
    for term, _definition in default_glossary():
        assert f'<dt class="govuk-summary-list__key">{term}</dt>' in html
    GlossaryTerm.objects.create(
        partnership=partnership, term="Cuckooing", definition="Taking over a home."
    )
    html = page(client, partnership).content.decode()
    assert "Cuckooing" in html
    assert "Make off without payment" not in html


def test_nothing_published_is_not_found(client, partnership, strategic):
    strategic.status = "approved"
    strategic.save()
    assert page(client, partnership).status_code == 404


def test_published_action_plans_are_listed_and_readable_without_updates(
    client, partnership, strategic, action_plan
):
    html = page(client, partnership).content.decode()
    url = reverse("public:action-plan", args=[partnership.slug, action_plan.pk])
    assert url in html
    table = client.get(url).content.decode()
    assert "Deploy mobile CCTV cameras" in table
    assert "Cameras in nine hotspots" not in table
    assert "not published with this plan" in table
    action_plan.publish_updates = True
    action_plan.save()
    table = client.get(url).content.decode()
    assert "Cameras in nine hotspots" in table


def test_an_unpublished_action_plan_is_not_found(client, partnership, strategic, action_plan):
    action_plan.status = "draft"
    action_plan.save()
    assert (
        client.get(
            reverse("public:action-plan", args=[partnership.slug, action_plan.pk])
        ).status_code
        == 404
    )


# The canary ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url_name", "kind"),
    [
        ("plan", "html"),
        ("plan-document", "pdf"),
        ("plan-document", "docx"),
        ("action-plan", "html"),
    ],
)
def test_the_canary_never_reaches_the_published_plan(
    client, partnership, strategic, action_plan, url_name, kind
):
    action_plan.publish_updates = True
    action_plan.save()
    args = [partnership.slug]
    if url_name == "plan-document":
        args.append(kind)
    elif url_name == "action-plan":
        args.append(action_plan.pk)
    response = client.get(reverse(f"public:{url_name}", args=args))
    assert response.status_code == 200
    text = readable_text(kind, response.content)
    assert ("Proactivelyidentifyvictims" in text) or ("DeploymobileCCTVcameras" in text)
    assert CANARY not in text


def test_the_large_print_pdf_and_the_word_plan_have_their_title_and_language(
    client, partnership, strategic
):
    pdf = client.get(
        reverse("public:plan-document", args=[partnership.slug, "pdf"]) + "?size=large"
    )
    reader = PdfReader(io.BytesIO(pdf.content))
    assert reader.metadata.title == strategic.title
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    assert pdf["Content-Disposition"].endswith('-large-print.pdf"')
    word = docx.Document(
        io.BytesIO(
            client.get(reverse("public:plan-document", args=[partnership.slug, "docx"])).content
        )
    )
    assert word.core_properties.title == strategic.title
    headings = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["Introduction", "Our aims", "Our priorities", "Crime glossary"]


# The coordinator's pages ------------------------------------------------------------------


def test_a_coordinator_adds_changes_and_deletes_a_contact_each_audited(
    signed_in, coordinator, partnership
):
    client = signed_in(coordinator)
    add = reverse("public:item-add", args=[partnership.slug, "contacts"])
    response = client.post(
        add,
        {
            "name": "Herts Help",
            "email": "info@hertshelp.net",
            "phone": "0300 123 00444",
            "website": "",
            "notes": "",
            "position": 1,
        },
    )
    assert response.status_code == 302
    contact = Contact.objects.get(partnership=partnership)
    edit = reverse("public:item-edit", args=[partnership.slug, "contacts", contact.pk])
    client.post(
        edit,
        {
            "name": "Herts Help",
            "email": "info@hertshelp.net",
            "phone": "0300 123 00445",
            "website": "",
            "notes": "",
            "position": 1,
        },
    )
    contact.refresh_from_db()
    assert contact.phone == "0300 123 00445"
    client.post(reverse("public:item-delete", args=[partnership.slug, "contacts", contact.pk]))
    assert not Contact.objects.exists()
    events = AuditEvent.objects.filter(object_type="public.contact").order_by("occurred_at", "id")
    assert [e.action for e in events] == ["create", "update", "delete"]
    assert events[1].changes == {"Telephone": ["0300 123 00444", "0300 123 00445"]}


def test_a_bad_contact_keeps_what_was_typed_and_names_the_field(
    signed_in, coordinator, partnership
):
    response = signed_in(coordinator).post(
        reverse("public:item-add", args=[partnership.slug, "contacts"]),
        {"name": "Herts Help", "email": "not an email", "phone": "0300 123 00444", "position": 1},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Enter a valid email address" in html
    assert 'value="0300 123 00444"' in html
    assert not Contact.objects.exists()


def test_making_the_glossary_their_own_copies_the_default_terms(
    signed_in, coordinator, partnership
):
    signed_in(coordinator).post(reverse("public:glossary-adopt", args=[partnership.slug]))
    terms = list(
        GlossaryTerm.objects.filter(partnership=partnership).values_list("term", "definition")
    )
    assert sorted(terms) == sorted(default_glossary())


@pytest.mark.parametrize("who", ["viewer", "editor", "outsider"])
def test_only_the_partnerships_coordinators_change_the_published_sections(
    request, signed_in, partnership, who
):
    client = signed_in(request.getfixturevalue(who))
    response = client.post(
        reverse("public:item-add", args=[partnership.slug, "achievements"]),
        {"title": "Anything", "text": "Anything", "position": 1},
    )
    assert response.status_code == 403
    assert not Achievement.objects.exists()


# A narrative plan's own sections ---------------------------------------------------------------


def test_the_published_plan_shows_the_foreword_its_signatory_and_a_welsh_notice(
    client, partnership, strategic
):
    strategic.foreword = "Community safety is about feeling safe."
    strategic.foreword_signatory = "Claire Hamilton\nCEO - Dacorum Borough Council"
    strategic.monitoring = "Headline Performance Measures\n- Reduction in Violent crime"
    strategic.language_notice = (
        "This document is available in other languages.\n\nMae'r ddogfen hon ar gael yn Gymraeg."
    )
    strategic.save()
    html = page(client, partnership).content.decode()
    headings = re.findall(r'<h2 class="govuk-heading-l" id="([\w-]+)">', html)
    assert headings == [
        "introduction",
        "foreword",
        "aims",
        "priorities",
        "monitoring",
        "glossary",
        "language-notice",
        "other-formats",
    ]
    assert "Community safety is about feeling safe." in html
    # The name first, in bold, and the role beneath.
    assert (
        '<span class="govuk-!-font-weight-bold">Claire Hamilton</span><br>'
        "CEO - Dacorum Borough Council</p>"
    ) in html
    assert '<p class="govuk-body" lang="cy">Mae&#x27;r ddogfen hon ar gael yn Gymraeg.</p>' in html
    assert '<p class="govuk-body">This document is available in other languages.</p>' in html
    word = docx.Document(
        io.BytesIO(
            client.get(reverse("public:plan-document", args=[partnership.slug, "docx"])).content
        )
    )
    assert "Foreword" in [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    signed = [p for p in word.paragraphs if p.text == "Claire Hamilton"]
    assert signed[0].runs[0].bold
    assert "CEO - Dacorum Borough Council" in [p.text for p in word.paragraphs]


def test_an_unpublished_plans_foreword_never_reaches_the_public(client, partnership, strategic):
    PlanFactory(
        partnership=partnership,
        kind="strategic",
        title="Draft partnership plan 2027 - 2030",
        period_start="2027-04-01",
        period_end="2030-03-31",
        status="draft",
        foreword=f"Not yet agreed {CANARY}",
        legislation=f"Draft {CANARY}",
    )
    for kind in ("html", "pdf", "docx"):
        url = reverse("public:plan", args=[partnership.slug])
        if kind != "html":
            url = reverse("public:plan-document", args=[partnership.slug, kind])
        text = readable_text(kind, client.get(url).content)
        assert "Hertsmere" in text.replace(" ", "") or "Hertsmere" in text
        assert CANARY not in text


def test_the_word_published_plan_is_a4_portrait_with_2_cm_margins(client, partnership, strategic):
    url = reverse("public:plan-document", args=[partnership.slug, "docx"])
    problems = word_layout_problems(client.get(url).content, orientation="portrait")
    assert problems == []
