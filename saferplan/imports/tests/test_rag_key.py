"""A plan's own RAG key (issue 21, deliverable 4): where the document says what its colours
and symbols mean, they mean that, before saferplan's own readings."""

from pathlib import Path

import pytest

from saferplan.imports.parsed import ParsedPlan
from saferplan.imports.rag_key import RagKey, rating_of_meaning
from saferplan.imports.readers import parse_plan, read_document

from .documents import word_document

TITLE = ("h1", "Anytown Community Safety Action Plan 2024-2025")
SECTION = ("h", "1. Reducing serious violence")
HEADINGS = ["Action", "Lead", "RAG"]
ACTIONS = [
    "Knife crime sessions in schools",
    "Youth hub on Friday nights",
    "Test purchasing of knives",
    "Street pastors in the town centre",
]


def _actions(*rags) -> tuple[str, list]:
    """An action table whose RAG cells are `rags` (text, or (text, "RRGGBB") shaded)."""
    return ("table", [HEADINGS] + [[a, "Council", r] for a, r in zip(ACTIONS, rags, strict=False)])


def _ratings(plan: ParsedPlan) -> list[tuple[str, str]]:
    return [(a.title, a.rag) for p in plan.priorities for a in p.all_actions()]


@pytest.mark.parametrize(
    ("meaning", "rating"),
    [
        ("Complete", "green"),
        ("Some slippage", "amber"),
        ("On track to be delivered within timescale", "green"),
        ("Not on track", "red"),
        ("not started / delayed", "white"),
        ("Progress on or ahead of schedule and on track to deliver as planned", "green"),
        ("Progress or delivery well below target", "red"),
        ("Not yet complete", None),
        ("Signed off by the board", None),
    ],
)
def test_a_keys_meaning_in_its_own_words(meaning, rating):
    assert rating_of_meaning(meaning) == rating


def test_a_shaded_key_table_says_what_each_shading_means_and_is_not_read_as_actions():
    key = ["Key", ("● Complete", "0070C0"), ("● On track", "00B050")]
    key += [("● Some slippage", "FFC000"), ("● Off track", "7030A0")]
    data = word_document(
        TITLE,
        ("table", [key]),
        SECTION,
        # Blue, purple, a lighter purple (Word's "Purple, Accent 4") and amber shading alone.
        _actions(("", "0070C0"), ("", "7030A0"), ("", "8064A2"), ("", "FFC000")),
    )

    plan = parse_plan(data, "plan.docx")

    assert _ratings(plan) == list(zip(ACTIONS, ["green", "red", "red", "amber"], strict=True))
    assert not [w for w in plan.warnings if w.kind in ("rag", "rag_key", "unknown_column")]


def test_a_two_column_key_at_the_end_overrides_the_usual_colours():
    """Yellow is amber to saferplan; here the key says it is "not started". The key comes
    straight after the action table, and its rows are not taken as more actions."""
    data = word_document(
        TITLE,
        SECTION,
        _actions(("", "FFFF00"), ("", "00B050"), ("", "FF0000")),
        ("p", "Key"),
        (
            "table",
            [
                [("", "FFFF00"), "Not started"],
                [("", "00B050"), "Complete"],
                [("", "FF0000"), "Off track – needs the board's attention"],
            ],
        ),
    )

    plan = parse_plan(data, "plan.docx")

    assert _ratings(plan) == list(zip(ACTIONS, ["white", "green", "red"], strict=False))
    assert plan.counts()["actions"] == 3


def test_a_key_line_makes_a_symbol_mean_what_it_says():
    """Without the key ✗ is red and ● is no rating at all."""
    data = word_document(
        TITLE,
        ("p", "Key: ✓ = complete, ✗ = not started / delayed, ● = not started"),
        SECTION,
        _actions("✓", "✗", "●"),
    )

    plan = parse_plan(data, "plan.docx")

    assert _ratings(plan) == list(zip(ACTIONS, ["green", "white", "white"], strict=False))
    assert not [w for w in plan.warnings if w.kind in ("rag", "rag_key")]


def test_a_key_of_colour_words_on_lines_below_key_gives_those_colours_meanings():
    data = word_document(
        TITLE,
        ("p", "RAG key:"),
        ("li", "Blue – completed"),
        ("li", "Green – on track"),
        ("li", "Amber – some concerns"),
        ("li", "Purple – off track"),
        SECTION,
        _actions("Purple", ("", "7030A0"), ("", "0070C0"), "Amber"),
    )

    plan = parse_plan(data, "plan.docx")

    assert _ratings(plan) == list(zip(ACTIONS, ["red", "red", "green", "amber"], strict=True))


def test_a_document_without_a_key_reads_as_before():
    """Not keys: a "Key actions" column, and a key of abbreviations."""
    data = word_document(
        TITLE,
        ("p", "Key: ASB = anti-social behaviour, CSP = Community Safety Partnership"),
        SECTION,
        (
            "table",
            [["Key actions", "Lead", "RAG"]]
            + [
                [a, "Council", r]
                for a, r in zip(ACTIONS, ["✓", "✗", ("", "7030A0"), ("●", "FFC000")], strict=True)
            ],
        ),
    )

    plan = parse_plan(data, "plan.docx")

    assert _ratings(plan) == list(zip(ACTIONS, ["green", "red", "", "amber"], strict=True))
    assert not [w for w in plan.warnings if w.kind == "rag_key"]


def test_a_key_saferplan_cannot_read_is_ignored_with_a_warning_saying_where_it_is():
    data = word_document(
        TITLE,
        SECTION,
        _actions("✓", "✗"),
        ("p", "Legend: ✓ = signed off by the board, ✗ = deferred to next year"),
    )

    plan = parse_plan(data, "plan.docx")

    assert _ratings(plan) == list(zip(ACTIONS, ["green", "red"], strict=False))
    [warning] = [w for w in plan.warnings if w.kind == "rag_key"]
    assert "“signed off by the board”" in warning.message
    assert "plan.docx, line 3" in warning.message  # the third paragraph
    assert warning.location.line == 3


def test_seed_000s_colour_key_is_read_with_every_definition_understood():
    """Seed 000 (Three Rivers) defines its colours: "Colour Key:", then "Red - Progress or
    delivery well below target", "Amber – … slightly below target", … on the lines below."""
    name = "000_37891d1c771535bb.txt"
    seed = Path(__file__).resolve().parents[2] / "demo" / "seeds" / name
    plan = ParsedPlan(title="", kind="action", source=name)

    key = RagKey.of(read_document(seed.read_bytes(), name), plan)

    assert [key.rating(word, []) for word in ("Red", "Amber", "Green", "White")] == [
        "red",
        "amber",
        "green",
        "white",
    ]
    assert not plan.warnings


def test_a_pdf_with_a_shaded_key_reads_its_coloured_cells_as_the_key_says():
    import weasyprint

    key = "".join(
        f"<td style='background:{colour}'>{meaning}</td>"
        for colour, meaning in [("#FFFF00", "Not started"), ("#7030A0", "Off track")]
    )
    rows = "".join(
        f"<tr><td>{action}</td><td>Council</td><td style='background:{colour}'></td></tr>"
        for action, colour in zip(ACTIONS, ["#FFFF00", "#7030A0", "#00B050"], strict=False)
    )
    html = (
        f"<h1>{TITLE[1]}</h1><table><tr><td>Key</td>{key}</tr></table><h2>{SECTION[1]}</h2>"
        f"<table><tr><th>Action</th><th>Lead</th><th>RAG</th></tr>{rows}</table>"
    )
    css = "table { border-collapse: collapse; margin: 12pt 0 } td, th { border: 1px solid #000; padding: 4pt; height: 14pt }"
    pdf = weasyprint.HTML(string=html).write_pdf(stylesheets=[weasyprint.CSS(string=css)])

    plan = parse_plan(pdf, "tracker.pdf")

    assert _ratings(plan) == list(zip(ACTIONS, ["white", "red", "green"], strict=False))


def test_a_count_of_ratings_under_rag_status_is_not_a_key():
    data = word_document(
        TITLE,
        ("h", "RAG status"),
        ("table", [["Red", "1"], ["Amber", "3"], ["Green", "12"]]),
        SECTION,
        _actions("Amber", ("", "FFFF00")),
    )

    plan = parse_plan(data, "plan.docx")

    assert _ratings(plan) == list(zip(ACTIONS, ["amber", "amber"], strict=False))
    assert not [w for w in plan.warnings if w.kind == "rag_key"]
