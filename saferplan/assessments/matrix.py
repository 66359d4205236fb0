"""The priority-setting matrix's arithmetic (docs/adr/0029-priority-setting-matrix.md): how a
candidate issue's five scores are suggested from what the partnership holds, and how the
scored issues are ranked. Pure: no database, so a test can work every band out by hand.

Each criterion is scored 1 (least) to 5 (most):

- volume: the issue's share of every police.uk record of the period (all crime and ASB);
- trend: the change the finding records and whether it is more than chance (ADR 0028);
- harm: the ONS Crime Severity Score weight of its police.uk category (harm.py);
- public concern: how relevant the partnership's consultation found it, or how many of a
  free-text question's answers fell in its theme;
- judgement: the partnership's own (capacity, risk), which nothing can suggest.

A suggestion says what it rests on in words ("1,234 of 10,456 records, 11.8%"), and a score
with no data behind it is left unscored for the analyst to give, with a reason."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

CRITERIA = ["volume", "trend", "harm", "concern", "judgement"]
# How many of the highest-scoring issues the ranked list recommends as priorities: the
# seeds' partnerships keep three to six priorities (seed 001 three themes, seed 002 six).
RECOMMENDED = 5


@dataclass(frozen=True)
class Suggestion:
    value: int | None  # None: nothing to suggest it from
    basis: str  # what it rests on, in words


def banded(value: float, bands: Sequence[float]) -> int:
    """1 to 5: the number of the four lower bounds `bands` (ascending) that `value` reaches,
    plus one."""
    return 1 + sum(value >= bound for bound in bands)


# Lower bounds of scores 2, 3, 4 and 5.
VOLUME_BANDS = (2.0, 5.0, 10.0, 20.0)  # per cent of the period's records
HARM_BANDS = (10.0, 30.0, 100.0, 500.0)  # ONS CSS weight (days of sentence)
RELEVANCE_BANDS = (40.0, 60.0, 75.0, 90.0)  # per cent finding it relevant
THEME_BANDS = (2.0, 5.0, 10.0, 20.0)  # per cent of a question's answers in the theme


def _number(value) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,}"


def _percent(share: float) -> str:
    return f"{share:.1f}%"


def volume(
    count: Decimal | float | None,
    total: Decimal | float | None,
    police_uk: bool = True,
) -> Suggestion:
    """`police_uk`: whether the total counts police.uk's records, or another source's all
    crime and ASB (seed 002's figures are the county's, not police.uk's)."""
    if count is None or not total:
        return Suggestion(
            None, _("No count of all crime and ASB for the period to set it against.")
        )
    share = 100 * float(count) / float(total)
    words = {"count": _number(count), "total": _number(total), "share": _percent(share)}
    return Suggestion(
        banded(share, VOLUME_BANDS),
        (
            _("%(count)s of %(total)s police.uk records of the period, %(share)s.")
            if police_uk
            else _(
                "%(count)s of %(total)s crimes and ASB incidents of the period in the same "
                "figures, %(share)s."
            )
        )
        % words,
    )


# The finding's verdict and direction → the trend score.
TREND_SCORES = {
    ("rise", "increase"): 5,
    ("normal", "increase"): 4,
    ("normal", "same"): 3,
    ("normal", "decrease"): 2,
    ("fall", "decrease"): 1,
}
TREND_WORDS = {
    5: gettext_lazy("a significant rise"),
    4: gettext_lazy("a rise within normal variation"),
    3: gettext_lazy("no change"),
    2: gettext_lazy("a fall within normal variation"),
    1: gettext_lazy("a significant fall"),
}
# The trend's basis, a whole sentence for each score.
TREND_BASES = {
    5: gettext_lazy("%(previous)s to %(current)s: a significant rise."),
    4: gettext_lazy("%(previous)s to %(current)s: a rise within normal variation."),
    3: gettext_lazy("%(previous)s to %(current)s: no change."),
    2: gettext_lazy("%(previous)s to %(current)s: a fall within normal variation."),
    1: gettext_lazy("%(previous)s to %(current)s: a significant fall."),
}


def trend(verdict: str, current, previous) -> Suggestion:
    if current is None or previous is None:
        return Suggestion(None, _("No figure for both periods."))
    direction = "increase" if current > previous else "decrease" if current < previous else "same"
    score = TREND_SCORES.get((verdict, direction))
    if score is None:
        return Suggestion(None, _("The change was not tested (not a count of events)."))
    return Suggestion(
        score, TREND_BASES[score] % {"previous": _number(previous), "current": _number(current)}
    )


def harm(weight: float | None, category_label: str) -> Suggestion:
    if weight is None:
        return Suggestion(
            None,
            _("No published harm weight for %(category)s.") % {"category": category_label}
            if category_label
            else _("Not a police.uk category, so no published harm weight."),
        )
    return Suggestion(
        banded(weight, HARM_BANDS),
        _("%(category)s: Crime Severity Score weight %(weight)s.")
        % {"category": category_label, "weight": f"{weight:,.2f}"},
    )


def concern_from_relevance(relevant: int, answered: int, question: str) -> Suggestion:
    if not answered:
        return Suggestion(
            None, _("Nobody has answered “%(question)s” yet.") % {"question": question}
        )
    share = 100 * relevant / answered
    return Suggestion(
        banded(share, RELEVANCE_BANDS),
        _("%(relevant)s of %(answered)s who answered “%(question)s” found it relevant, %(share)s.")
        % {
            "relevant": relevant,
            "answered": answered,
            "question": question,
            "share": _percent(share),
        },
    )


def concern_from_theme(in_theme: int, answered: int, theme: str) -> Suggestion:
    if not answered:
        return Suggestion(
            None, _("No answers yet to the question of the theme “%(theme)s”.") % {"theme": theme}
        )
    share = 100 * in_theme / answered
    return Suggestion(
        banded(share, THEME_BANDS),
        _("%(in_theme)s of %(answered)s answers in the theme “%(theme)s”, %(share)s.")
        % {"in_theme": in_theme, "answered": answered, "theme": theme, "share": _percent(share)},
    )


def no_concern() -> Suggestion:
    return Suggestion(None, _("Not linked to a consultation question or theme."))


def judgement() -> Suggestion:
    return Suggestion(None, _("The partnership's own judgement of its capacity and the risk."))


@dataclass(frozen=True)
class Scored:
    """A candidate's scores as the ranking reads them: criterion → score (None unscored)."""

    key: object  # the candidate, for the caller
    scores: dict[str, int | None]

    @property
    def complete(self) -> bool:
        return all(self.scores.get(c) is not None for c in CRITERIA)

    @property
    def missing(self) -> list[str]:
        return [c for c in CRITERIA if self.scores.get(c) is None]

    @property
    def total(self) -> int:
        return sum(v for v in self.scores.values() if v is not None)


@dataclass(frozen=True)
class Ranked:
    scored: Scored
    rank: int | None  # None: not every criterion scored, so not ranked
    recommended: bool


def ranking(candidates: Iterable[Scored]) -> list[Ranked]:
    """The fully scored issues by total, highest first (ties by harm, then volume, then the
    order given), the first RECOMMENDED of them recommended; then the issues still missing a
    score, unranked, in the order given."""
    candidates = list(candidates)
    complete = sorted(
        (c for c in candidates if c.complete),
        key=lambda c: (-c.total, -(c.scores["harm"] or 0), -(c.scores["volume"] or 0)),
    )
    ranked = [Ranked(c, rank, rank <= RECOMMENDED) for rank, c in enumerate(complete, start=1)]
    return ranked + [Ranked(c, None, False) for c in candidates if not c.complete]
