"""Narrative plans in the words other councils use (issue 21, deliverable 2), read from Word."""

import pytest

from saferplan.imports.readers import parse_plan

from .documents import word_document


@pytest.mark.parametrize(
    "headings",
    [
        ["Priority one: violence", "Priority two: anti-social behaviour"],
        ["Priority I – Violence", "Priority II – Anti-social behaviour"],
        ["Priority 1 - Violence", "Priority 2 - Anti-social behaviour"],
        ["Theme 1: Violence", "Theme 2: Anti-social behaviour"],
        ["Outcome 1 – Violence", "Outcome 2 – Anti-social behaviour"],
    ],
)
def test_priorities_themes_or_outcomes_numbered_in_words_roman_numerals_or_figures(headings):
    plan = parse_plan(
        word_document(
            ("h1", "Safer Anytown Community Safety Plan 2024-2027"),
            ("h2", headings[0]),
            ("p", "We will:"),
            ("li", "Fund a second youth hub"),
            ("h2", headings[1]),
            ("p", "Key actions"),
            ("li", "Run two days of action in each ward"),
            ("li", "Publish the case review process"),
        ),
        "plan.docx",
    )
    assert [(p.number, len(p.all_actions())) for p in plan.priorities] == [(1, 1), (2, 2)]
    assert plan.priorities[0].title.lower() == "violence"


def test_outcomes_stay_outcomes_and_subheadings_are_objectives():
    plan = parse_plan(
        word_document(
            ("h1", "Safer Anytown Delivery Plan 2024-2025"),
            ("h2", "Priority 1: Anti-social behaviour"),
            ("h3", "Early intervention"),
            ("p", "Desired outcomes"),
            ("li", "Fewer repeat reports in hotspot areas"),
            ("p", "To do this, we will:"),
            ("li", "Triage reports between agencies"),
            ("h3", "Supporting victims"),
            ("p", "What we will do:"),
            ("li", "Offer mediation in every neighbour dispute"),
        ),
        "plan.docx",
    )
    objectives = plan.priorities[0].objectives
    assert [o.title for o in objectives] == ["Early intervention", "Supporting victims"]
    assert [[a.title for a in o.actions] for o in objectives] == [
        ["Triage reports between agencies"],
        ["Offer mediation in every neighbour dispute"],
    ]
    assert "Fewer repeat reports in hotspot areas" in objectives[0].desired_outcomes


def test_priorities_written_inline_in_one_paragraph():
    plan = parse_plan(
        word_document(
            ("h1", "Safer Anytown Community Safety Plan 2024-2027"),
            ("p", "Priority 1: Reducing violence. Priority 2: Tackling anti-social behaviour."),
        ),
        "plan.docx",
    )
    assert [(p.number, p.title) for p in plan.priorities] == [
        (1, "Reducing violence"),
        (2, "Tackling anti-social behaviour"),
    ]


def test_priorities_as_plain_paragraphs_after_the_line_that_introduces_them():
    """Kirklees' decision record: no bullets, no numbers; a report's sentence ends them."""
    plan = parse_plan(
        word_document(
            ("p", "The Plan sets out the strategic priorities as:"),
            ("p", "Reducing violence which includes serious violence and safe town centres"),
            ("p", "Reducing ASB and Neighbourhood Crime which includes vehicle crime"),
            ("p", "The Plan is informed by the Strategic Needs Assessment."),
        ),
        "decision.docx",
    )
    assert [p.title for p in plan.priorities] == [
        "Reducing violence",
        "Reducing ASB and Neighbourhood Crime",
    ]
    assert plan.priorities[0].description == "serious violence and safe town centres"


INTRODUCTION = (
    "This strategy is based upon a crime audit. This is reflected below in our Strategic Aims "
    "for the period April 2025 to March 2028."
)
AIMS = ["To prevent and deter offending", "To reduce total crime by 16%", "To reduce fear of crime"]


def test_numbered_aims_with_no_priorities_besides_are_the_plans_priorities():
    """Reigate and Banstead's shape (corpus): the aims, numbered after a paragraph ending in a
    sentence that points to them, each "supported by a multi-agency action plan"."""
    plan = parse_plan(
        word_document(
            ("h1", "Community Safety Strategy 2025-2028"),
            ("p", INTRODUCTION),
            *[("ol", f"{aim}.") for aim in AIMS],
            ("p", "Each of these Aims is supported by a multi-agency action plan."),
        ),
        "strategy.docx",
    )
    assert [(p.number, p.title) for p in plan.priorities] == list(enumerate(AIMS, start=1))
    assert plan.aims == []
    assert INTRODUCTION in plan.introduction


def test_aims_beside_priorities_stay_aims():
    plan = parse_plan(
        word_document(
            ("h1", "Community Safety Strategy 2025-2028"),
            ("p", INTRODUCTION),
            *[("ol", aim) for aim in AIMS],
            ("h2", "Priority 1: Violence"),
            ("p", "We will:"),
            ("li", "Fund a second youth hub"),
        ),
        "strategy.docx",
    )
    assert [p.title for p in plan.priorities] == ["Violence"]
    assert plan.aims == AIMS


def test_the_verb_aims_introduces_no_aims():
    plan = parse_plan(
        word_document(
            ("h1", "Community Safety Strategy 2025-2028"),
            (
                "p",
                "The partnership aims to tackle, with its partners, the issues below over the following years.",
            ),
            ("ol", "Reduce shoplifting"),
            ("h2", "Priority 1: Violence"),
            ("p", "We will:"),
            ("li", "Fund a second youth hub"),
        ),
        "strategy.docx",
    )
    assert [p.title for p in plan.priorities] == ["Violence"]
    assert plan.aims == []
