"""Which months of which forces a police.uk figure rests on (issue 22, deliverable 4).

The rule, in one place: a partnership's police.uk figure for a period is a figure only when
its own force's file has been imported for every month of the period. Records another
force put in its districts (British Transport Police at stations) are added to its own
force's records, never stand in for them. Comparisons, hotspots, trends, measures and the
county view read their months here, and every format (page, CSV, Word, PDF, API, command
line) gives the warning written here."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count
from django.utils.translation import gettext, ngettext

from saferplan.partnerships.models import PoliceForce

from .models import CrimeCount, ForceMonth
from .periods import Period, month_label
from .police_uk import OTHER_FORCES
from .wording import Sentence


def force_label(force: str) -> str:
    try:
        return PoliceForce(force).label
    except ValueError:
        return OTHER_FORCES.get(force, force)


def months_held(partnership) -> list[date]:
    """The months whose file of the partnership's own force has been imported, oldest first."""
    return ForceMonth.objects.of_force(partnership.police_force).months()


def held_summary(held: list[date]) -> str:
    """The months held (months_held) in a sentence that names any missing in the middle:
    "police.uk data held for 22 months, March 2024 to December 2025; missing: July 2024,
    August 2024." (three or more missing in a row: "July 2024 to December 2024"). Empty when
    none is held."""
    if not held:
        return ""
    span = Coverage(Period(held[0], held[-1]), "", tuple(held))
    words = {
        "count": len(held),
        "first": month_label(held[0]),
        "last": month_label(held[-1]),
    }
    if span.complete:
        return (
            ngettext(
                "police.uk data held for %(count)s month, %(first)s to %(last)s.",
                "police.uk data held for %(count)s months, %(first)s to %(last)s.",
                len(held),
            )
            % words
        )
    missing = ", ".join(_gap_text(run) for run in _runs(span.missing))
    return ngettext(
        "police.uk data held for %(count)s month, %(first)s to %(last)s; missing: %(missing)s.",
        "police.uk data held for %(count)s months, %(first)s to %(last)s; missing: %(missing)s.",
        len(held),
    ) % (words | {"missing": missing})


def _runs(months: list[date]) -> list[list[date]]:
    """Months in a row together: [[Jul, Aug], [Dec]]."""
    runs: list[list[date]] = []
    for month in months:
        if runs and Period(runs[-1][-1], runs[-1][-1]).shifted(1).start == month:
            runs[-1].append(month)
        else:
            runs.append([month])
    return runs


def _gap_text(run: list[date]) -> str:
    if len(run) > 2:
        # Translators: months missing in a row, as in "July 2024 to December 2024".
        return gettext("%(first)s to %(last)s") % {
            "first": month_label(run[0]),
            "last": month_label(run[-1]),
        }
    return ", ".join(month_label(m) for m in run)


def runs_back(held: list[date], months: int) -> Period | None:
    """The latest period of at most `months` months that are all held (no month missing)."""
    if not held:
        return None
    held_set = set(held)
    period = Period(held[-1], held[-1])
    while period.length < months and period.shifted(-1).start in held_set:
        period = Period(period.shifted(-1).start, period.end)
    return period


def _months_text(months: list[date]) -> str:
    if len(months) > 4:
        more = len(months) - 2
        return ngettext(
            "%(first)s, %(second)s and %(count)s more",
            "%(first)s, %(second)s and %(count)s more",
            more,
        ) % {"first": month_label(months[0]), "second": month_label(months[1]), "count": more}
    return ", ".join(month_label(m) for m in months)


def names_and(names: list[str]) -> Sentence:
    """ "Hertfordshire Constabulary and British Transport Police": names (police.uk's, a
    partnership's) in a list, each marked as theirs in a template."""
    if len(names) < 2:
        return Sentence("%(name)s", own={"name": names[0] if names else ""})
    listed = Sentence.joined(*(Sentence("%(name)s", own={"name": n}) for n in names[:-1]),
                             separator=", ")  # fmt: skip
    # Translators: the last of a list of names, as in "Anti-social behaviour, Drugs and
    # Robbery"; the names stay in English.
    return Sentence(gettext("%(names)s and %(last)s"), names=listed, own={"last": names[-1]})


@dataclass(frozen=True)
class Coverage:
    """What a partnership's police.uk figure for `period` rests on: the months of it its own
    force's file has been imported for, and the other forces with records in its districts."""

    period: Period
    force_name: str
    held: tuple[date, ...]
    others: tuple[tuple[str, int], ...] = ()  # (force name, months with records in the districts)

    @property
    def missing(self) -> list[date]:
        return [m for m in self.period.months() if m not in self.held]

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def anything(self) -> bool:
        """Any record at all, of the own force or another, in the period."""
        return bool(self.held or self.others)

    @property
    def rests_on(self) -> str:
        """ "October – December 2018: Hertfordshire Constabulary 3 of 3 months; British
        Transport Police records in 2 months"."""
        parts = [f"{self.force_name} {len(self.held)} of {self.period.length} months"]
        parts += [f"{name} records in {n} month{'s' if n != 1 else ''}" for name, n in self.others]
        return f"{self.period.label}: " + "; ".join(parts)

    @property
    def warning(self) -> str:
        """Why a figure for the period would mislead, in the page's language (the forces'
        names marked as theirs in a template: wording.Sentence); empty when the period is
        fully held."""
        if self.complete:
            return ""
        own = {"force": self.force_name}
        if not self.held:
            if not self.others:
                return Sentence(
                    gettext("No %(force)s data has been imported for %(label)s."),
                    own=own,
                    label=self.period.label,
                )
            return Sentence(
                gettext(
                    "No %(force)s data has been imported for %(label)s: the only records there "
                    "are %(names)s's, which are not the partnership's crime figures."
                ),
                own=own,
                label=self.period.label,
                names=names_and([name for name, _ in self.others]),
            )
        return Sentence(
            ngettext(
                "%(label)s holds %(held)s of its %(length)s month of %(force)s data "
                "(missing %(missing)s).",
                "%(label)s holds %(held)s of its %(length)s months of %(force)s data "
                "(missing %(missing)s).",
                self.period.length,
            ),
            own=own,
            label=self.period.label,
            held=len(self.held),
            length=self.period.length,
            missing=_months_text(self.missing),
        )

    def as_dict(self) -> dict:
        """For the API."""
        return {
            "period": str(self.period),
            "force": self.force_name,
            "months_held": [f"{m:%Y-%m}" for m in self.held],
            "months_missing": [f"{m:%Y-%m}" for m in self.missing],
            "complete": self.complete,
            "other_forces": [{"force": name, "months": n} for name, n in self.others],
            "warning": self.warning,
        }


def force_coverage(force: str, period: Period, *, held: list[date] | None = None) -> Coverage:
    """The months of `period` the force's file has been imported for (the county view)."""
    held = ForceMonth.objects.of_force(force).months() if held is None else held
    return Coverage(period, force_label(force), tuple(m for m in held if m in period))


def coverage(partnership, period: Period, *, held: list[date] | None = None) -> Coverage:
    """What the partnership's police.uk figure for `period` rests on. `held` (months_held)
    may be passed when several periods are read at once."""
    own = force_coverage(partnership.police_force, period, held=held)
    others = (
        CrimeCount.objects.filter(
            district__in=list(partnership.districts or []),
            month__gte=period.start,
            month__lte=period.end,
        )
        .exclude(batch__force=partnership.police_force)
        .values_list("batch__force")
        .annotate(months=Count("month", distinct=True))
        .order_by("batch__force")
    )
    return Coverage(period, own.force_name, own.held, tuple((force_label(f), n) for f, n in others))
