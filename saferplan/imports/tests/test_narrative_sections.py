"""A narrative plan's named sections (imports/sections.py) land in their own fields, whole,
and never in a priority: seed 001 (Dacorum) and real plans of the corpus, rebuilt as the Word
documents their councils published."""

import pytest

from saferplan.imports import services
from saferplan.imports.narrative import build_narrative_plan
from saferplan.imports.parsed import plan_from_stored, plan_stored
from saferplan.imports.readers import parse_plan, read_document
from saferplan.plans.models import Plan

from .corpus.build import CORPUS, build_docx
from .test_narrative_seeds import SEEDS, parsed

DACORUM = "001_6a53fb9f5d3cd175.txt"


@pytest.fixture(scope="module")
def dacorum():
    return parsed(DACORUM)


def corpus_plan(slug, tmp_path):
    """The corpus plan as its council's Word document, read by the narrative builder (plans
    whose stored part holds no priority are refused as a whole, but their sections are read)."""
    path = tmp_path / f"{slug}.docx"
    build_docx(CORPUS / slug / "source.md", path)
    return build_narrative_plan(read_document(path.read_bytes(), path.name))


def test_seed_001s_foreword_is_its_own_with_its_signatory(dacorum):
    assert dacorum.foreword.startswith("Community safety is about feeling safe")
    assert dacorum.foreword_signatory == "Claire Hamilton\nCEO - Dacorum Borough Council"
    assert "Claire Hamilton" not in dacorum.foreword
    assert "feeling safe" not in dacorum.introduction
    # The cover before the foreword is not the introduction: the plan's own words are.
    assert dacorum.introduction.startswith("This plan sets out three priorities for Dacorum CSP.")
    assert dacorum.about_partnership.startswith(
        "Dacorum Community Safety Partnership is the strategic partnership with responsibility"
    )
    assert "Dacorum Community Safety Partnership Structure\n\nAll members" in (
        dacorum.about_partnership
    )


def test_seed_001s_legislation_findings_and_pcc_priorities_land_in_their_fields(dacorum):
    assert dacorum.legislation.startswith("The Crime and Disorder Act 1998 placed")
    assert (
        "Key Legislation\n\nKey pieces of legislation govern the priorities" in dacorum.legislation
    )
    assert dacorum.assessment_findings.startswith("It is important to note")
    assert "Fly-tipping increased by 17%" in dacorum.assessment_findings
    assert dacorum.pcc_alignment.endswith("These are:\n- Keep Crime Low\n- Focus on Victims")
    assert "Strategic Priority" not in dacorum.assessment_findings
    assert dacorum.sections_found() == [
        "Foreword (signed by Claire Hamilton, CEO - Dacorum Borough Council)",
        "About the partnership",
        "Legislation",
        "Strategic assessment findings",
        "Police and Crime Commissioner's priorities",
        "Monitoring and review",
    ]


def test_seed_001s_cross_cutting_objective_2_ends_where_performance_management_starts(dacorum):
    second = [p for p in dacorum.priorities if p.is_cross_cutting][1]
    assert second.title == "Reduce Harm Caused by Alcohol and Drugs Misuse"
    assert second.desired_outcomes.endswith("provision is tailored to their specific needs")
    assert "Performance" not in second.desired_outcomes
    assert dacorum.monitoring.startswith("The aim of performance management is to ensure")
    assert "Headline Performance Measures\n- 1. Reduction in Violent crime and Harms" in (
        dacorum.monitoring
    )
    assert dacorum.monitoring.endswith(
        "Revise: Using the lessons learned from review to change your plans or what you do so "
        "that future action is more efficient, effective and appropriate"
    )


def test_safer_swanseas_foreword_keeps_its_joint_chairs_as_its_signatory(tmp_path):
    plan = corpus_plan("safer-swansea-2018-21", tmp_path)
    assert plan.foreword.startswith(
        "Welcome to the 2017 – 2020 Safer Swansea Partnership Strategy."
    )
    assert plan.foreword.endswith(
        "ensuring that Swansea continues to be a safe place to live, work and to visit."
    )
    assert plan.foreword_signatory.splitlines() == [
        "Chris SiversChief Superintendent",
        "MartinJones",
        "Safer Swansea Partnership Steering GroupJoint Chairs –Chris Sivers, Director of People, "
        "City & County of Swansea and Chief Superintendent Martin Jones, South Wales Police.",
    ]
    assert "The Safer Swansea Partnership was established" not in plan.foreword


def test_lincolnshires_foreword_holds_its_list_of_priorities_which_are_still_its_priorities(
    tmp_path,
):
    plan = corpus_plan("lincolnshire-csa-2013-14", tmp_path)
    assert [p.title for p in plan.priorities] == [
        "Alcohol Harm",
        "Anti-Social Behaviour",
        "Domestic Abuse",
        "Drugs Harm",
        "Road Safety",
    ]
    assert plan.foreword.startswith("Welcome to the 2013/14 Community Safety Agreement")
    assert "Our 2013/14 priorities are:\n- Alcohol Harm\n- Anti-Social Behaviour" in plan.foreword
    assert "Police Reform & Social Responsibility Act 2011" in plan.foreword


def test_salfords_foreword_is_signed_by_its_joint_chairs(tmp_path):
    plan = corpus_plan("salford-2005-08", tmp_path)
    assert plan.foreword_signatory == "Signed by the joint chairs"
    assert plan.foreword.endswith("all who live and work in Salford.")
    # Its contents page and the draft's page furniture beside it are left out.
    assert plan.introduction.startswith("Introduction\n\nThis is Salford’s third Community")
    assert "We know that tackling crime" not in plan.introduction


NOTICE = """# Safer Borough Community Safety Plan 2024-2027

## Message from the Chair

We are proud of this plan.

Cllr Jane Smith, Chair of the Partnership

## Priority 1: Violence

What we will do:

- Patrol the town centre

## Glossary

ASB: anti-social behaviour.

1 Anti-social behaviour is defined as behaviour causing harassment, alarm or distress.

This document is available in other languages, large print and Braille.

Mae'r ddogfen hon ar gael yn Gymraeg.
"""


def test_definitions_footnotes_and_a_welsh_language_notice_are_kept_as_written():
    plan = parse_plan(NOTICE.encode(), "safer-borough.md")
    assert plan.foreword == "We are proud of this plan."
    assert plan.foreword_signatory == "Cllr Jane Smith, Chair of the Partnership"
    assert [a.title for a in plan.priorities[0].actions] == ["Patrol the town centre"]
    assert plan.definitions == (
        "ASB: anti-social behaviour.\n\n1 Anti-social behaviour is defined as behaviour "
        "causing harassment, alarm or distress."
    )
    assert plan.language_notice == (
        "This document is available in other languages, large print and Braille.\n\n"
        "Mae'r ddogfen hon ar gael yn Gymraeg."
    )


def test_a_pending_import_stored_before_sections_were_read_still_loads(dacorum):
    stored = plan_stored(dacorum)
    for name in ("foreword", "foreword_signatory", "monitoring", "language_notice"):
        stored.pop(name)
    again = plan_from_stored(stored)
    assert (again.foreword, again.title) == ("", dacorum.title)
    assert plan_from_stored(plan_stored(dacorum)).monitoring == dacorum.monitoring


@pytest.mark.django_db
def test_the_import_writes_each_section_to_the_plan(coordinator, partnership):
    plan = services.plan_import(
        actor=coordinator,
        partnership=partnership,
        file_name=DACORUM,
        content=(SEEDS / DACORUM).read_bytes(),
    )
    plan = Plan.objects.get(pk=plan.pk)
    assert plan.foreword_signatory == "Claire Hamilton\nCEO - Dacorum Borough Council"
    assert plan.legislation.startswith("The Crime and Disorder Act 1998")
    assert plan.pcc_alignment.endswith("- Focus on Victims")
    assert "Headline Performance Measures" in plan.monitoring
    cross = plan.priorities.get(title="Reduce Harm Caused by Alcohol and Drugs Misuse")
    assert "Performance Management" not in cross.desired_outcomes
