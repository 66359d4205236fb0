"""What importing a force-month does to each partnership's figures (docs/adr/0015): its
records in each partnership's districts before and after, and the refusal of a replacement
that changes them until someone confirms it."""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext, ngettext

from saferplan.partnerships.models import Partnership

from ..models import ForceMonth
from ..periods import month_label
from ..wording import Sentence


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
            # Translators: no difference in a partnership's records.
            return gettext("none")
        if self.before != self.after:
            return f"{self.after - self.before:+,}".replace("-", "−")
        return ngettext(
            "0 (%(count)s crime type changed)",
            "0 (%(count)s crime types changed)",
            self.crime_types_changed,
        ) % {"count": self.crime_types_changed}

    def sentence(self) -> str:
        """The partnership's records before and after, in the language of the job's page."""
        words = {"name": self.name, "before": f"{self.before:,}", "after": f"{self.after:,}"}
        if not self.changed:
            return (
                ngettext(
                    "%(name)s: %(after)s record (no change)",
                    "%(name)s: %(after)s records (no change)",
                    self.after,
                )
                % words
            )
        if self.before == self.after:
            return ngettext(
                "%(name)s: %(after)s records, as before, but %(count)s crime type changed",
                "%(name)s: %(after)s records, as before, but %(count)s crime types changed",
                self.crime_types_changed,
            ) % (words | {"count": self.crime_types_changed})
        return gettext("%(name)s: %(before)s → %(after)s records (%(change)s)") % (
            words | {"change": f"{self.after - self.before:+,}"}
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
    # The force's name and the month, for a page to say in its language (`label` is as the
    # import wrote it); empty in differences recorded before they were kept.
    force_name: str = ""
    month: str = ""  # 2018-10

    @property
    def heading(self) -> str:
        """ "Hertfordshire Constabulary, October 2018": the month in the page's language, the
        force's name marked as police.uk's in a template."""
        if not self.force_name or not self.month:
            return self.label
        year, number = (int(part) for part in self.month.split("-"))
        return Sentence(
            "%(force)s, %(month)s",
            own={"force": self.force_name},
            month=month_label(date(year, number, 1)),
        )

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
            "force_name": self.force_name,
            "month": self.month,
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
            force_name=data.get("force_name", ""),
            month=data.get("month", ""),
            partnerships=tuple(PartnershipFigures(**p) for p in data["partnerships"]),
        )

    def lines(self) -> list[str]:
        words = {
            "label": self.heading,
            "before": f"{self.records_before or 0:,}",
            "after": f"{self.records_after:,}",
        }
        head = (
            gettext("%(label)s: %(before)s → %(after)s records") % words
            if self.held
            else ngettext(
                "%(label)s: %(after)s record (new)",
                "%(label)s: %(after)s records (new)",
                self.records_after,
            )
            % words
        )
        return [head, *(f"  {p.sentence()}" for p in self.partnerships)]


class ReplacementNotConfirmedError(Exception):
    """The import would replace months held already, changing partnerships' figures, and
    these are not the differences that were confirmed. Raised inside the import's
    transaction, so nothing is saved; `differences` are every force-month's."""

    def __init__(self, differences: list[MonthDifference]):
        self.differences = differences
        super().__init__(
            # Translators: %(months)s are force-months, as in "Hertfordshire Constabulary,
            # October 2018".
            gettext("Replacing %(months)s changes partnerships' figures: it needs confirming.")
            % {"months": ", ".join(d.heading for d in differences if d.needs_confirming)}
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
        force_name=batch.force_name or batch.force,
        month=f"{batch.month:%Y-%m}",
        held=before is not None,
        records_before=before,
        records_after=batch.records,
        partnerships=tuple(figures),
        held_file=held_file,
    )
