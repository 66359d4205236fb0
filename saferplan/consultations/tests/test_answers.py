"""What a question accepts is one rule (saferplan.consultations.answers), used by the public
form's fields, by the check when a response is sent and by a survey export's import: they
cannot drift apart."""

import pytest
from django.core.exceptions import ValidationError

from saferplan.consultations import answers, selectors, services
from saferplan.consultations.forms import SectionForm
from saferplan.consultations.models import QuestionKind
from saferplan.consultations.survey_csv import Column, SurveyFile, parse_responses

pytestmark = pytest.mark.django_db


def _one_of_each(consultation):
    questions = selectors.questions_of(consultation)
    return {
        kind: next(q for q in questions if q.kind == kind)
        for kind in (QuestionKind.RELEVANCE, QuestionKind.CHOICE, QuestionKind.FREE_TEXT)
    }


def _imported(question, value):
    survey = SurveyFile("export.csv", [Column(0, "Column 1", [])], [[value]])
    responses, errors, _blank = parse_responses(survey, {0: str(question.pk)}, [question])
    return (responses[0].answers[question] if responses else None), errors


def test_every_answer_the_form_offers_is_taken_by_the_check_and_the_import(consultation):
    """The form sends an answer's value; a survey tool's export holds its words (label)."""
    for question in _one_of_each(consultation).values():
        form = SectionForm(questions=[question])
        offered = list(getattr(form.fields[f"question_{question.pk}"], "choices", []))
        assert offered == answers.form_choices(question)
        for value, label in offered:
            assert answers.form_answer_error(question, value) is None
            assert _imported(question, str(label)) == (value, [])


def test_an_answer_too_long_is_refused_by_the_form_the_check_and_the_import(consultation):
    question = _one_of_each(consultation)[QuestionKind.FREE_TEXT]
    too_long = "x" * (answers.MAX_ANSWER_LENGTH + 1)
    form = SectionForm({f"question_{question.pk}": too_long}, questions=[question])
    assert not form.is_valid()
    with pytest.raises(ValidationError, match="5,000 characters or fewer"):
        services.response_submit(consultation=consultation, answers={question: too_long})
    stored, errors = _imported(question, too_long)
    assert stored is None
    assert errors == [
        "export.csv, row 2, column “Column 1”: the answer is 5,001 characters long; "
        "at most 5,000 are kept"
    ]
    assert _imported(question, too_long[1:]) == (too_long[1:], [])


def test_the_import_also_takes_yes_and_no_and_the_choices_in_any_case(consultation):
    questions = _one_of_each(consultation)
    relevance, choice = questions[QuestionKind.RELEVANCE], questions[QuestionKind.CHOICE]
    assert _imported(relevance, "  YES ") == ("yes", [])
    assert answers.form_answer_error(relevance, "yes") is not None  # not on the form's scale
    assert _imported(choice, choice.choices[0].upper()) == (choice.choices[0], [])
    assert answers.form_answer_error(choice, choice.choices[0].upper()) is not None
