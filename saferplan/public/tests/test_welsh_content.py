"""The partnership's own Welsh on its Welsh published plan (issue 24, deliverable 4): written
beside the English, shown on /cy/p/… and in its PDF and Word, never for anything not published
or OFFICIAL-SENSITIVE, and only by the partnership's coordinators."""

import io

import docx
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from docx.oxml.ns import qn
from pypdf import PdfReader

from saferplan.accounts.tests.factories import MembershipFactory
from saferplan.core.models import AuditEvent
from saferplan.plans.tests.factories import ActionFactory, PlanFactory, PriorityFactory
from saferplan.public import services
from saferplan.public.models import WelshText
from saferplan.public.welsh import fingerprint

SECRET = "Ymgyrch gudd yn Borehamwood"  # an OFFICIAL-SENSITIVE action's Welsh


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
        legislation="The Crime and Disorder Act 1998 set up the partnership.",
    )
    plan.aims.create(number=1, text="To protect and safeguard vulnerable people")
    priority = PriorityFactory(plan=plan, number=1, title="Prevent knife crime")
    ActionFactory(priority=priority, title="Deliver workshops in schools", position=1)
    ActionFactory(
        priority=priority, title="Covert operation", marking="official_sensitive", position=2
    )
    return plan


def url(partnership):
    """The coordinator's page of the published plan's Welsh, at its English address (the
    test's thread keeps the language of the last Welsh page it drew)."""
    with translation.override("en-gb"):
        return reverse("public:welsh", args=[partnership.slug])


def welsh_page(client, partnership, kind=None):
    with translation.override("cy"):
        address = (
            reverse("public:plan-document", args=[partnership.slug, kind])
            if kind
            else reverse("public:plan", args=[partnership.slug])
        )
    return client.get(address)


def write(client, partnership, publish=True, **welsh):
    """The coordinator fills in some Welsh boxes (by the English they translate)."""
    form = client.get(url(partnership)).context["form"]
    data = {"in_welsh": "on"} if publish else {}
    for source, field, _stale in form.rows():
        if source.english in welsh:
            data[field.html_name] = welsh[source.english]
    return client.post(url(partnership), data)


def test_the_coordinators_welsh_is_the_welsh_pages_in_every_format(
    signed_in, coordinator, client, partnership, strategic
):
    client_c = signed_in(coordinator)
    labels = [row[0].label for row in client_c.get(url(partnership)).context["form"].rows()]
    assert labels == [
        "Title",
        "Foreword",
        "Legislation",
        "Aim 1",
        "Priority 1: its title",
        "Priority 1: what we will do (1)",  # never the OFFICIAL-SENSITIVE action
    ]
    response = write(
        client_c,
        partnership,
        **{
            "One of our key priorities is to ensure that people feel safe.": "Un o'n blaenoriaethau allweddol yw sicrhau bod pobl yn teimlo'n ddiogel.",
            "To protect and safeguard vulnerable people": "Amddiffyn a diogelu pobl agored i niwed",
            "Prevent knife crime": "Atal troseddau cyllyll",
        },
    )
    assert response.status_code == 302

    html = welsh_page(client, partnership).content.decode()
    assert '<p class="govuk-body">Un o&#x27;n blaenoriaethau allweddol yw sicrhau' in html
    assert "<li>Amddiffyn a diogelu pobl agored i niwed</li>" in html
    assert "Blaenoriaeth 1: <span>Atal troseddau cyllyll</span>" in html
    # Not written in Welsh: shown in English, marked as English.
    assert '<p class="govuk-body" lang="en">The Crime and Disorder Act 1998' in html
    assert '<li lang="en">Deliver workshops in schools</li>' in html
    # The English page is as it was.
    with translation.override("en-gb"):  # (the test's thread keeps the last page's language)
        english_url = reverse("public:plan", args=[partnership.slug])
    english = client.get(english_url).content.decode()
    assert "Amddiffyn" not in english
    assert "To protect and safeguard vulnerable people" in english

    pdf = welsh_page(client, partnership, "pdf").content
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Atal troseddau cyllyll" in " ".join(text.split())
    word = docx.Document(io.BytesIO(welsh_page(client, partnership, "docx").content))
    marked = {
        p.text: p._p.find(".//" + qn("w:lang")) is not None
        for p in word.paragraphs
        if p.text.startswith(("Un o'n", "The Crime and Disorder"))
    }
    assert marked == {
        "Un o'n blaenoriaethau allweddol yw sicrhau bod pobl yn teimlo'n ddiogel.": False,
        "The Crime and Disorder Act 1998 set up the partnership.": True,  # marked English
    }
    event = AuditEvent.objects.get(object_type="public.publishedlayout")
    assert event.changes["Publish in Welsh"] == [None, True]
    assert event.changes["Welsh: Aim 1"] == [None, "Amddiffyn a diogelu pobl agored i niwed"]


def test_until_the_partnership_publishes_in_welsh_its_welsh_is_not_shown(
    signed_in, coordinator, client, partnership, strategic
):
    write(
        signed_in(coordinator),
        partnership,
        publish=False,
        **{"Prevent knife crime": "Atal troseddau cyllyll"},
    )
    assert WelshText.objects.count() == 1
    assert "Atal troseddau cyllyll" not in welsh_page(client, partnership).content.decode()


def test_welsh_for_anything_not_published_is_refused_and_never_shown(
    signed_in, coordinator, client, partnership, strategic
):
    secret = strategic.priorities.get().actions.get(marking="official_sensitive")
    key = f"plans.action:{secret.pk}:title"
    with pytest.raises(ValidationError):
        services.welsh_texts_set(
            actor=coordinator,
            partnership=partnership,
            in_welsh=True,
            texts={key: SECRET},
            labels={},
        )
    # Posted by hand, a box the page never offered is ignored.
    client_c = signed_in(coordinator)
    client_c.post(
        url(partnership), {"in_welsh": "on", f"cy-plans-action-{secret.pk}-title": SECRET}
    )
    assert not WelshText.objects.filter(text=SECRET).exists()
    # Welsh written while the action was OFFICIAL, then the action marked sensitive: not shown.
    WelshText.objects.create(
        partnership=partnership, source=key, text=SECRET, english=fingerprint("Covert operation")
    )
    assert SECRET not in welsh_page(client, partnership).content.decode()
    assert SECRET.encode() not in welsh_page(client, partnership, "docx").content


@pytest.mark.parametrize("role", ["editor", "viewer", "analyst"])
def test_only_its_coordinators_write_the_welsh(
    signed_in, partnership, other_partnership, strategic, role
):
    member = MembershipFactory(partnership=partnership, role=role).user
    stranger = MembershipFactory(partnership=other_partnership, role="coordinator").user
    for user in (member, stranger):
        assert signed_in(user).get(url(partnership)).status_code in (403, 404)
        assert signed_in(user).post(url(partnership), {"in_welsh": "on"}).status_code in (403, 404)
    assert not WelshText.objects.exists()


def test_welsh_written_before_the_english_changed_is_not_shown(
    signed_in, coordinator, client, partnership, strategic
):
    """A stale translation could keep what the English took out: it waits for a check."""
    client_c = signed_in(coordinator)
    write(client_c, partnership, **{"Prevent knife crime": "Atal troseddau cyllyll"})
    priority = strategic.priorities.get()
    priority.title = "Prevent knife crime and serious violence"
    priority.save()

    html = welsh_page(client, partnership).content.decode()
    assert "Atal troseddau cyllyll" not in html
    assert '<span lang="en">Prevent knife crime and serious violence</span>' in html
    assert "English changed" in client_c.get(url(partnership)).content.decode()
    # Saved again beside the new English: shown again.
    write(
        client_c,
        partnership,
        **{"Prevent knife crime and serious violence": "Atal troseddau cyllyll a thrais difrifol"},
    )
    assert (
        "Atal troseddau cyllyll a thrais difrifol"
        in welsh_page(client, partnership).content.decode()
    )


def test_the_consultation_table_quotes_the_partnerships_welsh_of_its_aims_and_priorities(
    signed_in, coordinator, client, partnership, strategic
):
    """The published consultation's relevance table on the Welsh page: "Nod 1", "Blaenoriaeth
    1" in Welsh, the aim in the Welsh the partnership wrote, the priority it did not translate
    in English marked as English; the same rows in the Welsh Word document."""
    import datetime

    from saferplan.consultations.models import EnteredConsultation, EnteredRelevance

    entered = EnteredConsultation.objects.create(
        partnership=partnership,
        plan=strategic,
        title="Arolwg Teimlo'n Ddiogel 2023",
        opens_on=datetime.date(2023, 1, 9),
        closes_on=datetime.date(2023, 2, 19),
        respondents=329,
        source="the partnership's consultation report",
    )
    EnteredRelevance.objects.create(
        consultation=entered, aim=strategic.aims.get(), qualifier="over", percent=95
    )
    EnteredRelevance.objects.create(
        consultation=entered, priority=strategic.priorities.get(), qualifier="over", percent=90
    )
    write(
        signed_in(coordinator),
        partnership,
        **{"To protect and safeguard vulnerable people": "Amddiffyn a diogelu pobl agored i niwed"},
    )

    html = welsh_page(client, partnership).content.decode()
    assert "Nod 1: Amddiffyn a diogelu pobl agored i niwed</th>" in html
    assert 'Blaenoriaeth 1: <span lang="en">Prevent knife crime</span></th>' in html
    word = docx.Document(io.BytesIO(welsh_page(client, partnership, "docx").content))
    cells = [c.text for t in word.tables for r in t.rows for c in r.cells]
    assert "Nod 1: Amddiffyn a diogelu pobl agored i niwed" in cells
    with translation.override("en-gb"):
        english = client.get(reverse("public:plan", args=[partnership.slug])).content.decode()
    assert "Aim 1: To protect and safeguard vulnerable people</th>" in english
