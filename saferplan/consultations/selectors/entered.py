"""Results entered from a consultation run elsewhere, shaped as the published plan shows the
results saferplan counts: sentences, a relevance table, the themes of the comments."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext

from saferplan.core import clock

from .. import summary, summary_cy
from ..entered_models import percent_text
from ..models import EnteredConsultation, Qualifier
from ..shown import subject_key


@dataclass
class EnteredRow:
    label: str  # "Aim 1"
    subject: str  # the aim's or priority's words
    number: int
    qualifier: str
    percent: Decimal
    subject_key: str = ""  # its aim or priority as the published plan's Welsh names it

    @property
    def phrase(self) -> str:
        """ "over 90%", "92.5%": as the report put it."""
        number = percent_text(self.percent)
        return f"{Qualifier(self.qualifier).label.lower() + ' ' if self.qualifier else ''}{number}%"

    @property
    def relevant_text(self) -> str:
        return self.phrase[:1].upper() + self.phrase[1:]

    @property
    def answered_text(self) -> str:
        return gettext("not given")


@dataclass
class EnteredResults:
    consultation: EnteredConsultation
    respondents: int
    aims: list[EnteredRow] = field(default_factory=list)
    priorities: list[EnteredRow] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)

    @property
    def relevance(self) -> list[EnteredRow]:
        return self.aims + self.priorities


def entered_results(consultation: EnteredConsultation, *, today=None) -> EnteredResults:
    """Two queries: the relevance figures with their aims and priorities, and the themes are
    read by the caller when it needs them."""
    results = EnteredResults(consultation=consultation, respondents=consultation.respondents)
    for row in consultation.relevance.select_related("aim", "priority"):
        if row.aim is not None:
            results.aims.append(
                EnteredRow(
                    gettext("Aim %(number)s") % {"number": row.aim.number},
                    row.aim.text,
                    row.aim.number,
                    row.qualifier,
                    row.percent,
                    subject_key(aim_id=row.aim_id),
                )
            )
        elif (priority := row.priority) is not None:
            results.priorities.append(
                EnteredRow(
                    gettext("Priority %(number)s") % {"number": priority.number},
                    priority.title,
                    priority.number,
                    row.qualifier,
                    row.percent,
                    subject_key(priority_id=priority.pk),
                )
            )
    results.aims.sort(key=lambda r: r.number)
    results.priorities.sort(key=lambda r: r.number)
    sentences = [
        summary.respondents_sentence(
            respondents=consultation.respondents,
            opens_on=consultation.opens_on,
            closes_on=consultation.closes_on,
            today=today or clock.today(),
        ),
        _sentence(consultation.channels),
        entered_relevance_sentence(results.aims, "aim", "aims"),
        entered_relevance_sentence(results.priorities, "priority", "priorities"),
        summary.comments_sentence(consultation.comments or 0, "wrote comments or suggestions"),
    ]
    results.summary = [s for s in sentences if s]
    return results


def _sentence(text: str) -> str:
    """The partnership's own words on how it ran the consultation, as a sentence."""
    text = " ".join(text.split())
    return text if not text or text.endswith((".", "!", "?")) else text + "."


def entered_relevance_sentence(rows: list[EnteredRow], noun: str, plural: str) -> str | None:
    """Seed 002's sentences from the figures as entered: "Over 95% of respondents agreed that
    each of the three aims was relevant"; "Over 90% of respondents thought priorities 1, 2, 3,
    5 and 6 were relevant and over 80% thought priority 4 was relevant"."""
    if not rows:
        return None
    if translation.get_language() == "cy":
        return summary_cy.entered_relevance_sentence(rows, noun)
    groups: dict[tuple[str, Decimal], list[EnteredRow]] = {}
    for row in rows:
        groups.setdefault((row.qualifier, row.percent), []).append(row)
    ordered = sorted(groups.values(), key=lambda g: -g[0].percent)
    if len(ordered) == 1 and len(rows) > 1:
        sentence = (
            f"{rows[0].phrase} of respondents agreed that each of the "
            f"{summary.in_words(len(rows))} {plural} was relevant"
        )
    else:
        clauses = []
        for position, group in enumerate(ordered):
            several = len(group) > 1
            who = "of respondents thought" if position == 0 else "thought"
            clauses.append(
                f"{group[0].phrase} {who} {plural if several else noun} "
                f"{summary.number_list([r.number for r in group])} "
                f"{'were' if several else 'was'} relevant"
            )
        sentence = (
            clauses[0] if len(clauses) == 1 else ", ".join(clauses[:-1]) + " and " + clauses[-1]
        )
    return sentence[:1].upper() + sentence[1:] + "."
