"""How a performance measure is doing: its latest figure against its baseline and target.

The rule, shown to users beside every status (RULE): the latest figure is for the latest
period of the baseline's length that has figures, ending with the latest month held. It is
on target when it is at least as good as the target; within tolerance when it misses by no
more than the tolerance; off target otherwise. Those suggest green, amber and red. The
suggestion never changes a RAG rating: the owner or coordinator decides."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

from django.db import models
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from saferplan.crimedata.comparisons import format_number, format_percent
from saferplan.crimedata.periods import Period
from saferplan.plans.models import RagRating

from .models import Direction, TargetKind

RULE = _(
    "The latest figure is for the latest period as long as the baseline that has figures. "
    "A measure is on target (suggests green) when that figure is at least as good as the "
    "target, within tolerance (suggests amber) when it misses the target by no more than the "
    "tolerance, and off target (suggests red) otherwise. A suggestion never changes a RAG "
    "rating: the owner or the coordinator decides."
)

ONE_PLACE = Decimal("0.1")
WHOLE_UNITS = ("offences", "incidents", "people")


class Status(models.TextChoices):
    ON_TARGET = "on-target", _("On target")
    WITHIN_TOLERANCE = "within-tolerance", _("Within tolerance")
    OFF_TARGET = "off-target", _("Off target")
    NOT_ENOUGH = "not-enough", _("Not enough figures")


SUGGESTED_RAG = {
    Status.ON_TARGET: RagRating.GREEN,
    Status.WITHIN_TOLERANCE: RagRating.AMBER,
    Status.OFF_TARGET: RagRating.RED,
}


@dataclass(frozen=True)
class Figure:
    period: Period
    value: Decimal | None

    @property
    def text(self) -> str:
        return "–" if self.value is None else format_number(self.value)


def percent_change(value: Decimal, baseline: Decimal) -> Decimal:
    """Rounded half up to one place, as the county's tables round it."""
    return ((value - baseline) * 100 / baseline).quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Assessment:
    """A measure's figures and status. `history` runs newest first, in periods of the
    baseline's length back from the latest; the baseline itself is always in `baseline`."""

    name: str
    unit: str  # "offences and incidents", "per cent", …: in English (unit_label: in words)
    direction: str
    target_kind: str
    target: Decimal
    tolerance: Decimal
    baseline: Figure
    latest: Figure | None
    history: tuple[Figure, ...]
    status: Status
    reason: str  # why there is no status, when there is none

    @property
    def suggested_rag(self) -> str | None:
        rating = SUGGESTED_RAG.get(self.status)
        return rating.value if rating else None

    @property
    def lower_is_better(self) -> bool:
        return self.direction == Direction.LOWER

    @property
    def target_value(self) -> Decimal | None:
        """The figure that meets the target: for a change, worked out from the baseline."""
        if self.target_kind == TargetKind.VALUE:
            return self.target
        if self.baseline.value is None:
            return None
        value = self.baseline.value * (100 + self.target) / 100
        if self.counts_whole:
            # No one commits 2,032.1 offences: the whole number that meets the target.
            rounding = ROUND_FLOOR if self.lower_is_better else ROUND_CEILING
            return value.to_integral_value(rounding=rounding)
        return value.quantize(ONE_PLACE, rounding=ROUND_HALF_UP)

    @property
    def unit_label(self) -> str:
        """What the figures count, in the page's language."""
        if not self.unit:
            return ""
        if self.unit == "offences and incidents":
            return gettext("offences and incidents")
        return gettext(self.unit)  # offences, incidents, people, per cent

    @property
    def counts_whole(self) -> bool:
        """Offences, incidents and people come in whole numbers."""
        return any(word in self.unit.split() for word in WHOLE_UNITS)

    @property
    def change(self) -> Decimal | None:
        """The latest figure's % change from the baseline."""
        if self.latest is None or self.latest.value is None or not self.baseline.value:
            return None
        if self.unit == "per cent":
            return None
        return percent_change(self.latest.value, self.baseline.value)

    @property
    def target_text(self) -> str:
        """ "5% less than the baseline (2,139 or fewer)", "80 per cent or more"."""
        fewer = self.lower_is_better
        if self.target_kind == TargetKind.VALUE:
            words = {"value": format_number(self.target), "unit": self.unit_label}
            if self.unit == "per cent":
                message = (
                    gettext("%(value)s per cent or fewer")
                    if fewer
                    else gettext("%(value)s per cent or more")
                )
            elif self.unit:
                message = (
                    gettext("%(value)s %(unit)s or fewer")
                    if fewer
                    else gettext("%(value)s %(unit)s or more")
                )
            else:
                message = gettext("%(value)s or fewer") if fewer else gettext("%(value)s or more")
            return message % words
        if self.target == 0:
            target = gettext("no change from the baseline")
        elif self.target < 0:
            target = gettext("%(percent)s less than the baseline") % {
                "percent": format_percent(abs(self.target))
            }
        else:
            target = gettext("%(percent)s more than the baseline") % {
                "percent": format_percent(abs(self.target))
            }
        value = self.target_value
        if value is None:
            return target
        # Translators: a target and the figure that meets it, as in "5% less than the
        # baseline (2139 or fewer)".
        message = (
            gettext("%(target)s (%(value)s or fewer)")
            if fewer
            else gettext("%(target)s (%(value)s or more)")
        )
        return message % {"target": target, "value": format_number(value)}

    @property
    def tolerance_text(self) -> str:
        if not self.tolerance:
            return gettext("None")
        tolerance = format_number(self.tolerance)
        # For the plural: a whole number, else any number but 1 (1.5 percentage points).
        count = int(self.tolerance) if self.tolerance == int(self.tolerance) else 2
        if self.target_kind == TargetKind.CHANGE:
            return ngettext("%(count)s percentage point", "%(count)s percentage points", count) % {
                "count": tolerance
            }
        if self.unit == "per cent":
            return gettext("%(count)s per cent") % {"count": tolerance}
        if not self.unit:
            return tolerance
        # Translators: a tolerance and what the figures count, as in "20 offences".
        return gettext("%(count)s %(unit)s") % {"count": tolerance, "unit": self.unit_label}

    @property
    def sentence(self) -> str:
        """The status in words, naming the periods compared."""
        if self.status == Status.NOT_ENOUGH or self.latest is None:
            return self.reason
        words = {
            "status": self.status.label,
            "latest": self.latest.text,
            "period": self.latest.period.label,
            "baseline": self.baseline.text,
            "baseline_period": self.baseline.period.label,
            "target": self.target_text,
        }
        change = self.change
        if change is None:
            message = gettext(
                "%(status)s: %(latest)s in %(period)s, against the baseline of %(baseline)s in "
                "%(baseline_period)s. Target: %(target)s."
            )
        elif change == 0:
            message = gettext(
                "%(status)s: %(latest)s in %(period)s, the same as the baseline of %(baseline)s "
                "in %(baseline_period)s. Target: %(target)s."
            )
        elif change < 0:
            message = gettext(
                "%(status)s: %(latest)s in %(period)s, %(percent)s less than the baseline of "
                "%(baseline)s in %(baseline_period)s. Target: %(target)s."
            )
        else:
            message = gettext(
                "%(status)s: %(latest)s in %(period)s, %(percent)s more than the baseline of "
                "%(baseline)s in %(baseline_period)s. Target: %(target)s."
            )
        if change is not None:
            words["percent"] = format_percent(abs(change))
        return message % words


@dataclass(frozen=True)
class MeasureFigures:
    """What a measure's source holds: the latest month with a figure, and a way to read the
    figure for any period (None when it has none)."""

    latest_month: date | None
    value_for: Callable[[Period], Decimal | None]


def assess(*, indicator, unit: str, figures: MeasureFigures, history_length: int = 6) -> Assessment:
    baseline_period = Period(indicator.baseline_start, indicator.baseline_end)
    baseline = Figure(baseline_period, figures.value_for(baseline_period))
    latest = None
    history: list[Figure] = []
    if figures.latest_month is not None and figures.latest_month > baseline_period.end:
        period = Period.of_months(figures.latest_month, baseline_period.length)
        latest = Figure(period, figures.value_for(period))
        while len(history) < history_length and period.end > baseline_period.end:
            history.append(Figure(period, figures.value_for(period)))
            period = period.previous()
    status, reason = _status(indicator, unit, baseline, latest)
    return Assessment(
        name=indicator.name,
        unit=unit,
        direction=indicator.direction,
        target_kind=indicator.target_kind,
        target=indicator.target,
        tolerance=indicator.tolerance,
        baseline=baseline,
        latest=latest,
        history=tuple(history),
        status=status,
        reason=reason,
    )


def _status(indicator, unit: str, baseline: Figure, latest: Figure | None) -> tuple[Status, str]:
    if baseline.value is None:
        return Status.NOT_ENOUGH, gettext("No figure for the baseline, %(label)s, yet.") % {
            "label": baseline.period.label
        }
    if latest is None:
        return Status.NOT_ENOUGH, gettext(
            "No figures after the baseline (%(label)s) yet: a status needs figures for a later "
            "period."
        ) % {"label": baseline.period.label}
    if latest.value is None:
        return Status.NOT_ENOUGH, ngettext(
            "No complete figure for the latest month (%(label)s): some months have no figures.",
            "No complete figure for the latest %(count)s months (%(label)s): some months have no "
            "figures.",
            latest.period.length,
        ) % {"count": latest.period.length, "label": latest.period.label}
    lower_is_better = indicator.direction == Direction.LOWER
    if indicator.target_kind == TargetKind.CHANGE:
        if baseline.value == 0:
            return Status.NOT_ENOUGH, gettext(
                "The baseline is 0, so a percentage change cannot be worked out: set the "
                "target as a value instead."
            )
        achieved = percent_change(latest.value, baseline.value)
    else:
        achieved = latest.value
    # How far the figure falls short of the target, in the target's terms (> 0 is worse).
    shortfall = achieved - indicator.target if lower_is_better else indicator.target - achieved
    if shortfall <= 0:
        return Status.ON_TARGET, ""
    if shortfall <= indicator.tolerance:
        return Status.WITHIN_TOLERANCE, ""
    return Status.OFF_TARGET, ""
