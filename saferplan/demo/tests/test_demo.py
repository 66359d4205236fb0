import os
import sqlite3
import subprocess
import sys

from saferplan.accounts.models import Membership, User
from saferplan.core.models import AuditEvent
from saferplan.partnerships.models import Group, Partnership


def test_the_demo_has_the_four_seed_partnerships_and_their_groups(demo):
    assert set(Partnership.objects.values_list("slug", flat=True)) == {
        "three-rivers",
        "dacorum",
        "hertsmere",
        "east-herts",
        "cwm-tawel",  # the Welsh one, made up for the demo
    }
    three_rivers = Group.objects.filter(partnership__slug="three-rivers")
    assert {
        "Community Safety Board",
        "Anti-Social Behaviour Action Group",
        "Domestic Abuse Safeguarding Group",
        "South West Herts Youth Action Panel",
    } <= set(three_rivers.values_list("name", flat=True))
    asbag = three_rivers.get(abbreviation="ASBAG")
    assert asbag.reports_to.reports_to.name == "Community Safety Board"
    assert (
        Group.objects.get(partnership__slug="east-herts", abbreviation="PPO Group")
        .member_organisations.filter(name="The Probation Service")
        .exists()
    )


def test_the_demo_has_one_user_per_role_and_a_coordinator_of_two_partnerships(demo):
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == {"coordinator", "editor", "viewer", "analyst"}
    assert User.objects.get(email="coordinator@example.org").memberships.count() == 2
    assert User.objects.get(email="admin@example.org").is_superuser


def test_the_demo_was_built_through_the_services_so_its_audit_log_tells_the_story(demo):
    hertsmere = Partnership.objects.get(slug="hertsmere")
    assert (
        AuditEvent.objects.filter(
            partnership=hertsmere, object_type="partnerships.group", action="create"
        ).count()
        == hertsmere.groups.count()
    )


def test_saferplan_demo_builds_a_fresh_sqlite_database_and_prints_the_sign_ins(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env |= {"DJANGO_SETTINGS_MODULE": "saferplan.settings.base", "SAFERPLAN_VAR_DIR": str(tmp_path)}
    # An earlier demo's database is there (a table the demo never makes stands for what it
    # held): the demo starts again from nothing rather than adding to it.
    with sqlite3.connect(tmp_path / "saferplan.sqlite3") as db:
        db.execute("create table left_from_before (x)")
    result = subprocess.run(
        [sys.executable, "-m", "saferplan.cli", "demo", "--no-serve"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "coordinator@example.org" in result.stdout
    assert "saferplan-demo-2026" in result.stdout
    with sqlite3.connect(tmp_path / "saferplan.sqlite3") as db:
        assert db.execute("select count(*) from partnerships_partnership").fetchone() == (5,)
        tables = {row[0] for row in db.execute("select name from sqlite_master")}
        assert "left_from_before" not in tables


def test_the_demo_refuses_to_wipe_a_postgresql_database(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "saferplan.settings.base",
        "SAFERPLAN_VAR_DIR": str(tmp_path),
        "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none",
    }
    result = subprocess.run(
        [sys.executable, "-m", "saferplan.cli", "demo", "--no-serve"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "only runs on SQLite" in result.stderr


def test_the_demo_has_the_hertsmere_2019_action_plan_with_mixed_rag_and_a_sensitive_update(demo):
    from saferplan.plans.models import Action, Plan, RagChange, Update

    plan = Plan.objects.get(partnership__slug="hertsmere", kind="action")
    assert plan.title == "Hertsmere Community Safety Action Plan 2019 - 2020"
    assert plan.status == "published"  # on the published plan, without its sensitive update
    ratings = set(
        RagChange.objects.filter(action__priority__plan=plan).values_list("rating", flat=True)
    )
    assert ratings == {"red", "amber", "green", "white"}
    assert (
        Update.objects.filter(action__priority__plan=plan, marking="official_sensitive").count()
        == 1
    )
    assert (
        Action.objects.get(
            priority__plan=plan, title__startswith="Ensure messages re use of stop search"
        ).status
        == "discharged"
    )
    editor_owned = Action.objects.filter(
        priority__plan=plan, owner_organisations__name="Hertsmere Borough Council"
    )
    assert editor_owned.count() > 20  # the editor's My actions page has work to show
    assert Plan.objects.filter(partnership__slug="east-herts").get().priorities.count() == 7


def test_the_demo_loads_all_five_seed_plans_through_the_importer(demo):
    from saferplan.imports.models import PlanImport
    from saferplan.plans.models import Plan

    assert PlanImport.objects.filter(status="imported").count() == 5
    kinds = {
        (p.partnership.slug, p.kind)
        for p in Plan.objects.select_related("partnership").exclude(partnership__slug="cwm-tawel")
    }
    assert kinds == {
        ("three-rivers", "strategic"),
        ("dacorum", "strategic"),
        ("hertsmere", "strategic"),
        ("hertsmere", "action"),
        ("east-herts", "action"),
    }


def test_the_demo_publishes_hertsmeres_plan_with_seed_002s_achievements_and_contacts(demo, client):
    from saferplan.public.models import Achievement, Contact

    assert list(
        Achievement.objects.filter(partnership__slug="hertsmere").values_list("title", flat=True)
    ) == [
        "Anti-Social Behaviour",
        "Closed Circuit Television (CCTV)",
        "Community Triggers",
        "Choices and Consequences",
        "Older Persons Activity Learning and Safety (OPALS)",
        "Visual audits and community engagements",
        "South West Herts Youth Action Panel (SWHYAP)",
        "Multi-Agency Risk Reduction Group (MARRG) meetings",
    ]
    cctv = Achievement.objects.get(title="Closed Circuit Television (CCTV)")
    # The paragraph cut by the seed's page break is one paragraph again.
    assert "Before a mobile camera is deployed we consult with residents" in cctv.text
    fire = Contact.objects.get(name="Hertfordshire Fire and Rescue Service")
    assert (
        fire.phone
        == "Borehamwood Fire Station 020 8258 1100; Potters Bar Fire Station 01707 346 100"
    )
    assert Contact.objects.filter(partnership__slug="hertsmere").count() == 11
    html = client.get("/p/hertsmere/", HTTP_HOST="127.0.0.1").content.decode()
    assert "Partnership achievements 2022 – 2023" in html
    assert "Priority 6: Increase feelings of safety and public confidence" in html


def test_the_demos_october_2019_board_report_shows_the_ratings_of_its_period(demo):
    """The demo's ratings, given with its dated updates, carry the days they describe, so the
    report is not every action White (issue 22, deliverable 2)."""
    from saferplan.core import clock
    from saferplan.reports.board import board_report_content
    from saferplan.reports.models import BoardReport

    report = BoardReport.objects.get(plan__partnership__slug="hertsmere")
    content = board_report_content(
        plan=report.plan,
        period_start=report.period_start,
        period_end=report.period_end,
        today=clock.today(),
    )
    totals = content["totals"]
    assert totals["red"] > 0
    assert totals["amber"] > 0
    assert totals["green"] > 0


def test_seed_002_published_holds_every_section_of_the_councils_document(demo, client):
    """Issue 24: Hertsmere's plan, imported from seed 002 and published, holds each section
    the council printed, in its order, with the seed's own words in each."""
    from saferplan.public.selectors import published_plan

    hertsmere = Partnership.objects.get(slug="hertsmere")
    assert [heading for _, heading in published_plan(partnership=hertsmere).sections] == [
        "Our plan in brief",  # written for the demo: the seed has no plain-language summary
        "Foreword",  # seed p. 2
        "About the partnership",  # p. 3: "Hertsmere Community Safety Partnership"
        "What does our Strategic Assessment 2022 tell us?",  # p. 5
        "Our aims",  # p. 7
        "Our priorities",  # p. 8
        "Monitoring and review",  # p. 3: "Delivery, Monitoring and Measuring"
        "Definitions",  # the footnotes of priorities 1 and 3
        "What you told us",  # the consultation summary
        "Action plans",
        "Partnership achievements",  # p. 10
        "Crime glossary",  # p. 12
        "Useful contact details",  # p. 13
        "Other languages and formats",  # the inside cover's notice
        "Large print and other formats",
    ]
    html = client.get("/p/hertsmere/", HTTP_HOST="127.0.0.1").content.decode()
    for words in (
        "One of our key priorities is to ensure that people feel safe in their communities.",
        '<span class="govuk-!-font-weight-bold">Cllr Christian Grey</span><br>Portfolio Holder',
        "in accordance with the Crime and Disorder Act 1998",
        "Joint Agency Group (JAG) is the multi-agency tasking",
        "Cuckooing is when criminals target the home of a vulnerable person",
        "VAWG is any form of violence disproportionately perpetrated",
        '<a class="govuk-link" href="tel:+442082581100">020 8258 1100</a>',
        '<a class="govuk-link" href="tel:101">101</a>',
        '<a class="govuk-link" href="mailto:info@hertshelp.net">',
        '<a class="govuk-link" href="https://www.crimestoppers-uk.org">',
        "ਜੇ ਕੁਹਾਨੂੰ ਕੋਈ ਦਸਤਾਵੇਜ਼",  # the notice's second Punjabi paragraph
    ):
        assert words in html, words
    # The structure: the demo's groups and member organisations, from the partnership's own.
    about = html[html.index('id="partnership"') : html.index('id="assessment"')]
    assert "Reports to the" in about
    assert "Member organisations" in about
    # The cover's contents list and address are not read as an introduction.
    assert 'id="introduction"' not in html


def test_the_demo_has_a_welsh_partnership_publishing_in_both_languages(demo, client):
    from django.utils import translation

    with translation.override("cy"):
        welsh = client.get("/cy/p/cwm-tawel/", HTTP_HOST="127.0.0.1").content.decode()
    for words in (
        '<html lang="cy"',
        "Cynllun Diogelwch Cymunedol Cwm Tawel 2024 i 2027",
        "Ein cynllun yn gryno",
        "Mae&#x27;r cynllun hwn yn dweud sut y bydd y cyngor",
        "<li>Lleihau ymddygiad gwrthgymdeithasol</li>",
        "Blaenoriaeth 2: <span>Cam-drin domestig</span>",
        "<li>Hyfforddi staff i adnabod arwyddion cam-drin</li>",
        "Ebrill 2024 i Mawrth 2027",
    ):
        assert words in welsh, words
    # All of it written in Welsh: nothing marked English but the switch's link to English and
    # the partnership's name, which it keeps in English.
    assert welsh.count(' lang="en"') == 2
    assert '<span lang="en">Cwm Tawel Community Safety Partnership</span>' in welsh
    english = client.get("/p/cwm-tawel/", HTTP_HOST="127.0.0.1").content.decode()
    assert "Train staff to recognise the signs of abuse" in english
