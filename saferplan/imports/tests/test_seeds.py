"""The seed documents import with their real content (saferplan/demo/seeds)."""

import datetime
import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from saferplan.imports import services
from saferplan.imports.corrections import Corrections
from saferplan.imports.readers import parse_plan
from saferplan.partnerships.tests.factories import (
    GroupFactory,
    OrganisationFactory,
    PartnershipFactory,
)
from saferplan.plans.models import Action, Plan, Update

SEEDS = Path(__file__).resolve().parents[2] / "demo" / "seeds"
HERTSMERE_2019 = "003_beef6faf28b908d0.txt"
EAST_HERTS_2008 = "004_5db9fcdabedcd926.txt"


def parsed(name, **kwargs):
    return parse_plan((SEEDS / name).read_bytes(), name, **kwargs)


def all_actions(plan):
    return [a for p in plan.priorities for a in p.all_actions()]


def action(plan, start):
    matches = [a for a in all_actions(plan) if a.title.startswith(start)]
    assert len(matches) == 1, f"{len(matches)} actions start {start!r}"
    return matches[0]


# Seed 003: Hertsmere action plan 2019-20 -------------------------------------------------------


def test_seed_003_has_its_title_period_aims_and_five_priorities():
    plan = parsed(HERTSMERE_2019)
    assert plan.title == "Hertsmere Community Safety Action Plan 2019 - 2020"
    assert (plan.period_start, plan.period_end) == (
        datetime.date(2019, 4, 1),
        datetime.date(2020, 3, 31),
    )
    assert len(plan.aims) == 4
    assert plan.aims[2] == "Raise awareness and take action against domestic abuse"
    assert [p.number for p in plan.priorities] == [1, 2, 3, 4, 5]
    assert (
        plan.priorities[0].title
        == "Identify and prevent serious Youth Violence, with a specific focus on knife crime"
    )
    assert plan.priorities[4].title.startswith(
        "Disrupt and deter criminals involved in child criminal"
    )


def test_seed_003_every_action_keeps_its_owner_as_written():
    plan = parsed(HERTSMERE_2019)
    assert len(all_actions(plan)) == 50
    assert (
        action(plan, "Arrange events in the community").owner_text
        == "Hertsmere Community Safety Team"
    )
    assert action(plan, "Secure closure orders").owner_text == "Hertsmere SNT Sgt Vaughan"
    assert action(plan, "Utilise Weekly Op Scorpion").owner_text == "DI Macbeth"
    assert (
        action(plan, "Tension Monitoring Return").owner_text
        == "Herts Constabulary / Hertsmere Community Safety Team"
    )
    assert action(plan, "Ensure HBC's policies").owner_text == "Human Resources – HBC"
    assert (
        action(plan, "Refer vulnerable people").owner_text == "Hertsmere Community Safety Team"
    )  # joined across the break


def test_seed_003_arrange_events_has_seven_dated_updates():
    events = action(parsed(HERTSMERE_2019), "Arrange events in the community")
    assert [u.described_on for u in events.updates] == [
        datetime.date(2019, 10, 6),
        datetime.date(2018, 11, 26),
        datetime.date(2019, 5, 9),
        datetime.date(2019, 6, 25),
        datetime.date(2019, 7, 24),
        datetime.date(2019, 10, 8),
        datetime.date(2019, 10, 9),
    ]
    assert not any(u.date_is_estimated for u in events.updates)


def test_seed_003_knife_amnesty_keeps_all_its_updates_across_the_page_break():
    amnesty = action(parsed(HERTSMERE_2019), "Arrange regular knife amnesties")
    texts = [u.text for u in amnesty.updates]
    assert len(texts) == 21
    assert texts[0] == "Hertsmere have secured three knife bins"
    assert "15/03/2019 Bushey Mill Lane, Bushey (Op Sceptre)" in texts  # before the break
    assert (
        "24/08/2019 knife amnesty at charity event at Borehamwood football club" in texts
    )  # after it
    assert texts[-1] == "20/09/2019 knife amnesty 96 Shenley Road"
    assert next(
        u for u in amnesty.updates if u.text.startswith("16-22 September")
    ).described_on == datetime.date(2019, 9, 22)


def test_seed_003_tri_csp_panel_is_one_action_owned_by_the_three_partnerships():
    plan = parsed(HERTSMERE_2019)
    panel = action(plan, "Launch the Tri-CSP Youth")
    assert (
        panel.title
        == "Launch the Tri-CSP Youth Action Panel and identify young people to engage with the panel to prevent their exploitation and involvement in violence"
    )
    assert panel.owner_text == "Hertsmere, Three Rivers and Watford Community Safety Partnership"
    issue = next(o for p in plan.priorities for o in p.objectives if panel in o.actions)
    assert (
        issue.title == "Identify and engage vulnerable young people susceptible to youth violence"
    )
    merged = [w for w in plan.warnings if w.kind == "merged"]
    assert any("Launch the Tri-CSP Youth" in w.message for w in merged)


def test_seed_003_stop_and_search_update_is_official_sensitive():
    stop_search = action(parsed(HERTSMERE_2019), "Ensure messages re use of stop search")
    sensitive = [u for u in stop_search.updates if u.sensitive]
    assert len(sensitive) == 1
    assert sensitive[0].text.startswith("Attached email shows the improvements")
    assert "[OFFICIAL SENSITIVE - OPERATIONAL .msg]" in sensitive[0].text
    assert not stop_search.updates[0].sensitive


def test_seed_003_issue_carries_down_to_the_actions_below_it():
    plan = parsed(HERTSMERE_2019)
    first_issue = plan.priorities[0].objectives[0]
    assert first_issue.title.startswith("Raise awareness of county lines, gangs and knife crime")
    assert [a.title[:30] for a in first_issue.actions][:3] == [
        "Arrange events in the communit",
        "Arrange workshops for students",
        "Raise Awareness via posters / ",
    ]
    assert len(first_issue.actions) == 9


def test_seed_003_each_page_break_merge_is_a_warning_that_can_be_undone():
    plan = parsed(HERTSMERE_2019)
    merges = [w for w in plan.warnings if w.kind == "merged"]
    assert len(merges) == 8
    tri_csp = next(w for w in merges if "Tri-CSP" in w.message)
    apart = parsed(HERTSMERE_2019, corrections=Corrections(no_merge=frozenset({tri_csp.undo_key})))
    assert len(all_actions(apart)) == 51
    assert any(a.title == "Launch the Tri-CSP Youth" for a in all_actions(apart))


def test_seed_003_undated_updates_get_the_plans_start_and_a_warning():
    plan = parsed(HERTSMERE_2019)
    leaflets = action(plan, "Raise Awareness via posters")
    assert leaflets.updates[0].described_on == datetime.date(2019, 4, 1)
    assert leaflets.updates[0].date_is_estimated
    assert any(
        w.kind == "undated" and "These leaflets have been designed" in w.message
        for w in plan.warnings
    )


# Seed 004: East Herts action plan 2008-09 -------------------------------------------------------


def test_seed_004_has_seven_sections_and_37_jag_refs_with_leads():
    plan = parsed(EAST_HERTS_2008)
    assert [p.title for p in plan.priorities] == [
        "IMPROVE FEELINGS OF SAFETY BY REDUCING FEAR OF CRIME",
        "ANTI-SOCIAL BEHAVIOUR",
        "REDUCE SERIOUS ACQUISITIVE CRIME",
        "OFFENDER MANAGEMENT",
        "YOUTH ENGAGEMENT",
        "REDUCE SERIOUS VIOLENT CRIME",
        "CROSS CUTTING THEME – ALCOHOL AND DRUGS",
    ]
    assert plan.priorities[6].is_cross_cutting
    objectives = [o for p in plan.priorities for o in p.objectives]
    assert [o.ref for o in objectives] == [
        f"{s}.{n}"
        for s, count in [(1, 9), (2, 8), (3, 6), (4, 3), (5, 5), (6, 5), (7, 1)]
        for n in range(1, count + 1)
    ]
    by_ref = {o.ref: o for o in objectives}
    assert (
        by_ref["1.2"].title == "Support PCSOs in their role as the key focal point in the community"
    )
    assert by_ref["1.2"].lead_groups_text == "Comms"
    assert {a.owner_text for a in by_ref["1.2"].actions} == {"EHC, Police"}
    assert by_ref["2.1"].lead_groups_text == "ASB"
    assert by_ref["2.1"].actions[0].owner_text == "JAG"
    assert by_ref["1.4"].lead_groups_text == ""  # "N/A"
    assert [a.title for a in by_ref["2.1"].actions] == [
        "Hold problem solving meetings as necessary",
        "Prioritise the deployment of CCTV, including covert cameras",
        "Carry out visual audits as necessary",
    ]


def test_seed_004_an_introduced_list_stays_one_action():
    plan = parsed(EAST_HERTS_2008)
    alcohol = plan.priorities[6].objectives[0]
    assert alcohol.ref == "7.1"
    assert len(alcohol.actions) == 1
    assert alcohol.actions[0].title.startswith(
        "Working group to implement actions to: Improve feelings of safety; Reduce ASB"
    )


# Writing -----------------------------------------------------------------------------------------


@pytest.fixture
def hertsmere(db, coordinator, partnership):
    council = OrganisationFactory(
        name="Hertsmere Borough Council",
        abbreviation="HBC",
        kind="local_authority",
        partnerships=[partnership],
        aliases=["Hertsmere Community Safety Team", "CST"],
    )
    OrganisationFactory(
        name="Hertsmere Safer Neighbourhood Team",
        abbreviation="Hertsmere SNT",
        kind="police",
        partnerships=[partnership],
        aliases=["SNT"],
    )
    GroupFactory(
        partnership=partnership,
        name="St Albans and Hertsmere Domestic Abuse Forum",
        aliases=["St Albans and Hertsmere DA Forum"],
    )
    return council


def import_seed(partnership, actor, name=HERTSMERE_2019, **kwargs):
    return services.plan_import(
        actor=actor,
        partnership=partnership,
        file_name=name,
        content=(SEEDS / name).read_bytes(),
        **kwargs,
    )


def test_importing_seed_003_writes_the_plan_with_matched_owners(
    hertsmere, coordinator, partnership
):
    three_rivers = PartnershipFactory(
        name="Three Rivers Community Safety Partnership",
        slug="three-rivers",
        districts=["Three Rivers"],
    )
    plan = import_seed(partnership, coordinator)
    assert plan.status == "draft"
    assert plan.priorities.count() == 5
    assert Action.objects.filter(priority__plan=plan).count() == 50
    assert Update.objects.filter(action__priority__plan=plan).count() == 164
    events = Action.objects.get(priority__plan=plan, title="Arrange events in the community")
    assert list(events.owner_organisations.values_list("name", flat=True)) == [
        "Hertsmere Borough Council"
    ]
    assert events.updates.count() == 7
    closure = Action.objects.get(priority__plan=plan, title__startswith="Secure closure orders")
    assert closure.owner_name == "Sgt Vaughan"
    assert list(closure.owner_organisations.values_list("name", flat=True)) == [
        "Hertsmere Safer Neighbourhood Team"
    ]
    panel = Action.objects.get(priority__plan=plan, title__startswith="Launch the Tri-CSP")
    assert list(panel.joint_partnerships.all()) == [three_rivers]
    assert panel.owner_text == "Hertsmere, Three Rivers and Watford Community Safety Partnership"
    sensitive = Update.objects.get(action__priority__plan=plan, marking="official_sensitive")
    assert sensitive.action.title.startswith("Ensure messages re use of stop search")


def test_the_same_file_twice_is_refused_unless_a_draft_is_replaced(
    hertsmere, coordinator, partnership
):
    first = import_seed(partnership, coordinator)
    with pytest.raises(services.DuplicateImportError, match="was already imported"):
        import_seed(partnership, coordinator)
    second = import_seed(partnership, coordinator, replace=True)
    assert not Plan.objects.filter(pk=first.pk).exists()
    assert Plan.objects.get() == second


def test_a_failure_part_way_leaves_nothing_behind(hertsmere, coordinator, partnership, monkeypatch):
    from saferplan.plans import services as plan_services

    real = plan_services.update_add
    calls = {"n": 0}

    def fail_on_the_hundredth(**kwargs):
        calls["n"] += 1
        if calls["n"] == 100:
            raise RuntimeError("disk full")
        return real(**kwargs)

    monkeypatch.setattr(plan_services, "update_add", fail_on_the_hundredth)
    with pytest.raises(RuntimeError):
        import_seed(partnership, coordinator)
    assert not Plan.objects.exists()
    assert not Action.objects.exists()
    assert not Update.objects.exists()


def test_import_plan_dry_run_prints_the_preview_and_writes_nothing(hertsmere, partnership):
    out = io.StringIO()
    call_command(
        "import-plan",
        str(SEEDS / HERTSMERE_2019),
        "--partnership",
        partnership.slug,
        "--dry-run",
        stdout=out,
    )
    text = out.getvalue()
    assert "5 priorities, 18 objectives, 50 actions, 164 updates" in text
    assert "The row after a page break was joined" in text
    assert not Plan.objects.exists()


def test_import_plan_json_gives_counts_and_the_tree(hertsmere, partnership):
    out = io.StringIO()
    call_command(
        "import-plan",
        str(SEEDS / EAST_HERTS_2008),
        "--partnership",
        partnership.slug,
        "--dry-run",
        "--json",
        stdout=out,
    )
    tree = json.loads(out.getvalue())
    assert tree["counts"]["priorities"] == 7
    assert tree["counts"]["objectives"] == 37
    assert tree["priorities"][1]["objectives"][0]["ref"] == "2.1"


def test_import_plan_names_the_problem_with_a_bad_file(partnership, tmp_path):
    bad = tmp_path / "minutes.txt"
    bad.write_text("Minutes of the board meeting\n\nNothing to see here.\n")
    with pytest.raises(
        CommandError,
        match=r"minutes\.txt: no plan was found in it\. It has 2 paragraphs, no headings, no "
        r"list items and no tables\.",
    ):
        call_command("import-plan", str(bad), "--partnership", partnership.slug)
    with pytest.raises(CommandError, match="No partnership “nowhere”"):
        call_command("import-plan", str(bad), "--partnership", "nowhere")
