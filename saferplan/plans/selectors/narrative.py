"""A narrative plan's own sections (its foreword, legislation, findings, …) as its pages show
them: each under its own heading, in the order a reader meets them, empty ones left out."""

from dataclasses import dataclass

from ..models import Plan

# (field, anchor, heading, read before the aims and priorities rather than after them)
SECTIONS = [
    ("foreword", "foreword", "Foreword", True),
    ("legislation", "legislation", "Legislation", True),
    ("assessment_findings", "assessment-findings", "Strategic assessment findings", True),
    ("pcc_alignment", "pcc-priorities", "Police and Crime Commissioner's priorities", True),
    ("monitoring", "monitoring", "Monitoring and review", False),
    ("definitions", "definitions", "Definitions", False),
    ("language_notice", "language-notice", "Other languages and formats", False),
]


@dataclass(frozen=True)
class NarrativeSection:
    anchor: str
    heading: str
    text: str
    before_priorities: bool
    signatory: str = ""  # the foreword's


def plan_narrative_sections(*, plan: Plan) -> list[NarrativeSection]:
    """The plan's sections that hold text, in order."""
    return [
        NarrativeSection(
            anchor, heading, text, before, plan.foreword_signatory if name == "foreword" else ""
        )
        for name, anchor, heading, before in SECTIONS
        if (text := getattr(plan, name).strip())
    ]
