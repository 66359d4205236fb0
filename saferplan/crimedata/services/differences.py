"""What importing a force-month does to each partnership's figures (docs/adr/0015): its
records in each partnership's districts before and after, and the refusal of a replacement
that changes them until someone confirms it."""

from collections import Counter
from dataclasses import dataclass

from saferplan.partnerships.models import Partnership

from ..models import ForceMonth


@dataclass(frozen=True)
class PartnershipFigures:
    """A partnership's records in a force-month (in its districts), before and after."""

    partnership: int
    name: str
    before: int
    after: int
    crime_types_changed: int = 0  # crime types whose count changed (the total may not)

    @property
    def changed(self) -> bool:
        return self.before != self.after or self.crime_types_changed > 0

    @property
    def change_text(self) -> str:
        if not self.changed:
            return "none"
        if self.before != self.after:
            return f"{self.after - self.before:+,}".replace("-", "−")
        return f"0 ({self.crime_types_changed} crime type(s) changed)"

    def sentence(self) -> str:
        if not self.changed:
            return f"{self.name}: {self.after:,} records (no change)"
        if self.before == self.after:
            return (
                f"{self.name}: {self.after:,} records, as before, but "
                f"{self.crime_types_changed} crime type(s) changed"
            )
        return (
            f"{self.name}: {self.before:,} → {self.after:,} records ({self.after - self.before:+,})"
        )


@dataclass(frozen=True)
class MonthDifference:
    """What importing a force-month does to each partnership it covers: those of its force,
    and any other whose districts have records in it before or after."""

    label: str  # Hertfordshire Constabulary, October 2018
    held: bool  # imported before: the import replaces it
    records_before: int | None
    records_after: int
    partnerships: tuple[PartnershipFigures, ...]
    # The held month's file (its SHA-256): a confirmation holds only for the month as it was.
    held_file: str = ""

    @property
    def needs_confirming(self) -> bool:
        """A month held already whose replacement changes a partnership's figures."""
        return self.held and any(p.changed for p in self.partnerships)

    def as_json(self) -> dict:
        return {
            "label": self.label,
            "held": self.held,
            "records_before": self.records_before,
            "records_after": self.records_after,
            "held_file": self.held_file,
            "partnerships": [
                {
                    "partnership": p.partnership,
                    "name": p.name,
                    "before": p.before,
                    "after": p.after,
                    "crime_types_changed": p.crime_types_changed,
                }
                for p in self.partnerships
            ],
        }

    @classmethod
    def from_json(cls, data: dict) -> "MonthDifference":
        return cls(
            label=data["label"],
            held=data["held"],
            records_before=data["records_before"],
            records_after=data["records_after"],
            held_file=data.get("held_file", ""),
            partnerships=tuple(PartnershipFigures(**p) for p in data["partnerships"]),
        )

    def lines(self) -> list[str]:
        head = (
            f"{self.label}: {self.records_before:,} → {self.records_after:,} records"
            if self.held
            else f"{self.label}: {self.records_after:,} records (new)"
        )
        return [head, *(f"  {p.sentence()}" for p in self.partnerships)]


class ReplacementNotConfirmedError(Exception):
    """The import would replace months held already, changing partnerships' figures, and
    these are not the differences that were confirmed. Raised inside the import's
    transaction, so nothing is saved; `differences` are every force-month's."""

    def __init__(self, differences: list[MonthDifference]):
        self.differences = differences
        super().__init__(
            "Replacing "
            + ", ".join(d.label for d in differences if d.needs_confirming)
            + " changes partnerships' figures: it needs confirming."
        )

    @property
    def to_confirm(self) -> list[dict]:
        return [d.as_json() for d in self.differences if d.needs_confirming]


def month_difference(
    batch: ForceMonth,
    before: int | None,
    held_file: str,
    counts_before: Counter[tuple[str, str]],
    counts_after: Counter[tuple[str, str]],
    partnerships: list[Partnership],
) -> MonthDifference:
    """Each partnership's records (in its districts) and crime types, before and after."""
    figures = []
    for partnership in partnerships:
        districts = set(partnership.districts or [])
        old: Counter[str] = Counter()
        new: Counter[str] = Counter()
        for (district, category), n in counts_before.items():
            if district in districts:
                old[category] += n
        for (district, category), n in counts_after.items():
            if district in districts:
                new[category] += n
        if partnership.police_force == batch.force or old or new:
            types_changed = sum(1 for c in old.keys() | new.keys() if old[c] != new[c])
            figures.append(
                PartnershipFigures(
                    partnership.pk,
                    partnership.name,
                    sum(old.values()),
                    sum(new.values()),
                    types_changed,
                )
            )
    return MonthDifference(
        label=str(batch),
        held=before is not None,
        records_before=before,
        records_after=batch.records,
        partnerships=tuple(figures),
        held_file=held_file,
    )
