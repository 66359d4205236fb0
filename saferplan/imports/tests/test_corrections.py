"""A preview a person can correct (issue 21, deliverables 3 and 6): title rows inside tables
read as the level above or as progress; what a column means and what a title row is can be
changed, on the preview (a plain form) or to `saferplan import-plan` (options or a mapping
file), and the document is read again; every piece of text left out is listed."""

import json

import pytest
import weasyprint
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from saferplan.imports.corrections import CorrectionError, Corrections
from saferplan.imports.models import PlanImport
from saferplan.imports.readers import parse_plan
from saferplan.plans.models import Action, Plan

from .documents import word_document
from .test_seen import TRACKER
from .test_web import confirm, upload

# A committee tracker: objectives as rows spanning the table, an action's progress as a
# full-width row under it (the shape of the Waverley and Medway trackers in the corpus).
TITLED = [
    ["Action", "Lead officer", "Target date", "RAG"],
    ["Objective 1: Reduce knife crime among young people"],
    ["Knife crime lessons in every secondary school", "Youth Service", "31/03/2025", "Green"],
    ["Weapon sweeps in the town centre parks", "Police", "30/09/2024", "Amber"],
    [
        "Update: two sweeps were done in June and found nothing; the third was cancelled "
        "when the park flooded and is now booked for October."
    ],
    ["Objective 2: Fewer repeat victims of domestic abuse"],
    ["Refer every high-risk victim to MARAC within a week", "Council", "Ongoing", "Red"],
]


def titled_word() -> bytes:
    return word_document(("h1", "Safer Waverley tracker 2024-25"), ("table", TITLED))


def titled_pdf() -> bytes:
    rows = "".join(
        f'<tr><td colspan="4">{row[0]}</td></tr>'
        if len(row) == 1
        else "<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>"
        for row in TITLED[1:]
    )
    head = "".join(f"<th>{cell}</th>" for cell in TITLED[0])
    html = (
        "<h1>Safer Waverley tracker 2024-25</h1><table><thead><tr>"
        f"{head}</tr></thead><tbody>{rows}</tbody></table>"
    )
    style = "table{border-collapse:collapse;width:100%} td,th{border:1px solid #000;padding:4px}"
    return weasyprint.HTML(string=html).write_pdf(stylesheets=[weasyprint.CSS(string=style)])


def objectives(plan):
    return [(o.title, [a.title for a in o.actions]) for p in plan.priorities for o in p.objectives]


@pytest.mark.parametrize(("data", "name"), [(titled_word, "t.docx"), (titled_pdf, "t.pdf")])
def test_title_rows_spanning_a_table_are_objectives_and_a_full_width_row_is_progress(data, name):
    plan = parse_plan(data(), name)
    assert objectives(plan) == [
        (
            "Objective 1: Reduce knife crime among young people",
            [
                "Knife crime lessons in every secondary school",
                "Weapon sweeps in the town centre parks",
            ],
        ),
        (
            "Objective 2: Fewer repeat victims of domestic abuse",
            ["Refer every high-risk victim to MARAC within a week"],
        ),
    ]
    sweeps = plan.priorities[0].objectives[0].actions[1]
    assert [u.text[:35] for u in sweeps.updates] == ["Update: two sweeps were done in Jun"]
    assert [(r["level"], r["guessed"]) for r in plan.title_rows] == [
        ("objective", "objective"),
        ("progress", "progress"),
        ("objective", "objective"),
    ]


def test_a_title_row_read_at_another_level_when_the_person_says_so():
    rows = {r["text"][:11]: r["key"] for r in parse_plan(titled_word(), "t.docx").title_rows}
    plan = parse_plan(
        titled_word(),
        "t.docx",
        corrections=Corrections(
            title_rows={rows["Objective 1"]: "priority", rows["Objective 2"]: "priority"}
        ),
    )
    assert [p.title for p in plan.priorities] == [
        "Reduce knife crime among young people",
        "Fewer repeat victims of domestic abuse",
    ]
    assert [len(p.all_actions()) for p in plan.priorities] == [2, 1]
    skipped = parse_plan(
        titled_word(), "t.docx", corrections=Corrections(title_rows={rows["Update: two"]: "skip"})
    )
    assert not skipped.priorities[0].objectives[0].actions[1].updates
    assert any(p["text"].startswith("Update: two sweeps") for p in skipped.leftovers)


def test_a_column_the_person_names_as_the_action_brings_the_table_in():
    before = parse_plan(TRACKER, "tracker.docx")
    assert before.counts()["actions"] == 0
    assert [(c["heading"], c["meaning"]) for c in before.tables[0]["columns"]] == [
        ("Ref", "ref"),
        ("Deliverable", ""),
        ("Lead", "owner"),
        ("Progress", "update"),
    ]
    assert not before.tables[0]["headed"]
    texts = [piece["text"] for piece in before.leftovers]
    assert "Knife crime sessions in schools" in texts

    after = parse_plan(TRACKER, "tracker.docx", corrections=Corrections({"deliverable": "action"}))
    actions = after.priorities[0].all_actions()
    assert [(a.title, a.owner_text, [u.text for u in a.updates]) for a in actions] == [
        ("Knife crime sessions in schools", "Youth Service", ["Six schools booked"]),
        ("Youth hub on Friday nights", "Council", ["Opened in September"]),
    ]
    assert after.counts()["owners"] == 2
    assert not [w for w in after.warnings if w.kind == "no_actions_in_tables"]
    assert after.leftovers == []
    # The choice held for that reading only (columns.chosen is reset once the file is read).
    assert parse_plan(TRACKER, "tracker.docx").counts()["actions"] == 0


def test_a_column_set_to_not_imported_is_left_out_and_listed():
    plan = parse_plan(
        TRACKER, "tracker.docx", corrections=Corrections({"deliverable": "action", "lead": ""})
    )
    assert [a.owner_text for a in plan.priorities[0].all_actions()] == ["", ""]
    assert {(p["text"], p["where"]) for p in plan.leftovers} == {
        ("Youth Service", "tracker.docx, table 1, row 2, column “Lead”"),
        ("Council", "tracker.docx, table 1, row 3, column “Lead”"),
    }


def test_text_that_is_not_the_plan_is_listed_with_where_it_is():
    """A narrative plan with a table of its members: the table holds no actions, so its
    cells are listed as left out, each with its table, row and column."""
    plan = parse_plan(
        word_document(
            ("h1", "Community Safety Plan 2024-27"),
            ("h", "Priority 1: Reducing serious violence"),
            ("p", "What we will do:"),
            ("li", "Knife crime sessions in every secondary school"),
            ("table", [["Member", "Organisation"], ["Cllr Ann Example", "Waverley Council"]]),
        ),
        "plan.docx",
    )
    assert plan.counts()["actions"] == 1
    assert plan.leftovers == [
        {"text": "What we will do:", "where": "plan.docx, line 3"},
        {"text": "Member", "where": "plan.docx, table 1, row 1"},
        {"text": "Organisation", "where": "plan.docx, table 1, row 1"},
        {"text": "Cllr Ann Example", "where": "plan.docx, table 1, row 2"},
        {"text": "Waverley Council", "where": "plan.docx, table 1, row 2"},
    ]


def test_a_correction_that_cannot_be_used_says_which_and_why():
    with pytest.raises(CorrectionError, match="“Deliverable”: “actoin” is not a meaning"):
        Corrections({"Deliverable": "actoin"})
    with pytest.raises(CorrectionError, match="give it as TABLE:ROW"):
        Corrections(title_rows={"row five": "objective"})
    with pytest.raises(CorrectionError, match=r"choices.json: not JSON \(line 1, column 2"):
        Corrections.from_json("{columns: 1}", "choices.json")


def test_a_coordinator_corrects_a_column_on_the_preview_and_imports_what_it_shows(
    client, coordinator, partnership
):
    client.force_login(coordinator)
    preview = upload(client, partnership, "tracker.docx", TRACKER)
    assert "How saferplan read the document’s tables" in preview.text
    assert "No row of this table was recognised as its headings" in preview.text
    pending = PlanImport.objects.get()
    page = preview.text
    heading_field = page[: page.index('value="deliverable"')].rsplit('name="', 1)[1].split('"')[0]
    answer = client.post(
        reverse("imports:correct", args=[partnership.slug, pending.pk]),
        {heading_field: "deliverable", heading_field.replace("heading:", "meaning:"): "action"},
        follow=True,
    )
    assert "The document was read again with your choices." in answer.text
    assert "1 priority, 2 objectives, 2 actions, 2 dated updates, 2 owners" in answer.text
    assert "Nothing: all the document’s text is in the plan" in answer.text
    choices = client.get(reverse("imports:mapping", args=[partnership.slug, pending.pk]))
    assert json.loads(choices.content) == {
        "columns": {"deliverable": "action"},
        "title_rows": {},
        "keep_apart": [],
    }
    confirm(client, partnership, pending)
    plan = Plan.objects.get()
    assert sorted(Action.objects.filter(priority__plan=plan).values_list("title", flat=True)) == [
        "Knife crime sessions in schools",
        "Youth hub on Friday nights",
    ]


def test_a_meaning_that_is_not_offered_is_refused_and_nothing_changes(
    client, coordinator, partnership
):
    client.force_login(coordinator)
    upload(client, partnership, "tracker.docx", TRACKER)
    pending = PlanImport.objects.get()
    answer = client.post(
        reverse("imports:correct", args=[partnership.slug, pending.pk]),
        {"heading:1-2": "deliverable", "meaning:1-2": "<script>"},
        follow=True,
    )
    assert "is not a meaning saferplan knows" in answer.text
    assert "<script>" not in answer.text
    pending.refresh_from_db()
    assert pending.column_meanings == {}


@pytest.mark.parametrize("who", ["outsider", "viewer", "editor"])
def test_only_the_partnerships_coordinators_correct_or_download_its_choices(
    client, coordinator, partnership, request, who
):
    client.force_login(coordinator)
    upload(client, partnership, "tracker.docx", TRACKER)
    pending = PlanImport.objects.get()
    client.force_login(request.getfixturevalue(who))
    correct = reverse("imports:correct", args=[partnership.slug, pending.pk])
    answer = client.post(correct, {"heading:1-2": "deliverable", "meaning:1-2": "action"})
    assert answer.status_code in (403, 404)
    mapping = client.get(reverse("imports:mapping", args=[partnership.slug, pending.pk]))
    assert mapping.status_code in (403, 404)
    pending.refresh_from_db()
    assert pending.column_meanings == {}


def test_the_command_takes_the_same_corrections_and_reports_the_same_counts_and_leftovers(
    tmp_path, partnership, capsys
):
    document = tmp_path / "tracker.docx"
    document.write_bytes(TRACKER)
    expected = parse_plan(
        TRACKER, "tracker.docx", corrections=Corrections({"deliverable": "action", "lead": ""})
    )
    mapping = tmp_path / "choices.json"
    mapping.write_text(json.dumps({"columns": {"Lead": ""}}))
    for options in (["--mapping", str(mapping)], ["--column", "Lead="]):
        call_command(
            "import-plan",
            str(document),
            "--partnership",
            partnership.slug,
            "--column",
            "Deliverable=action",
            "--dry-run",
            "--json",
            *options,
        )
        tree = json.loads(capsys.readouterr().out)
        assert tree["counts"] == expected.counts()  # what the preview counts
        assert (tree["counts"]["actions"], tree["counts"]["owners"]) == (2, 0)
        assert tree["leftovers"] == expected.leftovers
        assert [p["text"] for p in tree["leftovers"]] == ["Youth Service", "Council"]
    assert not Plan.objects.exists()
    mapping.write_text('{"columns": {"Lead": "boss"}}')
    with pytest.raises(
        CommandError, match=r"choices\.json: Column “lead”: “boss” is not a meaning"
    ):
        call_command(
            "import-plan",
            str(document),
            "--partnership",
            partnership.slug,
            "--mapping",
            str(mapping),
        )
    with pytest.raises(CommandError, match="--column “Deliverable”: give it as TEXT=MEANING"):
        call_command(
            "import-plan",
            str(document),
            "--partnership",
            partnership.slug,
            "--column",
            "Deliverable",
        )


def test_a_document_of_thousands_of_pieces_left_out_lists_a_thousand_and_says_how_many_more():
    rows = [["Member", "Organisation"]] + [[f"Person {n}", f"Body {n}"] for n in range(1, 801)]
    plan = parse_plan(
        word_document(
            ("h", "Priority 1: Reducing serious violence"),
            ("p", "What we will do:"),
            ("li", "Knife crime sessions in every secondary school"),
            ("table", rows),
        ),
        "plan.docx",
    )
    assert len(plan.leftovers) == 1001
    assert plan.leftovers[-1] == {"text": "… and 603 more pieces of text", "where": "plan.docx"}


def test_a_foreword_kept_in_its_own_field_is_not_listed_as_left_out():
    plan = parse_plan(
        word_document(
            ("h1", "Community Safety Plan 2024-27"),
            ("h", "Foreword"),
            ("p", "Welcome to our plan, written with residents of every ward of the borough."),
            ("h", "Priority 1: Reducing serious violence"),
            ("p", "What we will do:"),
            ("li", "Knife crime sessions in every secondary school"),
        ),
        "plan.docx",
    )
    assert plan.foreword.startswith("Welcome to our plan")
    assert [piece["text"] for piece in plan.leftovers] == ["Foreword", "What we will do:"]
