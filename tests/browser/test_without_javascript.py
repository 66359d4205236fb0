"""Everything works with JavaScript switched off: sign in, switch partnership, add a group."""

from saferplan.partnerships.models import Group


def test_a_coordinator_signs_in_switches_partnership_and_adds_a_group_without_javascript(
    page_as, demo_site
):
    page = page_as("coordinator@example.org", javascript=False)
    assert "My partnerships" in page.title()
    page.select_option("#switch-partnership", "three-rivers")
    page.click("button:has-text('Switch partnership')")
    assert "Three Rivers Community Safety Partnership" in page.locator("h1").inner_text()

    page.goto(demo_site + "/partnerships/three-rivers/groups/add/")
    page.fill("#id_name", "Hate Crime Forum")
    page.check("label:has-text('Forum')")
    page.select_option("#id_reports_to", label="Community Safety Coordinating Group")
    page.check("label:has-text('St Giles Trust')")
    page.click("button:has-text('Save group')")
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
