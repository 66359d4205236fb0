"""A narrative plan's own sections (its foreword, legislation, findings, …) as its pages show
them: each under its own heading, in the order a reader meets them, empty ones left out."""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from ..models import Plan

if TYPE_CHECKING:
    from saferplan.attachments.models import Attachment

# (field, anchor, heading, read before the aims and priorities rather than after them)
SECTIONS = [
    ("plain_summary", "in-brief", _("Our plan in brief"), True),
    ("foreword", "foreword", _("Foreword"), True),
    ("about_partnership", "partnership", _("About the partnership"), True),
    ("legislation", "legislation", _("Legislation"), True),
    ("assessment_findings", "assessment-findings", _("Strategic assessment findings"), True),
    ("pcc_alignment", "pcc-priorities", _("Police and Crime Commissioner's priorities"), True),
    ("monitoring", "monitoring", _("Monitoring and review"), False),
    ("definitions", "definitions", _("Definitions"), False),
    ("language_notice", "language-notice", _("Other languages and formats"), False),
]


@dataclass(frozen=True)
class NarrativeSection:
    anchor: str
    heading: str
    text: str
    before_priorities: bool
    signatory: str = ""  # the foreword's: the name on its first line, the role after
    photo: "Attachment | None" = None  # the foreword's photograph of its signatory
    photo_alt: str = ""  # what a screen reader says for it

    @property
    def signatory_name(self) -> str:
        return self.signatory.strip().split("\n", 1)[0].strip()

    @property
    def signatory_role(self) -> str:
        lines = self.signatory.strip().split("\n", 1)
        return lines[1].strip() if len(lines) > 1 else ""


def _public_photo(plan: Plan):
    """The foreword's photograph; never an OFFICIAL-SENSITIVE one (the published plan shows
    these sections)."""
    photo = plan.foreword_photo
    return None if photo is None or photo.is_sensitive else photo


def plan_narrative_sections(*, plan: Plan) -> list[NarrativeSection]:
    """The plan's sections that hold text, in order."""
    return [
        NarrativeSection(
            anchor,
            str(heading),
            text,
            before,
            plan.foreword_signatory if name == "foreword" else "",
            _public_photo(plan) if name == "foreword" else None,
            plan.foreword_photo_alt if name == "foreword" else "",
        )
        for name, anchor, heading, before in SECTIONS
        # The text itself, not a stripped copy: a Welsh text carries its language (public.welsh).
        if (text := getattr(plan, name)).strip()
    ]
