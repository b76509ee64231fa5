"""Indicator evaluation: the expected value for a year, attainment, trend, colour.

Pure functions of one `Indicator` and a year; no clock, no I/O, no wording.
Results are data (floats, years, short literals); the report decides how to
word and round them in the plan's language. docs/indicators.md explains the
rules to users; the decisions worth knowing:

- The baseline is a measurement: it is the value of its year unless `values`
  lists that year too (the measurement wins, it may be a revised figure).
- A measurement from the baseline year or earlier is the starting point, not
  a result: attainment is `no_data` until something newer is measured.
- An expected value never changes sign (a linear decrease stops at zero) and
  never exceeds 100 for `percent` or 1 for `yes_no`.
- `met` is judged exactly (only float noise is ignored); `unchanged` in the
  trend and "moved the right way" in `partly` share a 0.5 % tolerance, so a
  change of two crimes in 457 is neither progress nor decline.
- The colour follows attainment alone (green met, yellow partly, red not met);
  the trend is reported beside it, not mixed into it.
"""

from __future__ import annotations

import math
from typing import Literal, TypeAlias

import msgspec

from samplan.model import (
    Assessment,
    Baseline,
    Indicator,
    Measurement,
    TargetChange,
    TargetFactor,
    TargetValue,
)

Direction: TypeAlias = Literal["decrease", "increase"]
Attainment: TypeAlias = Literal["met", "partly", "not_met", "no_data"]
Trend: TypeAlias = Literal["better", "unchanged", "worse", "no_data"]
Target: TypeAlias = TargetValue | TargetChange | TargetFactor

# Two values closer than this (relative) are the same level: measurement noise
# and rounding in published statistics, not a change anyone should act on.
UNCHANGED_TOLERANCE = 0.005
# Only floating-point noise: 457 * 0.95**2 must meet an expected 412.4425.
_FLOAT_NOISE = 1e-9

ASSESSMENT_OF: dict[Attainment, Assessment | None] = {
    "met": "green",
    "partly": "yellow",
    "not_met": "red",
    "no_data": None,
}


def direction(ind: Indicator) -> Direction | None:
    """Which way is better: the indicator's own `direction`, else what its target implies."""
    return ind.direction if ind.direction is not None else implied_direction(ind)


def implied_direction(ind: Indicator) -> Direction | None:
    """The direction a target implies: a negative change, a target value below the baseline
    (for yes/no: the answer "no") or a factor below 1 mean decrease; None when it says nothing."""
    target = ind.target
    if isinstance(target, TargetChange):
        return _sign(target.change_pct_per_year)
    if isinstance(target, TargetFactor):
        return _sign(target.factor - 1)
    if isinstance(target, TargetValue):
        if ind.baseline is not None:
            return _sign(target.value - ind.baseline.value)
        if ind.unit == "yes_no":
            return _sign(target.value - 0.5)
    return None


def contradicts_target(ind: Indicator) -> bool:
    """The indicator's own `direction` and the way its target moves disagree (validate
    warns, R020): which way is better is then unknown, and nothing is judged."""
    implied = implied_direction(ind)
    return ind.direction is not None and implied is not None and implied != ind.direction


def _sign(delta: float) -> Direction | None:
    if delta < 0:
        return "decrease"
    if delta > 0:
        return "increase"
    return None  # zero, or NaN in a hand-written number


def measurements(ind: Indicator, up_to_year: int | None = None) -> list[Measurement]:
    """One measurement per year, oldest first: `values` plus the baseline for its year.

    When `values` lists a year twice, the later entry wins (a correction
    appended below the first figure).
    """
    by_year: dict[int, Measurement] = {}
    if ind.baseline is not None:
        # Values of a validated baseline: no validation (nor a validator to build).
        baseline = ind.baseline
        by_year[baseline.year] = Measurement.model_construct(
            year=baseline.year, value=baseline.value
        )
    for measured in ind.values:
        by_year[measured.year] = measured
    return [by_year[y] for y in sorted(by_year) if up_to_year is None or y <= up_to_year]


def latest(ind: Indicator, up_to_year: int | None = None) -> Measurement | None:
    """The latest measurement (the baseline counts) with year <= `up_to_year`."""
    series = measurements(ind, up_to_year)
    return series[-1] if series else None


def _measured_in(ind: Indicator, year: int) -> float | None:
    found = [m.value for m in measurements(ind, year) if m.year == year]
    return found[0] if found else None


def expected_value(ind: Indicator, year: int) -> float | None:
    """The value the target asks for in `year`, or None when it asks nothing of that year.

    - `{value, year}`: a straight line from the baseline to the target value,
      then the target value from the target year on; without a baseline only
      from the target year on. A yes/no target has no in-between: None before
      its year.
    - `{change_pct_per_year, mode}`: baseline × (1 + p/100)^n compound, or
      baseline × (1 + p/100 × n) linear, n = years since the baseline.
    - `{factor, relative_to: baseline}`: baseline × factor after the baseline year.
    - `{factor, relative_to: previous_year}`: the value measured the year before
      × factor; None when that year has no measurement.
    - No target: for a yes/no indicator with a `direction`, the wanted answer
      (1 for increase, 0 for decrease); otherwise None.

    Before the baseline year nothing is expected; in it, a target expects the
    baseline itself.
    """
    base = ind.baseline
    if base is not None and year < base.year:
        return None
    target = ind.target
    if target is None:
        return _wanted_answer(ind) if ind.unit == "yes_no" else None
    if base is not None and year == base.year:
        return base.value
    if isinstance(target, TargetValue):
        return _on_value_path(ind, target, year)
    if isinstance(target, TargetFactor) and target.relative_to == "previous_year":
        before = _measured_in(ind, year - 1)
        return None if before is None else _within_unit(ind, before * target.factor)
    if base is None:  # the model requires a baseline for the forms below; never guess one
        return None
    if isinstance(target, TargetChange):
        return _within_unit(ind, base.value * _change_multiplier(target, year - base.year))
    return _within_unit(ind, base.value * target.factor)


def _wanted_answer(ind: Indicator) -> float | None:
    wanted = ind.direction
    return None if wanted is None else (1.0 if wanted == "increase" else 0.0)


def _on_value_path(ind: Indicator, target: TargetValue, year: int) -> float | None:
    if year >= target.year:
        return target.value
    base = ind.baseline
    if base is None or ind.unit == "yes_no":
        return None
    # base.year < year < target.year here, so the span is positive.
    share = (year - base.year) / (target.year - base.year)
    return base.value + (target.value - base.value) * share


def _change_multiplier(target: TargetChange, years: int) -> float:
    step = target.change_pct_per_year / 100
    if target.mode == "linear":
        # The path stops at zero: −5 % a year of 457 is 0 from the 20th year on.
        return max(0.0, 1 + step * years)
    try:
        return max(0.0, 1 + step) ** years
    except OverflowError:  # an absurd growth rate over centuries
        return math.inf


def _within_unit(ind: Indicator, value: float) -> float:
    """A share cannot pass 100 %, a yes/no cannot pass 1 (yes)."""
    if ind.unit == "percent":
        return min(value, 100.0)
    if ind.unit == "yes_no":
        return min(value, 1.0)
    return value


def _reached(value: float, expected: float, way: Direction) -> bool:
    if math.isclose(value, expected, rel_tol=_FLOAT_NOISE, abs_tol=_FLOAT_NOISE):
        return True
    return value <= expected if way == "decrease" else value >= expected


def _compare(new: float, old: float, way: Direction) -> Literal["better", "unchanged", "worse"]:
    if math.isclose(new, old, rel_tol=UNCHANGED_TOLERANCE, abs_tol=_FLOAT_NOISE):
        return "unchanged"
    lower = new < old
    return "better" if lower == (way == "decrease") else "worse"


def attainment(ind: Indicator, year: int | None = None) -> Attainment:
    """How the latest measurement (up to `year`) stands against what was expected of its year.

    met: at or beyond the expected value in the better direction (a yes/no:
    the wanted answer). partly: not there, but better than the baseline (for a
    year-on-year target: than the year before; without a baseline: than the
    previous measurement). not_met: neither. no_data: nothing measured after
    the baseline year, no expected value, no direction, or a direction that
    contradicts the target (a worsening value would otherwise count as met).
    """
    measured = latest(ind, year)
    if measured is None:
        return "no_data"
    if ind.baseline is not None and measured.year <= ind.baseline.year:
        return "no_data"
    way = direction(ind)
    if way is None or contradicts_target(ind):
        return "no_data"
    expected = expected_value(ind, measured.year)
    if expected is None:
        # Before the year of an absolute target with no path to it, only having
        # reached the final value already says anything.
        target = ind.target
        if isinstance(target, TargetValue) and _reached(measured.value, target.value, way):
            return "met"
        return "no_data"
    if _reached(measured.value, expected, way):
        return "met"
    reference = _progress_reference(ind, measured)
    if reference is not None and _compare(measured.value, reference, way) == "better":
        return "partly"
    return "not_met"


def _progress_reference(ind: Indicator, measured: Measurement) -> float | None:
    """What "moved the right way" is measured from."""
    target = ind.target
    if isinstance(target, TargetFactor) and target.relative_to == "previous_year":
        return _measured_in(ind, measured.year - 1)
    if ind.baseline is not None:
        return ind.baseline.value
    earlier = measurements(ind, measured.year - 1)
    return earlier[-1].value if earlier else None


def trend(ind: Indicator, year: int | None = None) -> Trend:
    """The latest measurement (up to `year`) against the one before it."""
    series = measurements(ind, year)
    way = direction(ind)
    if len(series) < 2 or way is None:
        return "no_data"
    return _compare(series[-1].value, series[-2].value, way)


def assessment(ind: Indicator, year: int | None = None) -> Assessment | None:
    """Green met, yellow partly, red not met, None without data to judge."""
    return ASSESSMENT_OF[attainment(ind, year)]


class Evaluation(msgspec.Struct, frozen=True):
    """Everything a report row about one indicator needs, as data.

    `target_text` is the target itself (`TargetValue`, `TargetChange` or
    `TargetFactor`): the language-neutral description the report words.
    `direction` is the effective one; `direction_inferred` says it came from
    the target rather than the plan. `expected` is for `year`;
    `expected_at_latest` is what the latest measurement was judged against.
    """

    indicator_id: str
    name: str
    unit: Literal["count", "percent", "yes_no", "rate"] | None
    source: str | None
    direction: Direction | None
    direction_inferred: bool
    baseline: Baseline | None
    target_text: Target | None
    year: int
    expected: float | None
    latest_year: int | None
    latest_value: float | None
    latest_note: str | None
    expected_at_latest: float | None
    previous_year: int | None
    previous_value: float | None
    attainment: Attainment
    trend: Trend
    assessment: Assessment | None


def evaluate(ind: Indicator, year: int) -> Evaluation:
    """The indicator as it stands in `year` (measurements up to and including `year`)."""
    series = measurements(ind, year)
    last = series[-1] if series else None
    before = series[-2] if len(series) >= 2 else None
    achieved = attainment(ind, year)
    return Evaluation(
        indicator_id=ind.id,
        name=ind.name,
        unit=ind.unit,
        source=ind.source,
        direction=direction(ind),
        direction_inferred=ind.direction is None and implied_direction(ind) is not None,
        baseline=ind.baseline,
        target_text=ind.target,
        year=year,
        expected=expected_value(ind, year),
        latest_year=None if last is None else last.year,
        latest_value=None if last is None else last.value,
        latest_note=None if last is None else last.note,
        expected_at_latest=None if last is None else expected_value(ind, last.year),
        previous_year=None if before is None else before.year,
        previous_value=None if before is None else before.value,
        attainment=achieved,
        trend=trend(ind, year),
        assessment=ASSESSMENT_OF[achieved],
    )
