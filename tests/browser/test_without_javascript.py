"""Everything works with JavaScript switched off: sign in, switch partnership, add a group."""

from saferplan.partnerships.models import Group
from tests.browser.conftest import submit


def test_a_coordinator_signs_in_switches_partnership_and_adds_a_group_without_javascript(
    page_as, demo_site
):
    page = page_as("coordinator@example.org", javascript=False)
    # A coordinator lands on the overview of the partnership they work in.
    assert "Hertsmere Community Safety Partnership" in page.title()
    page.select_option("#switch-partnership", "three-rivers")
    submit(page, "button:has-text('Switch partnership')")
    assert "Three Rivers Community Safety Partnership" in page.locator("h1").inner_text()

    page.goto(demo_site + "/partnerships/three-rivers/groups/add/")
    page.fill("#id_name", "Hate Crime Forum")
    page.check("label:has-text('Forum')")
    page.select_option("#id_reports_to", label="Community Safety Coordinating Group")
    page.check("label:has-text('St Giles Trust')")
    submit(page, "button:has-text('Save group')")
    assert "Hate Crime Forum has been added." in page.content()
    group = Group.objects.get(name="Hate Crime Forum")
    assert group.reports_to.name == "Community Safety Coordinating Group"
    assert [o.name for o in group.member_organisations.all()] == ["St Giles Trust"]


def test_the_viewer_sees_the_structure_but_cannot_change_it(page_as, demo_site):
    page = page_as("viewer@example.org", javascript=False)
    page.goto(demo_site + "/partnerships/hertsmere/structure/")
    assert page.locator("text=Joint Agency Group (JAG)").count() == 1
    assert page.locator("text=Add a group").count() == 0
    response = page.goto(demo_site + "/partnerships/hertsmere/groups/add/")
    assert response.status == 403
    assert (
        "Only a coordinator of Hertsmere Community Safety Partnership can do this."
        in page.content()
    )


def test_an_owner_adds_a_dated_update_with_a_rag_change_without_javascript(page_as, demo_site):
    from saferplan.plans.models import Action

    action = Action.objects.get(
        priority__plan__partnership__slug="hertsmere",
        title="Raise Awareness of cuckooing and exploitation",
    )
    page = page_as("editor@example.org", javascript=False)
    page.goto(demo_site + "/my-actions/")
    page.click("a:has-text('Raise Awareness of cuckooing and exploitation')")
    page.fill("#id_described_on_0", "14")
    page.fill("#id_described_on_1", "11")
    page.fill("#id_described_on_2", "2019")
    page.fill("#id_text", "Landlords forum briefing delivered to 35 landlords")
    page.check("#id_rag_0")  # Red
    page.fill("#id_rag_reason", "Posters not yet reprinted")
    submit(page, "button:has-text('Add update')")
    assert "Your update has been added." in page.content()
    update = action.updates.get(text__startswith="Landlords forum")
    assert update.described_on.isoformat() == "2019-11-14"
    assert action.rag_changes.order_by("-id").first().reason == "Posters not yet reprinted"


def test_with_javascript_the_update_form_works_inline(page_as, demo_site):
    from saferplan.plans.models import Action

    action = Action.objects.get(
        priority__plan__partnership__slug="hertsmere",
        title="Raise Awareness of cuckooing and exploitation",
    )
    page = page_as("editor@example.org")
    page.goto(f"{demo_site}/partnerships/hertsmere/actions/{action.pk}/")
    page.fill("#id_described_on_0", "2")
    page.fill("#id_described_on_1", "12")
    page.fill("#id_described_on_2", "2019")
    page.fill("#id_text", "Inline: social media posts scheduled")
    page.click("button:has-text('Add update')")
    page.wait_for_function(
        "() => document.querySelector('#timeline').innerText.includes('Inline: social media posts scheduled')"
    )
    assert page.url.endswith(
        f"/actions/{action.pk}/"
    )  # stayed on the page: htmx swapped the history in
    assert action.updates.filter(text__startswith="Inline:").count() == 1


def test_a_coordinator_corrects_an_import_preview_without_javascript(page_as, demo_site, tmp_path):
    """The preview's choices are a plain form: choose the action column, read again."""
    from tests.browser.test_import_corrections import TRACKER

    tracker = tmp_path / "tracker.docx"
    tracker.write_bytes(TRACKER)
    page = page_as("coordinator@example.org", javascript=False)
    page.goto(demo_site + "/partnerships/hertsmere/imports/")
    page.set_input_files("#id_file", str(tracker))
    submit(page, "button:has-text('Upload and preview')")
    assert "0 actions" in page.locator(".govuk-summary-list").inner_text()
    page.get_by_label("Column “Deliverable”").select_option("action")
    submit(page, "button:has-text('Read the document again with these choices')")
    assert "3 actions" in page.locator(".govuk-summary-list").inner_text()
