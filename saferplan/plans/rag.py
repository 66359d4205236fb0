"""How RAG ratings combine. The rule is shown to users beside every rolled-up rating."""

from collections.abc import Iterable

from django.utils.translation import gettext_lazy as _

from .models import RagRating

ROLL_UP_RULE = _(
    "Worked out from the actions: red if any open or complete action is red, otherwise amber if "
    "any is amber, otherwise green if any is green, otherwise white (not started). Discharged "
    "actions are left out. A coordinator can override it, giving a reason."
)

SEVERITY = {RagRating.RED: 3, RagRating.AMBER: 2, RagRating.GREEN: 1, RagRating.WHITE: 0}


def roll_up(ratings: Iterable[str | None]) -> str:
    """The worst of the ratings; white when none is red, amber or green (or there are none)."""
    worst = RagRating.WHITE
    for rating in ratings:
        if rating and SEVERITY[RagRating(rating)] > SEVERITY[worst]:
            worst = RagRating(rating)
    return worst.value


def rag_counts(ratings: Iterable[str | None]) -> dict[str, int]:
    """{"red": n, "amber": n, "green": n, "white": n}; an action never rated counts as white."""
    counts = dict.fromkeys(RagRating.values, 0)
    for rating in ratings:
        counts[rating or RagRating.WHITE] += 1
    return counts
