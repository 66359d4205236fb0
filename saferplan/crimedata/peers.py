"""Peers (issue 23, deliverable 4): a partnership beside every other partnership of the
installation, and beside the ones most like it.

"Most like it" is measured on three figures the installation holds for every partnership:
how many people live there, how densely (residents per square kilometre, which tells a town
from a rural district) and how much crime is recorded (all crime per 1,000 residents over
the same months). Population and density spread by multiples, so they are compared as
natural logarithms; each of the three is then standardised across the partnerships compared
(less the mean, over the standard deviation) so that none outweighs the others by its units,
and the peers are ranked by the straight-line distance between them. It is the shape of the
Home Office's Most Similar Groups and CIPFA's nearest neighbours, over what saferplan holds
rather than their census inputs (docs/adr/0030-most-similar-partnerships.md).

A partnership is compared only when its population and area are entered and its own force's
file has been imported for every month of the period (coverage.py): otherwise it is listed
with the reason and without figures, and takes no part in the scale."""

import math
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext

from saferplan.partnerships.models import Partnership

from .categories import ALL_CRIME, ASB
from .coverage import Coverage, force_coverage
from .models import ForceMonth
from .periods import Period
from .selectors import category_keys, counts_by_partnership
from .wording import Sentence

SIMILAR = 5  # as many as a county has districts beside any one


@dataclass
class PeerRow:
    partnership: Partnership
    coverage: Coverage
    counts: dict[str, int]
    distance: float | None = None  # from the partnership the page is about; 0 is identical

    @property
    def population(self) -> int | None:
        return self.partnership.population

    @property
    def density(self) -> int | None:
        return self.partnership.density

    def count(self, key: str) -> int | None:
        """The records of `key` over the period; None when the period is not fully held."""
        if not self.coverage.complete:
            return None
        return self.counts.get(key, 0)

    def rate(self, key: str) -> Decimal | None:
        """Per 1,000 residents, to one decimal place, as the county's tables give it."""
        count = self.count(key)
        if count is None or not self.population:
            return None
        return (Decimal(count) * 1000 / self.population).quantize(Decimal("0.1"))

    @property
    def all_crime(self) -> int | None:
        return self.count(ALL_CRIME)

    @property
    def all_crime_rate(self) -> Decimal | None:
        return self.rate(ALL_CRIME)

    @property
    def asb(self) -> int | None:
        return self.count(ASB)

    @property
    def asb_rate(self) -> Decimal | None:
        return self.rate(ASB)

    @property
    def reason(self) -> str:
        """Why the partnership is not compared; empty when it is."""
        no_population = not self.population
        no_area = not self.partnership.area_sq_km
        if no_population and no_area:
            text = gettext("No population entered; no area entered.")
        elif no_population:
            text = gettext("No population entered.")
        elif no_area:
            text = gettext("No area entered.")
        else:
            text = ""
        return Sentence.joined(text, self.coverage.warning)

    def measures(self) -> tuple[float, float, float]:
        """The three figures similarity is measured on, before standardising (only of a
        partnership with no reason not to be compared)."""
        population = self.population or 0
        return (
            math.log(population),
            math.log(population / float(self.partnership.area_sq_km or 0)),
            self.counts.get(ALL_CRIME, 0) * 1000 / population,
        )


@dataclass
class Peers:
    subject: PeerRow
    period: Period
    rows: list[PeerRow]  # every partnership of the installation, by name
    similar: list[PeerRow] = field(default_factory=list)  # nearest first, at most SIMILAR
    keys: list[str] = field(default_factory=list)  # categories: all crime, ASB, the rest

    @property
    def note(self) -> str:
        """Why there is no list of the most similar, when there is none."""
        if self.similar:
            return ""
        if self.subject.reason:
            return Sentence(
                gettext("%(name)s cannot be compared with others for %(label)s: %(reason)s"),
                own={"name": self.subject.partnership.name},
                label=self.period.label,
                reason=self.subject.reason,
            )
        return gettext(
            "No other partnership of this installation can be compared for %(label)s: each "
            "needs its population, its area and every month of its own force's police.uk data."
        ) % {"label": self.period.label}

    @property
    def compared(self) -> list[PeerRow]:
        return [row for row in self.rows if not row.reason]


def _standardise(rows: list[PeerRow]) -> dict[int, tuple[float, ...]]:
    """Each compared partnership's measures, less the mean over the standard deviation of the
    partnerships compared. A measure on which they are all alike says nothing: it is dropped."""
    values = [row.measures() for row in rows]
    scaled: list[list[float]] = [[] for _ in rows]
    for i in range(3):
        column = [v[i] for v in values]
        mean = sum(column) / len(column)
        spread = math.sqrt(sum((x - mean) ** 2 for x in column) / len(column))
        if spread == 0:
            continue
        for j, x in enumerate(column):
            scaled[j].append((x - mean) / spread)
    return {row.partnership.pk: tuple(s) for row, s in zip(rows, scaled, strict=True)}


def peers(partnership: Partnership, period: Period) -> Peers:
    """The partnership beside every other of the installation over `period` (each on its
    own force's months), and its most similar peers, nearest first."""
    partnerships = list(Partnership.objects.order_by("name"))
    counts = counts_by_partnership(partnerships, period)
    held = ForceMonth.objects.months_by_force(
        {p.police_force for p in partnerships}, period.start, period.end
    )
    coverages = {
        force: force_coverage(force, period, held=months) for force, months in held.items()
    }
    rows = [PeerRow(p, coverages[p.police_force], dict(counts.get(p.pk, {}))) for p in partnerships]
    subject = next(row for row in rows if row.partnership.pk == partnership.pk)
    keys = category_keys(row.counts for row in rows if row.coverage.complete)
    result = Peers(subject, period, rows, keys=keys)
    compared = result.compared
    if subject.reason or len(compared) < 2:
        return result
    scaled = _standardise(compared)
    here = scaled[partnership.pk]
    for row in compared:
        row.distance = math.dist(here, scaled[row.partnership.pk])
    others = [row for row in compared if row is not subject]
    result.similar = sorted(others, key=lambda row: (row.distance, row.partnership.name))[:SIMILAR]
    return result
