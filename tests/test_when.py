"""Reading Swedish "När" texts: every timing phrase of the seed documents, the spec's
examples, what is not a year, year-less texts and garbage (samplan.when)."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samplan.model import (
    RepeatEveryMonths,
    RepeatEveryYears,
    RepeatMonths,
    RepeatPerYear,
    RepeatRule,
    RepeatWeekdays,
)
from samplan.when import Timing, read_when, stated_count

DOCS = Path(__file__).resolve().parent.parent / "docs" / "when.md"
D = dt.date.fromisoformat

# Plan periods of the seed documents, and two for year-less texts.
HARNOSAND = (D("2012-01-01"), D("2013-12-31"))
LJUSDAL = (D("2014-01-01"), D("2014-12-31"))
LANDSKRONA = (D("2018-01-01"), D("2019-12-31"))
YEAR_2018 = (D("2018-01-01"), D("2018-12-31"))
SCHOOL_YEAR = (D("2018-07-01"), D("2019-06-30"))
YEAR_2019 = (D("2019-01-01"), D("2019-12-31"))
YEAR_2020 = (D("2020-01-01"), D("2020-12-31"))
Period = tuple[dt.date | None, dt.date | None]
NO_PERIOD: Period = (None, None)


def deadline(
    start: str | None, due: str, form: str, count: int | None = None
) -> tuple[object, ...]:
    return ("deadline", start and D(start), D(due), None, form, count)


def recurring(
    rule: RepeatRule,
    form: str,
    start: str | None = None,
    due: str | None = None,
    count: int | None = None,
) -> tuple[object, ...]:
    return ("recurring", start and D(start), due and D(due), rule, form, count)


def continuous(form: str = "continuous", start: str | None = None) -> tuple[object, ...]:
    return ("continuous", start and D(start), None, "continuous", form, None)


def weekdays(*days: str, except_months: list[int] | None = None) -> tuple[object, ...]:
    rule = RepeatWeekdays(weekdays=list(days), except_months=except_months or [])
    return ("continuous", None, None, rule, "weekdays", None)


def undated(form: str = "", count: int | None = None) -> tuple[object, ...]:
    return ("undated", None, None, None, form, count)


def per_year(n: int, start: str | None = None, due: str | None = None) -> tuple[object, ...]:
    return recurring(RepeatPerYear(per_year=n), "per_year", start, due)


def every_months(
    n: int,
    except_months: list[int] | None = None,
    start: str | None = None,
    due: str | None = None,
    count: int | None = None,
) -> tuple[object, ...]:
    rule = RepeatEveryMonths(every_months=n, except_months=except_months or [])
    return recurring(rule, "every_months", start, due, count)


def months(*numbers: int) -> tuple[object, ...]:
    return recurring(RepeatMonths(months=list(numbers)), "months")


def fields(timing: Timing) -> tuple[object, ...]:
    return (timing.kind, timing.start, timing.due, timing.repeat, timing.form, timing.count)


def check(text: str, period: Period, expected: tuple[object, ...]) -> None:
    timing = read_when(text, *period)
    assert timing.text == text
    assert fields(timing) == expected


# --- the seed documents ------------------------------------------------------------------

# Härnösand 2012-2013 (001): the När column of the action plan, then the prose.
HARNOSAND_CASES = [
    ("Under 2012", deadline("2012-01-01", "2012-12-31", "year")),
    ("Under höstterminen 2012", deadline("2012-08-01", "2012-12-31", "season")),
    ("Under helgkvällar/nätter", weekdays("fri", "sat")),
    ("Under öppettider", continuous()),
    ("Kontinuerligt varje fredag och lördag", weekdays("fri", "sat")),
    ("Kontinuerligt", continuous()),
    ("Under hösten 2012", deadline("2012-09-01", "2012-12-31", "season")),
    ("2012", deadline("2012-01-01", "2012-12-31", "year")),
    ("2 gånger/år samt vid remissförfarande", per_year(2)),
    ("Uppföljning månadsvis", every_months(1)),
    ("Under projektiden", undated("project")),
    ("Under våren 2012 har referensgruppen", deadline("2012-03-01", "2012-06-30", "season")),
    ("Överenskommelsen gäller för 2012 och 2013", deadline("2012-01-01", "2013-12-31", "years")),
    ("Handlingsplan för 2012-2013", deadline("2012-01-01", "2013-12-31", "years")),
    ("En översyn och revidering av handlingsplanen görs årligen", per_year(1)),
    ("Två gånger årligen görs en avstämning", per_year(2)),
    ("utvärdering sker minst en gång om året", per_year(1)),
    (
        "misshandelsbrotten minskat i Härnösand under 2011",
        deadline("2011-01-01", "2011-12-31", "year"),
    ),
    (
        "I januari 2008 presenterade Rikspolisstyrelsen",
        deadline("2008-01-01", "2008-01-31", "month"),
    ),
    ("Härnösand den 2010-12-22", deadline("2010-12-22", "2010-12-22", "date")),
    ("ska vara återkommande i en kontinuerlig process", continuous()),
    ("träffas regelbundet", continuous()),
    ("överenskommelse inför verksamhetsåret", undated()),
    ("uppdraget är tidsbestämt till 24 mån", undated()),
    ("Utbildningsdagar för åk 6 och information till föräldrar", undated()),
]

# Ljusdal 2014 (000).
LJUSDAL_CASES = [
    ("Ljusdals kommun 2014", deadline("2014-01-01", "2014-12-31", "year")),
    ("Styrgruppen träffas vid behov men minst tre gånger om året", per_year(3)),
    (
        "En återkommande uppföljning ska ske under april, augusti och december månad.",
        recurring(RepeatMonths(months=[4, 8, 12]), "months"),
    ),
    ("Uppföljningen ska årligen redovisas i berörd nämnd.", per_year(1)),
    ("Utföra fyra gemensamma tillsynsbesök per år av kommunens krogar", per_year(4)),
    ("Delta i styrgruppen för kvinnofrid 2 ggr/år", per_year(2)),
    ("Sammankalla nätverket, Skyddsnätet 4ggr/år*", per_year(4)),
    ("Kontinuerligt informera skolor och Polisen om droger", continuous()),
    ("anses inte behöva genomföras varje år", per_year(1)),
    ("Vid behov kontaktas socialtjänsten omedelbart.", undated("as_needed")),
    ("indikatorer väljas ut inför den kommande uppföljningen", undated()),
    ("bland elever i årskurs 8 och årskurs 2 på gymnasiet", undated()),
]

# Landskrona 2018-2019 annexes (004).
LANDSKRONA_CASES = [
    ("Under 2018/19 kommer Polisen", deadline("2018-01-01", "2019-12-31", "years")),
    ("Bilagor till överenskommelse 2018/2019", deadline("2018-01-01", "2019-12-31", "years")),
    ("återkopplar sina förslag i aug 2018", deadline("2018-08-01", "2018-08-31", "month")),
    ("Under vår och försommar genomförs medborgardialogen", undated("no_year")),
    ("analyseras i augusti månad", undated("no_year")),
    ("läggs fram för beslut under senhösten", undated("no_year")),
    (
        "Under inledningen av första kvartalet 2018 genomförs en digital trygghetsvandring",
        deadline("2018-01-01", "2018-01-31", "early"),
    ),
    ("Under första kvartalet genomförs även", undated("no_year")),
    ("genomförs under första kvartalet 2018", deadline("2018-01-01", "2018-03-31", "quarter")),
    (
        "genomförs från första kvartalet 2018 särskilda underhållsåtgärder",
        continuous("from", "2018-01-01"),
    ),
    (
        "Instagramvecka-/or i slutet av 2018 och under 2019",
        deadline("2018-10-01", "2019-12-31", "range"),
    ),
    ("Under inledningen av 2019 genomförs", deadline("2019-01-01", "2019-03-31", "early")),
    ("Under 2018 och 2019 ska samarbetet", deadline("2018-01-01", "2019-12-31", "years")),
    (
        "besöka sin skola minst en gång i månaden (ej juni, juli och augusti)",
        every_months(1, [6, 7, 8]),
    ),
    ("Under 2018 kommer arbetet", deadline("2018-01-01", "2018-12-31", "year")),
    ("som bildades under 2017", deadline("2017-01-01", "2017-12-31", "year")),
    (
        # the summer break leaves out June-August; jul/nyår is no whole month
        "Grupperna träffas en gång per månad, med uppehåll under sommaren och jul/nyår",
        every_months(1, [6, 7, 8]),
    ),
    ("följs upp tre gånger per år", per_year(3)),
    ("en gemensam träff årligen", per_year(1)),
    ("görs en kartläggning under tidig vår 2018", deadline("2018-03-01", "2018-06-30", "season")),
    (
        "presenteras för Brottsförebyggande rådet i mars 2018",
        deadline("2018-03-01", "2018-03-31", "month"),
    ),
    (
        "En pilotskola för arbetet utses i början av 2018.",
        deadline("2018-01-01", "2018-03-31", "early"),
    ),
    (
        "handlinsplan som i nuläget omfattar åren fram t.o.m. 2020",
        deadline("2020-01-01", "2020-12-31", "year"),
    ),
    (
        "påbörjade under 2017 fortsätta att utvecklas under 2018/19",
        deadline("2017-01-01", "2019-12-31", "years"),
    ),
    ("Sedan 2009 pågår ett myndighetsövergripande samarbete", continuous(start="2009-01-01")),
    ("den arbetsgrupp som tillsattes 2016", deadline("2016-01-01", "2016-12-31", "year")),
    ("Under våren bildas en arbetsgrupp", undated("no_year")),
    ("sker under hösten 2018", deadline("2018-09-01", "2018-12-31", "season")),
    ("Arbetet utvärderas hösten 2019.", deadline("2019-09-01", "2019-12-31", "season")),
    ("sammanställs i en aktivitetsplan som årligen tas fram", per_year(1)),
    ("medborgarlöfte 2019", deadline("2019-01-01", "2019-12-31", "year")),
    ("ytterligare aktörer vid behov", undated("as_needed")),
    ("primärt unga mellan 16-20år", undated()),
    ("narkotikabrukare i ålder 15-25år", undated()),
    ("barn i 8-13 års ålder", undated()),
    ("pilotprojekt på Seminarieskolan i åk fem", undated()),
    ("kontaktpoliser på fem till åtta förutbestämda skolor", undated()),
]


@pytest.mark.parametrize(("text", "expected"), HARNOSAND_CASES)
def test_harnosand(text: str, expected: tuple[object, ...]) -> None:
    check(text, HARNOSAND, expected)


@pytest.mark.parametrize(("text", "expected"), LJUSDAL_CASES)
def test_ljusdal(text: str, expected: tuple[object, ...]) -> None:
    check(text, LJUSDAL, expected)


@pytest.mark.parametrize(("text", "expected"), LANDSKRONA_CASES)
def test_landskrona(text: str, expected: tuple[object, ...]) -> None:
    check(text, LANDSKRONA, expected)


# --- the brief's and the spec's examples, and the extensions ----------------------------

EXAMPLES: list[tuple[str, Period, tuple[object, ...]]] = [
    ("Under året 2012", NO_PERIOD, deadline("2012-01-01", "2012-12-31", "year")),
    ("hösten 2019", NO_PERIOD, deadline("2019-09-01", "2019-12-31", "season")),
    ("Under våren 2018", NO_PERIOD, deadline("2018-03-01", "2018-06-30", "season")),
    ("vårterminen", YEAR_2018, deadline("2018-01-01", "2018-06-30", "season")),
    ("Under vår och försommar", YEAR_2018, deadline("2018-03-01", "2018-06-30", "range")),
    ("under senhösten", YEAR_2018, deadline("2018-10-01", "2018-12-31", "season")),
    ("i augusti månad", YEAR_2018, deadline("2018-08-01", "2018-08-31", "month")),
    ("Under första kvartalet", YEAR_2018, deadline("2018-01-01", "2018-03-31", "quarter")),
    ("första kvartalet 2018", NO_PERIOD, deadline("2018-01-01", "2018-03-31", "quarter")),
    ("andra kvartalet 2018", NO_PERIOD, deadline("2018-04-01", "2018-06-30", "quarter")),
    ("tredje kvartalet 2018", NO_PERIOD, deadline("2018-07-01", "2018-09-30", "quarter")),
    ("fjärde kvartalet 2018", NO_PERIOD, deadline("2018-10-01", "2018-12-31", "quarter")),
    ("sista kvartalet 2018", NO_PERIOD, deadline("2018-10-01", "2018-12-31", "quarter")),
    ("i slutet av 2018", NO_PERIOD, deadline("2018-10-01", "2018-12-31", "late")),
    ("senast den 1 december 2011", NO_PERIOD, deadline("2011-12-01", "2011-12-01", "date")),
    (
        "senast 1 december",
        (D("2011-01-01"), D("2011-12-31")),
        deadline("2011-12-01", "2011-12-01", "date"),
    ),
    ("senast 1 december", HARNOSAND, undated("no_year")),
    ("senast 2026-03-31", NO_PERIOD, deadline("2026-03-31", "2026-03-31", "date")),
    ("inför år 2012", NO_PERIOD, deadline(None, "2011-12-31", "before")),
    ("2018–2019", NO_PERIOD, deadline("2018-01-01", "2019-12-31", "years")),
    ("2018—2019", NO_PERIOD, deadline("2018-01-01", "2019-12-31", "years")),
    ("Under 2018, senast 2018-03-31", NO_PERIOD, deadline("2018-01-01", "2018-03-31", "date")),
    ("2 gånger/år", NO_PERIOD, per_year(2)),
    ("2 ggr/år", NO_PERIOD, per_year(2)),
    ("4ggr/år", NO_PERIOD, per_year(4)),
    ("fyra gånger per år", NO_PERIOD, per_year(4)),
    ("minst tre gånger om året", NO_PERIOD, per_year(3)),
    ("årligen", NO_PERIOD, per_year(1)),
    ("en gång om året", NO_PERIOD, per_year(1)),
    ("varje år", NO_PERIOD, per_year(1)),
    ("varje månad", NO_PERIOD, every_months(1)),
    ("en gång i månaden (ej juni, juli och augusti)", NO_PERIOD, every_months(1, [6, 7, 8])),
    ("kvartalsvis", NO_PERIOD, every_months(3)),
    (
        "under april, augusti och december månad",
        NO_PERIOD,
        recurring(RepeatMonths(months=[4, 8, 12]), "months"),
    ),
    (
        "vart tredje år",
        HARNOSAND,
        recurring(RepeatEveryYears(every_years=3, from_=2012), "every_years"),
    ),
    (
        "från 2014 vart tredje år",
        HARNOSAND,
        recurring(RepeatEveryYears(every_years=3, from_=2014), "every_years", "2014-01-01"),
    ),
    (
        "nästa trygghetsmätning 2014 och därefter vart tredje år",
        NO_PERIOD,
        recurring(RepeatEveryYears(every_years=3, from_=2014), "every_years", "2014-01-01"),
    ),
    ("vart tredje år", NO_PERIOD, undated()),
    ("varje vecka", NO_PERIOD, continuous()),
    ("Löpande", NO_PERIOD, continuous()),
    ("Fortlöpande", NO_PERIOD, continuous()),
    ("Pågående", NO_PERIOD, continuous()),
    ("fredagar och lördagar", NO_PERIOD, weekdays("fri", "sat")),
    ("helger", NO_PERIOD, weekdays("fri", "sat", "sun")),
    ("vardagar", NO_PERIOD, weekdays("mon", "tue", "wed", "thu", "fri")),
    ("fredag–måndag", NO_PERIOD, weekdays("mon", "fri", "sat", "sun")),
    ("varje fredag utom juli", NO_PERIOD, weekdays("fri", except_months=[7])),
    ("helgdagar", NO_PERIOD, undated()),
    ("fredagen den 1 december 2017", NO_PERIOD, deadline("2017-12-01", "2017-12-01", "date")),
    ("Kontinuerligt under 2018", NO_PERIOD, continuous(start="2018-01-01")),
    ("Under projekttiden", NO_PERIOD, undated("project")),
    ("vid behov", NO_PERIOD, undated("as_needed")),
    # numbers in words
    ("ett möte per månad", NO_PERIOD, every_months(1)),
    ("fem gånger per år", NO_PERIOD, per_year(5)),
    ("sex gånger per år", NO_PERIOD, per_year(6)),
    ("sju gånger per år", NO_PERIOD, per_year(7)),
    ("åtta gånger per år", NO_PERIOD, per_year(8)),
    ("nio gånger per år", NO_PERIOD, per_year(9)),
    ("tio gånger per år", NO_PERIOD, per_year(10)),
    ("tolv gånger per år", NO_PERIOD, per_year(12)),
    # N times per term, month or school year: N units in each window of that length
    ("två gånger per termin", NO_PERIOD, every_months(6, count=2)),
    ("2 gånger per månad", NO_PERIOD, every_months(1, count=2)),
    ("en gång per termin", NO_PERIOD, every_months(6)),
    ("varannan månad", NO_PERIOD, every_months(2)),
    ("var 3:e månad", NO_PERIOD, every_months(3)),
    ("halvårsvis", NO_PERIOD, every_months(6)),
    (
        "vartannat år",
        LJUSDAL,
        recurring(RepeatEveryYears(every_years=2, from_=2014), "every_years"),
    ),
    ("varannan vecka", NO_PERIOD, continuous()),
    ("0 gånger per år", NO_PERIOD, undated()),
    ("1000 gånger per år", NO_PERIOD, undated()),
    # tolerance: case, spaces, punctuation, t.o.m. / tom / fr.o.m.
    ("UNDER HÖSTEN 2012", NO_PERIOD, deadline("2012-09-01", "2012-12-31", "season")),
    ("  Under    2012 .", NO_PERIOD, deadline("2012-01-01", "2012-12-31", "year")),
    ("tom 2020", NO_PERIOD, deadline("2020-01-01", "2020-12-31", "year")),
    ("fr.o.m. 2018 t.o.m. 2020", NO_PERIOD, deadline("2018-01-01", "2020-12-31", "range")),
    ("Under\u00a0hösten\u00a02012", NO_PERIOD, deadline("2012-09-01", "2012-12-31", "season")),
    ("Under ho\u0308sten 2012", NO_PERIOD, deadline("2012-09-01", "2012-12-31", "season")),
    # extensions
    ("ht18", NO_PERIOD, deadline("2018-08-01", "2018-12-31", "season")),
    ("VT 2019", NO_PERIOD, deadline("2019-01-01", "2019-06-30", "season")),
    ("HT2018", NO_PERIOD, deadline("2018-08-01", "2018-12-31", "season")),
    ("vt-19", NO_PERIOD, deadline("2019-01-01", "2019-06-30", "season")),
    ("Q3 2018", NO_PERIOD, deadline("2018-07-01", "2018-09-30", "quarter")),
    ("kv 4 2018", NO_PERIOD, deadline("2018-10-01", "2018-12-31", "quarter")),
    ("andra tertialet 2018", NO_PERIOD, deadline("2018-05-01", "2018-08-31", "tertial")),
    ("andra halvåret 2018", NO_PERIOD, deadline("2018-07-01", "2018-12-31", "half_year")),
    ("vecka 12 2018", NO_PERIOD, deadline("2018-03-19", "2018-03-25", "week")),
    ("v. 1 2019", NO_PERIOD, deadline("2018-12-31", "2019-01-06", "week")),
    ("i mitten av 2018", NO_PERIOD, deadline("2018-04-01", "2018-09-30", "mid")),
    ("i slutet av hösten 2018", NO_PERIOD, deadline("2018-12-01", "2018-12-31", "late")),
    ("i början av mars 2018", NO_PERIOD, deadline("2018-03-01", "2018-03-31", "early")),
    ("före den 1 mars 2018", NO_PERIOD, deadline(None, "2018-02-28", "before")),
    ("inför sommaren", YEAR_2018, deadline(None, "2018-05-31", "before")),
    ("april och maj 2018", NO_PERIOD, deadline("2018-04-01", "2018-05-31", "range")),
    ("hösten 2018–våren 2019", NO_PERIOD, deadline("2018-09-01", "2019-06-30", "range")),
    ("1:a december 2018", NO_PERIOD, deadline("2018-12-01", "2018-12-01", "date")),
    ("Under året", YEAR_2018, deadline("2018-01-01", "2018-12-31", "year")),
]


@pytest.mark.parametrize(("text", "period", "expected"), EXAMPLES)
def test_examples(text: str, period: Period, expected: tuple[object, ...]) -> None:
    check(text, period, expected)


# --- what is not a date ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "15-18 år",
        "16-20år",
        "8-13 års ålder",
        "åk 6",
        "årskurs 8",
        "24 mån",
        "ett år efter att stödinsatserna påbörjats",
        "2000 kr",
        "2050 personer",
        "i år",
        "nästa år",
        "1/2 dag",
        "3/4 av skolorna",
        "vintern 2018",
        "30 februari 2018",
        "vecka 53 2018",
        "2018-02-30",
        "1989",
        "2101",
        "12345",
    ],
)
def test_not_a_date(text: str) -> None:
    assert fields(read_when(text, *HARNOSAND)) == undated()


def test_a_reference_number_suffix_is_not_a_second_year() -> None:
    check("dnr 2018/12", NO_PERIOD, deadline("2018-01-01", "2018-12-31", "year"))


# --- texts without a year ----------------------------------------------------------------

YEARLESS: list[tuple[str, Period, tuple[object, ...]]] = [
    ("Under våren", YEAR_2018, deadline("2018-03-01", "2018-06-30", "season")),
    ("Under våren", LANDSKRONA, undated("no_year")),
    ("Under våren", (D("2018-01-01"), None), undated("no_year")),
    ("Under våren", NO_PERIOD, undated("no_year")),
    ("Under hösten", SCHOOL_YEAR, deadline("2018-09-01", "2018-12-31", "season")),
    ("i mars", SCHOOL_YEAR, deadline("2019-03-01", "2019-03-31", "month")),
    ("Under året", SCHOOL_YEAR, undated("no_year")),
    (
        "i slutet av året",
        (D("2018-03-01"), D("2019-02-28")),
        deadline("2018-10-01", "2018-12-31", "late"),
    ),
    ("vecka 12", YEAR_2018, deadline("2018-03-19", "2018-03-25", "week")),
    ("i slutet av 2018 och under våren", LANDSKRONA, undated("no_year")),
    ("vintern", YEAR_2018, undated("no_year")),
    ("Löpande under våren", LANDSKRONA, continuous()),
    ("2 ggr/år under våren", LANDSKRONA, per_year(2)),
    (
        "vart tredje år",
        (D("2015-05-01"), None),
        recurring(RepeatEveryYears(every_years=3, from_=2015), "every_years"),
    ),
]


@pytest.mark.parametrize(("text", "period", "expected"), YEARLESS)
def test_year_from_the_plan_period(text: str, period: Period, expected: tuple[object, ...]) -> None:
    check(text, period, expected)


# --- windows that were widened to the whole year (issue 10) --------------------------------

PLAN_2019_20 = (D("2019-07-01"), D("2020-06-30"))
SCHOOL_2019_20 = ("2019-08-01", "2020-06-30")

WINDOWS: list[tuple[str, Period, tuple[object, ...]]] = [
    # tertials: the municipal reporting period
    ("T2 2020", NO_PERIOD, deadline("2020-05-01", "2020-08-31", "tertial")),
    ("T2", YEAR_2020, deadline("2020-05-01", "2020-08-31", "tertial")),
    ("t1 2020", NO_PERIOD, deadline("2020-01-01", "2020-04-30", "tertial")),
    ("tertial 2", YEAR_2020, deadline("2020-05-01", "2020-08-31", "tertial")),
    ("tertial 2", LANDSKRONA, undated("no_year")),
    ("Tertial 3 2020", NO_PERIOD, deadline("2020-09-01", "2020-12-31", "tertial")),
    ("tertial två", YEAR_2020, deadline("2020-05-01", "2020-08-31", "tertial")),
    ("andra tertialet", YEAR_2020, deadline("2020-05-01", "2020-08-31", "tertial")),
    ("2:a tertialet 2020", NO_PERIOD, deadline("2020-05-01", "2020-08-31", "tertial")),
    ("2019T3", NO_PERIOD, deadline("2019-09-01", "2019-12-31", "tertial")),
    ("T4 2020", NO_PERIOD, undated()),  # a year has three tertials
    # quarters and half-years
    ("kvartal 3 2020", NO_PERIOD, deadline("2020-07-01", "2020-09-30", "quarter")),
    ("kvartal tre 2020", NO_PERIOD, deadline("2020-07-01", "2020-09-30", "quarter")),
    ("Q3", YEAR_2020, deadline("2020-07-01", "2020-09-30", "quarter")),
    ("2019-Q4", NO_PERIOD, deadline("2019-10-01", "2019-12-31", "quarter")),
    ("Q4 2019 – Q1 2020", NO_PERIOD, deadline("2019-10-01", "2020-03-31", "range")),
    ("halvår 1 2020", NO_PERIOD, deadline("2020-01-01", "2020-06-30", "half_year")),
    ("H2 2020", NO_PERIOD, deadline("2020-07-01", "2020-12-31", "half_year")),
    ("2019H2", NO_PERIOD, deadline("2019-07-01", "2019-12-31", "half_year")),
    # weeks
    ("vecka 12–14 2020", NO_PERIOD, deadline("2020-03-16", "2020-04-05", "week")),
    ("vecka 12-14 2020", NO_PERIOD, deadline("2020-03-16", "2020-04-05", "week")),
    ("vecka 12-14", YEAR_2020, deadline("2020-03-16", "2020-04-05", "week")),
    ("v. 12", YEAR_2020, deadline("2020-03-16", "2020-03-22", "week")),
    ("v.12–v.14 2020", NO_PERIOD, deadline("2020-03-16", "2020-04-05", "week")),
    ("veckorna 12–14 2020", NO_PERIOD, deadline("2020-03-16", "2020-04-05", "week")),
    ("vecka 50–2 2021", NO_PERIOD, deadline("2020-12-07", "2021-01-17", "week")),
    ("vecka 12 - 2020", NO_PERIOD, deadline("2020-03-16", "2020-03-22", "week")),
    # the school year and its terms
    ("Under läsåret 2019/20", NO_PERIOD, deadline(*SCHOOL_2019_20, "school_year")),
    ("läsåret 2019/2020", NO_PERIOD, deadline(*SCHOOL_2019_20, "school_year")),
    ("läsåret 2019-2020", NO_PERIOD, deadline(*SCHOOL_2019_20, "school_year")),
    ("läsår 19/20", NO_PERIOD, deadline(*SCHOOL_2019_20, "school_year")),
    ("under skolåret 2019/20", NO_PERIOD, deadline(*SCHOOL_2019_20, "school_year")),
    ("under läsåret", PLAN_2019_20, deadline(*SCHOOL_2019_20, "school_year")),
    ("under läsåret", YEAR_2020, undated("no_year")),  # 2019/20 or 2020/21
    ("ht 2019", NO_PERIOD, deadline("2019-08-01", "2019-12-31", "season")),
    ("vt 2020", NO_PERIOD, deadline("2020-01-01", "2020-06-30", "season")),
    ("ht 2019–vt 2020", NO_PERIOD, deadline(*SCHOOL_2019_20, "range")),
    # month ranges, also across the new year
    ("december–januari", PLAN_2019_20, deadline("2019-12-01", "2020-01-31", "range")),
    ("december-januari", PLAN_2019_20, deadline("2019-12-01", "2020-01-31", "range")),
    ("december–januari", YEAR_2020, undated("no_year")),  # Dec 2019 or Dec 2020?
    ("december–januari 2021", NO_PERIOD, deadline("2020-12-01", "2021-01-31", "range")),
    ("från december till januari", PLAN_2019_20, continuous("from", "2019-12-01")),
    ("december till januari", PLAN_2019_20, deadline("2019-12-01", "2020-01-31", "range")),
    ("jan–feb 2021", NO_PERIOD, deadline("2021-01-01", "2021-02-28", "range")),
    ("juni–augusti 2020", NO_PERIOD, deadline("2020-06-01", "2020-08-31", "range")),
    ("nov 2020–jan 2021", NO_PERIOD, deadline("2020-11-01", "2021-01-31", "range")),
    ("december 2020 – januari 2021", NO_PERIOD, deadline("2020-12-01", "2021-01-31", "range")),
    # summer
    ("under sommarperioden 2022", NO_PERIOD, deadline("2022-06-01", "2022-08-31", "season")),
    ("sommarmånaderna", YEAR_2020, deadline("2020-06-01", "2020-08-31", "season")),
    # halves, the turn of the year, a winter with its two years
    ("Under första halvan av 2020", NO_PERIOD, deadline("2020-01-01", "2020-06-30", "first_half")),
    ("senare halvan av året", YEAR_2020, deadline("2020-07-01", "2020-12-31", "second_half")),
    (
        "andra hälften av hösten 2020",
        NO_PERIOD,
        deadline("2020-11-01", "2020-12-31", "second_half"),
    ),
    ("Till årsskiftet 2019/2020", NO_PERIOD, deadline("2019-12-31", "2019-12-31", "turn_of_year")),
    ("vid årsskiftet", PLAN_2019_20, deadline("2019-12-31", "2019-12-31", "turn_of_year")),
    ("innan årsskiftet", YEAR_2020, deadline(None, "2020-12-31", "before")),
    ("Under året, senast vid årsskiftet", YEAR_2020, deadline("2020-01-01", "2020-12-31", "date")),
    ("vintern 2019/2020", NO_PERIOD, deadline("2019-12-01", "2020-02-29", "season")),
    ("vintern 2018–19", NO_PERIOD, deadline("2018-12-01", "2019-02-28", "season")),
    ("vintern 2019", NO_PERIOD, undated()),  # Jan–Feb 2019 or Dec 2019–Feb 2020?
    # day/month as tables write it, where a date can end
    ("Senast 30/6", YEAR_2020, deadline("2020-06-30", "2020-06-30", "date")),
    ("30/6 2020", NO_PERIOD, deadline("2020-06-30", "2020-06-30", "date")),
    ("senast 30/6-2020", NO_PERIOD, deadline("2020-06-30", "2020-06-30", "date")),
    ("före 1/3", YEAR_2020, deadline(None, "2020-02-29", "before")),
    ("1/12", HARNOSAND, undated("no_year")),
    ("Jour 24/7", YEAR_2020, continuous()),
    ("Under höstlovet", YEAR_2020, deadline("2020-10-26", "2020-11-01", "holiday")),
    ("höstlovet 2021", NO_PERIOD, deadline("2021-11-01", "2021-11-07", "holiday")),
    ("under sportlovet", YEAR_2020, deadline("2020-02-10", "2020-03-08", "holiday")),
    # a start is no deadline
    ("Start hösten 2020", NO_PERIOD, continuous("from", "2020-09-01")),
    ("Påbörjas hösten 2020", NO_PERIOD, continuous("from", "2020-09-01")),
    ("Startar i januari", YEAR_2020, continuous("from", "2020-01-01")),
    ("Månadsvis med start i mars 2020", NO_PERIOD, every_months(1, start="2020-03-01")),
    ("påbörjas och avslutas under 2020", NO_PERIOD, deadline("2020-01-01", "2020-12-31", "year")),
    ("i starten av 2020", NO_PERIOD, deadline("2020-01-01", "2020-03-31", "early")),
    # a window with an open end is work from then on
    ("Under 2020 och framåt", NO_PERIOD, continuous("from", "2020-01-01")),
    ("2019 och framöver", NO_PERIOD, continuous("from", "2019-01-01")),
    # the plan's own period
    ("under perioden", YEAR_2019, deadline("2019-01-01", "2019-12-31", "plan_period")),
    ("under avtalsperioden", LANDSKRONA, deadline("2018-01-01", "2019-12-31", "plan_period")),
    ("under perioden", (D("2018-01-01"), None), undated("no_year")),
    # ... as an agreement says it (W17)
    (
        "Under överenskommelsens giltighetstid",
        LANDSKRONA,
        deadline("2018-01-01", "2019-12-31", "plan_period"),
    ),
    (
        "under avtalets giltighetstid",
        LANDSKRONA,
        deadline("2018-01-01", "2019-12-31", "plan_period"),
    ),
    (
        "under överenskommelseperioden",
        LANDSKRONA,
        deadline("2018-01-01", "2019-12-31", "plan_period"),
    ),
    ("Under samverkansperioden", (D("2018-01-01"), None), undated("no_year")),
    # the year after a plan of one calendar year (W15)
    ("Senast 31/1 året efter", YEAR_2019, deadline("2020-01-31", "2020-01-31", "date")),
    ("senast 31 januari året efter", YEAR_2019, deadline("2020-01-31", "2020-01-31", "date")),
    ("Året efter", YEAR_2019, deadline("2020-01-01", "2020-12-31", "year_after")),
    ("Senast 31/1 året efter", LANDSKRONA, undated("no_year")),
    ("Senast 31/1 året efter", NO_PERIOD, undated("no_year")),
]


@pytest.mark.parametrize(("text", "period", "expected"), WINDOWS)
def test_windows(text: str, period: Period, expected: tuple[object, ...]) -> None:
    check(text, period, expected)


# --- texts of other kommuner: holidays, spreadsheet dates, school rhythms ---------------

YEAR_2025 = (D("2025-01-01"), D("2025-12-31"))
SCHOOL_2024 = (D("2024-08-01"), D("2025-06-30"))
YEARS_2024_2026 = (D("2024-01-01"), D("2026-12-31"))


def holiday(start: str, due: str | None = None) -> tuple[object, ...]:
    return deadline(start, due or start, "holiday")


OTHER_KOMMUNER: list[tuple[str, Period, tuple[object, ...]]] = [
    # holidays and school breaks, a year-less one in the plan's year
    ("Valborg 2025", NO_PERIOD, holiday("2025-04-30")),
    ("Valborgsmässoafton", YEAR_2025, holiday("2025-04-30")),
    ("Under valborgshelgen 2025", NO_PERIOD, holiday("2025-04-30")),
    ("Valborgsmässoafton", YEARS_2024_2026, undated("no_year")),
    ("Midsommar 2025", NO_PERIOD, holiday("2025-06-20")),
    ("Midsommarafton", YEAR_2020, holiday("2020-06-19")),
    ("Under midsommarhelgen", YEAR_2025, holiday("2025-06-20", "2025-06-22")),
    ("Nationaldagen", YEAR_2025, holiday("2025-06-06")),
    ("Lucia", SCHOOL_2024, holiday("2024-12-13")),
    ("Halloween", YEAR_2025, holiday("2025-10-31")),
    ("Nyårsafton 2025", NO_PERIOD, holiday("2025-12-31")),
    ("Skolavslutningen", YEAR_2025, holiday("2025-06-01", "2025-06-20")),
    ("Påsk 2025", NO_PERIOD, holiday("2025-04-17", "2025-04-21")),
    ("påsken 2008", NO_PERIOD, holiday("2008-03-20", "2008-03-24")),  # the earliest
    ("påsken 2038", NO_PERIOD, holiday("2038-04-22", "2038-04-26")),  # the latest
    ("Påsklovet", YEAR_2025, holiday("2025-04-07", "2025-04-27")),
    ("Sportlovet 2025", NO_PERIOD, holiday("2025-02-10", "2025-03-09")),
    ("Jullovet", SCHOOL_2024, holiday("2024-12-20", "2025-01-08")),
    ("Jullovet", YEAR_2025, undated("no_year")),  # Dec 2024 or Dec 2025?
    ("Jullovet 2025/26", NO_PERIOD, holiday("2025-12-20", "2026-01-08")),
    ("Under jul och nyår", SCHOOL_2024, holiday("2024-12-24", "2025-01-01")),
    ("Jul- och nyårshelgerna 2025", NO_PERIOD, holiday("2025-12-24", "2026-01-01")),
    ("Under julhelgen", YEAR_2025, holiday("2025-12-24", "2025-12-26")),
    ("jul 2025", NO_PERIOD, holiday("2025-12-24", "2025-12-26")),  # never July
    ("Före jul 2025", NO_PERIOD, deadline(None, "2025-12-23", "before")),
    ("Nyårshelgen 2025", NO_PERIOD, holiday("2025-12-31", "2026-01-01")),
    ("Efter nyår", SCHOOL_2024, continuous("from", "2025-01-02")),
    ("i juli", YEAR_2025, deadline("2025-07-01", "2025-07-31", "month")),
    # ... but after another month in a list it is July, as the other abbreviations
    ("Jan, apr, jul, okt", NO_PERIOD, months(1, 4, 7, 10)),
    ("jun-jul 2025", NO_PERIOD, deadline("2025-06-01", "2025-07-31", "range")),
    ("Månadsvis, ej jun, jul, aug", NO_PERIOD, every_months(1, [6, 7, 8])),
    # months followed by a year are windows of that year, however many
    ("april, maj, juni 2025", NO_PERIOD, deadline("2025-04-01", "2025-06-30", "range")),
    # the general election: the second Sunday of September (the third before 2014)
    ("Inför valet 2026", NO_PERIOD, deadline(None, "2026-09-12", "before")),
    ("Valdagen 2022", NO_PERIOD, holiday("2022-09-11")),
    ("riksdagsvalet 2010", NO_PERIOD, holiday("2010-09-19")),
    ("Inför valet", YEARS_2024_2026, deadline(None, "2026-09-12", "before")),
    ("Inför valet", YEAR_2025, undated("no_year")),
    ("valet 2025", NO_PERIOD, undated()),
    ("Efter valet 2026", NO_PERIOD, continuous("from", "2026-09-14")),
    # the municipal term of office
    ("Under mandatperioden", YEAR_2025, deadline("2023-01-01", "2026-12-31", "term_of_office")),
    ("mandatperioden 2019–2022", NO_PERIOD, deadline("2019-01-01", "2022-12-31", "range")),
    ("Under mandatperioden", (D("2022-01-01"), D("2023-12-31")), undated("no_year")),
    ("Två gånger per mandatperiod", NO_PERIOD, every_months(48, count=2)),
    # a break leaves a window out; whole months become except_months
    ("En gång i månaden, uppehåll under jul/nyår", YEAR_2025, every_months(1)),
    ("en gång i månaden, uppehåll under sommaren", YEAR_2025, every_months(1, [6, 7, 8])),
    ("Kontinuerligt, ej under sommaren", YEAR_2025, continuous()),
    # spreadsheet dates
    ("2025-03", NO_PERIOD, deadline("2025-03-01", "2025-03-31", "month")),
    ("2024-08 – 2025-06", NO_PERIOD, deadline("2024-08-01", "2025-06-30", "range")),
    ("2011-12", NO_PERIOD, deadline("2011-01-01", "2012-12-31", "years")),  # a split year
    ("2025/03", NO_PERIOD, deadline("2025-01-01", "2025-12-31", "year")),
    ("Vecka 12, 24 och 36", YEAR_2025, deadline("2025-03-17", "2025-09-07", "range")),
    ("v. 12 och v. 14 2025", NO_PERIOD, deadline("2025-03-17", "2025-04-06", "range")),
    ("31.3.2025", NO_PERIOD, deadline("2025-03-31", "2025-03-31", "date")),
    ("30/6-25", NO_PERIOD, deadline("2025-06-30", "2025-06-30", "date")),
    ("enligt avsnitt 3.2", NO_PERIOD, undated()),
    # ranges of quarters and tertials
    ("kvartal 1-2 2025", NO_PERIOD, deadline("2025-01-01", "2025-06-30", "quarter")),
    ("tertial 1–2", YEAR_2020, deadline("2020-01-01", "2020-08-31", "tertial")),
    ("kvartal 3–4", YEAR_2025, deadline("2025-07-01", "2025-12-31", "quarter")),
    ("Q1-Q2", YEAR_2025, deadline("2025-01-01", "2025-06-30", "range")),
    ("T1–T2 2025", NO_PERIOD, deadline("2025-01-01", "2025-08-31", "range")),
    ("Q2 2025–Q1 2026", NO_PERIOD, deadline("2025-04-01", "2026-03-31", "range")),
    # `efter`: from the day after the window, unless a deadline follows
    ("Efter sommaren 2025", NO_PERIOD, continuous("from", "2025-09-01")),
    ("Efter sportlovet", YEAR_2025, continuous("from", "2025-03-10")),
    (
        "Efter sommaren, senast 30 september",
        YEAR_2025,
        deadline("2025-09-01", "2025-09-30", "date"),
    ),
    ("efter behov", NO_PERIOD, undated("as_needed")),
    ("Efter skolavslutningen", YEAR_2025, continuous("from", "2025-06-21")),
    ("Efter påsk", YEAR_2025, continuous("from", "2025-04-22")),
    (
        "Polisnärvaro valborg och skolavslutning",
        YEAR_2025,
        deadline("2025-04-30", "2025-06-20", "range"),
    ),
    ("Månadsvis utom under jul- och nyårshelgerna", YEAR_2025, every_months(1)),
    ("2 ggr/mån", NO_PERIOD, every_months(1, count=2)),
    # N times per term, school year, quarter: N units in each window of that length
    ("En gång per läsår", NO_PERIOD, every_months(12)),
    ("Varje läsår", NO_PERIOD, every_months(12)),
    ("Läsårsvis", NO_PERIOD, every_months(12)),
    ("Under terminstid", NO_PERIOD, continuous()),
    ("Under skoltid", NO_PERIOD, continuous()),
    ("2 ggr per läsår", NO_PERIOD, every_months(12, count=2)),
    ("Två ggr/termin", NO_PERIOD, every_months(6, count=2)),
    ("Minst två gånger per termin", NO_PERIOD, every_months(6, count=2)),
    ("Två gånger per kvartal", NO_PERIOD, every_months(3, count=2)),
    ("2 ggr per halvår", NO_PERIOD, every_months(6, count=2)),
    ("0 gånger per termin", NO_PERIOD, undated()),
    ("1000 gånger per månad", NO_PERIOD, undated()),
    # weekday abbreviations, joined to another weekday (W3, W18)
    ("fre-lör", YEAR_2025, weekdays("fri", "sat")),
    ("fre–lör", YEAR_2025, weekdays("fri", "sat")),
    ("fre/lör", YEAR_2025, weekdays("fri", "sat")),
    ("fre + lör", YEAR_2025, weekdays("fri", "sat")),
    ("fre & lör", YEAR_2025, weekdays("fri", "sat")),
    ("Fre. och lör.", YEAR_2025, weekdays("fri", "sat")),
    ("mån-fre", YEAR_2025, weekdays("mon", "tue", "wed", "thu", "fri")),
    ("lör–sön", YEAR_2025, weekdays("sat", "sun")),
    ("tis och tors", YEAR_2025, weekdays("tue", "thu")),
    ("fre-lördag", YEAR_2025, weekdays("fri", "sat")),
    # ... alone, an abbreviation is no weekday (`mån` is a month, `sön` may be anything)
    ("24 mån", NO_PERIOD, undated()),
    ("Polis i tjänst fre", YEAR_2025, undated()),
    ("1 ggr/mån", NO_PERIOD, every_months(1)),
    ("mar 2025", NO_PERIOD, deadline("2025-03-01", "2025-03-31", "month")),
]


@pytest.mark.parametrize(("text", "period", "expected"), OTHER_KOMMUNER)
def test_texts_of_other_kommuner(text: str, period: Period, expected: tuple[object, ...]) -> None:
    check(text, period, expected)


# --- a rhythm recurs only inside the time its text names (issue 10) ----------------------

BOUNDED: list[tuple[str, Period, tuple[object, ...]]] = [
    ("Månadsvis under 2018", LANDSKRONA, every_months(1, start="2018-01-01", due="2018-12-31")),
    ("månadsvis under hösten 2018", NO_PERIOD, every_months(1, [], "2018-09-01", "2018-12-31")),
    ("Månadsvis under hösten", YEAR_2018, every_months(1, [], "2018-09-01", "2018-12-31")),
    ("Månadsvis under hösten", LANDSKRONA, every_months(1)),  # which autumn? no bounds
    ("2 gånger per år under 2019 och 2020", NO_PERIOD, per_year(2, "2019-01-01", "2020-12-31")),
    ("2 ggr/år 2018–2019", NO_PERIOD, per_year(2, "2018-01-01", "2019-12-31")),
    (
        "kvartalsvis fr.o.m. 2018 t.o.m. 2020",
        NO_PERIOD,
        every_months(3, [], "2018-01-01", "2020-12-31"),
    ),
    ("Kvartalsvis från mars 2018", NO_PERIOD, every_months(3, start="2018-03-01")),
    ("Kvartalsvis från 2018 och framåt", NO_PERIOD, every_months(3, start="2018-01-01")),
    ("årligen 2018 och därefter", NO_PERIOD, per_year(1, "2018-01-01")),
    ("Kvartalsvis, senast 2019-06-30", NO_PERIOD, every_months(3, [], "2019-06-30", "2019-06-30")),
    (
        "vart annat år 2014–2020",
        NO_PERIOD,
        recurring(
            RepeatEveryYears(every_years=2, from_=2014), "every_years", "2014-01-01", "2020-12-31"
        ),
    ),
    (
        "trygghetsmätning 2014, vart tredje år",
        NO_PERIOD,
        recurring(RepeatEveryYears(every_years=3, from_=2014), "every_years", "2014-01-01"),
    ),
    # continuous work gets a start, never an end
    ("Kontinuerligt från hösten 2020", NO_PERIOD, continuous(start="2020-09-01")),
    ("Från september", SCHOOL_YEAR, continuous("from", "2018-09-01")),
    ("Från september", (D("2019-07-01"), D("2020-06-30")), continuous("from", "2019-09-01")),
    ("Löpande från och med vårterminen 2020", NO_PERIOD, continuous(start="2020-01-01")),
]


@pytest.mark.parametrize(("text", "period", "expected"), BOUNDED)
def test_a_rhythm_is_bounded_by_its_text(
    text: str, period: Period, expected: tuple[object, ...]
) -> None:
    check(text, period, expected)


# --- a yearly rhythm at named times of the year is `months` ------------------------------

YEARLY_MONTHS: list[tuple[str, Period, tuple[object, ...]]] = [
    # lists of quarters and tertials without a year, and ranges over the whole year
    # (W5, W13, W14); with a year, or a part of the year, they stay windows
    ("Q1 och Q3", YEAR_2025, months(3, 9)),
    ("Q2 + Q4", YEAR_2025, months(6, 12)),
    ("T1, T2, T3", YEAR_2025, months(4, 8, 12)),
    ("kv. 1 och kv. 3", YEAR_2025, months(3, 9)),
    ("Q1-Q4", YEAR_2025, months(3, 6, 9, 12)),
    ("Kvartal 1-4", YEAR_2025, months(3, 6, 9, 12)),
    ("T1–T3", YEAR_2025, months(4, 8, 12)),
    ("tertial 1-3", YEAR_2025, months(4, 8, 12)),
    ("mars/sept", YEAR_2025, months(3, 9)),
    ("mars + sept", YEAR_2025, months(3, 9)),
    ("Q3–Q4 2025", NO_PERIOD, deadline("2025-07-01", "2025-12-31", "range")),
    ("Q1 och Q3 2025", NO_PERIOD, deadline("2025-01-01", "2025-09-30", "range")),
    ("Q1-Q4 2025", NO_PERIOD, deadline("2025-01-01", "2025-12-31", "range")),
    ("T1-T2", YEAR_2025, deadline("2025-01-01", "2025-08-31", "range")),
    ("mars/sept 2025", NO_PERIOD, deadline("2025-03-01", "2025-09-30", "range")),
    ("Årligen i mars", YEAR_2020, months(3)),
    ("Årligen i mars", LANDSKRONA, months(3)),
    ("Årligen i mars", NO_PERIOD, months(3)),
    ("i mars varje år", NO_PERIOD, months(3)),
    ("en gång per år, i oktober", NO_PERIOD, months(10)),
    ("årligen i mars och september", NO_PERIOD, months(3, 9)),
    ("två gånger per år, i mars och oktober", NO_PERIOD, months(3, 10)),
    ("varje år under våren", NO_PERIOD, months(6)),
    ("årligen under första kvartalet", NO_PERIOD, months(3)),
    ("Årlig uppföljning i början av året", NO_PERIOD, months(3)),
    ("varje vår och höst", LANDSKRONA, months(6, 12)),
    ("Varje höst", NO_PERIOD, months(12)),
    ("varje mars och oktober", NO_PERIOD, months(3, 10)),
    ("Q1 varje år", NO_PERIOD, months(3)),
    # a day or a week counts by its month (the rule has no days)
    ("årligen, senast 1 december", YEAR_2018, months(12)),
    ("Årsvis, senast 31 mars", LANDSKRONA, months(3)),
    ("Vecka 45 varje år", NO_PERIOD, months(11)),
    ("Årligen under vecka 45", YEAR_2020, months(11)),
    ("v. 45 årligen", NO_PERIOD, months(11)),
    ("Årligen vid valborg", NO_PERIOD, months(4)),
    ("Senast den 15 oktober varje år", NO_PERIOD, months(10)),  # 15 is a day, no count
    ("Vecka 12, 24 och 36 varje år", NO_PERIOD, months(3, 6, 9)),  # 36 is a week, no count
    ("Årligen inför midsommar", YEARS_2024_2026, months(6)),  # by the day before
    ("Årligen inför sommaren", NO_PERIOD, months(5)),
    # as many times as a shorter rhythm comes in a year
    ("Tertialvis (april, augusti, december)", NO_PERIOD, months(4, 8, 12)),
    ("halvårsvis i juni och december", NO_PERIOD, months(6, 12)),
    # what stays as it is: a count that the months do not match, the whole year
    ("två gånger per år i mars", NO_PERIOD, per_year(2)),
    ("kvartalsvis i mars", NO_PERIOD, every_months(3)),
    ("årligen under året", YEAR_2018, per_year(1, "2018-01-01", "2018-12-31")),
]


@pytest.mark.parametrize(("text", "period", "expected"), YEARLY_MONTHS)
def test_a_yearly_rhythm_in_named_months(
    text: str, period: Period, expected: tuple[object, ...]
) -> None:
    check(text, period, expected)


# --- rhythm words real plans use (issue 10) ----------------------------------------------

RHYTHM_WORDS: list[tuple[str, tuple[object, ...]]] = [
    ("årliga", per_year(1)),
    ("Årlig uppföljning", per_year(1)),
    ("årliga trygghetsmätningar", per_year(1)),
    ("ett årligt möte", per_year(1)),
    ("2 gånger per år", per_year(2)),
    ("2 ggr/år", per_year(2)),
    ("kvartalsvisa avstämningar", every_months(3)),
    ("månatliga möten", every_months(1)),
    ("varje dygn", continuous()),
    ("dygnet runt", continuous()),
    ("Dygnets alla timmar", continuous()),
    ("24/7", continuous()),
    ("24 timmar om dygnet", continuous()),
    ("varje natt", continuous()),
    ("årets alla dagar", continuous()),
    ("dagliga kontroller", continuous()),
    ("Redovisas per tertial", every_months(4)),
    ("Uppföljning per kvartal", every_months(3)),
    ("en rapport per halvår", every_months(6)),
    ("per år", per_year(1)),
    ("1000 gånger per år", undated()),
]


@pytest.mark.parametrize(("text", "expected"), RHYTHM_WORDS)
def test_rhythm_words(text: str, expected: tuple[object, ...]) -> None:
    check(text, NO_PERIOD, expected)


# --- quantities: N times inside one window (issue 10, spec "Quantities") -----------------

QUANTITIES: list[tuple[str, Period, tuple[object, ...]]] = [
    ("tre gånger under året", YEAR_2019, deadline("2019-01-01", "2019-12-31", "year", 3)),
    ("3 ggr under 2019", NO_PERIOD, deadline("2019-01-01", "2019-12-31", "year", 3)),
    ("3ggr under 2019", NO_PERIOD, deadline("2019-01-01", "2019-12-31", "year", 3)),
    (
        "minst fyra trygghetsvandringar under 2019",
        NO_PERIOD,
        deadline("2019-01-01", "2019-12-31", "year", 4),
    ),
    ("minst 4 under 2019", NO_PERIOD, deadline("2019-01-01", "2019-12-31", "year", 4)),
    (
        "vid minst 4 tillfällen under 2019",
        NO_PERIOD,
        deadline("2019-01-01", "2019-12-31", "year", 4),
    ),
    (
        "vid minst fyra tillfällen under 2019",
        NO_PERIOD,
        deadline("2019-01-01", "2019-12-31", "year", 4),
    ),
    ("minst en gång under 2019", NO_PERIOD, deadline("2019-01-01", "2019-12-31", "year", 1)),
    (
        "vid ett tillfälle under hösten 2019",
        NO_PERIOD,
        deadline("2019-09-01", "2019-12-31", "season", 1),
    ),
    ("två gånger under hösten 2019", NO_PERIOD, deadline("2019-09-01", "2019-12-31", "season", 2)),
    (
        "cirka tio träffar under hela 2019",
        NO_PERIOD,
        deadline("2019-01-01", "2019-12-31", "year", 10),
    ),
    (
        "högst 2 inspel senast 2019-06-30",
        NO_PERIOD,
        deadline("2019-06-30", "2019-06-30", "date", 2),
    ),
    ("2–3 gånger under 2019", NO_PERIOD, deadline("2019-01-01", "2019-12-31", "year", 2)),
    (
        "tre utbildningstillfällen under 2019",
        NO_PERIOD,
        deadline("2019-01-01", "2019-12-31", "year", 3),
    ),
    (
        "Löpande, minst fyra tillfällen under 2019",
        NO_PERIOD,
        deadline("2019-01-01", "2019-12-31", "year", 4),
    ),
    ("femton gånger under 2019", NO_PERIOD, deadline("2019-01-01", "2019-12-31", "year", 15)),
    # a quantity whose window cannot be placed, or that names none
    ("tre gånger under året", LANDSKRONA, undated("no_year", 3)),
    ("vid tre tillfällen", NO_PERIOD, undated("", 3)),
    # a rhythm is no quantity
    ("tre gånger per år", NO_PERIOD, per_year(3)),
    ("3 ggr/år", NO_PERIOD, per_year(3)),
    ("tre gånger i året", NO_PERIOD, per_year(3)),
    ("vid två tillfällen per termin", NO_PERIOD, every_months(6, count=2)),
    ("0 gånger under 2019", NO_PERIOD, deadline("2019-01-01", "2019-12-31", "year")),
    # pieces before a time (W8); the least of a range of counts
    ("4 st under året", YEAR_2025, deadline("2025-01-01", "2025-12-31", "year", 4)),
    ("fyra st under 2025", NO_PERIOD, deadline("2025-01-01", "2025-12-31", "year", 4)),
    ("minst 4 st. under 2025", NO_PERIOD, deadline("2025-01-01", "2025-12-31", "year", 4)),
    ("4 st/år", NO_PERIOD, per_year(4)),
    ("3-4 gånger under året", YEAR_2025, deadline("2025-01-01", "2025-12-31", "year", 3)),
    # a range of counts in a rhythm promises the lower (W16)
    ("3–4 ggr/år", YEAR_2025, per_year(3)),
    ("2-3 gånger per termin", (D("2025-08-01"), D("2026-06-30")), every_months(6, count=2)),
    ("2–3 gånger årligen", NO_PERIOD, per_year(2)),
    ("16-20 år", NO_PERIOD, undated()),
]


@pytest.mark.parametrize(("text", "period", "expected"), QUANTITIES)
def test_quantities(text: str, period: Period, expected: tuple[object, ...]) -> None:
    check(text, period, expected)


# The engine reads titles for their count only: a number before a noun is no quantity
# unless the title says `minst`/`högst`/`cirka` and a time, or counts times.
TITLES: list[tuple[str, Period, int | None]] = [
    ("Minst fyra trygghetsvandringar under året", YEAR_2019, 4),
    ("Minst fyra trygghetsvandringar under året", LANDSKRONA, 4),
    ("Genomföra minst 4 trygghetsvandringar under 2019", NO_PERIOD, 4),
    ("Trygghetsvandring vid tre tillfällen", NO_PERIOD, 3),
    ("Informera föräldrar två gånger under hösten", YEAR_2019, 2),
    ("Cirka 20 skolbesök under läsåret", NO_PERIOD, 20),  # a time, though without a year
    ("Två poliser i tjänst", YEAR_2019, None),
    ("Minst två poliser i tjänst", YEAR_2019, None),
    ("Minst två poliser i tjänst under 2019", YEAR_2019, None),
    ("Fem skolor deltar", YEAR_2019, None),
    ("Fem skolor deltar under 2019", YEAR_2019, None),
    ("Tre fältassistenter anställs under året", YEAR_2019, None),
    ("Bygga en gång- och cykelväg under 2019", YEAR_2019, None),
    ("Polisen har träffat föreningen ett antal gånger", YEAR_2019, None),
    ("Fyra gemensamma tillsynsbesök per år", YEAR_2019, None),  # a rhythm
    ("Utbildning för 30 personer under 2019", YEAR_2019, None),
    ("Köpa in 20 st kameror under 2019", YEAR_2019, None),
    ("Trygghetsvandringar, 4 st under 2019", YEAR_2019, 4),
]


@pytest.mark.parametrize(("title", "period", "count"), TITLES)
def test_a_title_has_a_count_only_for_a_quantity(
    title: str, period: Period, count: int | None
) -> None:
    assert read_when(title, *period).count == count


# --- docs/when.md stays true ---------------------------------------------------------------


def _period(said: str) -> Period:
    """`2012–2013`, `2018`, `2018-07-01 – 2019-06-30`, `from 2018-01-01`, `—`."""
    if said == "—":
        return NO_PERIOD
    if said.startswith("from "):
        return D(said[5:]), None
    if match := re.fullmatch(r"(\d{4})(?:–(\d{4}))?", said):
        first, last = match[1], match[2] or match[1]
        return D(f"{first}-01-01"), D(f"{last}-12-31")
    first, last = said.split(" – ")
    return D(first), D(last)


def _reads_as(timing: Timing) -> str:
    """The docs' notation: `start → due`, the repeat rule with `; start` / `; due` for
    the time a rhythm names, `; count N` for a quantity."""
    counted = f"; count {timing.count}" if timing.count is not None else ""
    if timing.kind == "deadline":
        return f"{timing.start or ''} → {timing.due}".strip() + counted
    if timing.kind == "undated":
        return "undated" + counted
    said = "continuous"
    if isinstance(timing.repeat, RepeatRule):
        data = timing.repeat.model_dump(by_alias=True, exclude_defaults=True)
        data = {k: v for k, v in data.items() if k != "except_months"} | (
            {"except_months": data["except_months"]} if "except_months" in data else {}
        )
        said = ", ".join(f"{key}: {_flow(value)}" for key, value in data.items())
    said += f"; start {timing.start}" if timing.start else ""
    return said + (f"; due {timing.due}" if timing.due else "") + counted


def _flow(value: object) -> str:
    return f"[{', '.join(map(str, value))}]" if isinstance(value, list) else str(value)


def _doc_rows() -> list[tuple[str, str, str, str]]:
    rows = []
    in_table = False
    for line in DOCS.read_text(encoding="utf-8").splitlines():
        if line.startswith("| När text |"):
            in_table = True
        elif in_table and not line.startswith("|"):
            break
        elif in_table and not line.startswith("|---"):
            cells = [cell.strip() for cell in line.strip("|").split("|")]
            rows.append((cells[0].strip("`"), cells[1], cells[2], cells[3]))
    return rows


def test_the_docs_have_examples() -> None:
    assert len(_doc_rows()) > 50


@pytest.mark.parametrize(("text", "plan", "reads_as", "form"), _doc_rows())
def test_docs_examples(text: str, plan: str, reads_as: str, form: str) -> None:
    timing = read_when(text, *_period(plan))
    assert (_reads_as(timing), timing.form) == (reads_as, form)


# --- robustness --------------------------------------------------------------------------

VOCABULARY = [
    "under", "i", "senast", "den", "inför", "från", "fr.o.m.", "t.o.m.", "början av",
    "slutet av", "mitten av", "och", ",", "-", "/", "2012", "2018", "2018/19", "19",
    "2012-02-29", "2013-02-29", "31", "1:a", "mars", "feb", "jul", "våren", "hösten",
    "ht", "vt18", "vintern", "första", "sista", "kvartalet", "halvåret", "q4", "vecka",
    "53", "v.", "året", "år", "gånger", "ggr/år", "per", "månad", "i månaden", "varje",
    "vart", "tredje", "annat", "veckan", "årligen", "ej", "juni", "augusti", "fredag",
    "helger", "helgdag", "kontinuerligt", "vid behov", "0", "400", "två", "sex", "8-13",
    "minst", "tillfällen", "gånger under", "läsåret", "2019/20", "t2", "tertial", "h2",
    "2019t3", "december-januari", "vecka 50-2", "perioden", "sommarperioden", "därefter",
    "årliga", "dygnet runt", "varje dygn", "valborg", "jullovet", "jul och nyår", "påsk",
    "valet", "mandatperioden", "efter", "uppehåll", "2025-03", "kvartal 1-2", "per termin",
    "läsår", "31.3.2025", "året efter", "31/1", "fre", "lör", "mån", "q1", "q3", "t3", "st",
    "3-4", "+", "giltighetstid",
]  # fmt: skip
PERIODS = st.one_of(
    st.just(NO_PERIOD),
    st.tuples(st.dates(), st.none()),
    st.tuples(st.dates(), st.dates()),
    st.sampled_from([HARNOSAND, LJUSDAL, LANDSKRONA, YEAR_2018, SCHOOL_YEAR]),
)


def _consistent(timing: Timing, text: str) -> None:
    assert timing.text == text
    assert timing.count is None or timing.count >= 1
    if timing.kind == "deadline":
        assert isinstance(timing.due, dt.date) and timing.repeat is None
    elif timing.kind != "recurring":
        assert timing.due is None
    if timing.start is not None and timing.due is not None:
        assert timing.start <= timing.due
    if timing.kind == "recurring":
        assert isinstance(timing.repeat, RepeatRule)
        assert not isinstance(timing.repeat, RepeatWeekdays)
        # a rhythm is no quantity; N per term is N units in each window
        assert timing.count is None or isinstance(timing.repeat, RepeatEveryMonths)
    if timing.kind == "continuous":
        assert timing.repeat == "continuous" or isinstance(timing.repeat, RepeatWeekdays)
    if timing.kind == "undated":
        assert timing.repeat is None and timing.start is None


@settings(max_examples=500, deadline=1000)
@given(text=st.text(), period=PERIODS)
def test_any_text_reads_without_error(text: str, period: Period) -> None:
    _consistent(read_when(text, *period), text)


@settings(max_examples=1000, deadline=1000)
@given(words=st.lists(st.sampled_from(VOCABULARY), max_size=12), period=PERIODS)
def test_any_mix_of_the_vocabulary_reads_consistently(words: list[str], period: Period) -> None:
    text = " ".join(words)
    _consistent(read_when(text, *period), text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "\x00\x01\udcff\ufffd",
        "4" + "a" * 100_000,
        "en " * 50_000,
        "mars och " * 20_000,
        "inför " + "i " * 50_000 + "x",
        "Under hösten 2012, 2 ggr/år, ej juni-augusti " * 2_000,
    ],
    ids=[
        "empty",
        "spaces",
        "binary",
        "long-word",
        "many-counts",
        "many-months",
        "long-gap",
        "long",
    ],
)
def test_garbage_and_huge_texts_are_read_quickly(text: str) -> None:
    began = time.perf_counter()
    _consistent(read_when(text, *HARNOSAND), text)
    assert time.perf_counter() - began < 10  # linear regexes: well under a second here


def test_the_module_is_pure() -> None:
    """No CLI or rendering libraries: the reader runs inside validation and import."""
    code = "import sys, samplan.when; print(sorted({'typer', 'rich'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_timing_is_frozen() -> None:
    timing = read_when("Under 2012")
    with pytest.raises(AttributeError):
        timing.due = None  # type: ignore[misc]


@pytest.mark.parametrize(
    "title",
    [
        "Minst fyra trygghetsvandringar under året",
        "Tre gånger under 2019 ska vi samla föreningarna",
        "Två gånger per termin träffas nätverket",
        "En gång under hösten: föräldramöte",
        "5 ggr under året",
        "Trygghetsvandring med bostadsbolaget",
        "Utbilda personal i ANDT",
    ],
)
def test_a_stated_count_is_the_count_read_when_finds(title: str) -> None:
    assert stated_count(title, *HARNOSAND) == read_when(title, *HARNOSAND).count


def test_stated_count_agrees_with_read_when_on_every_title_and_when_in_plans() -> None:
    texts = set()
    for plan in sorted((Path(__file__).parents[1] / "plans").glob("*.yaml")):
        texts.update(re.findall(r"^\s+(?:title|when): (.+)$", plan.read_text(), re.M))
    assert len(texts) > 100
    for text in texts:
        assert stated_count(text, *HARNOSAND) == read_when(text, *HARNOSAND).count, text
