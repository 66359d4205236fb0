"""Never silently empty or wrong (issue 21, deliverable 7): what gives no actions says what
was seen and what to do; a document with nothing plan-like is refused naming what it holds;
`saferplan import-plan` exits 0 (read), 1 (refused) or 3 (read, may be incomplete)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from saferplan.imports.parsed import PlanFileError
from saferplan.imports.readers import parse_plan
from saferplan.plans.models import Plan

from .documents import word_document
from .test_formats import SEEDS

TRACKER = word_document(
    ("h", "1. Reducing serious violence"),
    (
        "table",
        [
            ["Ref", "Deliverable", "Lead", "Progress"],
            ["1.1", "Knife crime sessions in schools", "Youth Service", "Six schools booked"],
            ["1.2", "Youth hub on Friday nights", "Council", "Opened in September"],
        ],
    ),
)


def test_tables_whose_action_column_is_not_recognised_say_which_headings_were_seen():
    plan = parse_plan(TRACKER, "tracker.docx")
    assert plan.counts()["actions"] == 0
    warning = next(w for w in plan.warnings if w.kind == "no_actions_in_tables")
    assert warning.message.startswith("1 table of 2 rows: no column was recognised as the action")
    assert "“Ref”, “Deliverable”, “Lead”, “Progress”" in warning.message
    assert "Choose which column holds the actions" in warning.message


def test_bullets_under_priorities_that_gave_no_actions_are_a_warning():
    plan = parse_plan(
        word_document(
            ("p", "Our priorities for 2024-2027 are:"),
            ("li", "Reducing serious violence"),
            ("li", "Tackling anti-social behaviour"),
            ("h", "Priority 1: Reducing serious violence"),
            ("li", "Knife crime sessions in every secondary school"),
            ("li", "A youth hub open on Friday nights"),
        ),
        "plan.docx",
    )
    assert plan.counts()["priorities"] == 2
    assert plan.counts()["actions"] == 0
    warning = next(w for w in plan.warnings if w.kind == "no_actions_in_lists")
    assert "4 list items gave no actions" in warning.message
    assert "“What we will do:”" in warning.message


def test_a_result_that_leaves_out_most_of_the_words_says_how_much():
    sentence = "The partnership met eleven times and agreed its terms of reference. "
    plan = parse_plan(
        word_document(
            ("p", "Our priorities are:"),
            ("li", "Reducing serious violence"),
            *[("h", f"Annex {n}") for n in range(1, 4)],
            *[("p", sentence * 8)] * 12,
        ),
        "strategy.docx",
    )
    warning = next(w for w in plan.warnings if w.kind == "left_out")
    assert warning.message.startswith("Only about ")
    assert "of the document's words were imported" in warning.message


def test_a_document_with_nothing_plan_like_is_refused_naming_what_it_holds():
    with pytest.raises(PlanFileError) as refused:
        parse_plan(
            word_document(
                ("h", "Foreword"),
                ("p", "Welcome to the partnership's annual report."),
                ("h", "Members"),
                ("li", "Councillor A. Smith (chair)"),
                ("li", "Chief Inspector B. Jones"),
            ),
            "annual report.docx",
        )
    assert str(refused.value).startswith(
        "annual report.docx: no plan was found in it. It has 1 paragraph, 2 headings "
        "(“Foreword”, “Members”), 2 list items and no tables."
    )


@pytest.mark.django_db
def test_import_plan_exits_3_when_the_result_may_be_incomplete(partnership, tmp_path):
    tracker = tmp_path / "tracker.docx"
    tracker.write_bytes(TRACKER)
    with pytest.raises(SystemExit) as exited:
        call_command("import-plan", str(tracker), "--partnership", partnership.slug, "--dry-run")
    assert exited.value.code == 3
    assert not Plan.objects.exists()


@pytest.mark.django_db
def test_import_plan_exits_0_for_a_plan_read_whole_and_1_for_a_refused_file(partnership, tmp_path):
    seed = "003_beef6faf28b908d0.txt"
    call_command("import-plan", str(SEEDS / seed), "--partnership", partnership.slug, "--dry-run")
    minutes = tmp_path / "minutes.txt"
    minutes.write_text("Minutes of the board meeting\n\nNothing to see here.\n")
    with pytest.raises(CommandError):  # exit code 1, and the message
        call_command("import-plan", str(minutes), "--partnership", partnership.slug)


@pytest.mark.django_db
def test_the_preview_shows_what_gave_no_actions_first_not_folded_away(
    client, coordinator, partnership
):
    client.force_login(coordinator)
    page = client.post(
        reverse("imports:upload", args=[partnership.slug]),
        {"file": SimpleUploadedFile("tracker.docx", TRACKER)},
        follow=True,
    ).text
    heading = page.index("Check the import before you confirm it")
    warning = page.index("no column was recognised as the action")
    assert heading < warning < page.index("govuk-summary-list")
    assert "govuk-warning-text" in page[heading:warning]
    assert "0 aims, 1 priority, 0 objectives, 0 actions, 0 dated updates" in page


@pytest.mark.django_db
def test_the_headings_a_warning_quotes_from_a_hostile_document_are_escaped(
    client, coordinator, partnership
):
    """The warning quotes the document's own words: a file's script stays text."""
    hostile = word_document(
        ("h", "1. Reducing serious violence"),
        ("table", [["<script>alert(1)</script>", "Lead"], ["Knife crime sessions", "Police"]]),
    )
    client.force_login(coordinator)
    page = client.post(
        reverse("imports:upload", args=[partnership.slug]),
        {"file": SimpleUploadedFile("hostile.docx", hostile)},
        follow=True,
    ).text
    assert "no column was recognised as the action" in page
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
