"""Indicator evaluation: expected values, attainment, trend and colour."""

from __future__ import annotations

import itertools
import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samplan.indicators import (
    assessment,
    attainment,
    contradicts_target,
    direction,
    evaluate,
    expected_value,
    latest,
    measurements,
    trend,
)
from samplan.model import Baseline, Indicator


def indicator(**fields: Any) -> Indicator:
    """An indicator as a user would write it in YAML (values are validated by the model)."""
    return Indicator.model_validate({"id": "ind", "name": "Indikator", **fields})


def values(*pairs: tuple[int, float]) -> list[dict[str, float]]:
    return [{"year": year, "value": value} for year, value in pairs]


# "Minska andelen våldsbrott i centrumkärnan med 5 % per år utifrån nuläget år 2011 (457 st)"
def alingsas(mode: str, *measured: tuple[int, float]) -> Indicator:
    return indicator(
        unit="count",
        direction="decrease",
        baseline={"year": 2011, "value": 457},
        target={"change_pct_per_year": -5, "mode": mode},
        values=values(*measured),
    )


# --- expected values ----------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "compound", "linear"),
    [
        (2011, 457.0, 457.0),
        (2012, 434.15, 434.15),
        (2013, 412.4425, 411.3),
        (2014, 391.820375, 388.45),
        (2015, 372.22935625, 365.6),
    ],
)
def test_alingsas_example_expected_values(year: int, compound: float, linear: float) -> None:
    assert expected_value(alingsas("compound"), year) == pytest.approx(compound, rel=1e-12)
    assert expected_value(alingsas("linear"), year) == pytest.approx(linear, rel=1e-12)


def test_nothing_is_expected_before_the_baseline_year() -> None:
    assert expected_value(alingsas("compound"), 2010) is None
    assert expected_value(alingsas("linear"), 1990) is None


def test_compound_is_the_default_mode() -> None:
    plain = indicator(baseline={"year": 2011, "value": 457}, target={"change_pct_per_year": -5})
    assert expected_value(plain, 2013) == expected_value(alingsas("compound"), 2013)


def test_a_linear_decrease_stops_at_zero() -> None:
    # −5 % of 457 a year reaches zero after 20 years and does not go below it.
    assert expected_value(alingsas("linear"), 2030) == pytest.approx(22.85)
    assert expected_value(alingsas("linear"), 2031) == 0.0
    assert expected_value(alingsas("linear"), 2045) == 0.0


def test_a_compound_change_of_minus_100_percent_or_more_means_zero() -> None:
    gone = indicator(baseline={"year": 2020, "value": 40}, target={"change_pct_per_year": -150})
    assert [expected_value(gone, y) for y in (2020, 2021, 2022, 2023)] == [40.0, 0.0, 0.0, 0.0]


def test_a_percent_never_exceeds_100_and_a_yes_no_never_exceeds_1() -> None:
    share = indicator(
        unit="percent",
        baseline={"year": 2020, "value": 80},
        target={"change_pct_per_year": 10},
    )
    assert expected_value(share, 2022) == pytest.approx(96.8)
    assert expected_value(share, 2023) == 100.0
    yes_no = indicator(unit="yes_no", baseline={"year": 2020, "value": 1}, target={"factor": 2})
    assert expected_value(yes_no, 2021) == 1.0


def test_absolute_target_runs_in_a_straight_line_from_the_baseline() -> None:
    # "Andelen otrygga i centrum ska minska från 31 % (2025) till 22 % år 2027"
    otrygga = indicator(
        unit="percent",
        baseline={"year": 2025, "value": 31},
        target={"value": 22, "year": 2027},
    )
    assert expected_value(otrygga, 2024) is None
    assert expected_value(otrygga, 2025) == 31.0
    assert expected_value(otrygga, 2026) == pytest.approx(26.5)
    assert expected_value(otrygga, 2027) == 22.0
    assert expected_value(otrygga, 2030) == 22.0


def test_absolute_target_without_baseline_applies_from_its_year() -> None:
    target_only = indicator(target={"value": 150, "year": 2019})
    assert expected_value(target_only, 2018) is None
    assert expected_value(target_only, 2019) == 150.0
    assert expected_value(target_only, 2025) == 150.0


def test_factor_relative_to_baseline_applies_after_the_baseline_year() -> None:
    # "Antalet trygghetsvandringar ska fördubblas jämfört med 2017 (6 st)"
    doubled = indicator(
        baseline={"year": 2017, "value": 6}, target={"factor": 2, "relative_to": "baseline"}
    )
    assert expected_value(doubled, 2016) is None
    assert expected_value(doubled, 2017) == 6.0
    assert expected_value(doubled, 2018) == 12.0
    assert expected_value(doubled, 2021) == 12.0


def fourfold(*measured: tuple[int, float], **extra: Any) -> Indicator:
    # "Antalet deltagare ska minst fyrdubblas mot föregående år"
    return indicator(
        unit="count",
        target={"factor": 4, "relative_to": "previous_year"},
        values=values(*measured),
        **extra,
    )


def test_factor_relative_to_previous_year_uses_that_years_measurement() -> None:
    grows = fourfold((2018, 5), (2019, 20), (2021, 30))
    assert expected_value(grows, 2018) is None  # nothing measured in 2017
    assert expected_value(grows, 2019) == 20.0
    assert expected_value(grows, 2020) == 80.0
    assert expected_value(grows, 2021) is None  # nothing measured in 2020
    assert expected_value(grows, 2022) == 120.0


def test_factor_relative_to_previous_year_starts_from_the_baseline() -> None:
    grows = fourfold(baseline={"year": 2018, "value": 5})
    assert expected_value(grows, 2017) is None
    assert expected_value(grows, 2018) == 5.0
    assert expected_value(grows, 2019) == 20.0


def test_no_target_means_no_expected_value() -> None:
    plain = indicator(direction="decrease", baseline={"year": 2011, "value": 457})
    assert expected_value(plain, 2011) is None
    assert expected_value(plain, 2012) is None


# --- measurements -----------------------------------------------------------------


def test_latest_respects_the_year_and_the_baseline_counts_as_a_measurement() -> None:
    ind = alingsas("compound", (2013, 400), (2012, 430))
    assert [(m.year, m.value) for m in measurements(ind)] == [
        (2011, 457.0),
        (2012, 430.0),
        (2013, 400.0),
    ]
    latest_2012 = latest(ind, 2012)
    assert latest_2012 is not None
    assert (latest_2012.year, latest_2012.value) == (2012, 430.0)
    overall = latest(ind)
    assert overall is not None
    assert overall.year == 2013
    assert latest(ind, 2010) is None


def test_a_measurement_wins_over_the_baseline_and_a_later_duplicate_wins() -> None:
    ind = alingsas("compound", (2011, 460), (2012, 430), (2012, 425))
    assert [(m.year, m.value) for m in measurements(ind)] == [(2011, 460.0), (2012, 425.0)]


def test_latest_is_none_without_any_data() -> None:
    assert latest(indicator()) is None


# --- attainment ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("measured", "expected"),
    [
        ((2012, 430), "met"),  # below the expected 434.15
        ((2013, 412.4425), "met"),  # exactly the expected value (float noise ignored)
        ((2013, 420), "partly"),  # above 412.44 but below the baseline 457
        ((2013, 457), "not_met"),  # not moved
        ((2013, 455), "not_met"),  # within 0.5 % of the baseline: not a movement
        ((2014, 480), "not_met"),  # moved the wrong way
    ],
)
def test_alingsas_attainment(measured: tuple[int, float], expected: str) -> None:
    assert attainment(alingsas("compound", measured)) == expected


def test_attainment_judges_the_latest_measurement_up_to_the_year() -> None:
    ind = alingsas("compound", (2012, 430), (2013, 460))
    assert attainment(ind, 2012) == "met"
    assert attainment(ind, 2013) == "not_met"
    assert attainment(ind, 2020) == "not_met"  # still the 2013 value, judged for 2013


def test_only_the_baseline_measured_is_no_data() -> None:
    assert attainment(alingsas("compound")) == "no_data"
    assert attainment(alingsas("compound", (2011, 457))) == "no_data"
    assert attainment(alingsas("compound", (2012, 430)), 2011) == "no_data"


def test_no_measurement_is_no_data() -> None:
    assert attainment(indicator(direction="decrease", target={"value": 5, "year": 2020})) == (
        "no_data"
    )


def test_increase_direction_is_respected() -> None:
    # "Andelen elever som känner sig trygga i skolan ska öka från 79 % till 85 % år 2027"
    trygga = indicator(
        unit="percent",
        direction="increase",
        baseline={"year": 2025, "value": 79},
        target={"value": 85, "year": 2027},
        values=values((2026, 80)),
    )
    assert expected_value(trygga, 2026) == 82.0
    assert attainment(trygga) == "partly"
    assert attainment(trygga.model_copy(update={"values": trygga.values[:0]})) == "no_data"


@pytest.mark.parametrize(
    ("fields", "inferred"),
    [
        (
            {"baseline": {"year": 2011, "value": 457}, "target": {"change_pct_per_year": -5}},
            "decrease",
        ),
        (
            {"baseline": {"year": 2011, "value": 457}, "target": {"change_pct_per_year": 3}},
            "increase",
        ),
        ({"baseline": {"year": 2011, "value": 457}, "target": {"change_pct_per_year": 0}}, None),
        (
            {"baseline": {"year": 2025, "value": 31}, "target": {"value": 22, "year": 2027}},
            "decrease",
        ),
        (
            {"baseline": {"year": 2025, "value": 79}, "target": {"value": 85, "year": 2027}},
            "increase",
        ),
        ({"target": {"value": 22, "year": 2027}}, None),
        ({"baseline": {"year": 2017, "value": 6}, "target": {"factor": 0.5}}, "decrease"),
        ({"target": {"factor": 4, "relative_to": "previous_year"}}, "increase"),
        ({"target": {"factor": 1, "relative_to": "previous_year"}}, None),
        ({"unit": "yes_no", "target": {"value": 1, "year": 2018}}, "increase"),
        ({"unit": "yes_no", "target": {"value": 0, "year": 2018}}, "decrease"),
        ({}, None),
    ],
)
def test_direction_is_inferred_from_the_target(fields: dict[str, Any], inferred: str) -> None:
    assert direction(indicator(**fields)) == inferred


def test_an_explicit_direction_against_the_target_is_not_judged() -> None:
    # "Higher is better" with a target below the baseline: issue 10 found a worsening
    # value shown as met. The explicit direction still gives the trend; validate warns (R020).
    ind = indicator(
        direction="increase",
        baseline={"year": 2020, "value": 100},
        target={"value": 90, "year": 2022},
        values=values((2021, 96)),
    )
    assert direction(ind) == "increase"
    assert attainment(ind) == "no_data"  # not "met" for 96 >= expected 95
    assert trend(ind) == "worse"


def test_inferred_direction_drives_attainment() -> None:
    ind = indicator(
        baseline={"year": 2011, "value": 457},
        target={"change_pct_per_year": -5},
        values=values((2012, 430)),
    )
    assert attainment(ind) == "met"
    assert evaluate(ind, 2012).direction_inferred is True


def test_without_any_direction_attainment_is_no_data() -> None:
    ind = indicator(target={"value": 150, "year": 2019}, values=values((2019, 120)))
    assert direction(ind) is None
    assert attainment(ind) == "no_data"


def test_absolute_target_without_baseline() -> None:
    base: dict[str, Any] = {"direction": "decrease", "target": {"value": 20, "year": 2027}}
    # Before the target year there is no path to judge against, but reaching the goal early counts.
    assert attainment(indicator(**base, values=values((2025, 18)))) == "met"
    assert attainment(indicator(**base, values=values((2025, 25)))) == "no_data"
    # From the target year on, progress is measured from the previous measurement.
    assert attainment(indicator(**base, values=values((2025, 25), (2027, 22)))) == "partly"
    assert attainment(indicator(**base, values=values((2025, 25), (2027, 26)))) == "not_met"
    assert attainment(indicator(**base, values=values((2027, 22)))) == "not_met"


def test_previous_year_factor_attainment() -> None:
    assert attainment(fourfold((2018, 5), (2019, 20))) == "met"
    assert attainment(fourfold((2018, 5), (2019, 12))) == "partly"  # grew, but not fourfold
    assert attainment(fourfold((2018, 5), (2019, 5))) == "not_met"
    assert attainment(fourfold((2018, 5), (2020, 40))) == "no_data"  # 2019 not measured
    assert attainment(fourfold((2018, 5))) == "no_data"


def test_factor_relative_to_baseline_attainment() -> None:
    halved = indicator(
        baseline={"year": 2017, "value": 40},
        target={"factor": 0.5},
        values=values((2018, 19), (2019, 30)),
    )
    assert attainment(halved, 2018) == "met"
    assert attainment(halved, 2019) == "partly"


# --- yes/no ----------------------------------------------------------------------


def yes_no(*measured: tuple[int, float], **extra: Any) -> Indicator:
    # "Har medborgardialoger genomförts?" — yes (1) by 2018
    return indicator(unit="yes_no", values=values(*measured), **extra)


def test_yes_no_target_is_met_by_the_wanted_answer() -> None:
    target = {"target": {"value": 1, "year": 2018}}
    assert attainment(yes_no((2018, 1), **target)) == "met"
    assert attainment(yes_no((2018, 0), **target)) == "not_met"
    assert attainment(yes_no((2017, 1), **target)) == "met"  # done ahead of time
    assert attainment(yes_no((2017, 0), **target)) == "no_data"  # not yet due
    assert assessment(yes_no((2018, 1), **target)) == "green"


def test_yes_no_has_no_half_way_value() -> None:
    ind = yes_no(baseline={"year": 2016, "value": 0}, target={"value": 1, "year": 2018})
    assert expected_value(ind, 2017) is None
    assert expected_value(ind, 2018) == 1.0


def test_yes_no_wanting_no() -> None:
    # "Förekommer öppen narkotikahandel vid resecentrum?" — the goal is "nej" (0) by 2020
    target = {"target": {"value": 0, "year": 2020}}
    assert attainment(yes_no((2020, 0), **target)) == "met"
    assert attainment(yes_no((2020, 1), **target)) == "not_met"


def test_yes_no_direction_alone_names_the_wanted_answer() -> None:
    assert expected_value(yes_no(direction="increase"), 2018) == 1.0
    assert attainment(yes_no((2018, 1), direction="increase")) == "met"
    assert attainment(yes_no((2018, 0), direction="increase")) == "not_met"
    assert attainment(yes_no((2018, 0), direction="decrease")) == "met"
    assert attainment(yes_no((2018, 1))) == "no_data"


# --- trend -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pairs", "way", "expected"),
    [
        (((2012, 457), (2013, 430)), "decrease", "better"),
        (((2012, 457), (2013, 480)), "decrease", "worse"),
        (((2012, 457), (2013, 455)), "decrease", "unchanged"),  # 0.44 %: within 0.5 %
        (((2012, 457), (2013, 454)), "decrease", "better"),  # 0.66 %
        (((2012, 79), (2013, 81)), "increase", "better"),
        (((2012, 79), (2013, 77)), "increase", "worse"),
        (((2012, 0), (2013, 0)), "increase", "unchanged"),
        (((2012, 0), (2013, 1)), "increase", "better"),
        (((2012, 1), (2013, 2)), "decrease", "worse"),
        (((2010, 5), (2013, 4)), "decrease", "better"),  # the previous value, not year − 1
    ],
)
def test_trend(pairs: tuple[tuple[int, float], ...], way: str, expected: str) -> None:
    assert trend(indicator(direction=way, values=values(*pairs))) == expected


def test_trend_needs_two_values_and_a_direction() -> None:
    assert trend(indicator(direction="decrease")) == "no_data"
    assert trend(indicator(direction="decrease", values=values((2012, 5)))) == "no_data"
    assert trend(indicator(values=values((2012, 5), (2013, 4)))) == "no_data"


def test_trend_counts_the_baseline_and_respects_the_year() -> None:
    ind = alingsas("compound", (2012, 430), (2013, 440))
    assert trend(ind, 2012) == "better"  # 430 vs the baseline 457
    assert trend(ind) == "worse"
    assert trend(ind, 2011) == "no_data"


# --- assessment and evaluation ---------------------------------------------------------


@pytest.mark.parametrize(
    ("measured", "colour"),
    [((2012, 430), "green"), ((2013, 420), "yellow"), ((2013, 470), "red")],
)
def test_assessment_follows_attainment(measured: tuple[int, float], colour: str) -> None:
    assert assessment(alingsas("compound", measured)) == colour


def test_assessment_is_none_without_data() -> None:
    assert assessment(alingsas("compound")) is None


def test_evaluate_gathers_a_report_row() -> None:
    ind = indicator(
        id="otrygghet-centrum",
        name="Andel invånare som känner sig otrygga i centrum kvällstid",
        source="Polisens trygghetsmätning",
        unit="percent",
        direction="decrease",
        baseline={"year": 2025, "value": 31},
        target={"value": 22, "year": 2027},
        values=[
            {"year": 2024, "value": 29},
            {"year": 2025, "value": 31},
            {"year": 2026, "value": 27, "note": "Mätning i september 2026."},
        ],
    )
    row = evaluate(ind, 2027)
    assert (row.indicator_id, row.name, row.unit, row.source) == (
        "otrygghet-centrum",
        "Andel invånare som känner sig otrygga i centrum kvällstid",
        "percent",
        "Polisens trygghetsmätning",
    )
    assert (row.direction, row.direction_inferred) == ("decrease", False)
    assert row.baseline == Baseline(year=2025, value=31)
    assert row.target_text == ind.target
    assert (row.year, row.expected) == (2027, 22.0)
    assert (row.latest_year, row.latest_value, row.latest_note) == (
        2026,
        27.0,
        "Mätning i september 2026.",
    )
    assert row.expected_at_latest == pytest.approx(26.5)
    assert (row.previous_year, row.previous_value) == (2025, 31.0)
    assert (row.attainment, row.trend, row.assessment) == ("partly", "better", "yellow")


def test_evaluate_without_data() -> None:
    row = evaluate(indicator(name="Antal LOB", unit="count"), 2014)
    assert row.latest_year is None
    assert row.latest_value is None
    assert row.expected is None
    assert row.expected_at_latest is None
    assert row.previous_year is None
    assert row.direction is None
    assert row.direction_inferred is False
    assert (row.attainment, row.trend, row.assessment) == ("no_data", "no_data", None)


# --- properties -------------------------------------------------------------------

years = st.integers(min_value=1900, max_value=2200)
# The model refuses nan and inf (allow_inf_nan=False); huge finite values remain.
numbers = st.floats(allow_nan=False, allow_infinity=False)


@st.composite
def any_indicator(draw: st.DrawFn) -> Indicator:
    """Any indicator the model accepts, including absurd but valid numbers."""
    target = draw(
        st.one_of(
            st.none(),
            st.fixed_dictionaries({"value": numbers, "year": years}),
            st.fixed_dictionaries(
                {
                    "change_pct_per_year": numbers,
                    "mode": st.sampled_from(["compound", "linear"]),
                }
            ),
            st.fixed_dictionaries(
                {
                    "factor": st.floats(
                        min_value=0, exclude_min=True, allow_nan=False, allow_infinity=False
                    ),
                    "relative_to": st.sampled_from(["baseline", "previous_year"]),
                }
            ),
        )
    )
    relative = target is not None and (
        "change_pct_per_year" in target or target.get("relative_to") == "baseline"
    )
    baseline = st.fixed_dictionaries({"year": years, "value": numbers})
    fields: dict[str, Any] = {
        "unit": draw(st.sampled_from([None, "count", "percent", "yes_no", "rate"])),
        "direction": draw(st.sampled_from([None, "decrease", "increase"])),
        "baseline": draw(baseline if relative else st.none() | baseline),
        "target": target,
        "values": draw(
            st.lists(st.fixed_dictionaries({"year": years, "value": numbers}), max_size=6)
        ),
    }
    return indicator(**fields)


def same_number(a: float | None, b: float | None) -> bool:
    both_nan = a is not None and b is not None and math.isnan(a) and math.isnan(b)
    return both_nan or a == b


@given(ind=any_indicator(), year=years)
def test_functions_never_raise_on_a_valid_indicator(ind: Indicator, year: int) -> None:
    row = evaluate(ind, year)
    assert row.attainment == attainment(ind, year)
    assert row.trend == trend(ind, year)
    assert row.assessment == assessment(ind, year)
    assert same_number(row.expected, expected_value(ind, year))
    assert attainment(ind) in {"met", "partly", "not_met", "no_data"}
    assert trend(ind) in {"better", "unchanged", "worse", "no_data"}


@given(
    start=st.floats(min_value=0, max_value=1e9),
    pct=st.floats(min_value=-100, max_value=0),
    base_year=st.integers(min_value=1900, max_value=2100),
    mode=st.sampled_from(["compound", "linear"]),
    unit=st.sampled_from([None, "count", "percent", "rate"]),
)
def test_a_decrease_never_expects_more_later(
    start: float, pct: float, base_year: int, mode: str, unit: str | None
) -> None:
    ind = indicator(
        unit=unit,
        baseline={"year": base_year, "value": start},
        target={"change_pct_per_year": pct, "mode": mode},
    )
    path = [expected_value(ind, y) for y in range(base_year, base_year + 100)]
    known = [v for v in path if v is not None]
    assert len(known) == len(path)
    assert all(v >= 0 for v in known)
    assert all(a >= b for a, b in itertools.pairwise(known))


@pytest.mark.parametrize(
    ("way", "target", "contradicts"),
    [
        ("increase", {"change_pct_per_year": -10}, True),
        ("decrease", {"factor": 2, "relative_to": "baseline"}, True),
        ("increase", {"value": 50, "year": 2024}, True),
        ("decrease", {"change_pct_per_year": -10}, False),
        ("increase", {"value": 70, "year": 2024}, False),
        (None, {"change_pct_per_year": -10}, False),
    ],
)
def test_a_direction_against_the_target_is_seen(
    way: str | None, target: dict[str, Any], contradicts: bool
) -> None:
    ind = indicator(direction=way, baseline={"year": 2020, "value": 60}, target=target)
    assert contradicts_target(ind) is contradicts


def test_a_worsening_value_is_not_met_when_direction_and_target_disagree() -> None:
    """Trygghet should go up, the target says -10 % a year: 48 % is on the target's path,
    but worse than the baseline. It is not judged (validate warns, R020); its trend is worse."""
    ind = indicator(
        unit="percent",
        direction="increase",
        baseline={"year": 2020, "value": 60},
        target={"change_pct_per_year": -10},
        values=values((2022, 48)),
    )
    assert attainment(ind) == "no_data" and assessment(ind) is None
    assert trend(ind) == "worse"
