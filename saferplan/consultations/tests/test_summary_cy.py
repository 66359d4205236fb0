"""The results in Welsh sentences (consultations/summary_cy.py)."""

import datetime
from dataclasses import dataclass

import pytest

from saferplan.consultations import summary_cy


@dataclass
class Result:
    number: int
    answered: int
    relevant: int

    @property
    def percent_relevant(self):
        return 100 * self.relevant / self.answered

    @property
    def percent_not_relevant(self):
        return 100 - self.percent_relevant


@pytest.mark.parametrize(
    ("numbers", "words"),
    [([1, 2, 3, 5, 6], "1, 2, 3, 5 a 6"), ([2, 8], "2 ac 8"), ([3, 11], "3 ac 11"), ([4], "4")],
)
def test_a_list_of_numbers_joins_with_a_or_ac(numbers, words):
    assert summary_cy.number_list(numbers) == words


@pytest.mark.parametrize(
    ("value", "phrase"),
    [(92.4, "dros 90%"), (19.5, "ychydig o dan 20%"), (15.0, "15%"), (2.0, "llai na 5%")],
)
def test_percentages_in_words(value, phrase):
    assert summary_cy.percent_phrase(value) == phrase


def test_seed_002s_priorities_in_welsh():
    """Seed 002's own figures: five priorities well supported, priority 4 not by 18.5%."""
    results = [Result(n, 200, 186) for n in (1, 2, 3, 5, 6)] + [Result(4, 200, 163)]
    sentence = summary_cy.relevance_sentence(results, "priority", 90.0)
    assert sentence == (
        "Roedd dros 90% o'r ymatebwyr o'r farn bod blaenoriaethau 1, 2, 3, 5 a 6 yn "
        "berthnasol; nid oedd ychydig o dan 20% o'r ymatebwyr o'r farn bod blaenoriaeth 4 yn "
        "berthnasol."
    )
    assert sentence.lang == "cy"


def test_an_open_consultation_in_welsh():
    from django.utils import translation

    with translation.override("cy"):
        sentence = summary_cy.respondents_sentence(
            respondents=1,
            opens_on=datetime.date(2023, 1, 9),
            closes_on=datetime.date(2023, 2, 19),
            today=datetime.date(2023, 1, 20),
        )
    assert sentence == (
        "Hyd yma mae 1 person wedi ymateb i'r ymgynghoriad, sydd ar agor tan 19 Chwefror 2023."
    )
