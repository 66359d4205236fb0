"""Whether a change in recorded crime is more than chance (ADR 0028).

`change_significance` compares two counts ("Robbery 79 in 2022 against 59 in 2021") with the
conditional exact test for two Poisson counts; `sustained_rise` asks whether a series' latest
points have left its own normal variation (a control chart, NHS "Making Data Count" rules).
Pure arithmetic: no database, and SciPy is loaded only when a test is run.
"""

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from numbers import Integral, Real

from django.db import models
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# The conventional level, and the one ONS uses to mark changes in its crime statistics as
# "statistically significant": one stable change in twenty is called a rise or fall by chance.
SIGNIFICANCE_LEVEL = 0.05

# NHS England's "Making Data Count" rules for a statistical process control chart.
LIMIT_SIGMAS = 3  # a point beyond the process limits, three sigma from the mean
RUN_LENGTH = 7  # a shift: seven or more points in a row on the same side of the mean
MIN_POINTS = 15  # fewer points than Making Data Count advises for drawing limits
MOVING_RANGE_TO_SIGMA = 1.128  # d2 for ranges of two points (XmR charts, Laney's z-chart)


class Verdict(models.TextChoices):
    RISE = "rise", _("a significant rise")
    FALL = "fall", _("a significant fall")
    NORMAL = "normal", _("within normal variation")
    NO_RECORDS = "none", _("no records in either period")


@dataclass(frozen=True)
class ChangeSignificance:
    """Two counts compared. The ratio is of rates (count ÷ exposure), latest over earlier;
    `ratio_low`/`ratio_high` its exact 95% interval (inf above when the earlier count is 0).
    None where there is nothing to compute: the percent change from none, and everything but
    the counts when both are 0."""

    previous: int
    current: int
    previous_exposure: float
    current_exposure: float
    change_percent: Decimal | None  # one decimal place, half up, as ComparisonRow rounds
    ratio: float | None
    ratio_low: float | None
    ratio_high: float | None
    p_value: float | None
    verdict: Verdict
    sentence: str

    @property
    def significant(self) -> bool:
        return self.verdict in (Verdict.RISE, Verdict.FALL)


def change_significance(
    *,
    previous: int,
    current: int,
    previous_exposure: float = 1,
    current_exposure: float = 1,
    level: float = SIGNIFICANCE_LEVEL,
) -> ChangeSignificance:
    """Whether `current` differs from `previous` by more than chance.

    Exposures are what each count was recorded over (months, or population-years when rates
    are compared); only their ratio matters. Given n = previous + current, under no change
    `current` ~ Binomial(n, p) with p = current_exposure / (both exposures): the two-sided
    exact p-value is SciPy's `binomtest`, and its Clopper-Pearson interval for p gives the
    rate ratio's, r = p / (1 - p) × previous_exposure / current_exposure."""
    _check_count("previous", previous)
    _check_count("current", current)
    _check_exposure("previous_exposure", previous_exposure)
    _check_exposure("current_exposure", current_exposure)
    if not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1, not {level!r}")
    previous, current = int(previous), int(current)
    previous_exposure, current_exposure = float(previous_exposure), float(current_exposure)
    if previous == current == 0:
        return ChangeSignificance(
            previous=previous,
            current=current,
            previous_exposure=previous_exposure,
            current_exposure=current_exposure,
            change_percent=None,
            ratio=None,
            ratio_low=None,
            ratio_high=None,
            p_value=None,
            verdict=Verdict.NO_RECORDS,
            sentence=str(Verdict.NO_RECORDS.label),
        )

    # Loaded here, not at the top: the pages that never test a change need not pay for it.
    from scipy.stats import binomtest

    exposure_ratio = Fraction(previous_exposure) / Fraction(current_exposure)
    share = Fraction(current_exposure) / (Fraction(previous_exposure) + Fraction(current_exposure))
    result = binomtest(current, previous + current, float(share))
    interval = result.proportion_ci(confidence_level=0.95, method="exact")
    p_value = min(float(result.pvalue), 1.0)
    if previous == 0:
        ratio, change_percent = math.inf, None
    else:
        exact_ratio = Fraction(current, previous) * exposure_ratio
        ratio = float(exact_ratio)
        change_percent = _percent(exact_ratio - 1)
    verdict = Verdict.RISE if ratio > 1 else Verdict.FALL
    if p_value >= level:
        verdict = Verdict.NORMAL
    return ChangeSignificance(
        previous=previous,
        current=current,
        previous_exposure=previous_exposure,
        current_exposure=current_exposure,
        change_percent=change_percent,
        ratio=ratio,
        ratio_low=_odds(interval.low) * float(exposure_ratio),
        ratio_high=_odds(interval.high) * float(exposure_ratio),
        p_value=p_value,
        verdict=verdict,
        sentence=_sentence(
            previous=previous,
            current=current,
            change_percent=change_percent,
            ratio=ratio,
            as_rates=previous_exposure != current_exposure,
            p_value=p_value,
            verdict=verdict,
            level=level,
        ),
    )


def _check_count(name: str, value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise ValueError(f"{name} must be a whole number of records, not {value!r}")
    if value < 0:
        raise ValueError(f"{name} cannot be negative: {value!r}")


def _check_exposure(name: str, value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, Real | Decimal):
        raise ValueError(f"{name} must be a number, not {value!r}")
    if not (math.isfinite(value) and float(value) > 0):
        raise ValueError(f"{name} must be more than 0, not {value!r}")


def _percent(change: Fraction) -> Decimal:
    exact = Decimal(change.numerator) * 100 / Decimal(change.denominator)
    return exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _odds(proportion: float) -> float:
    return math.inf if proportion >= 1 else proportion / (1 - proportion)


def _percent_text(change: Decimal) -> str:
    text = f"{abs(change):f}"
    return f"{text.removesuffix('.0')}%"


def _p_text(p_value: float, level: float) -> str:
    if p_value < 0.001:
        return "p < 0.001"
    text = f"{p_value:.3g}"
    if p_value < level <= float(text):  # rounding must not lift it to the level it is below
        return f"p < {level:g}"
    return f"p = {text}"


def _sentence(
    *,
    previous: int,
    current: int,
    change_percent: Decimal | None,
    ratio: float,
    as_rates: bool,
    p_value: float,
    verdict: Verdict,
    level: float,
) -> str:
    """ "a rise of 33.9% (79 against 59), within normal variation (p = 0.105)"."""
    significant = verdict in (Verdict.RISE, Verdict.FALL)
    of_rate = " in the rate" if as_rates else ""
    if change_percent is None:
        change = f"a rise from none to {current}"
    elif ratio == 1:
        change = f"no change{of_rate}"
    else:
        direction = "rise" if ratio > 1 else "fall"
        size = _percent_text(change_percent) if change_percent else "less than 0.1%"
        change = f"a {direction}{of_rate} of {size}"
    if significant:
        change = f"a significant {change.removeprefix('a ')}"
    counts = f"{current} against {previous}" + (", compared as rates" if as_rates else "")
    reading = "more than chance would explain" if significant else str(Verdict.NORMAL.label)
    return f"{change} ({counts}), {reading} ({_p_text(p_value, level)})"


class RiseSignal(models.TextChoices):
    BEYOND_LIMIT = "limit", _("the latest point is above the upper process limit")
    # Formatted when it is read, in the language of the moment (a lazy message formatted
    # here would be read once, in the language the module was loaded in).
    RUN = (
        "run",
        lazy(
            lambda: (
                gettext("the latest %(RUN_LENGTH)s or more points are all above the mean")
                % {"RUN_LENGTH": RUN_LENGTH}
            ),
            str,
        )(),
    )


@dataclass(frozen=True)
class ControlCheck:
    """A series judged against its own variation. Rates are counts ÷ exposure (the counts
    themselves when there are no exposures); the limit is the latest point's."""

    points: int
    mean: float | None
    latest: float
    upper_limit: float | None
    run_above: int  # points in a row above the mean, ending with the latest
    signals: tuple[RiseSignal, ...]
    sentence: str

    @property
    def rising(self) -> bool:
        return bool(self.signals)


def sustained_rise(
    counts: Sequence[int],
    *,
    exposures: Sequence[float] | None = None,
    baseline: int | None = None,
) -> ControlCheck:
    """Whether the series' latest points show a rise beyond its normal variation.

    A control chart for counts (a u-chart; a c-chart when there are no exposures) with
    Laney's correction for counts that vary more than Poisson's (never narrower than
    Poisson's): mean ū = Σcounts ÷ Σexposures, limit ū + 3·σᵢ·σz with σᵢ = √(ū ÷ exposureᵢ)
    and σz the average moving range of the z-scores ÷ 1.128. Mean and limits are drawn from
    the first `baseline` points (all, by default). The rise is flagged by either of Making
    Data Count's rules looking upwards: the latest point above the upper limit, or a run
    of 7 or more above the mean ending with the latest point."""
    for index, count in enumerate(counts):
        _check_count(f"counts[{index}]", count)
    if exposures is None:
        exposures = [1.0] * len(counts)
    if len(exposures) != len(counts):
        raise ValueError(f"exposures has {len(exposures)} values for {len(counts)} counts")
    for index, exposure in enumerate(exposures):
        _check_exposure(f"exposures[{index}]", exposure)
    if baseline is None:
        baseline = len(counts)
    if not 2 <= baseline <= len(counts):
        raise ValueError(f"baseline must be from 2 to the {len(counts)} points, not {baseline!r}")
    rates = [count / float(exposure) for count, exposure in zip(counts, exposures, strict=True)]
    latest = rates[-1] if rates else 0.0
    if len(counts) < MIN_POINTS:
        return ControlCheck(
            points=len(counts),
            latest=latest,
            mean=None,
            upper_limit=None,
            run_above=0,
            signals=(),
            sentence=gettext("too few points to judge (%(count)s; at least %(minimum)s are needed)")
            % {"count": len(counts), "minimum": MIN_POINTS},
        )
    mean = sum(counts[:baseline]) / sum(float(e) for e in exposures[:baseline])
    if mean == 0:
        return ControlCheck(
            points=len(counts),
            latest=latest,
            mean=0.0,
            upper_limit=None,
            run_above=0,
            signals=(),
            sentence=gettext("no records in the points the limits are drawn from"),
        )
    sigmas = [math.sqrt(mean / float(exposure)) for exposure in exposures]
    z_scores = [(rate - mean) / sigma for rate, sigma in zip(rates, sigmas, strict=True)]
    moving_ranges = [abs(b - a) for a, b in itertools.pairwise(z_scores[:baseline])]
    sigma_z = max(1.0, sum(moving_ranges) / len(moving_ranges) / MOVING_RANGE_TO_SIGMA)
    upper_limit = mean + LIMIT_SIGMAS * sigmas[-1] * sigma_z
    run_above = 0
    for rate in reversed(rates):
        if rate <= mean:
            break
        run_above += 1
    signals = []
    if rates[-1] > upper_limit:
        signals.append(RiseSignal.BEYOND_LIMIT)
    if run_above >= RUN_LENGTH:
        signals.append(RiseSignal.RUN)
    if len(signals) == 2:
        sentence = gettext("a rise beyond normal variation: %(first)s and %(second)s") % {
            "first": signals[0].label,
            "second": signals[1].label,
        }
    elif signals:
        sentence = gettext("a rise beyond normal variation: %(signal)s") % {
            "signal": signals[0].label
        }
    else:
        sentence = gettext("no sustained rise: the latest points are within normal variation")
    return ControlCheck(
        points=len(counts),
        latest=latest,
        mean=mean,
        upper_limit=upper_limit,
        run_above=run_above,
        signals=tuple(signals),
        sentence=sentence,
    )
