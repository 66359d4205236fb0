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
from django.utils.translation import gettext_lazy as _

from saferplan.crimedata.comparisons import format_number, format_percent
from saferplan.crimedata.periods import Period
from saferplan.plans.models import RagRating

from .models import Direction, TargetKind

RULE = (
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
    unit: str  # "offences and incidents", "per cent", …
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
        or_better = "or fewer" if self.lower_is_better else "or more"
        if self.target_kind == TargetKind.VALUE:
            return f"{format_number(self.target)} {self.unit} {or_better}".replace("  ", " ")
        if self.target == 0:
            words = "no change from the baseline"
        else:
            word = "less" if self.target < 0 else "more"
            words = f"{format_percent(abs(self.target))} {word} than the baseline"
        value = self.target_value
        return words + (f" ({format_number(value)} {or_better})" if value is not None else "")

    @property
    def tolerance_text(self) -> str:
        if not self.tolerance:
            return "None"
        if self.target_kind == TargetKind.CHANGE:
            return f"{format_number(self.tolerance)} percentage points"
        return f"{format_number(self.tolerance)} {self.unit}"

    @property
    def sentence(self) -> str:
        """The status in words, naming the periods compared."""
        if self.status == Status.NOT_ENOUGH:
            return self.reason
        latest = f"{self.latest.text} in {self.latest.period.label}" if self.latest else ""
        change = self.change
        if change is not None:
            how = (
                "the same as"
                if change == 0
                else (f"{format_percent(abs(change))} {'less' if change < 0 else 'more'} than")
            )
            compared = f"{how} the baseline of {self.baseline.text} in {self.baseline.period.label}"
        else:
            compared = (
                f"against the baseline of {self.baseline.text} in {self.baseline.period.label}"
            )
        return f"{self.status.label}: {latest}, {compared}. Target: {self.target_text}."


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
        return Status.NOT_ENOUGH, f"No figure for the baseline, {baseline.period.label}, yet."
    if latest is None:
        return Status.NOT_ENOUGH, (
            f"No figures after the baseline ({baseline.period.label}) yet: a status needs "
            "figures for a later period."
        )
    if latest.value is None:
        return Status.NOT_ENOUGH, (
            f"No complete figure for the latest {_months(latest.period.length)} "
            f"({latest.period.label}): some months have no figures."
        )
    lower_is_better = indicator.direction == Direction.LOWER
    if indicator.target_kind == TargetKind.CHANGE:
        if baseline.value == 0:
            return Status.NOT_ENOUGH, (
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


def _months(count: int) -> str:
    return "month" if count == 1 else f"{count} months"
