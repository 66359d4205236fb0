"""The same plan saved as Word, Excel, CSV or HTML imports to the same structure as the seed."""

from pathlib import Path

import pytest

from saferplan.imports.readers import parse_plan

from . import documents

SEEDS = Path(__file__).resolve().parents[2] / "demo" / "seeds"


def structure(plan, *, with_title=True):
    """What a person would check: priorities, issues, actions, owners, update texts and dates."""
    return {
        "title": plan.title if with_title else None,
        "priorities": [
            (
                p.number,
                p.title,
                [
                    (
                        o.title,
                        [
                            (a.title, a.owner_text, [(u.text, u.described_on) for u in a.updates])
                            for a in o.actions
                        ],
                    )
                    for o in p.objectives
                ],
            )
            for p in plan.priorities
        ],
    }


@pytest.fixture(scope="module")
def seed_plan():
    name = "003_beef6faf28b908d0.txt"
    return parse_plan((SEEDS / name).read_bytes(), name)


def test_the_seed_saved_as_word_imports_to_the_same_structure(seed_plan):
    plan = parse_plan(documents.to_docx(seed_plan), "Hertsmere action plan 2019-20.docx")
    assert structure(plan) == structure(seed_plan)
    assert plan.aims == seed_plan.aims


def test_the_seed_saved_as_html_imports_to_the_same_structure(seed_plan):
    plan = parse_plan(documents.to_html(seed_plan), "hertsmere.html")
    assert structure(plan) == structure(seed_plan)


@pytest.mark.parametrize(
    ("writer", "name"),
    [
        (documents.to_xlsx, "Hertsmere Community Safety Action Plan 2019 - 2020.xlsx"),
        (documents.to_csv, "Hertsmere Community Safety Action Plan 2019 - 2020.csv"),
    ],
)
def test_the_seed_saved_as_one_row_per_action_imports_to_the_same_structure(
    seed_plan, writer, name
):
    plan = parse_plan(writer(seed_plan), name)
    # A spreadsheet has no title inside it: the file name gives it, and the period with it.
    assert plan.title == "Hertsmere Community Safety Action Plan 2019 - 2020"
    assert (plan.period_start, plan.period_end) == (seed_plan.period_start, seed_plan.period_end)
    assert structure(plan) == structure(seed_plan)
