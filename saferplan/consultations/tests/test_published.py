"""The published plan's "What you told us": counts, sentences, theme counts and "You said,
we did", on the page, in Word and in the PDF, with nothing a respondent wrote unless a
coordinator approved it, and no contact details or OFFICIAL-SENSITIVE actions ever."""

import datetime

import pytest
from django.urls import reverse

from saferplan.consultations import selectors, services
from saferplan.consultations.models import Answer, Theme
from saferplan.consultations.survey_csv import guess_mapping, read_survey
from saferplan.core import clock
from saferplan.core.models import Marking
from saferplan.plans import services as plan_services
from saferplan.plans.models import Action, PlanStatus
from saferplan.reports.tests.files import readable_text

from .conftest import SURVEY_CSV

pytestmark = pytest.mark.django_db
APPROVED = "Anti-social behaviour outside the shops on the parade"
NOT_APPROVED = "Tell residents what you are doing"


@pytest.fixture
def published(consultation, coordinator, hertsmere_plan):
    for status in (PlanStatus.APPROVED, PlanStatus.PUBLISHED):
        plan_services.plan_transition(actor=coordinator, plan=hertsmere_plan, status=status)
    content = SURVEY_CSV.read_bytes()
    pending = services.response_import_create(
        actor=coordinator, consultation=consultation, file_name=SURVEY_CSV.name, content=content
    )
    mapping = guess_mapping(
        read_survey(SURVEY_CSV.name, content), selectors.questions_of(consultation)
    )
    services.response_import_confirm(actor=coordinator, pending=pending, mapping=mapping)
    theme = services.theme_create(
        actor=coordinator,
        question=selectors.free_text_questions(consultation)[0],
        name="Anti-social behaviour",
    )
    for text in (APPROVED, NOT_APPROVED):
        answer = Answer.objects.get(text__startswith=text)
        services.answer_themes_set(actor=coordinator, answer=answer, themes=[theme])
    services.answer_approval_set(
        actor=coordinator, answer=Answer.objects.get(text__startswith=APPROVED), approved=True
    )
    patrols = Action.objects.get(
        priority__plan=hertsmere_plan, title__startswith="Proactively patrol anti-social"
    )
    secret = Action.objects.filter(priority__plan=hertsmere_plan).exclude(pk=patrols.pk).first()
    secret.marking = Marking.OFFICIAL_SENSITIVE
    secret.title = "Covert operation Nightjar"
    secret.save()
    services.theme_update(
        actor=coordinator,
        theme=theme,
        name="Anti-social behaviour",
        we_did="Patrols of the hotspots you named",
        actions=[patrols, secret],
    )
    aims_question = selectors.free_text_questions(consultation)[1]
    services.themes_suggest(actor=coordinator, question=aims_question, count=3)
    services.consultation_update(
        actor=coordinator,
        consultation=consultation,
        opens_on=datetime.date(2023, 1, 9),
        closes_on=datetime.date(2023, 2, 19),
    )
    return consultation


@pytest.mark.parametrize("kind", ["html", "pdf", "docx"])
def test_the_published_plan_says_what_people_told_us_and_nothing_it_should_not(
    client, published, kind
):
    slug = published.partnership.slug
    url = (
        reverse("public:plan", args=[slug])
        if kind == "html"
        else reverse("public:plan-document", args=[slug, kind])
    )
    response = client.get(url, HTTP_HOST="127.0.0.1")
    assert response.status_code == 200
    text = readable_text(kind, response.content)
    assert "Whatyoutoldus" in text
    assert "Intotal40peoplerespondedtotheconsultation,whichranforsixweeksfromJanuary2023." in text
    assert "Youshouldsay" not in text
    assert "Yousaid:Anti-socialbehaviour(2comments)" in text
    assert "Patrolsofthehotspotsyounamed" in text
    assert "Proactivelypatrolanti-socialbehaviour" in text
    assert "Anti-socialbehaviouroutsidetheshops" in text  # approved for quoting
    assert "Tellresidentswhatyouaredoing" not in text  # never approved
    assert "CovertoperationNightjar" not in text  # OFFICIAL-SENSITIVE
    assert "Resident9" not in text  # contact details
    suggested = Theme.objects.filter(suggested=True).values_list("name", flat=True)
    assert suggested
    assert not any(name.replace(" ", "") in text for name in suggested)  # not reviewed yet
    assert "resident12@example.org" not in text


def test_an_open_consultation_is_not_on_the_published_plan(client, published, coordinator):
    today = clock.today()
    services.consultation_update(
        actor=coordinator,
        consultation=published,
        opens_on=today,
        closes_on=today + datetime.timedelta(days=30),
    )
    page = client.get(
        reverse("public:plan", args=[published.partnership.slug]), HTTP_HOST="127.0.0.1"
    )
    assert "What you told us" not in page.content.decode()


def test_another_partnerships_consultation_is_not_on_this_published_plan(
    client, published, other_partnership
):
    assert selectors.published_consultation(other_partnership) is None


def test_the_published_plan_invites_its_readers_to_an_open_consultation(
    client, consultation, coordinator, hertsmere_plan
):
    """A reader of the plan finds the consultation open today, and only while it is open."""
    for status in (PlanStatus.APPROVED, PlanStatus.PUBLISHED):
        plan_services.plan_transition(actor=coordinator, plan=hertsmere_plan, status=status)
    page = reverse("public:plan", args=["hertsmere"])
    start = reverse("consultations:respond-start", args=["hertsmere", consultation.pk])

    html = client.get(page).content.decode()
    assert "Have your say" in html
    assert "Partnership Plan 2023 to 2027 survey" in html
    closes = consultation.closes_on
    assert f"Open until {closes.day} {closes:%B %Y}" in html
    assert f'href="{start}"' in html

    for opens, closes in ((1, 30), (-30, -1)):  # not open yet; closed
        today = clock.today()
        consultation.opens_on = today + datetime.timedelta(days=opens)
        consultation.closes_on = today + datetime.timedelta(days=closes)
        consultation.save()
        html = client.get(page).content.decode()
        assert "Have your say" not in html
        assert start not in html
