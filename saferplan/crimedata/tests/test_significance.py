"""Significance of changes in recorded crime (ADR 0028). The expected p-values are worked out
here from the binomial formula with math.comb and exact fractions, not by calling SciPy."""

import math
from decimal import Decimal
from fractions import Fraction

import pytest

from saferplan.crimedata.significance import (
    RiseSignal,
    Verdict,
    change_significance,
    sustained_rise,
)


def exact_p_value(current: int, n: int, p: Fraction) -> float:
    """Two-sided exact binomial test: the probability of every outcome no more likely than the
    one seen, P(X = k) = C(n, k) pᵏ (1 - p)ⁿ⁻ᵏ, summed exactly (in whole numbers over the
    common denominator bⁿ, p = a/b; C(n, k + 1) = C(n, k) × (n - k) / (k + 1) keeps it fast)."""
    a, b = p.numerator, p.denominator
    weights, combinations = [], math.comb(n, 0)
    for k in range(n + 1):
        weights.append(combinations * a**k * (b - a) ** (n - k))
        combinations = combinations * (n - k) // (k + 1)
    return float(Fraction(sum(w for w in weights if w <= weights[current]), b**n))


def test_dacorum_robbery_79_against_59_is_within_normal_variation():
    # n = 138, p = 0.5: P = 2 × Σ_{k=79..138} C(138, k) / 2¹³⁸ = 0.105
    assert exact_p_value(79, 138, Fraction(1, 2)) == pytest.approx(0.105, abs=0.0005)
    result = change_significance(previous=59, current=79)
    assert result.p_value == pytest.approx(exact_p_value(79, 138, Fraction(1, 2)), rel=1e-9)
    assert result.change_percent == Decimal("33.9")  # 20 / 59, as the county's table has it
    assert result.ratio == pytest.approx(79 / 59)
    assert result.ratio_low < 1 < result.ratio_high
    assert result.verdict == Verdict.NORMAL
    assert result.sentence == "a rise of 33.9% (79 against 59), within normal variation (p = 0.105)"


def test_a_small_count_3_against_7_is_within_normal_variation():
    # n = 10: P = 2 × (C(10,7) + C(10,8) + C(10,9) + C(10,10)) / 1024 = 2 × 176 / 1024 = 0.34375
    result = change_significance(previous=3, current=7)
    assert result.p_value == pytest.approx(0.34375)
    assert result.verdict == Verdict.NORMAL
    assert result.sentence == "a rise of 133.3% (7 against 3), within normal variation (p = 0.344)"


def test_a_fall_is_tested_as_a_rise_is():
    result = change_significance(previous=7, current=3)
    assert result.p_value == pytest.approx(0.34375)
    assert result.sentence == "a fall of 57.1% (3 against 7), within normal variation (p = 0.344)"


def test_equal_counts_are_no_change_with_p_one():
    result = change_significance(previous=50, current=50)
    assert result.p_value == pytest.approx(1.0)
    assert result.ratio == 1
    assert result.sentence == "no change (50 against 50), within normal variation (p = 1)"


def test_a_large_count_with_a_small_change_is_a_significant_rise():
    # n = 20400, p = 0.5: P = 2 × Σ_{k=10400..20400} C(20400, k) / 2²⁰⁴⁰⁰ = 0.00521
    expected = exact_p_value(10400, 20400, Fraction(1, 2))
    assert expected == pytest.approx(0.00521, abs=0.000005)
    result = change_significance(previous=10_000, current=10_400)
    assert result.p_value == pytest.approx(expected, rel=1e-6)
    assert result.verdict == Verdict.RISE
    assert result.ratio_low > 1
    assert result.sentence == (
        "a significant rise of 4% (10400 against 10000), more than chance would explain (p = 0.00521)"
    )


def test_a_small_count_with_a_big_change_is_not_significant():
    # n = 12: P = 2 × (495 + 220 + 66 + 12 + 1) / 4096 = 1588 / 4096 = 0.3877
    result = change_significance(previous=4, current=8)
    assert result.p_value == pytest.approx(1588 / 4096)
    assert result.change_percent == Decimal("100.0")
    assert result.verdict == Verdict.NORMAL


def test_a_significant_fall():
    # n = 160: P = 2 × Σ_{k=0..60} C(160, k) / 2¹⁶⁰ = 0.00195
    result = change_significance(previous=100, current=60)
    assert result.p_value == pytest.approx(exact_p_value(60, 160, Fraction(1, 2)), rel=1e-6)
    assert result.verdict == Verdict.FALL
    assert result.sentence.startswith("a significant fall of 40% (60 against 100)")


def test_unequal_exposures_compare_rates():
    # 10 in 12 months against 20 in 6: p = 6 / 18 = 1/3, n = 30; the rate quadrupled (+300%).
    expected = exact_p_value(20, 30, Fraction(1, 3))
    result = change_significance(previous=10, current=20, previous_exposure=12, current_exposure=6)
    assert result.p_value == pytest.approx(expected, rel=1e-6)
    assert result.ratio == pytest.approx(4.0)
    assert result.change_percent == Decimal("300.0")
    assert result.verdict == Verdict.RISE
    assert result.sentence == (
        "a significant rise in the rate of 300% (20 against 10, compared as rates), "
        "more than chance would explain (p < 0.001)"
    )


def test_the_same_counts_over_equal_periods_are_not_significant():
    # 10 against 20 over 12 months each: p = 1/2, n = 30, P = 0.0987
    result = change_significance(previous=10, current=20, previous_exposure=12, current_exposure=12)
    assert result.p_value == pytest.approx(exact_p_value(20, 30, Fraction(1, 2)), rel=1e-6)
    assert result.verdict == Verdict.NORMAL


def test_a_rise_from_none_has_no_percent_and_an_open_interval():
    # P = 2 × (1/2)⁵ = 0.0625; Clopper-Pearson's lower bound for 5 of 5 is 0.025^(1/5) = 0.4782
    result = change_significance(previous=0, current=5)
    assert result.p_value == pytest.approx(0.0625)
    assert result.change_percent is None
    assert result.ratio == math.inf
    lower = 0.025 ** (1 / 5)
    assert result.ratio_low == pytest.approx(lower / (1 - lower), rel=1e-6)
    assert result.ratio_high == math.inf
    assert result.sentence == (
        "a rise from none to 5 (5 against 0), within normal variation (p = 0.0625)"
    )


def test_a_fall_to_none_has_a_ratio_of_zero():
    result = change_significance(previous=5, current=0)
    upper = 1 - 0.025 ** (1 / 5)
    assert result.ratio == 0
    assert result.ratio_low == 0
    assert result.ratio_high == pytest.approx(upper / (1 - upper), rel=1e-6)
    assert result.change_percent == Decimal("-100.0")


def test_no_records_in_either_period_has_no_verdict():
    result = change_significance(previous=0, current=0)
    assert result.verdict == Verdict.NO_RECORDS
    assert result.p_value is None
    assert result.ratio is None
    assert not result.significant
    assert result.sentence == "no records in either period"


@pytest.mark.parametrize(
    ("arguments", "named"),
    [
        ({"previous": -1, "current": 3}, "previous"),
        ({"previous": 3, "current": 2.5}, "current"),
        ({"previous": 3, "current": True}, "current"),
        ({"previous": 3, "current": 4, "previous_exposure": 0}, "previous_exposure"),
        ({"previous": 3, "current": 4, "current_exposure": -12}, "current_exposure"),
    ],
)
def test_impossible_arguments_are_refused_by_name(arguments, named):
    with pytest.raises(ValueError, match=rf"^{named} "):
        change_significance(**arguments)


def test_a_point_just_beyond_the_c_chart_limit_is_a_rise():
    # 14 months of 10, then 21: mean 161/15 = 10.733, σ = √10.733 = 3.276; Laney's σz
    # (one jump of the z-scores, 3.2/14/1.128 ≈ 0.2) is below 1, so Poisson's limit stands:
    # 10.733 + 3 × 3.276 = 20.56, and 21 is beyond it.
    result = sustained_rise([10] * 14 + [21])
    assert result.upper_limit == pytest.approx(161 / 15 + 3 * math.sqrt(161 / 15))
    assert result.signals == (RiseSignal.BEYOND_LIMIT,)
    assert result.sentence == (
        "a rise beyond normal variation: the latest point is above the upper process limit"
    )


def test_a_point_just_within_the_limit_is_no_rise():
    # 14 months of 10, then 20: mean 160/15 = 10.667, limit 10.667 + 3 × 3.266 = 20.46
    result = sustained_rise([10] * 14 + [20])
    assert not result.rising
    assert result.sentence == "no sustained rise: the latest points are within normal variation"


def test_seven_points_above_the_mean_are_a_sustained_rise():
    # 8 of 10, then 7 of 12: mean 164/15 = 10.93; no point beyond the limit (20.85)
    result = sustained_rise([10] * 8 + [12] * 7)
    assert result.run_above == 7
    assert result.signals == (RiseSignal.RUN,)


def test_six_points_above_the_mean_are_not():
    result = sustained_rise([10] * 9 + [12] * 6)
    assert result.run_above == 6
    assert not result.rising


def test_a_series_that_varies_more_than_poisson_has_wider_limits():
    # 50 and 150 alternating: mean 100; Poisson's limit would be 130 and flag every 150, but the
    # z-scores swing ±5, so σz = 10/1.128 = 8.87 and the limit is 100 + 3 × 10 × 8.87 = 366.
    result = sustained_rise([50, 150] * 8)
    assert result.upper_limit == pytest.approx(100 + 3 * 10 * (10 / 1.128))
    assert not result.rising


def test_exposures_turn_counts_into_rates():
    # 14 periods of 20 over an exposure of 2 (rate 10), then 22 over 1 (rate 22): mean
    # 302/29 = 10.41, limit 10.41 + 3 × √10.41 = 20.1, so the rate of 22 is beyond it.
    counts = [20] * 14 + [22]
    assert sustained_rise(counts, exposures=[2] * 14 + [1]).signals == (RiseSignal.BEYOND_LIMIT,)
    assert not sustained_rise(counts, exposures=[2] * 15).rising


def test_limits_can_be_drawn_from_a_baseline():
    # 15 months of 10, then 20. From the first 15: mean 10, limit 10 + 3 × √10 = 19.49, and
    # 20 is beyond it; from all 16: mean 170/16 = 10.63, limit 10.63 + 3 × 3.26 = 20.40.
    counts = [10] * 15 + [20]
    from_baseline = sustained_rise(counts, baseline=15)
    assert from_baseline.mean == pytest.approx(10)
    assert from_baseline.upper_limit == pytest.approx(10 + 3 * math.sqrt(10))
    assert from_baseline.rising
    assert not sustained_rise(counts).rising


def test_too_few_points_are_not_judged():
    result = sustained_rise([10] * 14)
    assert result.mean is None
    assert not result.rising
    assert result.sentence == "too few points to judge (14; at least 15 are needed)"


def test_a_series_without_records_is_not_judged():
    result = sustained_rise([0] * 15)
    assert not result.rising
    assert result.sentence == "no records in the points the limits are drawn from"


def test_exposures_must_match_the_counts():
    with pytest.raises(ValueError, match=r"^exposures has 2 values for 15 counts"):
        sustained_rise([10] * 15, exposures=[1, 1])


def test_a_negative_count_in_a_series_is_named():
    with pytest.raises(ValueError, match=r"^counts\[3\] cannot be negative"):
        sustained_rise([10, 10, 10, -1] + [10] * 11)
