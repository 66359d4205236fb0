"""Columns by meaning, not exact text (issue 21, deliverable 3): the words councils head their
action-plan columns with, their parts and their typing slips, read as the same columns."""

import datetime
import io

import pytest
from docx import Document

from saferplan.imports.columns import recognise
from saferplan.imports.readers import parse_plan

from .documents import word_document


@pytest.mark.parametrize(
    ("heading", "meaning"),
    [
        ("Key Actions", "action"),
        ("What are we going to do?", "action"),
        ("Actions to be taken", "action"),
        ("Lead officer / agency", "owner"),
        ("Responsibilty", "owner"),  # sic, as typed
        ("Who", "owner"),
        ("Lead Organisation", "owner"),
        ("Timescale", "due"),
        ("Target completion date", "due"),
        ("Progress to date (Q2)", "update"),
        ("Comments", "update"),
        ("Milestones", "target"),
        ("Measure of success", "target"),
        ("Action Ref", "ref"),
        ("R.A.G.", "rag"),
        ("Current status", "status"),
        ("Funding", None),  # not a column saferplan keeps: reported, not guessed
        ("Baseline", None),
    ],
)
def test_a_heading_is_read_by_its_meaning(heading, meaning):
    assert recognise(heading) == meaning


def test_a_table_headed_in_other_words_imports_its_actions_owners_dates_and_progress():
    rows = [
        [
            "Action Ref",
            "Key Actions",
            "Lead officer / agency",
            "Timescale",
            "Progress to date (Q2)",
            "R.A.G.",
            "Funding",
        ],
        [
            "1.1",
            "Deliver knife crime sessions in every secondary school",
            "Youth Service",
            "31/03/2025",
            "12/09/2024 Sessions booked in six of eight schools",
            "Amber",
            "£4,000",
        ],
        [
            "1.2",
            "Open a town-centre youth hub on Friday nights",
            "Council",
            "30/09/2024",
            "01/10/2024 Opened on 27 September",
            "Green",
            "",
        ],
    ]
    data = word_document(
        ("h1", "Safer Anytown Partnership Delivery Plan 2024-2025"),
        ("h2", "1. Reducing serious violence"),
        ("table", rows),
    )

    plan = parse_plan(data, "anytown.docx")

    actions = plan.priorities[0].all_actions()
    assert [a.title for a in actions] == [rows[1][1], rows[2][1]]
    assert [a.owner_text for a in actions] == ["Youth Service", "Council"]
    assert [a.due_date for a in actions] == [datetime.date(2025, 3, 31), datetime.date(2024, 9, 30)]
    assert [a.rag for a in actions] == ["amber", "green"]
    assert [u.described_on for u in actions[0].updates] == [datetime.date(2024, 9, 12)]
    unknown = [w for w in plan.warnings if w.kind == "unknown_column"]
    assert ["Funding" in w.message for w in unknown] == [True]


def _word_table(rows, bullets_in: dict[tuple[int, int], list[str]]) -> bytes:
    word = Document()
    word.add_heading("Anytown Action Plan 2024-2025", level=1)
    word.add_heading("1. Reducing serious violence", level=2)
    table = word.add_table(rows=len(rows), cols=len(rows[0]))
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    for (r, c), items in bullets_in.items():
        cell = table.rows[r].cells[c]
        for item in items:
            cell.add_paragraph(item, style="List Bullet")
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def test_bullets_in_one_action_cell_of_a_column_of_single_actions_stay_with_that_action():
    rows = [
        ["Action", "Owner"],
        ["Knife crime sessions in schools", "Youth Service"],
        ["Run a weapons amnesty", "Police"],
        ["Open a youth hub on Friday nights", "Council"],
        ["Test purchasing of knives", "Trading Standards"],
    ]
    data = _word_table(rows, {(2, 0): ["Agree the dates", "Place the bins", "Publicise it"]})
    titles = [a.title for a in parse_plan(data, "plan.docx").priorities[0].all_actions()]
    assert titles == [
        "Knife crime sessions in schools",
        "Run a weapons amnesty; Agree the dates; Place the bins; Publicise it",
        "Open a youth hub on Friday nights",
        "Test purchasing of knives",
    ]


def test_a_column_that_holds_lists_of_actions_gives_one_action_a_bullet():
    rows = [["Issue", "Actions", "Owner"], ["Knife crime", "", "Police"], ["ASB", "", "Council"]]
    data = _word_table(
        rows,
        {(1, 1): ["Weapons sweeps in parks", "Test purchasing"], (2, 1): ["Days of action"]},
    )
    titles = [a.title for a in parse_plan(data, "plan.docx").priorities[0].all_actions()]
    assert titles == ["Weapons sweeps in parks", "Test purchasing", "Days of action"]
