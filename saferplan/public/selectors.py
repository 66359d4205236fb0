"""Reads for the published plan: only published plans, only OFFICIAL material."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.utils import translation
from django.utils.translation import gettext as _

from saferplan.assessments.selectors import PublishedAssessment, published_assessment
from saferplan.consultations.selectors import (
    PublishedConsultation,
    open_consultations,
    published_consultation,
)
from saferplan.duties.models import DeathReview, PublishedAsbFigures
from saferplan.duties.selectors import published_asb_figures, published_death_reviews
from saferplan.partnerships.models import Group, Organisation, Partnership
from saferplan.partnerships.selectors import (
    StructureNode,
    organisations_by_kind,
    partnership_organisations,
    partnership_structure,
)
from saferplan.plans.models import Action, Aim, Plan, PlanKind, Priority
from saferplan.plans.selectors import NarrativeSection, plan_narrative_sections

from . import welsh
from .models import (
    Achievement,
    Contact,
    DefaultGlossaryTerm,
    GlossaryTerm,
    PublishedLayout,
    WelshText,
)


@dataclass
class AchievementTheme:
    theme: str
    achievements: list[Achievement]


@dataclass
class PublishedPlan:
    partnership: Partnership
    plan: Plan | None  # the partnership plan (strategic), when one is published
    action_plans: list[Plan]
    aims: list[Aim]
    priorities: list[Priority]  # each with `public_actions`: its "what we will do"
    achievement_themes: list[AchievementTheme]
    achievements_period: str
    glossary: list[tuple[str, str]]
    glossary_is_default: bool
    contacts: list[Contact]
    consultation: "PublishedConsultation | None" = None
    open_consultations: list = field(default_factory=list)  # the public can answer these now
    assessment: PublishedAssessment | None = None  # the strategic assessment's summary
    sections: list[tuple[str, str]] = field(default_factory=list)  # (anchor, heading) shown
    # Every section with something to show, in the coordinator's order, shown or not.
    arranged: list[tuple[str, str]] = field(default_factory=list)
    hidden: set[str] = field(default_factory=set)  # the anchors the coordinator hid
    in_welsh: bool = False  # the partnership publishes in Welsh as well
    # The plan's own sections (foreword, legislation, …) by anchor, with their text.
    narrative: dict[str, NarrativeSection] = field(default_factory=dict)
    # "About the partnership": its groups, board first, each before those reporting to it,
    # and its member organisations by kind (from the partnership's structure).
    groups: list[Group] = field(default_factory=list)
    organisations_by_kind: list[tuple[str, list[Organisation]]] = field(default_factory=list)
    # The ASB Case Review figures the partnership published, a year to a row (duties).
    asb_figures: list[PublishedAsbFigures] = field(default_factory=list)
    # Published Domestic Abuse Related Death Reviews: name, day, report, and their
    # recommendations with progress once published themselves (duties).
    death_reviews: list[DeathReview] = field(default_factory=list)

    @property
    def shown_headings(self) -> list[str]:
        return [heading for _, heading in self.sections]

    @property
    def hidden_headings(self) -> list[str]:
        return [heading for anchor, heading in self.arranged if anchor in self.hidden]

    @property
    def title(self) -> str:
        if self.plan is not None:
            return self.plan.title
        return _("%(partnership)s: published plans") % {"partnership": self.partnership.name}


# The plan's own "Strategic assessment findings" and "Our plan in brief" sections
# (plans.selectors.narrative).
ASSESSMENT_FINDINGS = "assessment-findings"
PLAIN_SUMMARY = "in-brief"


def published_plans(*, partnership: Partnership) -> QuerySet[Plan]:
    return partnership.plans.public().order_by("-period_start", "title")


def glossary(*, partnership: Partnership) -> tuple[list[tuple[str, str]], bool]:
    """The partnership's own glossary, or the installation's default (seed 002's unless an
    administrator changed it) when it has none (and True)."""
    own = [(t.term, t.definition) for t in GlossaryTerm.objects.filter(partnership=partnership)]
    if own:
        return own, False
    return list(DefaultGlossaryTerm.objects.values_list("term", "definition")), True


def welsh_texts(*, partnership: Partnership) -> dict[str, tuple[str, str]]:
    """{source: (its Welsh, the fingerprint of the English it was written beside)}."""
    return {
        source: (text, english)
        for source, text, english in WelshText.objects.filter(partnership=partnership).values_list(
            "source", "text", "english"
        )
    }


def published_plan(*, partnership: Partnership) -> PublishedPlan:
    plans = list(published_plans(partnership=partnership))
    strategic = next((p for p in plans if p.kind == PlanKind.STRATEGIC), None)
    action_plans = [p for p in plans if p.kind == PlanKind.ACTION]
    aims: list[Aim] = []
    priorities: list[Priority] = []
    if strategic is not None:
        aims = list(strategic.aims.all())
        priorities = list(
            strategic.priorities.prefetch_related(
                Prefetch(
                    "actions",
                    queryset=Action.objects.not_sensitive().order_by(
                        "objective__position", "position", "id"
                    ),
                    to_attr="public_actions",
                ),
                "pcc_priorities",
            )
        )
    achievements = list(Achievement.objects.filter(partnership=partnership))
    contacts = list(Contact.objects.filter(partnership=partnership))
    own_terms = list(GlossaryTerm.objects.filter(partnership=partnership))
    layout = PublishedLayout.objects.filter(partnership=partnership).first()
    if layout is not None and layout.in_welsh and translation.get_language() == "cy":
        found = welsh.sources(
            plan=strategic,
            aims=aims,
            priorities=priorities,
            achievements=achievements,
            glossary_terms=own_terms,
            contacts=contacts,
        )
        welsh.lay_over(found, welsh_texts(partnership=partnership))
    themes: dict[str, list[Achievement]] = defaultdict(list)
    periods = []
    for achievement in achievements:
        themes[achievement.theme].append(achievement)
        if achievement.period and achievement.period not in periods:
            periods.append(achievement.period)
    if own_terms:
        terms, is_default = [(t.term, t.definition) for t in own_terms], False
    else:
        terms, is_default = glossary(partnership=partnership)
    published = PublishedPlan(
        partnership=partnership,
        plan=strategic,
        action_plans=action_plans,
        aims=aims,
        priorities=priorities,
        achievement_themes=[AchievementTheme(t, a) for t, a in themes.items()],
        achievements_period=", ".join(periods),
        glossary=terms,
        glossary_is_default=is_default,
        contacts=contacts,
        consultation=published_consultation(partnership) if plans else None,
        open_consultations=open_consultations(partnership) if plans else [],
        assessment=published_assessment(partnership=partnership) if plans else None,
        # Published by law whether or not a plan is: s.104 of the 2014 Act.
        asb_figures=published_asb_figures(partnership),
        death_reviews=published_death_reviews(partnership),
    )
    if strategic is not None:
        published.narrative = {s.anchor: s for s in plan_narrative_sections(plan=strategic)}
        if published.assessment is not None:
            # The published assessment, as the board agreed it, is the plan's findings
            # section: the text typed or imported into the plan would say it twice.
            published.narrative.pop(ASSESSMENT_FINDINGS, None)
        published.groups = _in_tree_order(partnership_structure(partnership=partnership))
        published.organisations_by_kind = organisations_by_kind(
            organisations=partnership_organisations(partnership=partnership)
        )
    order, hidden = (layout.order, set(layout.hidden)) if layout else ([], set())
    published.arranged = arranged(_sections(published), order)
    published.hidden = hidden - ALWAYS_SHOWN
    published.in_welsh = bool(layout and layout.in_welsh)
    published.sections = [s for s in published.arranged if s[0] not in published.hidden]
    return published


# The links to the plan's other formats (its PDF, large print and Word) are never hidden.
ALWAYS_SHOWN = {"other-formats"}


def arranged(sections: list[tuple[str, str]], order: list[str]) -> list[tuple[str, str]]:
    """The sections in the coordinator's `order`. A section it does not name (one that has
    gained text since) keeps its usual place: straight after the section it usually follows."""
    rank = {anchor: position for position, anchor in enumerate(order)}
    keyed = []
    after = -1
    for usual, (anchor, heading) in enumerate(sections):
        if anchor in rank:
            after = rank[anchor]
            keyed.append(((after, 0, usual), (anchor, heading)))
        else:
            keyed.append(((after, 1, usual), (anchor, heading)))
    return [section for _, section in sorted(keyed)]


def _in_tree_order(nodes: list[StructureNode]) -> list[Group]:
    return [g for node in nodes for g in (node.group, *_in_tree_order(node.children))]


def _sections(published: PublishedPlan) -> list[tuple[str, str]]:
    """The contents list, in the order of seed 002; a narrative plan's own sections (seed
    001's foreword, legislation, findings …) after the introduction, then the published
    strategic assessment (seed 002's "What does our Strategic Assessment 2022 tell us?");
    its monitoring after the priorities, its definitions before the glossary and its
    language notice last."""
    narrative = published.narrative
    # The plan in brief, in plain language, before anything else: a reader who finds the
    # full plan hard meets it first.
    sections = (
        [(PLAIN_SUMMARY, narrative[PLAIN_SUMMARY].heading)] if PLAIN_SUMMARY in narrative else []
    )
    if published.plan is not None and published.plan.introduction:
        sections.append(("introduction", _("Introduction")))
    before = [
        (s.anchor, s.heading)
        for s in narrative.values()
        if s.before_priorities and s.anchor != PLAIN_SUMMARY
    ]
    if "partnership" not in narrative and (published.groups or published.organisations_by_kind):
        # No text about the partnership: its structure alone, after any foreword.
        at = 1 if before and before[0][0] == "foreword" else 0
        before.insert(at, ("partnership", _("About the partnership")))
    sections += before
    if published.assessment is not None:
        sections.append(("assessment", published.assessment.heading))
    if published.aims:
        sections.append(("aims", _("Our aims")))
    if published.priorities:
        sections.append(("priorities", _("Our priorities")))
    sections += [
        (s.anchor, s.heading)
        for s in narrative.values()
        if not s.before_priorities and s.anchor != "language-notice"
    ]
    if published.consultation is not None:
        sections.append(("consultation", _("What you told us")))
    if published.action_plans:
        sections.append(("action-plans", _("Action plans")))
    if published.achievement_themes:
        sections.append(("achievements", _("Partnership achievements")))
    if published.asb_figures:
        sections.append(("asb-case-reviews", _("Anti-social behaviour case reviews")))
    if published.death_reviews:
        sections.append(("death-reviews", _("Domestic abuse related death reviews")))
    sections.append(("glossary", _("Crime glossary")))
    if published.contacts:
        sections.append(("contacts", _("Useful contact details")))
    if "language-notice" in narrative:
        sections.append(("language-notice", narrative["language-notice"].heading))
    sections.append(("other-formats", _("Large print and other formats")))
    return sections


def welsh_sources(*, partnership: Partnership) -> list[welsh.Source]:
    """The texts of the published plan its coordinator can write in Welsh, in English: read
    with English active, so that the Welsh already written is not laid over them when the
    coordinator's page is in Welsh (their labels are drawn in the page's language)."""
    with translation.override(settings.LANGUAGE_CODE):
        published = published_plan(partnership=partnership)
    return welsh.sources(
        plan=published.plan,
        aims=published.aims,
        priorities=published.priorities,
        achievements=[a for theme in published.achievement_themes for a in theme.achievements],
        glossary_terms=list(GlossaryTerm.objects.filter(partnership=partnership)),
        contacts=published.contacts,
    )
