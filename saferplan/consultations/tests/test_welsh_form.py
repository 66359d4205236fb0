"""The consultation's public form in Welsh (issue 24, deliverable 4): every page in Welsh at
/cy/…, the plan's own English words marked as English, the answers stored as in English."""

from django.urls import reverse
from django.utils import translation

from saferplan.consultations import selectors
from saferplan.consultations.models import Response
from saferplan.consultations.tests.test_consultations import HOST


def welsh(consultation, name, *args):
    with translation.override("cy"):
        return reverse(
            f"consultations:respond-{name}",
            args=[consultation.partnership.slug, consultation.pk, *args],
        )


def test_a_welsh_reader_answers_the_consultation_in_welsh(client, consultation, on_the_public_site):
    start = client.get(welsh(consultation, "start"), **HOST).content.decode()
    assert '<html lang="cy"' in start
    assert "Dechrau nawr" in start
    assert f'href="{welsh(consultation, "section", "aims")}"' in start

    questions = selectors.questions_of(consultation)
    aim_1 = questions[0]
    page = client.post(
        welsh(consultation, "section", "aims"), {f"question_{aim_1.pk}": "very"}, **HOST
    ).content.decode()
    assert "Mae problem wedi codi" in page  # the error summary
    assert "Dewiswch pa mor berthnasol yw nod 2" in page
    # The question in Welsh, the plan's own words in English marked as such.
    assert 'Pa mor berthnasol yw nod 1: <span lang="en">' in page
    assert "Perthnasol iawn" in page
    assert "Ddim yn gwybod" in page

    by_label = {q.short_label: q for q in questions}
    client.post(
        welsh(consultation, "section", "aims"),
        {f"question_{by_label[f'Aim {n}'].pk}": "very" for n in (1, 2, 3)},
        **HOST,
    )
    client.post(
        welsh(consultation, "section", "priorities"),
        {f"question_{by_label[f'Priority {n}'].pk}": "fairly" for n in range(1, 7)},
        **HOST,
    )
    more = next(q for q in questions if q.section == "views")
    client.post(
        welsh(consultation, "section", "views"),
        {f"question_{more.pk}": "Mwy o oleuadau stryd"},
        **HOST,
    )
    age = next(q for q in questions if q.about == "age-band")
    about = client.get(welsh(consultation, "section", "about-you"), **HOST).content.decode()
    assert "Faint yw eich oed?" in about
    assert "Mae&#x27;n well gennyf beidio â dweud" in about
    client.post(
        welsh(consultation, "section", "about-you"), {f"question_{age.pk}": "25 to 34"}, **HOST
    )
    client.post(welsh(consultation, "contact"), {}, **HOST)
    check = client.get(welsh(consultation, "check"), **HOST).content.decode()
    for words in (
        "Gwiriwch eich atebion cyn eu hanfon",
        "Eithaf perthnasol",
        "25 i 34",
        "Dim: rydych yn ateb yn ddienw",
        "Anfon fy atebion",
    ):
        assert words in check, words

    sent = client.post(welsh(consultation, "check"), {"website": ""}, **HOST)

    assert sent["Location"] == welsh(consultation, "done")
    assert "Diolch am gymryd rhan" in client.get(sent["Location"], **HOST).content.decode()
    answers = {
        a.question.short_label: a.choice or a.text for a in Response.objects.get().answers.all()
    }
    assert answers["Aim 1"] == "very"  # stored as in English: the results count them alike
    assert answers["How old are you?"] == "25 to 34"


def test_the_partnerships_own_welsh_aims_and_priorities_are_quoted(
    client, coordinator, consultation, on_the_public_site
):
    """When the partnership publishes in Welsh and wrote an aim's Welsh, the Welsh form
    quotes it (not marked English); an aim without its Welsh stays English, marked."""
    from saferplan.public import services as public_services

    aim = consultation.plan.aims.get(number=1)
    priority = consultation.plan.priorities.get(number=2)
    keys = {
        f"plans.aim:{aim.pk}:text": (aim.text, "Creu amgylcheddau mwy diogel"),
        f"plans.priority:{priority.pk}:title": (priority.title, "Atal trais difrifol"),
    }
    public_services.welsh_texts_set(
        actor=coordinator,
        partnership=consultation.partnership,
        in_welsh=True,
        texts={key: welsh for key, (_, welsh) in keys.items()},
        labels={key: key for key in keys},
        english={key: english for key, (english, _) in keys.items()},
    )

    aims = client.get(welsh(consultation, "section", "aims"), **HOST).content.decode()
    assert "Pa mor berthnasol yw nod 1: Creu amgylcheddau mwy diogel?" in aims
    assert 'Pa mor berthnasol yw nod 2: <span lang="en">' in aims
    priorities = client.get(welsh(consultation, "section", "priorities"), **HOST).content.decode()
    assert "Pa mor berthnasol yw blaenoriaeth 2: Atal trais difrifol?" in priorities
    # The English page is as it was (its address made in English: the test's thread keeps
    # the last page's language).
    with translation.override("en-gb"):
        english_url = reverse(
            "consultations:respond-section",
            args=[consultation.partnership.slug, consultation.pk, "aims"],
        )
    english = client.get(english_url, **HOST).content.decode()
    assert "Creu amgylcheddau" not in english
