"""Words around numbers and names (issue 22, deliverable 7): a count agrees with its noun, a
download names its partnership once, and a confirmation is shown once."""

import csv
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from saferplan.core import clock
from saferplan.core.documents.downloads import file_name
from saferplan.core.text import counted
from saferplan.imports.views import TEMPLATE_ROWS
from saferplan.partnerships.tests.factories import PartnershipFactory
from saferplan.plans.tests.factories import PlanFactory


def test_a_count_agrees_with_its_noun():
    assert counted(1, "priority", "priorities") == "1 priority"
    assert counted(0, "priority", "priorities") == "0 priorities"
    assert counted(1204, "update") == "1,204 updates"


@pytest.mark.django_db
def test_a_download_names_the_partnership_once():
    hertsmere = PartnershipFactory(slug="hertsmere", name="Hertsmere CSP")
    assert (
        file_name(kind="csv", partnership=hertsmere, title="Hertsmere Community Safety Plan")
        == "hertsmere-community-safety-plan.csv"
    )
    assert (
        file_name(kind="pdf", partnership=hertsmere, title="Report to the board")
        == "hertsmere-report-to-the-board.pdf"
    )
    # A title that only begins with the same letters is not the partnership's name.
    assert (
        file_name(kind="pdf", partnership=hertsmere, title="Hertsmereside plan")
        == "hertsmere-hertsmereside-plan.pdf"
    )


def test_the_coordinator_adds_an_achievement_not_a_achievement(client, coordinator, partnership):
    client.force_login(coordinator)
    manage = client.get(reverse("public:manage", args=[partnership.slug])).text
    assert "Add an achievement" in manage
    assert "Add a achievement" not in manage
    assert "Add a contact" in manage
    form = client.get(reverse("public:item-add", args=[partnership.slug, "achievements"])).text
    assert "Add an achievement" in form


def test_a_plan_of_one_priority_and_one_update_is_counted_in_the_singular(
    partnership, tmp_path: Path
):
    one_row = tmp_path / "plan.csv"
    with one_row.open("w", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(TEMPLATE_ROWS[0])
        row = list(TEMPLATE_ROWS[1])
        row[7] = "06/10/2019 Charity event at Borehamwood Football Club"
        writer.writerow(row)
    out = io.StringIO()
    call_command(
        "import-plan", str(one_row), "--partnership", partnership.slug, "--dry-run", stdout=out
    )
    text = out.getvalue()
    assert "1 priority, 1 objective, 1 action, 1 update" in text
    assert "1 priorities" not in text
    assert "1 updates" not in text


def test_a_meeting_arranged_is_confirmed_once(client, coordinator, partnership):
    plan = PlanFactory(partnership=partnership, title="Action plan 2026-27")
    client.force_login(coordinator)
    page = client.post(
        reverse("meetings:add", args=[partnership.slug]),
        {
            "plan": plan.pk,
            "meets_on_day": "14",
            "meets_on_month": "1",
            "meets_on_year": str(clock.today().year + 1),
            "chase_days_before": "10",
        },
        follow=True,
    ).text
    assert page.count("govuk-notification-banner__content") == 1
    assert "has been arranged" in page


def test_only_the_base_template_shows_the_messages():
    """A page that includes the messages itself shows each one twice (base.html shows them)."""
    templates = Path(__file__).resolve().parents[1] / "saferplan" / "templates"
    including = [
        str(path.relative_to(templates))
        for path in templates.rglob("*.html")
        if "includes/messages.html" in path.read_text()
    ]
    assert including == ["base.html"]
