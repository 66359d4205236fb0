"""A consultation round as its users go through it: created from seed 002's plan, answered
on the public form, imported from a survey tool's export, counted and put in sentences."""

import csv
import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from saferplan.consultations import selectors, services, summary
from saferplan.consultations.models import Answer, QuestionKind, Response
from saferplan.core import clock
from saferplan.core.models import AuditEvent

pytestmark = pytest.mark.django_db
HOST = {"HTTP_HOST": "127.0.0.1"}


def test_the_questions_are_made_from_the_plans_aims_and_priorities(consultation):
    questions = selectors.questions_of(consultation)
    relevance = [q for q in questions if q.kind == QuestionKind.RELEVANCE]
    assert [q.short_label for q in relevance] == [
        "Aim 1",
        "Aim 2",
        "Aim 3",
        "Priority 1",
        "Priority 2",
        "Priority 3",
        "Priority 4",
        "Priority 5",
        "Priority 6",
    ]
    assert (
        relevance[5].text
        == "How relevant is priority 3: Prevent Violence Against Women and Girls (VAWG)?"
    )
    assert [q.about for q in questions if q.about] == ["area", "age-band"]
    assert questions[-2].choices[-1] == "Prefer not to say"
    assert sum(q.kind == QuestionKind.FREE_TEXT for q in questions) == 2


def test_a_consultation_that_closes_before_it_opens_is_refused(
    partnership, coordinator, hertsmere_plan
):
    with pytest.raises(ValidationError) as error:
        services.consultation_create(
            actor=coordinator,
            partnership=partnership,
            plan=hertsmere_plan,
            title="Survey",
            privacy_notice="x",
            opens_on=datetime.date(2023, 2, 1),
            closes_on=datetime.date(2023, 1, 9),
        )
    assert "closes_on" in error.value.message_dict


# --- The public form ---------------------------------------------------------------------


def _public(consultation, name, *args):
    return reverse(
        f"consultations:respond-{name}",
        args=[consultation.partnership.slug, consultation.pk, *args],
    )


def _answer_every_page(
    client, consultation, *, priority_4="not-at-all", comment="More street lighting"
):
    questions = selectors.questions_of(consultation)
    by_label = {q.short_label: q for q in questions}
    aims = {f"question_{by_label[f'Aim {n}'].pk}": "very" for n in (1, 2, 3)}
    client.post(_public(consultation, "section", "aims"), aims, **HOST)
    priorities = {f"question_{by_label[f'Priority {n}'].pk}": "fairly" for n in range(1, 7)}
    priorities[f"question_{by_label['Priority 4'].pk}"] = priority_4
    client.post(_public(consultation, "section", "priorities"), priorities, **HOST)
    more = next(q for q in questions if q.section == "views")
    client.post(_public(consultation, "section", "views"), {f"question_{more.pk}": comment}, **HOST)
    area = next(q for q in questions if q.about == "area")
    client.post(
        _public(consultation, "section", "about-you"), {f"question_{area.pk}": "Bushey"}, **HOST
    )
    client.post(_public(consultation, "contact"), {}, **HOST)


def test_a_member_of_the_public_answers_page_by_page_checks_and_sends(
    client, consultation, on_the_public_site
):
    start = client.get(_public(consultation, "start"), **HOST)
    assert "Start now" in start.content.decode()
    # A relevance question left unanswered is an error naming it; what was typed stays.
    questions = selectors.questions_of(consultation)
    aim_1 = questions[0]
    comment = next(q for q in questions if q.section == "aims" and q.kind == QuestionKind.FREE_TEXT)
    page = client.post(
        _public(consultation, "section", "aims"),
        {f"question_{aim_1.pk}": "very", f"question_{comment.pk}": "Think about older people"},
        **HOST,
    ).content.decode()
    assert "Select how relevant aim 2 is" in page
    assert "Think about older people" in page
    _answer_every_page(client, consultation)
    check = client.get(_public(consultation, "check"), **HOST).content.decode()
    assert "Not at all relevant" in check
    assert "More street lighting" in check
    assert "Bushey" in check
    assert "answering anonymously" in check
    sent = client.post(_public(consultation, "check"), {"website": ""}, **HOST)
    assert sent["Location"] == _public(consultation, "done")
    response = Response.objects.get()
    assert response.contact_name == ""
    assert response.source == "form"
    answers = {
        a.question.short_label: a.choice or a.text
        for a in response.answers.select_related("question__priority", "question__aim")
    }
    assert answers["Priority 4"] == "not-at-all"
    assert answers["Aim 3"] == "very"
    assert (
        AuditEvent.objects.filter(object_type="consultations.response", action="create").count()
        == 1
    )
    # The session is emptied: a second visit starts afresh.
    assert client.get(_public(consultation, "check"), **HOST)["Location"] == _public(
        consultation, "section", "aims"
    )


def test_the_honeypot_thanks_a_robot_and_keeps_nothing(client, consultation, on_the_public_site):
    _answer_every_page(client, consultation)
    sent = client.post(_public(consultation, "check"), {"website": "http://spam.example"}, **HOST)
    assert sent["Location"] == _public(consultation, "done")
    assert not Response.objects.exists()


def test_too_many_responses_from_one_connection_are_refused_and_the_answers_kept(
    client, consultation, settings, on_the_public_site
):
    settings.SAFERPLAN_CONSULTATION_RESPONSES_PER_HOUR = 1
    _answer_every_page(client, consultation)
    assert client.post(_public(consultation, "check"), {}, **HOST).status_code == 302
    _answer_every_page(client, consultation, comment="A second go")
    refused = client.post(_public(consultation, "check"), {}, **HOST)
    assert refused.status_code == 429
    assert "try sending them again later" in refused.content.decode()
    assert "A second go" in refused.content.decode()
    assert Response.objects.count() == 1


def test_behind_the_proxy_the_hourly_limit_counts_each_real_client(
    client, consultation, settings, on_the_public_site
):
    """Behind one trusted proxy every request comes from the proxy's address: the limit
    counts the client it names in X-Forwarded-For, not the proxy (nor what a client claims)."""
    settings.SAFERPLAN_TRUSTED_PROXY_HOPS = 1
    settings.SAFERPLAN_CONSULTATION_RESPONSES_PER_HOUR = 1
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    resident = {**proxy, "HTTP_X_FORWARDED_FOR": "203.0.113.10"}
    _answer_every_page(client, consultation)
    assert client.post(_public(consultation, "check"), {}, **HOST, **resident).status_code == 302
    _answer_every_page(client, consultation, comment="A second go")
    spammer = {**proxy, "HTTP_X_FORWARDED_FOR": "6.6.6.6, 203.0.113.10"}
    assert client.post(_public(consultation, "check"), {}, **HOST, **spammer).status_code == 429
    neighbour = {**proxy, "HTTP_X_FORWARDED_FOR": "198.51.100.20"}
    assert client.post(_public(consultation, "check"), {}, **HOST, **neighbour).status_code == 302
    assert Response.objects.count() == 2


def test_a_closed_consultation_takes_no_answers(
    client, consultation, coordinator, on_the_public_site
):
    services.consultation_update(
        actor=coordinator,
        consultation=consultation,
        opens_on=datetime.date(2023, 1, 9),
        closes_on=datetime.date(2023, 2, 19),
    )
    page = client.get(_public(consultation, "section", "aims"), **HOST).content.decode()
    assert "This consultation closed on 19 February 2023" in page
    assert "Start now" not in client.get(_public(consultation, "start"), **HOST).content.decode()


PUBLIC_PAGES = [
    ("start",),
    ("privacy",),
    ("section", "aims"),
    ("contact",),
    ("check",),
    ("done",),
]


def test_an_open_consultation_of_a_partnership_that_has_published_nothing_is_not_found(
    client, consultation, coordinator, outsider
):
    """Its address is a guessable number: until the partnership publishes a plan (as its
    public pages require), nobody outside the partnership finds it there."""
    for who in (None, outsider):
        if who is not None:
            client.force_login(who)
        for page in PUBLIC_PAGES:
            assert client.get(_public(consultation, *page), **HOST).status_code == 404, page
    assert client.post(_public(consultation, "section", "aims"), {}, **HOST).status_code == 404
    client.force_login(coordinator)  # its members may look at it
    assert "Start now" in client.get(_public(consultation, "start"), **HOST).content.decode()
    detail = client.get(
        reverse("consultations:detail", args=[consultation.partnership.slug, consultation.pk])
    ).content.decode()
    assert "The public cannot see this address yet." in detail
    assert "until Hertsmere Community Safety Partnership publishes a plan" in detail


def test_a_consultation_is_found_at_its_public_address_once_it_opens(
    client, consultation, coordinator, on_the_public_site
):
    today = clock.today()
    services.consultation_update(
        actor=coordinator,
        consultation=consultation,
        opens_on=today + datetime.timedelta(days=1),
        closes_on=today + datetime.timedelta(days=30),
    )
    for page in PUBLIC_PAGES:
        assert client.get(_public(consultation, *page), **HOST).status_code == 404, page
    services.consultation_update(
        actor=coordinator,
        consultation=consultation,
        opens_on=today,
        closes_on=today + datetime.timedelta(days=30),
    )
    assert "Start now" in client.get(_public(consultation, "start"), **HOST).content.decode()
    assert client.get(_public(consultation, "privacy"), **HOST).status_code == 200


def test_the_form_offers_only_its_own_answers(consultation):
    aim_1 = selectors.questions_of(consultation)[0]
    with pytest.raises(ValidationError):
        services.response_submit(consultation=consultation, answers={aim_1: "yes-please"})
    assert not Response.objects.exists()


# --- Results ---------------------------------------------------------------------------


def _responses(
    consultation, *, count: int, priority_4_not_relevant: int, others_not_relevant: int = 3
):
    questions = selectors.questions_of(consultation)
    for n in range(count):
        answers = {}
        for q in questions:
            if q.kind != QuestionKind.RELEVANCE:
                continue
            limit = (
                priority_4_not_relevant if q.short_label == "Priority 4" else others_not_relevant
            )
            answers[q] = "not-very" if n < limit else "very"
        services.response_submit(consultation=consultation, answers=answers)


def test_the_results_are_put_in_seed_002s_sentences(consultation):
    _responses(consultation, count=100, priority_4_not_relevant=19, others_not_relevant=7)
    sentences = selectors.consultation_results(consultation).summary
    assert sentences[0].startswith("So far 100 people have responded to the consultation")
    assert "Over 90% of respondents agreed that each of the three aims was relevant." in sentences
    assert (
        "Over 90% of respondents thought priorities 1, 2, 3, 5 and 6 were relevant and just "
        "under 20% of respondents didn't think priority 4 was relevant." in sentences
    )


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (92.4, "over 90%"),
        (19.5, "just under 20%"),
        (18.0, "just under 20%"),
        (17.9, "over 15%"),
        (15.0, "15%"),
        (3.0, "just under 5%"),
        (1.0, "under 5%"),
    ],
)
def test_percentages_are_rounded_in_words_as_a_report_would(value, words):
    assert summary.percent_phrase(value) == words


def test_a_closed_consultation_says_how_long_it_ran(consultation, coordinator):
    services.consultation_update(
        actor=coordinator,
        consultation=consultation,
        opens_on=datetime.date(2023, 1, 9),
        closes_on=datetime.date(2023, 2, 19),
    )
    assert selectors.consultation_results(consultation).summary[0] == (
        "In total 0 people responded to the consultation, which ran for six weeks from January 2023."
    )


def test_the_results_page_shows_counts_percentages_and_a_breakdown_by_area(
    client, viewer, consultation
):
    _responses(consultation, count=10, priority_4_not_relevant=2)
    area = next(q for q in selectors.questions_of(consultation) if q.about == "area")
    for response in Response.objects.all()[:4]:
        Answer.objects.create(response=response, question=area, choice="Radlett")
    client.force_login(viewer)
    url = reverse("consultations:detail", args=[consultation.partnership.slug, consultation.pk])
    page = client.get(url + "?by=area", **HOST)
    body = page.content.decode()
    assert "80.0%</strong> (8)" in body  # priority 4: 8 of 10
    breakdown = page.context["breakdown"]
    assert breakdown.groups == ["Radlett"]
    assert breakdown.respondents == [4]
    priority_4 = next(cells for result, cells in breakdown.rows if result.label == "Priority 4")
    assert (priority_4[0].relevant, priority_4[0].answered) == (2, 4)  # the first two said not very


def test_the_results_page_query_count_does_not_grow_with_responses(client, viewer, consultation):
    client.force_login(viewer)
    url = reverse("consultations:detail", args=[consultation.partnership.slug, consultation.pk])
    _responses(consultation, count=2, priority_4_not_relevant=1)
    with CaptureQueriesContext(connection) as few:
        client.get(url, **HOST)
    _responses(consultation, count=30, priority_4_not_relevant=5)
    with CaptureQueriesContext(connection) as many:
        client.get(url, **HOST)
    assert len(many) == len(few)


def test_the_results_download_as_csv_with_counts(client, viewer, consultation):
    _responses(consultation, count=10, priority_4_not_relevant=2)
    client.force_login(viewer)
    response = client.get(
        reverse("consultations:results-csv", args=[consultation.partnership.slug, consultation.pk]),
        **HOST,
    )
    rows = list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
    assert rows[1] == ["All", "Respondents", "10", ""]
    priority_4 = [
        r
        for r in rows
        if r[0].startswith("How relevant is priority 4") and r[1].startswith("Relevant")
    ]
    assert priority_4 == [[priority_4[0][0], "Relevant (very or fairly, or yes)", "8", "80.0"]]


# --- Who may do what -------------------------------------------------------------------------


def test_board_members_read_results_but_not_the_answers_themselves(client, viewer, consultation):
    client.force_login(viewer)
    slug, pk = consultation.partnership.slug, consultation.pk
    assert client.get(reverse("consultations:detail", args=[slug, pk]), **HOST).status_code == 200
    assert client.get(reverse("consultations:answers", args=[slug, pk]), **HOST).status_code == 403
    assert client.get(reverse("consultations:themes", args=[slug, pk]), **HOST).status_code == 403


def test_only_a_coordinator_approves_an_answer_for_quoting(
    client, analyst, coordinator, consultation
):
    _answer = services.response_submit(
        consultation=consultation,
        answers={
            next(q for q in selectors.questions_of(consultation) if q.section == "views"): "Lights"
        },
    ).answers.get()
    url = reverse(
        "consultations:answer-approval",
        args=[consultation.partnership.slug, consultation.pk, _answer.pk],
    )
    client.force_login(analyst)
    assert client.post(url, {"approved": "on"}, **HOST).status_code == 403
    client.force_login(coordinator)
    client.post(url, {"approved": "on"}, **HOST)
    _answer.refresh_from_db()
    assert _answer.approved_for_publication
    assert _answer.approved_by == coordinator
