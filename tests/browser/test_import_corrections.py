"""A coordinator corrects how saferplan read a plan, in a real browser (issue 21, deliverable 6):
a tracker whose action column is headed "Deliverable" (a word saferplan does not take as the
action) and whose objectives are rows spanning the table. The preview says no column was the
action, the coordinator chooses it, the document is read again, a title row is changed, and
the plan is imported as the preview showed. Axe at 1280 and 320 px at each step.

With SAFERPLAN_SCREENSHOTS=DIR set, the steps are saved as PNGs there (the import guide's
screenshots in docs/screenshots are made this way)."""

import os
from pathlib import Path

from saferplan.imports.tests.documents import word_document
from saferplan.plans.models import Action, Plan
from tests.browser.conftest import axe_violations, submit

TRACKER = word_document(
    ("h1", "Safer Waverley delivery plan 2024-25"),
    (
        "table",
        [
            ["Deliverable", "Lead officer", "Target date", "RAG"],
            ["Objective 1: Reduce knife crime among young people"],
            [
                "Knife crime lessons in every secondary school",
                "Youth Service",
                "31/03/2025",
                "Green",
            ],
            ["Weapon sweeps in the town centre parks", "Police", "30/09/2024", "Amber"],
            [
                "Update: two sweeps were done in June and found nothing; the third was cancelled "
                "when the park flooded and is now booked for October."
            ],
            ["Objective 2: Fewer repeat victims of domestic abuse"],
            ["Refer every high-risk victim to MARAC within a week", "Council", "Ongoing", "Red"],
        ],
    ),
)


def looked_at(page, name: str) -> None:
    """Axe at 1280 and 320 px, no sideways scrolling at 320, and a screenshot when asked."""
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 900})
        violations = axe_violations(page)
        assert not violations, f"{name} at {width} px:\n" + "\n".join(violations)
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= width, f"{name} is {scroll_width} px wide at {width} px"
        folder = os.environ.get("SAFERPLAN_SCREENSHOTS")
        if folder:
            suffix = "" if width == 1280 else f"-{width}"
            page.screenshot(path=str(Path(folder) / f"{name}{suffix}.png"), full_page=True)


def shot_for_the_guide(page, selector: str, name: str) -> None:
    """The part of the page the import guide shows (docs/screenshots)."""
    folder = os.environ.get("SAFERPLAN_SCREENSHOTS")
    if folder:
        page.set_viewport_size({"width": 1000, "height": 900})
        page.locator(selector).screenshot(path=str(Path(folder) / f"{name}.png"))


def test_a_coordinator_chooses_the_action_column_and_a_title_rows_level(
    page_as, demo_site, tmp_path
):
    tracker = tmp_path / "safer-waverley-delivery-plan.docx"
    tracker.write_bytes(TRACKER)
    page = page_as("coordinator@example.org")
    page.goto(demo_site + "/partnerships/hertsmere/imports/")
    page.set_input_files("#id_file", str(tracker))
    submit(page, "button:has-text('Upload and preview')")

    assert "no column was recognised as the action" in page.content()
    assert "0 actions" in page.locator(".govuk-summary-list").inner_text()
    looked_at(page, "import-preview-no-action-column")
    shot_for_the_guide(page, "#as-read + p + form", "import-choose-the-action-column")

    page.get_by_label("Column “Deliverable”").select_option("action")
    submit(page, "button:has-text('Read the document again with these choices')")

    summary = page.locator(".govuk-summary-list").inner_text()
    assert "2 objectives, 3 actions, 1 dated update, 3 owners" in summary
    assert "The document was read again with your choices." in page.content()
    title = page.get_by_label("Title row “Update: two sweeps", exact=False)
    assert title.input_value() == "progress"
    looked_at(page, "import-preview-corrected")
    shot_for_the_guide(page, ".govuk-summary-list", "import-counts-after-choosing")
    shot_for_the_guide(page, "#as-read + p + form", "import-title-rows")

    page.get_by_label("Title row “Objective 2:", exact=False).select_option("priority")
    submit(page, "button:has-text('Read the document again with these choices')")
    summary = page.locator(".govuk-summary-list").inner_text()
    assert "2 priorities, 1 objective, 3 actions" in summary

    with page.expect_navigation():
        page.click("button:has-text('Import 3 actions')")
    page.wait_for_selector("text=Go to the plan")
    plan = Plan.objects.get(partnership__slug="hertsmere", title__startswith="Safer Waverley")
    actions = Action.objects.filter(priority__plan=plan)
    assert sorted(actions.values_list("priority__title", flat=True)) == [
        "Actions",
        "Actions",
        "Fewer repeat victims of domestic abuse",
    ]
    sweeps = actions.get(title="Weapon sweeps in the town centre parks")
    assert sweeps.updates.get().text.startswith("Update: two sweeps were done in June")
