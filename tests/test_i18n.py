"""Report wording: both languages complete, Swedish dates, numbers and rhythms."""

from __future__ import annotations

import datetime as dt

import pytest

from samplan.i18n import (
    MINUS,
    NBSP,
    SYMBOLS,
    TEXTS,
    VOCABULARY,
    capfirst,
    format_date,
    format_date_range,
    format_number,
    format_value,
    join_words,
    language,
    period_name,
    repeat_text,
    target_text,
    text,
    word,
)
from samplan.model import (
    RepeatEveryMonths,
    RepeatEveryYears,
    RepeatMonths,
    RepeatPerYear,
    RepeatWeekdays,
    TargetChange,
    TargetFactor,
    TargetValue,
)
from samplan.periods import parse_period, period_from_range


def test_both_languages_have_the_same_labels() -> None:
    assert TEXTS["sv"].keys() == TEXTS["en"].keys()
    for vocabulary, words in VOCABULARY["sv"].items():
        assert words.keys() == VOCABULARY["en"][vocabulary].keys(), vocabulary


def test_every_status_and_judgement_has_a_symbol() -> None:
    for vocabulary in ("status", "light", "attainment", "trend"):
        for code in VOCABULARY["sv"][vocabulary]:
            assert SYMBOLS[code].strip(), code


def test_swedish_status_labels_are_the_specs() -> None:
    assert VOCABULARY["sv"]["status"] == {
        "planned": "ej påbörjad",
        "ongoing": "pågår",
        "done": "genomförd",
        "cancelled": "avbruten",
        "paused": "vilande",
        "overdue": "försenad",
    }
    assert word("en", "status", "planned") == "not started"


def test_language_defaults_to_swedish() -> None:
    assert [language(v) for v in (None, "sv", "en", "de")] == ["sv", "sv", "en", "sv"]


def test_text_fills_placeholders() -> None:
    assert text("sv", "due_by", date="1 mars 2026") == "senast 1 mars 2026"
    assert text("en", "summary") == "Summary"


def test_dates() -> None:
    day = dt.date(2026, 11, 22)
    assert format_date(day, "sv") == "22 november 2026"
    assert format_date(day, "en") == "22 November 2026"
    assert format_date(dt.date(2026, 3, 1), "sv") == "1 mars 2026"
    assert (
        format_date_range(dt.date(2026, 9, 1), dt.date(2026, 12, 31), "sv")
        == "1 september–31 december 2026"
    )
    assert (
        format_date_range(dt.date(2026, 12, 1), dt.date(2027, 1, 31), "en")
        == "1 December 2026–31 January 2027"
    )


@pytest.mark.parametrize(
    ("value", "sv", "en"),
    [
        (27, "27", "27"),
        (26.5, "26,5", "26.5"),
        (20.4425, "20,4", "20.4"),
        (1234.5, f"1{NBSP}234,5", "1,234.5"),
        (1234567, f"1{NBSP}234{NBSP}567", "1,234,567"),
        (-3, f"{MINUS}3", "-3"),
        (-0.04, "0", "0"),
        (0, "0", "0"),
        (float("nan"), "–", "–"),
    ],
)
def test_numbers(value: float, sv: str, en: str) -> None:
    assert format_number(value, "sv") == sv
    assert format_number(value, "en") == en


def test_values_in_their_units() -> None:
    assert format_value(27, "percent", "sv") == f"27{NBSP}%"
    assert format_value(27, "percent", "en") == "27%"
    assert format_value(1, "yes_no", "sv") == "ja"
    assert format_value(0, "yes_no", "en") == "no"
    assert format_value(457, "count", "sv") == "457"
    assert format_value(3.26, "rate", "sv") == "3,3"


def test_period_names() -> None:
    assert period_name(parse_period("2026T3"), "sv") == "tertial 3 2026"
    assert period_name(parse_period("2026Q2"), "sv") == "kvartal 2 2026"
    assert period_name(parse_period("2026H1"), "sv") == "första halvåret 2026"
    assert period_name(parse_period("2026H2"), "en") == "the second half of 2026"
    assert period_name(parse_period("2026"), "sv") == "2026"
    assert period_name(parse_period("2026Q2"), "en") == "quarter 2 2026"
    ranged = period_from_range(dt.date(2026, 3, 1), dt.date(2026, 5, 15))
    assert period_name(ranged, "sv") == "1 mars–15 maj 2026"
    school = period_from_range(dt.date(2025, 8, 1), dt.date(2026, 6, 30))
    assert period_name(school, "sv") == "läsåret 2025/26"
    assert period_name(school, "en") == "the school year 2025/26"


def test_join_words() -> None:
    assert join_words([], "sv") == ""
    assert join_words(["a"], "sv") == "a"
    assert join_words(["a", "b", "c"], "sv") == "a, b och c"
    assert join_words(["a", "b"], "en") == "a and b"


@pytest.mark.parametrize(
    ("rule", "sv", "en"),
    [
        ("continuous", "löpande", "continuous"),
        (RepeatPerYear(per_year=1), "1 gång per år", "once a year"),
        (RepeatPerYear(per_year=4), "4 gånger per år", "4 times a year"),
        (
            RepeatMonths(months=[9, 3]),
            "i mars och september varje år",
            "in March and September every year",
        ),
        (RepeatEveryMonths(every_months=1), "varje månad", "every month"),
        (RepeatEveryMonths(every_months=2), "varannan månad", "every 2 months"),
        (RepeatEveryMonths(every_months=3), "var tredje månad", "every 3 months"),
        (RepeatEveryMonths(every_months=9), "var 9:e månad", "every 9 months"),
        (
            RepeatEveryYears(every_years=3, from_=2014),
            "vart tredje år från 2014",
            "every 3 years from 2014",
        ),
        (
            RepeatEveryYears(every_years=2, from_=2014),
            "vartannat år från 2014",
            "every 2 years from 2014",
        ),
        (
            RepeatWeekdays(weekdays=["fri", "sat"]),
            "varje fredag och lördag",
            "every Friday and Saturday",
        ),
        (
            RepeatEveryMonths(every_months=1, except_months=[7, 6]),
            "varje månad, uppehåll i juni och juli",
            "every month, except in June and July",
        ),
    ],
)
def test_repeat_rules_in_words(rule: object, sv: str, en: str) -> None:
    assert repeat_text(rule, "sv") == sv
    assert repeat_text(rule, "en") == en


def test_targets_in_words() -> None:
    assert target_text(TargetValue(value=22, year=2027), "percent", "sv") == f"22{NBSP}% år 2027"
    assert target_text(TargetValue(value=1, year=2014), "yes_no", "en") == "yes in 2014"
    compound = TargetChange(change_pct_per_year=-5, mode="compound")
    assert target_text(compound, "count", "sv") == f"minska med 5{NBSP}% per år (ackumulerat)"
    linear = TargetChange(change_pct_per_year=10, mode="linear")
    assert target_text(linear, "count", "en") == "increase by 10% of the baseline a year"
    factor = TargetFactor(factor=4, relative_to="previous_year")
    assert target_text(factor, "count", "sv") == "4 gånger föregående års värde"
    assert target_text(None, "count", "sv") == ""


def test_capfirst() -> None:
    assert capfirst("ej påbörjad") == "Ej påbörjad"
    assert capfirst("") == ""
