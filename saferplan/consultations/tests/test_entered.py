"""A consultation run elsewhere, its results entered from its report (issue 24, deliverable
2): seed 002's own consultation, whose responses Hertsmere does not hold in saferplan, entered
from the plan's words and published like counted results, said to be entered."""

import datetime
import io

import docx
import pytest
from django.urls import reverse
from pypdf import PdfReader

from saferplan.accounts.tests.factories import MembershipFactory
from saferplan.consultations.models import EnteredConsultation, EnteredRelevance
from saferplan.core.models import AuditEvent
from saferplan.plans.models import PlanStatus

# The themes as seed 002 prints them: a table of two columns, copied from the document.
SEED_002_THEMES = """Anti-social behaviour\tHealth
Communication\tSafeguarding
Education\tViolent crime
Road safety\tCommunity engagement
Support\tEarly intervention
Young people\tPolice presence
CCTV\tStreet lighting
Crime prevention\tTackling crime"""


def date_fields(name, day):
    return {f"{name}_day": day.day, f"{name}_month": day.month, f"{name}_year": day.year}


@pytest.fixture
def entered_from_seed_002(signed_in, coordinator, partnership, hertsmere_plan):
    """The coordinator enters seed 002's consultation through the two forms."""
    client = signed_in(coordinator)
    response = client.post(
        reverse("consultations:entered-add", args=[partnership.slug]),
        {
            "plan": hertsmere_plan.pk,
            "title": "Hertsmere Community Safety Partnership Plan survey",
            **date_fields("opens_on", datetime.date(2023, 1, 9)),
            **date_fields("closes_on", datetime.date(2023, 2, 19)),
            "respondents": "329",
            "channels": "The survey was sent to all partner agencies with a media pack and press "
            "release for them to encourage their colleagues who live and work in Hertsmere to "
            "complete it, as well as their service users",
            "themes_question": "What more could the partnership do to address the priorities?",
            "comments": "",
            "themes": SEED_002_THEMES,
            "source": "Hertsmere CSP Partnership Plan 2023 - 2027",
        },
    )
    consultation = EnteredConsultation.objects.get()
    assert response.url == reverse(
        "consultations:entered-relevance", args=[partnership.slug, consultation.pk]
    )
    form = client.get(response.url).context["form"]
    data = {}
    for label, _subject, qualifier, percent in form.rows():
        data[qualifier.html_name] = "over"
        # "Over 95% … each of the three aims"; "Over 90% … priorities 1, 2, 3, 5 and 6" and
        # "just under 20% … didn't think priority 4 was relevant": over 80%.
        data[percent.html_name] = (
            "95" if label.startswith("Aim") else "80" if label == "Priority 4" else "90"
        )
    assert client.post(response.url, data).status_code == 302
    for plan in partnership.plans.all():
        plan.status = PlanStatus.PUBLISHED
        plan.save()
    return consultation


def test_seed_002s_consultation_entered_is_published_like_counted_results(
    client, partnership, entered_from_seed_002
):
    assert EnteredRelevance.objects.count() == 9  # three aims and six priorities
    assert [t.name for t in entered_from_seed_002.themes.all()][:4] == [
        "Anti-social behaviour",
        "Health",
        "Communication",
        "Safeguarding",
    ]
    assert entered_from_seed_002.themes.count() == 16  # counted by hand in the seed
    html = client.get(reverse("public:plan", args=[partnership.slug])).content.decode()
    section = html[html.index('id="consultation"') :]
    section = section[: section.index("<h2", 10)]
    for words in (
        "In total 329 people responded to the consultation, which ran for six weeks from "
        "January 2023.",
        "Over 95% of respondents agreed that each of the three aims was relevant.",
        "Over 90% of respondents thought priorities 1, 2, 3, 5 and 6 were relevant and over "
        "80% thought priority 4 was relevant.",
        "Entered by the partnership from Hertsmere CSP Partnership Plan 2023 - 2027",
        "We asked: “What more could the partnership do to address the priorities?”",
        "<li>Tackling crime</li>",
        "Over 90%",
        "not given",
    ):
        assert words in section, words
    word = docx.Document(
        io.BytesIO(
            client.get(reverse("public:plan-document", args=[partnership.slug, "docx"])).content
        )
    )
    texts = [p.text for p in word.paragraphs]
    assert any(t.startswith("Entered by the partnership from Hertsmere CSP") for t in texts)
    assert "Street lighting" in texts
    pdf = client.get(reverse("public:plan-document", args=[partnership.slug, "pdf"])).content
    text = " ".join("".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    assert "Entered by the partnership from Hertsmere CSP" in text
    assert "each of the three aims was relevant" in text


def test_entering_them_is_in_the_audit_log(entered_from_seed_002):
    created = AuditEvent.objects.get(
        object_type="consultations.enteredconsultation", action=AuditEvent.Action.CREATE
    )
    assert created.changes["People who answered"] == [None, 329]
    assert created.changes["Themes"][1].startswith("Anti-social behaviour; Health; Communication")
    figures = AuditEvent.objects.get(
        object_type="consultations.enteredconsultation", action=AuditEvent.Action.UPDATE
    )
    assert figures.changes["Priority 4"] == [None, "Over 80%"]


def test_a_newer_consultation_run_in_saferplan_is_published_instead(
    partnership, coordinator, hertsmere_plan, entered_from_seed_002
):
    from saferplan.consultations import services
    from saferplan.consultations.selectors import published_consultation
    from saferplan.core import clock

    assert published_consultation(partnership).entered_from
    services.consultation_create(
        actor=coordinator,
        partnership=partnership,
        plan=hertsmere_plan,
        title="Partnership Plan refresh survey",
        privacy_notice="Hertsmere CSP holds your answers.",
        opens_on=datetime.date(2024, 1, 8),
        closes_on=clock.today() - datetime.timedelta(days=1),
    )
    published = published_consultation(partnership)
    assert (published.entered_from, published.consultation.title) == (
        "",
        "Partnership Plan refresh survey",
    )


def test_wrong_figures_are_named_and_nothing_is_saved(
    signed_in, coordinator, partnership, entered_from_seed_002
):
    url = reverse(
        "consultations:entered-relevance", args=[partnership.slug, entered_from_seed_002.pk]
    )
    client = signed_in(coordinator)
    form = client.get(url).context["form"]
    data = {f.html_name: f.value() for _, _, q, f in form.rows()}
    data.update({q.html_name: q.value() for _, _, q, _ in form.rows()})
    first_aim, second_aim = form.rows()[0][3].html_name, form.rows()[1][3].html_name
    data[first_aim], data[second_aim] = "ninety", "101"

    response = client.post(url, data)

    html = response.content.decode()
    assert "Per cent for aim 1 must be a number, like 92 or 92.5" in html
    assert "Per cent for aim 2 must be 100 or less" in html
    assert 'value="ninety"' in html
    assert EnteredRelevance.objects.filter(aim__number=1).get().percent == 95


def test_a_count_before_any_theme_or_a_future_closing_date_is_refused(
    signed_in, coordinator, partnership, hertsmere_plan
):
    from saferplan.core import clock

    response = signed_in(coordinator).post(
        reverse("consultations:entered-add", args=[partnership.slug]),
        {
            "plan": hertsmere_plan.pk,
            "title": "Survey",
            **date_fields("opens_on", datetime.date(2023, 1, 9)),
            **date_fields("closes_on", clock.today() + datetime.timedelta(days=3)),
            "respondents": "10",
            "themes": "12\tAnti-social behaviour",
            "source": "A report",
        },
    )
    html = response.content.decode()
    assert "Line 1: 12 is a count with no theme before it" in html
    assert not EnteredConsultation.objects.exists()
    response = signed_in(coordinator).post(
        reverse("consultations:entered-add", args=[partnership.slug]),
        {
            "plan": hertsmere_plan.pk,
            "title": "Survey",
            **date_fields("opens_on", datetime.date(2023, 1, 9)),
            **date_fields("closes_on", clock.today() + datetime.timedelta(days=3)),
            "respondents": "10",
            "source": "A report",
        },
    )
    assert "Closed on must be today or earlier" in response.content.decode()
    assert not EnteredConsultation.objects.exists()


@pytest.mark.parametrize("role", ["editor", "viewer", "analyst"])
def test_only_its_coordinators_enter_change_or_delete_them(
    signed_in, partnership, other_partnership, entered_from_seed_002, role
):
    member = MembershipFactory(partnership=partnership, role=role).user
    stranger = MembershipFactory(partnership=other_partnership, role="coordinator").user
    pk = entered_from_seed_002.pk
    for user in (member, stranger):
        for name, args in (
            ("consultations:entered-add", [partnership.slug]),
            ("consultations:entered-edit", [partnership.slug, pk]),
            ("consultations:entered-relevance", [partnership.slug, pk]),
            ("consultations:entered-delete", [partnership.slug, pk]),
        ):
            assert signed_in(user).post(reverse(name, args=args), {}).status_code in (403, 404)
    assert (
        signed_in(member)
        .get(reverse("consultations:entered", args=[partnership.slug, pk]))
        .status_code
        == 200
    )
    assert signed_in(stranger).get(
        reverse("consultations:entered", args=[partnership.slug, pk])
    ).status_code in (403, 404)
    assert EnteredConsultation.objects.filter(pk=pk).exists()


def test_on_the_welsh_page_the_results_are_welsh_sentences(
    client, partnership, entered_from_seed_002
):
    from django.utils import translation

    with translation.override("cy"):
        url = reverse("public:plan", args=[partnership.slug])
    html = client.get(url).content.decode()
    section = html[html.index('id="consultation"') :]
    section = section[: section.index("<h2", 10)]
    for words in (
        "Ymatebodd 329 o bobl i&#x27;r ymgynghoriad, a gynhaliwyd am 6 wythnos o Ionawr 2023 ymlaen.",
        "Roedd dros 95% o&#x27;r ymatebwyr yn cytuno bod pob un o&#x27;r 3 nod yn berthnasol.",
        "Roedd dros 90% o&#x27;r ymatebwyr o&#x27;r farn bod blaenoriaethau 1, 2, 3, 5 a 6 yn "
        "berthnasol; roedd dros 80% o&#x27;r farn bod blaenoriaeth 4 yn berthnasol.",
        "Dros 95%",
        "heb ei roi",
    ):
        assert words in section, words
    # The sentences are the page's own Welsh; the partnership's English is marked as English.
    assert '<p class="govuk-body">Ymatebodd 329' in section
    assert '<p class="govuk-body" lang="en">The survey was sent to all partner agencies' in section


@pytest.mark.parametrize("cell", ["99999999999999999999", "²"])
def test_a_count_no_field_can_hold_is_a_theme_name_or_refused_not_an_error(cell):
    from saferplan.consultations.entered_forms import read_themes

    assert read_themes(f"Anti-social behaviour\t{cell}") == [
        ("Anti-social behaviour", None),
        (cell, None),
    ]
