"""Themes of free-text answers: suggested from the words answers share, then renamed,
merged, split and reassigned by a person, and counted."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from saferplan.consultations import selectors, services, theming
from saferplan.consultations.models import Answer, QuestionKind, Theme
from saferplan.consultations.survey_csv import guess_mapping, read_survey
from saferplan.consultations.theming import suggest_themes

from .conftest import SURVEY_CSV

pytestmark = pytest.mark.django_db
HOST = {"HTTP_HOST": "127.0.0.1"}


@pytest.fixture
def imported(consultation, coordinator):
    pending = services.response_import_create(
        actor=coordinator,
        consultation=consultation,
        file_name=SURVEY_CSV.name,
        content=SURVEY_CSV.read_bytes(),
    )
    mapping = guess_mapping(
        read_survey(SURVEY_CSV.name, SURVEY_CSV.read_bytes()), selectors.questions_of(consultation)
    )
    services.response_import_confirm(actor=coordinator, pending=pending, mapping=mapping)
    return consultation


def main_question(consultation):
    return selectors.free_text_questions(consultation)[0]


def _theme_of(consultation, words: str) -> set[str]:
    answer = Answer.objects.get(question__consultation=consultation, text__icontains=words)
    return {t.name for t in answer.themes.all()}


def test_answers_about_the_same_thing_are_suggested_one_theme(imported, analyst):
    themes = services.themes_suggest(actor=analyst, question=main_question(imported), count=8)
    assert 2 <= len(themes) <= 8
    lighting = _theme_of(imported, "lights have been broken")
    assert lighting & _theme_of(imported, "Dark underpass near the leisure centre")
    assert lighting & _theme_of(imported, "Street lighting is switched off too early")
    for theme in Theme.objects.filter(consultation=imported):
        assert theme.top_words, theme.name
        assert theme.suggested
    # Every answer that has any words of substance carries a theme.
    question = main_question(imported)
    assert question.section == "views"
    assert selectors.unthemed_count(question) < question.answers.count() / 4
    # Comments on the aims are not themed with it.
    assert not Answer.objects.filter(question__section="aims", themes__isnull=False).exists()


def test_the_suggestion_is_the_same_each_time():
    texts = [a.strip() for a in SURVEY_CSV.read_text(encoding="utf-8-sig").splitlines()[1:]]
    assert suggest_themes(texts, 6) == suggest_themes(texts, 6)


def test_an_answer_about_two_things_can_carry_two_themes():
    texts = (
        ["street lighting is poor"] * 5
        + ["more police patrols please"] * 5
        + ["better street lighting and more police patrols"]
    )
    themes = suggest_themes(texts, 2)
    assert [10 in t.members for t in themes] == [True, True]


def test_a_person_renames_merges_splits_and_reassigns_and_the_counts_follow(
    imported, analyst, client
):
    services.themes_suggest(actor=analyst, question=main_question(imported), count=6)
    client.force_login(analyst)
    slug, pk = imported.partnership.slug, imported.pk
    first, second, *_ = selectors.themes_with_counts(main_question(imported))
    # Rename
    client.post(
        reverse("consultations:theme", args=[slug, pk, first.pk]),
        {"name": "Police presence", "we_did": ""},
        **HOST,
    )
    first.refresh_from_db()
    assert first.name == "Police presence"
    assert not first.suggested
    # Merge: the merged theme's answers all carry the kept one, counted once.
    together = set(first.answers.values_list("pk", flat=True)) | set(
        second.answers.values_list("pk", flat=True)
    )
    client.post(
        reverse("consultations:theme-merge", args=[slug, pk, first.pk]),
        {"others": [second.pk]},
        **HOST,
    )
    assert not Theme.objects.filter(pk=second.pk).exists()
    assert set(first.answers.values_list("pk", flat=True)) == together
    counts = {t.name: t.answer_count for t in selectors.themes_with_counts(main_question(imported))}
    assert counts["Police presence"] == len(together)
    # Split: chosen answers move to a new theme.
    moving = list(first.answers.values_list("pk", flat=True)[:2])
    response = client.post(
        reverse("consultations:theme-split", args=[slug, pk, first.pk]),
        {"answers": moving, "name": "Underpasses"},
        **HOST,
    )
    new = Theme.objects.get(name="Underpasses")
    assert response["Location"].endswith(f"/themes/{new.pk}/")
    assert set(new.answers.values_list("pk", flat=True)) == set(moving)
    assert not first.answers.filter(pk__in=moving).exists()
    # Reassign one answer to two themes.
    answer = Answer.objects.get(pk=moving[0])
    client.post(
        reverse("consultations:answer", args=[slug, pk, answer.pk]),
        {"themes": [first.pk, new.pk]},
        **HOST,
    )
    assert {t.name for t in answer.themes.all()} == {"Police presence", "Underpasses"}
    counts = {t.name: t.answer_count for t in selectors.themes_with_counts(main_question(imported))}
    assert counts["Underpasses"] == 2
    assert counts["Police presence"] == len(together) - 1


def test_two_themes_cannot_share_a_name(imported, analyst):
    services.theme_create(actor=analyst, question=main_question(imported), name="CCTV")
    with pytest.raises(ValidationError) as error:
        services.theme_create(actor=analyst, question=main_question(imported), name="CCTV")
    assert "already a theme called “CCTV”" in str(error.value)


def test_suggesting_again_replaces_the_themes(imported, analyst):
    services.themes_suggest(actor=analyst, question=main_question(imported), count=6)
    services.theme_create(actor=analyst, question=main_question(imported), name="Mine")
    services.themes_suggest(actor=analyst, question=main_question(imported), count=3)
    assert not Theme.objects.filter(name="Mine").exists()
    assert Theme.objects.filter(consultation=imported).count() <= 3


def test_no_free_text_answers_means_nothing_to_theme(consultation, analyst):
    with pytest.raises(ValidationError):
        services.themes_suggest(actor=analyst, question=main_question(consultation), count=5)


def test_a_theme_of_another_consultation_cannot_be_given_to_an_answer(
    imported, analyst, partnership, coordinator, hertsmere_plan
):
    import datetime

    other = services.consultation_create(
        actor=coordinator,
        partnership=partnership,
        plan=hertsmere_plan,
        title="Another",
        privacy_notice="x",
        opens_on=datetime.date(2024, 1, 1),
        closes_on=datetime.date(2024, 2, 1),
    )
    foreign = services.theme_create(actor=analyst, question=main_question(other), name="Foreign")
    answer = Answer.objects.filter(
        question__consultation=imported, question__kind=QuestionKind.FREE_TEXT
    ).first()
    with pytest.raises(ValidationError):
        services.answer_themes_set(actor=analyst, answer=answer, themes=[foreign])


@pytest.mark.parametrize(
    "top_words",
    [
        ["anti social", "social behaviour", "reports"],
        ["anti", "social behaviour", "reports"],  # the split seen with another numpy build
        ["social behaviour", "anti social", "reports"],
    ],
)
def test_a_suggested_name_joins_the_phrase_the_answers_use(top_words):
    vocabulary = {"anti social": 0, "social behaviour": 1, "anti": 2, "social": 3, "reports": 4}
    assert theming._name(top_words, vocabulary) == "Anti social behaviour"
