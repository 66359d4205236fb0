"""A coordinator imports the Hertsmere 2019-20 plan through the web, in a real browser."""

from pathlib import Path

from saferplan.plans.models import Plan
from tests.browser.conftest import axe_violations

SEED = (
    Path(__file__).resolve().parents[2]
    / "saferplan"
    / "demo"
    / "seeds"
    / "003_beef6faf28b908d0.txt"
)


def test_a_coordinator_imports_a_plan_checking_the_preview(page_as, demo_site, tmp_path):
    copy = tmp_path / "hertsmere-action-plan-2019-20.txt"
    copy.write_bytes(
        SEED.read_bytes() + b"\n"
    )  # a new file: the demo already imported the seed itself
    page = page_as("coordinator@example.org")
    page.goto(demo_site + "/partnerships/hertsmere/imports/")
    assert not axe_violations(page)
    page.set_input_files("#id_file", str(copy))
    page.click("button:has-text('Upload and preview')")
    page.wait_for_url("**/imports/*/")
    assert "50 actions, 164 dated updates" in page.content()
    assert not axe_violations(page)
    page.click("button:has-text('Import 50 actions')")
    page.wait_for_selector("text=Go to the plan")
    assert "Written 50 of 50 actions" in page.content()
    assert not axe_violations(page)
    page.click("text=Go to the plan")
    page.wait_for_url("**/plans/*/")
    assert Plan.objects.filter(partnership__slug="hertsmere", status="draft").count() == 1
