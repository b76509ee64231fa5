"""Read the Swedish "När" text of an activity into a deadline, a rhythm or presence.

`read_when("Under hösten 2012")` is a deadline (2012-12-31), `read_when("2 ggr/år")`
a recurrence, `read_when("Kontinuerligt varje fredag och lördag")` weekly presence,
and anything it does not understand is `undated`; it never raises. docs/when.md lists
every form and the dates they yield; this docstring only explains the mechanism.

The text is read in four passes over one lower-cased copy; the first two blank what
they used so that later passes do not read it again:

1. exclusions (`ej juni, juli och augusti`) become `except_months`;
2. the leftmost rhythm (`2 ggr/år`, `årligen`, `vart tredje år`, `under april,
   augusti och december`) becomes a `RepeatRule`;
3. date tokens (years, seasons, holidays, quarters, months, weeks, days) become
   windows; a year-less window takes the year after it in a list (`april och maj
   2018`) or else the one year of the plan period it can fall in; windows after
   `uppehåll`, `ej` are left out;
4. presence words (`kontinuerligt`, `löpande`, weekdays) mark continuous work.

A rhythm wins over presence, and presence over a deadline: `2 gånger/år samt vid
remissförfarande` is recurring, `Kontinuerligt under 2018` is continuous from 2018.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from calendar import monthrange
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache, partial
from typing import Literal

import msgspec

from samplan.model import (
    REPEAT_FORMS,
    RepeatEveryMonths,
    RepeatEveryYears,
    RepeatMonths,
    RepeatPerYear,
    RepeatRule,
    RepeatWeekdays,
)
from samplan.validator import make

Kind = Literal["deadline", "recurring", "continuous", "undated"]
Window = tuple[dt.date, dt.date]


class Timing(msgspec.Struct, frozen=True):
    """What a "När" text says about when an activity happens."""

    text: str  # the input
    kind: Kind
    # deadline: the window's first day; recurring: the first day of the time the text
    # names (`Månadsvis under 2018` -> 2018-01-01); continuous: when the work begins.
    start: dt.date | None = None
    # deadline: the window's last day (the deadline); recurring: the last day of the time
    # the text names (`Månadsvis under 2018` -> 2018-12-31), None when it names none or an
    # open end (`2014 och därefter vart tredje år`); None for continuous and undated.
    due: dt.date | None = None
    repeat: RepeatRule | Literal["continuous"] | None = None  # recurring / continuous only
    form: str = ""  # short name of the form that matched ("year", "season", "per_year", ...)
    # The number of units a quantity asks for (`tre gånger under året` -> 3, `vid minst
    # fyra tillfällen`); None when the text names no quantity. A rhythm is no quantity.
    count: int | None = None


@lru_cache(maxsize=4096)  # the same texts recur in a plan and across plans; Timing is frozen
def read_when(
    text: str, period_start: dt.date | None = None, period_end: dt.date | None = None
) -> Timing:
    """Read `text`; the plan period supplies the year of year-less expressions."""
    norm = _normalize(text)
    except_months, norm = _take_exclusions(norm)
    rhythm, norm = _take_rhythm(norm)
    count, norm = (None, norm) if rhythm else _take_quantity(norm)
    except_months, pieces = _left_out(_pieces(norm), except_months)
    if rhythm and (months := _yearly_months(rhythm, pieces)):
        rhythm, pieces = _Rhythm(months=months), []  # `Årligen i mars`: the months are the rule
    spans = _resolve(pieces, period_start, period_end)
    start = _start(spans)
    from_year = _first_year(pieces) or (period_start.year if period_start else None)
    repeat = _rule(rhythm, from_year, except_months) if rhythm else None
    if rhythm and isinstance(repeat, RepeatRule):
        first, last = _bounds(repeat, spans or [], norm)
        each = _units_each(rhythm, repeat)
        return Timing(text, "recurring", first, last, repeat, _form_of(repeat), each)
    if count is not None and spans:  # `tre gånger under 2019`: a quantity due in its window
        return _dated(text, spans, count)
    weekdays = [] if any(p.exact for p in pieces) else _weekdays(norm)
    if weekdays:
        rule = make(RepeatWeekdays, weekdays=weekdays, except_months=except_months)
        return Timing(text, "continuous", start, None, rule, "weekdays", count)
    if repeat == "continuous" or _CONTINUOUS.search(norm):
        return Timing(text, "continuous", start, None, "continuous", "continuous", count)
    if spans and _OPEN_END.search(norm):  # `Under 2020 och framåt`: from then on
        return Timing(text, "continuous", start, None, "continuous", "from", count)
    if spans:
        return _dated(text, spans, count)
    form = "no_year" if spans is None else _label(norm)
    return Timing(text, "undated", form=form, count=count)


def stated_count(
    text: str, period_start: dt.date | None = None, period_end: dt.date | None = None
) -> int | None:
    """`read_when(text, ...).count`, without reading a text that names no number.

    For titles, which are read only for a quantity (`Minst fyra trygghetsvandringar
    under året`): most name none, and every quantity is a number, so most titles
    are not read for dates at all.
    """
    if not _A_NUMBER.search(_normalize(text)):
        return None
    return read_when(text, period_start, period_end).count


# --- vocabulary --------------------------------------------------------------------------
# Every word list is a table; the regexes below are built from the tables, so adding
# a word is adding a row.

_NUMBERS = {
    "en": 1, "ett": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7,
    "åtta": 8, "nio": 9, "tio": 10, "elva": 11, "tolv": 12, "tretton": 13, "fjorton": 14,
    "femton": 15, "sexton": 16, "sjutton": 17, "arton": 18, "nitton": 19, "tjugo": 20,
}  # fmt: skip
_ORDINALS = {
    "första": 1, "andra": 2, "annan": 2, "annat": 2, "tredje": 3, "fjärde": 4, "femte": 5,
    "sjätte": 6, "sjunde": 7, "åttonde": 8, "nionde": 9, "tionde": 10, "elfte": 11,
    "tolfte": 12, "sista": -1,
}  # fmt: skip
# `jul` is deliberately missing: in Swedish it is Christmas (`uppehåll under jul/nyår`).
_MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "mars": 3, "mar": 3, "april": 4,
    "apr": 4, "maj": 5, "juni": 6, "jun": 6, "juli": 7, "augusti": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "oktober": 10, "okt": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
# After another month in a list, `jul` is July as the other abbreviations are
# (`jan, apr, jul, okt`, `jun-jul`); alone it stays Christmas.
_LIST_MONTHS = {**_MONTHS, "jul": 7}
# (first month, first day), (last month, last day). Deadlines follow the spec: spring
# ends 30 June (the end of the spring term), autumn 31 December. The terms start when
# Swedish schools do; calendar "våren"/"hösten" start in March/September.
_SPRING_TERM, _AUTUMN_TERM = ((1, 1), (6, 30)), ((8, 1), (12, 31))
_SEASONS = {
    "vårterminen": _SPRING_TERM, "vårtermin": _SPRING_TERM, "vt": _SPRING_TERM,
    "våren": ((3, 1), (6, 30)), "vår": ((3, 1), (6, 30)),
    "försommaren": ((6, 1), (6, 30)), "försommar": ((6, 1), (6, 30)),
    "sommaren": ((6, 1), (8, 31)), "sommar": ((6, 1), (8, 31)),
    "sommarperioden": ((6, 1), (8, 31)), "sommarperiod": ((6, 1), (8, 31)),
    "sommarmånaderna": ((6, 1), (8, 31)),
    "sommarlovet": ((6, 1), (8, 31)), "sommarlov": ((6, 1), (8, 31)),
    "sensommaren": ((8, 1), (8, 31)), "sensommar": ((8, 1), (8, 31)),
    "höstterminen": _AUTUMN_TERM, "hösttermin": _AUTUMN_TERM, "ht": _AUTUMN_TERM,
    "hösten": ((9, 1), (12, 31)), "höst": ((9, 1), (12, 31)),
    "senhösten": ((10, 1), (12, 31)), "senhöst": ((10, 1), (12, 31)),
}  # fmt: skip
# Parts of a year counted by ordinal: word -> (months long, form name).
_YEAR_PARTS = {
    "kvartalet": (3, "quarter"), "kvartal": (3, "quarter"),
    "tertialet": (4, "tertial"), "tertial": (4, "tertial"),
    "halvåret": (6, "half_year"), "halvår": (6, "half_year"),
}  # fmt: skip
# The letters of the `--period` notation (`2019T3`, `T3 2019`, `Q4`, `H2`).
_LETTER_PARTS = {"q": "kvartal", "kv": "kvartal", "t": "tertial", "h": "halvår"}
# A quarter or tertial by letter and number (`Q1`, `kv. 3`, `T3`), as a rhythm's list
# reads them.
_PART_N = r"(?:q|kv|t)\.?\s?[1-4]"
# The Swedish school year: the autumn term starts in August, the spring term ends in June.
_SCHOOL_YEAR = ((8, 1), (6, 30))
# The plan's own period (`minst två gånger under perioden`).
_PLAN_PERIOD = (
    "perioden", "avtalsperioden", "planperioden", "giltighetstiden", "giltighetstid",
    "avtalstiden", "överenskommelseperioden", "överenskommelsetiden", "samverkansperioden",
)  # fmt: skip
# `i början av 2018`: which part of the following window is meant.
_PARTS = {
    "början": "early", "inledningen": "early", "inledning": "early", "starten": "early",
    "tidigare delen": "early", "första delen": "early", "mitten": "mid",
    "slutet": "late", "senare delen": "late", "sista delen": "late",
    "första halvan": "first_half", "första hälften": "first_half",
    "andra halvan": "second_half", "senare halvan": "second_half", "sista halvan": "second_half",
    "andra hälften": "second_half", "senare hälften": "second_half",
}  # fmt: skip
# Rhythm units: word -> months in one unit; 0 = a week, a day or a night, i.e. presence.
_UNITS = {
    "år": 12, "läsår": 12, "halvår": 6, "termin": 6, "tertial": 4, "kvartal": 3,
    "månad": 1, "mån": 1, "vecka": 0, "dag": 0, "dygn": 0, "kväll": 0, "natt": 0,
    "mandatperiod": 48,
}  # fmt: skip
# After `i` / `om` only the definite form means "per": `en gång i månaden`, but `i år`.
_DEFINITE_UNITS = {
    "året": 12, "läsåret": 12, "halvåret": 6, "terminen": 6, "tertialet": 4,
    "kvartalet": 3, "månaden": 1, "veckan": 0, "dagen": 0, "dygnet": 0,
    "mandatperioden": 48,
}  # fmt: skip
# Twelve months that are no calendar year: `N gånger per läsår` counts in windows of
# twelve months from the start, not by 1 January.
_NOT_CALENDAR_YEARS = ("läsår", "läsåret", "läsårsvis")
# Adverbs and adjectives of a rhythm; an adjective ending follows (`årliga`, `årligt`,
# `kvartalsvisa`, `månatlig`): `årlig uppföljning` is yearly, as `årligen` is.
_UNIT_ADVERBS = {
    "årligen": 12, "årlig": 12, "årsvis": 12, "läsårsvis": 12, "halvårsvis": 6, "terminsvis": 6,
    "tertialvis": 4, "kvartalsvis": 3, "månadsvis": 1, "månatligen": 1, "månatlig": 1,
    "veckovis": 0, "dagligen": 0, "daglig": 0, "dygnsvis": 0,
}  # fmt: skip
_WEEK = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# Weekday stems; any ending follows (`fredagar`, `lördagskvällar`). A weekend evening
# or night is Friday or Saturday (nightlife); a weekend is Friday to Sunday, as Swedish
# work plans count it from Friday evening. `helgdag` is a public holiday, not a day.
_WEEKDAY_WORDS: dict[str, tuple[str, ...]] = {
    "måndag": ("mon",), "tisdag": ("tue",), "onsdag": ("wed",), "torsdag": ("thu",),
    "fredag": ("fri",), "lördag": ("sat",), "söndag": ("sun",),
    "vardag": _WEEK[:5], "helgkväll": ("fri", "sat"), "helgnatt": ("fri", "sat"),
    "helgnätt": ("fri", "sat"), "helg": ("fri", "sat", "sun"),
    "veckoslut": ("fri", "sat", "sun"), "helgdag": (),
}  # fmt: skip
# Abbreviations, as whole words and only joined to another weekday (`fre-lör`, `mån–fre`,
# `fre/lör`, `tis och tors`): alone, `mån` is a month (`24 mån`) and `tor`, `sön` may be
# anything.
_WEEKDAY_SHORT = {
    "mån": "måndag", "tis": "tisdag", "ons": "onsdag", "tor": "torsdag", "tors": "torsdag",
    "fre": "fredag", "lör": "lördag", "sön": "söndag",
}  # fmt: skip
_UNDATED_LABELS = {
    "as_needed": r"vid behov|efter behov",
    "project": r"projekt+id\w*|projektperiod\w*",  # also the seed's `projektiden`
}


def _alt(words: Iterable[str]) -> str:
    """An alternation that prefers the longest word (`vårterminen` before `vår`)."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _word(pattern: str) -> str:
    return rf"(?<!\w)(?:{pattern})(?!\w)"


# A year is 1990-2100 and stands alone: `15-18 år`, `åk 6` or `24 mån` never are.
_YEAR = r"(?<![0-9])(?:199[0-9]|20[0-9]{2}|2100)(?![0-9])"
# Amounts are not years: `2000 kr`, `2050 personer`.
_NOT_A_YEAR = r"\s*(?:kr|kronor|sek|st|stycken|%|procent|personer|invånare|timmar)(?!\w)"
_MONTH = _alt(_MONTHS)
_LIST_MONTH = _alt(_LIST_MONTHS)
_COUNT = rf"[0-9]{{1,3}}(?![0-9])|(?:{_alt(_NUMBERS)})(?!\w)"
# The upper end of a range of counts, which promises only the lower (`3–4 ggr/år`).
_AT_MOST = r"(?:\s*-\s*[0-9]{1,3}(?![0-9]))?"
_A_NUMBER = re.compile(rf"(?<![\w-])(?:{_COUNT})")  # see `stated_count`
_NTH = rf"[0-9]{{1,2}}\s*:\s*[ae]|{_alt(_ORDINALS)}"
_ALL_UNITS = {**_UNITS, **_DEFINITE_UNITS}
_ANY_UNIT = _alt(_ALL_UNITS)
# What joins the items of a list: `jan, maj, sep`, `mars/sept`, `Q2 + Q4`, `fre & lör`.
_AND = r"\s*(?:,|och|samt|&|/|\+)\s*"
# Up to three words between a count and its unit: `fyra gemensamma tillsynsbesök per år`.
_FILLERS = r"(?:\s*[^\W\d_]+\.?)?(?:\s+[^\W\d_]+\.?){0,2}?"


_DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"})


def _normalize(text: str) -> str:
    """One spelling per word: composed letters (o + U+0308 is ö), lower case, ASCII dashes."""
    return unicodedata.normalize("NFC", text).lower().translate(_DASHES)


def _blank(text: str, match: re.Match[str]) -> str:
    """Hide a used match from later passes; positions stay where they were."""
    return text[: match.start()] + " " * len(match[0]) + text[match.end() :]


# --- pass 1: exclusions ------------------------------------------------------------------

_MONTH_LIST = rf"(?:{_MONTH})\.?(?:(?:{_AND}|\s*-\s*)(?:{_LIST_MONTH})\.?)*"
_EXCLUSION = re.compile(
    _word(rf"(?:ej|inte|utom|förutom|undantag\w*|uppehåll\w*)\s+(?:(?:under|i)\s+)?{_MONTH_LIST}")
)
_MONTH_WORD = re.compile(_word(_LIST_MONTH))
_DASH_ONLY = re.compile(r"\s*-\s*")


def _take_exclusions(text: str) -> tuple[list[int], str]:
    months: set[int] = set()
    for match in _EXCLUSION.finditer(text):
        months.update(_month_list(match[0]))
        text = _blank(text, match)
    return sorted(months), text


def _month_list(text: str) -> list[int]:
    """Months named in `text`; `juni-augusti` is a range."""
    found: list[int] = []
    previous: re.Match[str] | None = None
    for match in _MONTH_WORD.finditer(text):
        month = _LIST_MONTHS[match[0]]
        if previous and found and _DASH_ONLY.fullmatch(text, previous.end(), match.start()):
            found.extend(range(found[-1] + 1, month))
        found.append(month)
        previous = match
    return found


# --- pass 2: rhythm ----------------------------------------------------------------------


class _Rhythm(msgspec.Struct, frozen=True):
    """A recurrence as written, before the plan supplies a missing start year."""

    count: int = 1  # occurrences per unit, or the N of "every N units"
    unit: int = 12  # months in one unit; 0 = a week or a day
    every: bool = False  # `vart tredje år` rather than `tre gånger per år`
    months: tuple[int, ...] = ()  # `under april, augusti och december`
    calendar: bool = True  # a unit of twelve months is a calendar year, not a `läsår`


def _count(match: re.Match[str]) -> int:
    said = match["count"]
    return 1 if said is None else _NUMBERS.get(said) or int(said)


def _calendar(match: re.Match[str]) -> bool:
    return (match.groupdict().get("unit") or match["adverb"]) not in _NOT_CALENDAR_YEARS


def _nth(said: str) -> int:
    return _ORDINALS.get(said) or int(said.split(":")[0])


# (pattern, reader); the leftmost match of any row wins.
_RHYTHMS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], _Rhythm]], ...] = (
    (  # vart tredje år, varannan månad, var 3:e månad
        re.compile(_word(rf"vart?\s*(?P<nth>{_NTH})\s*(?P<unit>{_alt(_UNITS)})")),
        lambda m: _Rhythm(_nth(m["nth"]), _UNITS[m["unit"]], every=True),
    ),
    (  # 2 gånger/år, 4ggr/år, fyra tillsynsbesök per år, en gång i månaden
        re.compile(
            rf"(?<![\w-])(?P<count>{_COUNT}){_AT_MOST}{_FILLERS}"
            rf"(?:\s*/\s*|\s+(?:per|varje)\s+|\s+(?:i|om)\s+(?={_alt(_DEFINITE_UNITS)}))"
            rf"(?P<unit>{_ANY_UNIT})(?!\w)"
        ),
        lambda m: _Rhythm(_count(m), _ALL_UNITS[m["unit"]], calendar=_calendar(m)),
    ),
    (  # årligen, två gånger årligen, kvartalsvis
        re.compile(
            rf"(?<![\w-])(?:(?P<count>{_COUNT}){_AT_MOST}{_FILLERS}\s+)?(?P<adverb>{_alt(_UNIT_ADVERBS)})"
            r"(?:a|t)?(?!\w)"
        ),
        lambda m: _Rhythm(_count(m), _UNIT_ADVERBS[m["adverb"]], calendar=_calendar(m)),
    ),
    (  # varje år, varje månad, varje vecka; redovisas per tertial (but not a count the
        # row above rejected: `1000 gånger per år` is no rhythm)
        re.compile(
            _word(
                r"(?:varje|(?<![0-9]\s)(?<!gång\s)(?<!gånger\s)(?<!ggr\s)per)"
                rf"\s+(?P<unit>{_alt(_UNITS)})"
            )
        ),
        lambda m: _Rhythm(1, _UNITS[m["unit"]], calendar=_calendar(m)),
    ),
    (  # varje vår och höst, varje mars: yearly, in the times that follow (kept for pass 3)
        re.compile(_word(rf"varje(?=\s+(?:{_alt(_SEASONS)}|{_MONTH})(?!\w))")),
        lambda m: _Rhythm(1, 12),
    ),
    (  # under april, augusti och december (månad) -- not `april och maj 2018`
        re.compile(
            _word(rf"(?:{_MONTH})(?:{_AND}(?:{_LIST_MONTH}))++") + r"(?!\s*(?:månad\w*\s*)?[0-9])"
        ),
        lambda m: _Rhythm(months=tuple(_month_list(m[0]))),
    ),
    (  # Q1 och Q3, T1, T2, T3, and a range over the whole year (Q1-Q4, kvartal 1-4, T1–T3)
        # -- not with a year (`Q1 och Q3 2025`, `Q1-Q4 2025`), and not `Q1-Q2` (a window)
        re.compile(
            _word(
                rf"{_PART_N}(?:{_AND}{_PART_N})++"
                r"|(?:q|kv\.?\s?|kvartal\s*)1\s*-\s*(?:q|kv)?4|(?:t|tertial\s*)1\s*-\s*t?3"
            )
            + r"(?![\s-]*[0-9])"
        ),
        lambda m: _Rhythm(months=_part_months(m[0])),
    ),
)


def _part_months(said: str) -> tuple[int, ...]:
    """The last month of each quarter or tertial named; of all of them for a range."""
    ends: list[int] = []
    length = 3
    for letters, number in re.findall(r"([^\W\d_]*)\.?\s*([1-4])", said):  # compiled when met
        length = _YEAR_PARTS[_LETTER_PARTS.get(letters, letters)][0] if letters else length
        ends.append(int(number) * length)
    return tuple(range(length, 13, length)) if "-" in said else tuple(ends)


def _take_rhythm(text: str) -> tuple[_Rhythm | None, str]:
    found = [(m, read) for pattern, read in _RHYTHMS if (m := _counted(pattern, text))]
    if not found:
        return None, text
    match, read = min(found, key=lambda pair: pair[0].start())
    return read(match), _blank(text, match)


@lru_cache(maxsize=64)  # the rhythm and quantity passes ask about the same text
def _date_numbers(text: str) -> tuple[tuple[int, int], ...]:
    """Where weeks and days stand: a number in them is never a count (`Vecka 12, 24 och
    36 varje år`, `senast den 15 oktober varje år`)."""
    return tuple(m.span() for m in _DATE_TOKEN.finditer(text) if m.lastgroup in ("week", "day"))


def _in_date(match: re.Match[str]) -> bool:
    """The match's count stands in a week or a day. The text is scanned for those
    only here, when a count has been found: most texts have none."""
    said = match.re.groupindex.get("count") and match["count"]
    start = match.start("count") if said else -1
    return bool(said) and any(a <= start < b for a, b in _date_numbers(match.string))


def _counted(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The first match of `pattern` whose count is no week or day (`v. 45 årligen` is
    `årligen`)."""
    match = pattern.search(text)
    while match and _in_date(match):
        match = pattern.search(text, match.end("count"))
    return match


def _rule(
    rhythm: _Rhythm, from_year: int | None, except_months: list[int]
) -> RepeatRule | Literal["continuous"] | None:
    """The repeat rule; None when the model rejects the numbers (`0 gånger per år`).

    Only a calendar year counts by `per_year`; N times per term, quarter, month or
    school year is one window of that length from the start, needing N units
    (`_units_each`), so that a school-year plan counts its own terms."""
    if rhythm.unit == 0:
        return "continuous"  # weekly or daily work is presence, as `weekdays` is
    skip, count, unit = except_months, rhythm.count, rhythm.unit
    if not rhythm.every and not 1 <= count * 12 <= 366 * unit:
        return None  # none, or more than 366 a year
    try:
        if rhythm.months:
            return make(RepeatMonths, months=list(rhythm.months), except_months=skip)
        if rhythm.every and unit == 12 and rhythm.calendar:
            if from_year is None:
                return None
            return make(RepeatEveryYears, every_years=count, from_=from_year, except_months=skip)
        if unit == 12 and rhythm.calendar and not rhythm.every:
            return make(RepeatPerYear, per_year=count, except_months=skip)
        months = count * unit if rhythm.every else unit
        return make(RepeatEveryMonths, every_months=months, except_months=skip)
    except ValueError:  # pydantic's ValidationError: a count outside the model's bounds
        return None


def _units_each(rhythm: _Rhythm, rule: RepeatRule) -> int | None:
    """The units each window of an `every_months` rhythm needs (`två gånger per
    termin`: 2 in every six months); None for one."""
    each = isinstance(rule, RepeatEveryMonths) and not rhythm.every and rhythm.count > 1
    return rhythm.count if each else None


def _yearly_months(rhythm: _Rhythm, pieces: list[_Piece]) -> tuple[int, ...]:
    """`Årligen i mars`, `två gånger per år, vår och höst`, `Vecka 45 varje år`,
    `Tertialvis (april, augusti, december)`: a rhythm at times of the year it names
    without a year is one occurrence by the end of the month each of them ends in.

    The whole year (`årligen under året`) names no month; the rhythm must come once a
    year or as often as the times it names (`kvartalsvis i mars` is no list of months).
    """
    unit = rhythm.unit
    per_year = rhythm.count * 12 // unit if unit and 12 % unit == 0 else 0
    if rhythm.every or rhythm.months or not rhythm.calendar or not per_year:
        return ()
    months: set[int] = set()
    for piece in pieces:
        window = _window(piece, 2001)  # any year: only the months matter
        if piece.year is not None or piece.marker not in (None, "before"):
            return ()
        if window is None or window[0].year != window[1].year:
            return ()
        if window != _WHOLE_YEAR(2001):  # `årligen inför midsommar`: by the day before
            end = window[0] - dt.timedelta(days=1) if piece.marker else window[1]
            months.add(end.month)
    return tuple(sorted(months)) if months and per_year in (1, len(months)) else ()


def _form_of(rule: RepeatRule) -> str:
    return next(key for key, cls in REPEAT_FORMS.items() if isinstance(rule, cls))


# --- pass 2b: quantity -------------------------------------------------------------------
# A number of times inside one window (`tre gånger under året`, `vid minst fyra tillfällen
# under 2019`) is a quantity, not a rhythm: only a text without a rhythm is read for one.
# A title is read too (`Minst fyra trygghetsvandringar under året`), so a number before
# any other noun counts only with a qualifier and a time after it: `Fem skolor deltar`
# and `Två poliser i tjänst` name no quantity.

_QUALIFIER = r"minst|högst|max|maximalt|cirka|ca\.?|omkring|ungefär|totalt|sammanlagt"
# What a quantity is due by: `under 2019`, `senast 31 mars`, `före sommaren`.
_BY = r"under|inom|i|senast|före|innan|fram\s+till|till\s+och\s+med|t\.?o\.?m\.?"
# `st` (pieces) only before a time: `4 st under året`, but `20 st ordningsvakter`.
_TIMES = (
    r"gånger|gång|ggr|omgångar|[^\W\d_]*tillfällen|[^\W\d_]*tillfälle"
    rf"|(?:st|stycken)\.?(?=\s+(?:{_BY})\s)"
)
_QUANTITY_OF_TIMES = re.compile(
    rf"(?<![\w-])(?:(?:{_QUALIFIER}|vid|upp till)\s+)*(?P<count>{_COUNT})"
    rf"{_AT_MOST}\s*(?:{_TIMES})(?![\w-])"
)
# The noun may not run past a preposition: in `två poliser i tjänst` no time follows `i`.
_NOT_A_NOUN = r"i|på|av|med|för|till|som|och|samt|eller|ska|under|inom|per|varje|vid"
_QUANTITY_OF_THINGS = re.compile(
    rf"(?<![\w-])(?:{_QUALIFIER})\s+(?P<count>{_COUNT})"
    rf"(?:\s+(?!(?:{_NOT_A_NOUN})(?!\w))[^\W\d_]+){{0,3}}?"
    rf"\s+(?:{_BY})\s+(?:(?:hela|den)\s+)?(?=\w)"
)


def _take_quantity(text: str) -> tuple[int | None, str]:
    match = _counted(_QUANTITY_OF_TIMES, text)
    if match is None:
        match = next(
            (
                m
                for m in _QUANTITY_OF_THINGS.finditer(text)
                if _DATE_TOKEN.match(text, m.end()) and not _in_date(m)
            ),
            None,
        )
    if match is None:
        return None, text
    count = _count(match)
    return (count if count > 0 else None), _blank(text, match)


# --- pass 3: dates -----------------------------------------------------------------------


class _Piece(msgspec.Struct, frozen=True):
    """One dated token, with the year still open when the text gives none."""

    form: str
    window: Callable[[int], Window]  # for a year; raises ValueError for impossible dates
    year: int | None = None
    exact: bool = False  # a single day, which wins over the windows around it
    part: str | None = None  # "early" | "mid" | "late"
    marker: str | None = None  # "before" (inför) | "from" (från)
    # A window that crosses 1 January (`december–januari`, `läsåret`) ends `tail` years
    # after the year it is built for; a year written after it names its last year.
    tail: int = 0

    @property
    def label(self) -> str:
        return self.marker or self.part or self.form


def _months_window(first: int, last: int, year: int) -> Window:
    """Whole months; a last month before the first lies in the next year."""
    end_year = year + (last < first)
    return dt.date(year, first, 1), dt.date(end_year, last, monthrange(end_year, last)[1])


def _season_window(first: tuple[int, int], last: tuple[int, int], year: int) -> Window:
    """Fixed days; a last day before the first lies in the next year (`läsåret`)."""
    return dt.date(year, *first), dt.date(year + (last < first), *last)


def _day_window(month: int, day: int, year: int) -> Window:
    day_date = dt.date(year, month, day)
    return day_date, day_date


def _week_window(first: int, last: int, year: int) -> Window:
    """ISO weeks, Monday to Sunday; `vecka 50-2` ends in the next year."""
    end = dt.date.fromisocalendar(year + (last < first), last, 7)
    return dt.date.fromisocalendar(year, first, 1), end


_WHOLE_YEAR = partial(_months_window, 1, 12)


def _easter_window(first: int, last: int, year: int) -> Window:
    """Days counted from Easter Sunday (the anonymous Gregorian algorithm)."""
    a, (b, c) = year % 19, divmod(year, 100)
    h = (19 * a + b - b // 4 - (b - (b + 8) // 25 + 1) // 3 + 15) % 30
    weekday = (32 + 2 * (b % 4) + 2 * (c // 4) - h - c % 4) % 7
    month, day = divmod(h + weekday - 7 * ((a + 11 * h + 22 * weekday) // 451) + 114, 31)
    easter = dt.date(year, month, day + 1)
    return easter + dt.timedelta(days=first), easter + dt.timedelta(days=last)


def _weekday_window(month: int, day: int, weekday: int, year: int, days: int = 1) -> Window:
    """`days` from the first `weekday` (0 = Monday) on or after the day: midsommarafton
    is the Friday between 19 and 25 June, election day the second Sunday of September."""
    first = dt.date(year, month, day)
    found = first + dt.timedelta(days=(weekday - first.weekday()) % 7)
    return found, found + dt.timedelta(days=days - 1)


def _election_window(year: int) -> Window:
    """The Swedish general election: every four years since 1994, on the second Sunday
    of September since 2014 (the third before)."""
    if year < 1994 or year % 4 != 2:
        raise ValueError("no general election that year")
    return _weekday_window(9, 8 if year >= 2014 else 15, 6, year)


def _term_of_office_window(year: int) -> Window:
    """The municipal term of office that holds `year`: the four years after an
    election year (2019-2022, 2023-2026, ...)."""
    first = year - (year - 1995) % 4
    return dt.date(first, 1, 1), dt.date(first + 3, 12, 31)


# Holidays and school breaks that plans name (`Polisnärvaro under valborg`), with any
# ending (`valborgsmässoafton`, `påsklovet`, `jul- och nyårshelgerna`): word -> window
# in a year; `jul` is Christmas, never July (a month name is tried first). A window
# that crosses 1 January (`jullov`) belongs to the year it starts in: `jul och nyår
# 2025` is 24 December 2025 - 1 January 2026.
_HOLIDAYS: dict[str, Callable[[int], Window]] = {
    "valborg": partial(_day_window, 4, 30),
    "nationaldag": partial(_day_window, 6, 6),
    "midsommar": partial(_weekday_window, 6, 19, 4),  # midsommarafton
    "midsommarhelg": partial(_weekday_window, 6, 19, 4, days=3),  # Friday - Sunday
    "skolavslutning": partial(_season_window, (6, 1), (6, 20)),  # varies: early to mid June
    "halloween": partial(_day_window, 10, 31),  # the Swedish Halloween weekend varies
    "lucia": partial(_day_window, 12, 13),
    "jul": partial(_season_window, (12, 24), (12, 26)),  # julafton - annandag jul
    "julafton": partial(_day_window, 12, 24),
    "nyårsafton": partial(_day_window, 12, 31),
    "jul och nyår": partial(_season_window, (12, 24), (1, 1)),
    "jul- och nyår": partial(_season_window, (12, 24), (1, 1)),
    "jul/nyår": partial(_season_window, (12, 24), (1, 1)),
    "nyår": partial(_season_window, (12, 31), (1, 1)),  # nyårsafton - nyårsdagen
    "jullov": partial(_season_window, (12, 20), (1, 8)),
    "sportlov": partial(_week_window, 7, 10),  # weeks 7-10 cover every region
    "höstlov": partial(_week_window, 44, 44),
    "påsk": partial(_easter_window, -3, 1),  # skärtorsdag - annandag påsk
    "påsklov": partial(_easter_window, -13, 7),  # the week before Easter to the one after
    "valet": _election_window,
    "valdag": _election_window,
    "riksdagsvalet": _election_window,
}


def _year_part(match: re.Match[str]) -> list[_Piece]:
    """`andra tertialet`, `tertial 2`, `tertial två`, `T2`, `Q3`, `kv 3`, `H1`, `2019T3`."""
    year, last = None, None
    if match["nth"]:
        unit, nth = match["unit"], _nth(match["nth"])
    elif match["unit_n"]:
        unit, nth = match["unit_n"], _NUMBERS.get(match["part_n"]) or int(match["part_n"])
        last = int(match["part_m"] or nth)  # `kvartal 1-2`
    elif match["letter"]:
        unit, nth = _LETTER_PARTS[match["letter"].rstrip(". ")], int(match["letter_n"])
    else:
        unit, nth, year = _LETTER_PARTS[match["code_k"]], int(match["code_n"]), match["code_y"]
    length, form = _YEAR_PARTS[unit]
    count = 12 // length
    nth = count if nth == -1 else nth
    last = last or nth
    window: Callable[[int], Window] = partial(_months_window, (nth - 1) * length + 1, last * length)
    if not 1 <= nth <= last <= count:  # `T4 2020`: no such window, and its year is not a window
        window = _no_window
    return [_Piece(form, window, int(year) if year else None)]


def _slash_years(match: re.Match[str]) -> list[_Piece]:
    """`2018/19` and `2018-19` are two years; `2025-03` is March 2025 as spreadsheets
    write it; `2018/12` (a reference number?) is just 2018."""
    first, short = int(match["first"]), int(match["short"])
    if (first + 1) % 100 == short:
        return [_Piece("year", _WHOLE_YEAR, year) for year in (first, first + 1)]
    if match["month_dash"] and 1 <= short <= 12:
        return [_Piece("month", partial(_months_window, short, short), first)]
    return [_Piece("year", _WHOLE_YEAR, first)]


def _iso_date(match: re.Match[str]) -> list[_Piece]:
    window = partial(_day_window, int(match["iso_m"]), int(match["iso_d"]))
    return [_Piece("date", window, int(match["iso_y"]), exact=True)]


def _day(match: re.Match[str]) -> list[_Piece]:
    window = partial(_day_window, _MONTHS[match["day_m"]], int(match["day_d"]))
    return [_Piece("date", window, exact=True)]


def _slash_day(match: re.Match[str]) -> list[_Piece]:
    """`senast 30/6`, `30/6 2020`: day/month, as Swedish tables write it."""
    window = partial(_day_window, int(match["slash_m"]), int(match["slash_d"]))
    year = match["slash_y"] and 2000 + int(match["slash_y"])
    return [_Piece("date", window, year or None, exact=True)]


def _dotted_day(match: re.Match[str]) -> list[_Piece]:
    window = partial(_day_window, int(match["dot_m"]), int(match["dot_d"]))
    return [_Piece("date", window, int(match["dot_y"]), exact=True)]


def _year(match: re.Match[str]) -> list[_Piece]:
    return [_Piece("year", _WHOLE_YEAR, int(match["year"]))]


def _term(match: re.Match[str]) -> list[_Piece]:
    """`ht18`, `vt-19`, `HT2018`: a school term glued to its year."""
    window = partial(_season_window, *_SEASONS[match["term_k"]])
    year = int(match["term_y"])
    return [_Piece("season", window, year if year > 99 else 2000 + year)]


def _week(match: re.Match[str]) -> list[_Piece]:
    first = int(match["week_n"])
    last = int(match["week_m"] or first)
    more = [int(week) for week in re.findall(r"[0-9]+", match["weeks"])]
    return [_Piece("week", partial(_week_window, first, last), tail=int(last < first))] + [
        _Piece("week", partial(_week_window, week, week)) for week in more
    ]


def _month_range(match: re.Match[str]) -> list[_Piece]:
    """`juni–augusti`, `december–januari`: whole months, across 1 January if need be."""
    first, last = _MONTHS[match["range_a"]], _LIST_MONTHS[match["range_b"]]
    return [_Piece("range", partial(_months_window, first, last), tail=int(last < first))]


def _school_year(match: re.Match[str]) -> list[_Piece]:
    """`läsåret 2019/20`: 1 August 2019 - 30 June 2020, the Swedish school year."""
    said = match["school_y"]
    year = None if said is None else int(said) if len(said) == 4 else 2000 + int(said)
    return [_Piece("school_year", partial(_season_window, *_SCHOOL_YEAR), year, tail=1)]


def _holiday(match: re.Match[str]) -> list[_Piece]:
    """`valborg`, `påsklovet`: a year written after `jullovet` is the one it starts in."""
    return [_Piece("holiday", _HOLIDAYS[match["holiday_w"]])]


def _term_of_office(match: re.Match[str]) -> list[_Piece]:
    """`mandatperioden`: the term that holds the year (a year after it is its first)."""
    return [_Piece("term_of_office", _term_of_office_window)]


def _plan_period(match: re.Match[str]) -> list[_Piece]:
    """`under perioden`: the plan's own period, which only `_resolve` knows."""
    return [_Piece("plan_period", _WHOLE_YEAR)]


def _season(match: re.Match[str]) -> list[_Piece]:
    return [_Piece("season", partial(_season_window, *_SEASONS[match["season"]]))]


def _months(match: re.Match[str]) -> list[_Piece]:
    """`mars`, `jan, apr, jul, okt`: each month a window (a year after them is theirs)."""
    return [_Piece("month", partial(_months_window, m, m)) for m in _month_list(match[0])]


def _year_after(match: re.Match[str]) -> list[_Piece]:
    """`året efter`: the plan's year supplies its year (`_after_the_plan_year`)."""
    return [_Piece("year_after", _WHOLE_YEAR)]


def _the_year(match: re.Match[str]) -> list[_Piece]:
    return [_Piece("year", _WHOLE_YEAR)]


def _no_window(year: int) -> Window:
    raise ValueError("no such window (`T4`), or one that is not read (`vintern`)")


def _winter(match: re.Match[str]) -> list[_Piece]:
    """`vintern 2018/19` is December 2018 - February 2019. `vintern 2018` is Jan-Feb or
    Dec-Feb: take its year and yield nothing."""
    if match["winter_y"]:
        return [_Piece("season", partial(_months_window, 12, 2), int(match["winter_y"]))]
    return [_Piece("season", _no_window)]


def _turn_of_year(match: re.Match[str]) -> list[_Piece]:
    """`årsskiftet 2019/2020`: by 31 December 2019. A year after it is the new year."""
    window = partial(_day_window, 12, 31)
    year = match["turn_y"] and int(match["turn_y"])
    return [_Piece("turn_of_year", window, year or None, exact=True, tail=1)]


# The second year of a split year (`2019/20`, `2019–2020`), after the first.
_NEXT_YEAR = rf"\s*[/-]\s*(?:{_YEAR}|[0-9]{{2}}(?![0-9]))"
# name -> (pattern, builder), tried in this order at each position. Markers and parts
# build nothing: they modify the next piece.
_DATE_TOKENS: dict[str, tuple[str, Callable[[re.Match[str]], list[_Piece]] | None]] = {
    "iso": (rf"(?P<iso_y>{_YEAR})-(?P<iso_m>[0-9]{{2}})-(?P<iso_d>[0-9]{{2}})", _iso_date),
    "day": (rf"(?:den\s+)?(?P<day_d>[0-9]{{1,2}})(?::[ae])?\s*(?P<day_m>{_MONTH})\.?", _day),
    # Only where a date can end: before a year, a comma or the end (`1/2 dag`, `3/4 av
    # skolorna` are fractions); `24/7` is round the clock, a continuous word.
    "slash_day": (
        r"(?:den\s+)?(?!24/7)(?P<slash_d>[0-9]{1,2})/(?P<slash_m>[0-9]{1,2})"
        r"(?:-(?P<slash_y>[0-9]{2}))?(?![0-9/])"  # `30/6-25`
        rf"(?=\s*-?\s*(?:{_YEAR})|\s*(?:[,.;)]|och|samt|eller|året efter|$))",
        _slash_day,
    ),
    # `31.3.2025`, as spreadsheets from Finland and some exports write it; only with a
    # year (`3.2` is a section number)
    "dotted_day": (
        rf"(?P<dot_d>[0-9]{{1,2}})\.(?P<dot_m>[0-9]{{1,2}})\.(?P<dot_y>{_YEAR})",
        _dotted_day,
    ),
    # `2019T3`, `2019-Q4`: the notation of `--period` and a log entry's `for`
    # (not `Q2 2025–Q1 2026`, where the year before the dash is Q2's)
    "period_code": (
        rf"(?P<code_y>{_YEAR})-?(?P<code_k>[qth])(?P<code_n>[1-4])(?!\s*{_YEAR})",
        _year_part,
    ),
    "slash": (
        rf"(?P<first>{_YEAR})(?:(?P<month_dash>-)|\s*[/-]\s*)(?P<short>[0-9]{{2}})(?![0-9])",
        _slash_years,
    ),
    "year": (rf"{_YEAR}(?!{_NOT_A_YEAR})", _year),
    "term": (rf"(?P<term_k>ht|vt)\s*-?\s*(?P<term_y>{_YEAR}|[0-9]{{2}}(?![0-9]))", _term),
    "week": (
        r"(?:vecka|veckorna|v\.?)\s*(?P<week_n>[0-9]{1,2})"
        r"(?:\s*-\s*(?:(?:vecka|v\.?)\s*)?(?P<week_m>[0-9]{1,2}))?(?![0-9])"
        # `v. 38, 47 och 6`: more weeks
        r"(?P<weeks>(?:\s*(?:,|och|&)\s*(?:(?:vecka|v\.?)\s*)?[0-9]{1,2}(?![0-9]))*)",
        _week,
    ),
    "part_of_year": (
        rf"(?P<nth>{_NTH})\s+(?P<unit>{_alt(_YEAR_PARTS)})"
        rf"|(?P<unit_n>{_alt(_YEAR_PARTS)})\s*(?P<part_n>[1-4]|ett|två|tre|fyra)"
        r"(?:\s*-\s*(?P<part_m>[1-4]))?"
        r"|(?P<letter>q|kv\.?\s?|t|h)(?P<letter_n>[1-4])",
        _year_part,
    ),
    "school_year": (
        r"(?:läsår|skolår)(?:et)?"
        rf"(?:\s*(?P<school_y>{_YEAR}|[0-9]{{2}})\s*[/-]\s*(?:[0-9]{{4}}|[0-9]{{2}})(?![0-9]))?",
        _school_year,
    ),
    "plan_period": (_alt(_PLAN_PERIOD), _plan_period),
    "term_of_office": ("mandatperiod(?:en)?", _term_of_office),
    "season": (_alt(_SEASONS), _season),
    "month_range": (
        rf"(?P<range_a>{_MONTH})\.?\s*(?:-|till\s+och\s+med|t\.?\s?o\.?\s?m\.?|till)\s*"
        rf"(?P<range_b>{_LIST_MONTH})\.?",
        _month_range,
    ),
    "month": (rf"(?:{_MONTH})\.?(?:{_AND}(?:{_LIST_MONTH})\.?)*", _months),
    "holiday": (rf"(?P<holiday_w>{_alt(_HOLIDAYS)})\w*", _holiday),
    # `senast 31/1 året efter`: the year after the plan's
    "year_after": (r"året\s+efter|(?:på|efter)följande\s+år(?:et)?", _year_after),
    "the_year": ("året", _the_year),
    "winter": (rf"vinter(?:n)?(?:\s+(?P<winter_y>{_YEAR}){_NEXT_YEAR})?", _winter),
    "turn_of_year": (rf"årsskifte(?:t)?(?:\s+(?P<turn_y>{_YEAR}){_NEXT_YEAR})?", _turn_of_year),
    "part": (rf"(?P<part_w>{_alt(_PARTS)})\s+(?:av|på)", None),
    "before": ("inför|före|innan", None),
    # `efter sommaren`: work from the day after the window
    "after": ("efter", None),
    # `uppehåll under sommaren`: a window the work leaves out (months: `except_months`)
    "except": (r"ej|inte|utom|förutom|undantag\w*|uppehåll\w*", None),
    # `med start i mars 2020`, `påbörjas hösten 2020`: when it begins, not when it is due
    "from": (
        r"från och med|fr\.?\s?o\.?\s?m\.?|fom|från|sedan"
        r"|med start|start|startar|påbörjas|inleds|börjar",
        None,
    ),
}
_DATE_TOKEN = re.compile(
    "|".join(f"(?P<{name}>{_word(pattern)})" for name, (pattern, _) in _DATE_TOKENS.items())
)
# What may stand between a window and its year (`april, augusti och december 2018`) or
# between `inför` / `i början av` and their window. Possessive: long gaps fail fast.
_GAP = re.compile(
    r"(?:[\s,.;:/&()*-]|och|samt|eller|till|t\.?\s?o\.?\s?m\.?|den|år|månad(?:en|er)?"
    r"|under|i|om|av|på|fram|senast|ca|cirka|hela|tidig[at]?)*+"
)


# Tokens that only mark the window after them (`inför`, `från`, `efter`, `uppehåll`).
_MARKERS = ("before", "from", "after", "except")


def _pieces(text: str) -> list[_Piece]:
    pieces: list[_Piece] = []
    waiting: list[int] = []  # year-less pieces a following year completes
    modifiers: dict[str, str] = {}  # part / marker waiting for their window
    last = 0
    for match in _DATE_TOKEN.finditer(text):
        if not _GAP.fullmatch(text, last, match.start()):
            waiting, modifiers = [], {}
        last = match.end()
        name = match.lastgroup or ""
        if name == "part":
            modifiers["part"] = _PARTS[match["part_w"]]
        elif name in _MARKERS:
            modifiers["marker"] = name
        elif name == "year" and waiting:
            for index in waiting:
                year = int(match[0]) - pieces[index].tail
                pieces[index] = msgspec.structs.replace(pieces[index], year=year)
            waiting = []
        elif name == "slash" and waiting and _crosses(pieces, waiting, match):
            # `jullovet 2025/26`: a window across 1 January names its split year
            for index in waiting:
                pieces[index] = msgspec.structs.replace(pieces[index], year=int(match["first"]))
            waiting = []
        else:
            build = _DATE_TOKENS[name][1]
            for piece in build(match) if build else []:
                waiting += [len(pieces)] if piece.year is None else []
                part, marker = modifiers.get("part"), modifiers.get("marker")
                pieces.append(msgspec.structs.replace(piece, part=part, marker=marker))
            # an exclusion covers the whole list after it (`ej sommaren och jul/nyår`)
            modifiers = {"marker": "except"} if marker == "except" else {}
    return pieces


def _crosses(pieces: list[_Piece], indexes: list[int], split: re.Match[str]) -> bool:
    """`split` is a split year (`2025/26`) and all these pieces cross from its first
    year into its second."""
    year = int(split["first"])
    windows = [_window(pieces[index], year) for index in indexes]
    consecutive = (year + 1) % 100 == int(split["short"])
    return consecutive and all(window and window[1].year == year + 1 for window in windows)


class _Span(msgspec.Struct, frozen=True):
    piece: _Piece
    start: dt.date | None  # None after `inför`
    end: dt.date | None  # None after `från`


def _resolve(
    pieces: list[_Piece], period_start: dt.date | None, period_end: dt.date | None
) -> list[_Span] | None:
    """Dated spans; None when a year-less piece could fall in more than one year."""
    if any(piece.form == "year_after" for piece in pieces):
        if period_start is None or period_end is None or period_start.year != period_end.year:
            return None  # after which year of a longer plan?
        pieces = _after_the_plan_year(pieces, period_end.year + 1)
    spans = []
    for piece in pieces:
        if piece.form == "plan_period":
            if period_start is None or period_end is None:
                return None  # a plan `tills vidare` has no end to be due at
            spans.append(_span(piece, period_start, period_end))
            continue
        year = piece.year or _period_year(piece, period_start, period_end)
        if year is None:
            return None
        window = _window(piece, year)
        if window is not None:
            spans.append(_span(piece, *window))
    return spans


def _after_the_plan_year(pieces: list[_Piece], year: int) -> list[_Piece]:
    """`Senast 31/1 året efter` in a plan of one calendar year: the days and months
    without a year fall in the next (the year's results, written in January)."""
    named = [piece for piece in pieces if piece.form != "year_after"] or pieces
    return [msgspec.structs.replace(piece, year=piece.year or year) for piece in named]


def _span(piece: _Piece, first: dt.date, last: dt.date) -> _Span:
    if piece.marker == "before":  # inför år 2012: the day before the window
        # ... but `före årsskiftet` is by New Year's Eve, the day the turn is read as
        end = last if piece.form == "turn_of_year" else first - dt.timedelta(days=1)
        return _Span(piece, None, end)
    if piece.marker == "from":  # från första kvartalet 2018: open-ended
        return _Span(piece, first, None)
    if piece.marker == "after":  # efter sommaren: open-ended from the day after
        return _Span(piece, last + dt.timedelta(days=1), None)
    return _Span(piece, first, last)


def _period_year(piece: _Piece, start: dt.date | None, end: dt.date | None) -> int | None:
    """The year of the one window of the piece that overlaps the plan period.

    The year before the period's start is tried too, for a window that crosses 1 January
    (`december–januari` in a plan from July). An open-ended period (`tills vidare`) has
    no such year: it never ends.
    """
    if start is None or end is None:
        return None
    years: dict[Window, int] = {}  # `mandatperioden` is the same window for four years
    for year in range(start.year - 1, end.year + 1):
        if (window := _window(piece, year)) and window[0] <= end and window[1] >= start:
            years.setdefault(window, year)
    return next(iter(years.values())) if len(years) == 1 else None


def _window(piece: _Piece, year: int) -> Window | None:
    try:
        first, last = piece.window(year)
    except ValueError:  # 30 februari, vecka 53 of a 52-week year, vintern
        return None
    return _narrow(first, last, piece.part) if piece.part else (first, last)


def _narrow(first: dt.date, last: dt.date, part: str) -> Window:
    """`början` is the first quarter of the window in whole months, at least one month;
    `slutet` the last; `mitten` what lies between. Windows shorter than a month
    (days, weeks) are not narrowed."""
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    if first.day != 1 or last.day != monthrange(last.year, last.month)[1]:
        return first, last
    edge, half = max(1, round(months / 4)), max(1, months // 2)
    begin, end = {
        "early": (0, edge),
        "late": (months - edge, months),
        "mid": (edge, months - edge) if months > 2 * edge else (0, months),
        "first_half": (0, half),
        "second_half": (months - half, months),
    }[part]
    return _month_start(first, begin), _month_start(first, end) - dt.timedelta(days=1)


def _month_start(first: dt.date, months_later: int) -> dt.date:
    index = first.month - 1 + months_later
    return dt.date(first.year + index // 12, index % 12 + 1, 1)


def _left_out(pieces: list[_Piece], months: list[int]) -> tuple[list[int], list[_Piece]]:
    """Windows after `uppehåll`, `ej`, `utom` are no time of the work: whole months
    among them (`uppehåll under sommaren`) join `except_months`, the rest is dropped."""
    left_out = set(months)
    for piece in pieces:
        first, last = (_window(piece, 2001) if piece.marker == "except" else None) or (None, None)
        if first and last and first.day == (last + dt.timedelta(days=1)).day == 1:
            left_out.update(range(first.month, last.month + 1))  # whole months of one year
    return sorted(left_out), [piece for piece in pieces if piece.marker != "except"]


def _first_year(pieces: list[_Piece]) -> int | None:
    """The earliest year the text names: `2014 och därefter vart tredje år`."""
    return min((p.year for p in pieces if p.year is not None), default=None)


def _start(spans: list[_Span] | None) -> dt.date | None:
    return min((s.start for s in spans or [] if s.start), default=None)


def _extent(spans: list[_Span]) -> tuple[dt.date | None, dt.date | None]:
    """First and last day of the time the spans name: the earliest start and the latest
    end, unless an exact day (ISO or `1 december`) names the end."""
    start = _start(spans)
    exact = [s.end for s in spans if s.piece.exact and s.end]
    due = max(exact or [s.end for s in spans if s.end], default=None)
    return (min(start, due) if start and due else start), due


def _dated(text: str, spans: list[_Span], count: int | None = None) -> Timing:
    """A deadline at the end of the window the spans name."""
    start, due = _extent(spans)
    if due is None:  # only `från ...`: work that goes on from then
        return Timing(text, "continuous", start, None, "continuous", "from", count)
    if len(spans) == 1:
        form = spans[0].piece.label
    elif all(s.piece.label == "year" for s in spans):
        form = "years"
    else:
        form = "date" if any(s.piece.exact for s in spans) else "range"
    return Timing(text, "deadline", start, due, None, form, count)


_OPEN_END = re.compile(
    _word(r"därefter|framöver|framåt|fortsättningsvis|tills vidare|och vidare|och sedan")
)


def _bounds(
    rule: RepeatRule, spans: list[_Span], text: str
) -> tuple[dt.date | None, dt.date | None]:
    """The time a rhythm recurs in: `Månadsvis under 2018` -> 2018-01-01 .. 2018-12-31.

    `2014 och därefter vart tredje år` and `från mars 2018` name a start and no end; the
    one year of `2014 vart tredje år` is where the rhythm starts, not where it ends.
    """
    start, due = _extent(spans)
    if due is None or _OPEN_END.search(text):
        return start, None
    if isinstance(rule, RepeatEveryYears) and due.year <= rule.from_:
        return start, None
    return start, due


# --- pass 4: presence --------------------------------------------------------------------

_CONTINUOUS = re.compile(
    _word(
        r"kontinuerlig\w*|löpande|fortlöpande|pågående|pågår|ständigt|regelbundet"
        r"|öppettid\w*|tills vidare|året runt|dygnet runt|dygnets alla timmar|24/7"
        r"|alla dagar|veckans alla dagar|årets alla dagar"
        r"|terminstid|skoltid|under terminerna"  # presence while the schools are open
    )
)
_WEEKDAY = re.compile(
    rf"(?<!\w)(?:(?P<stem>{_alt(_WEEKDAY_WORDS)})\w*|(?P<short>{_alt(_WEEKDAY_SHORT)})\.?(?!\w))"
)
# What joins two weekdays: a range (`-`) or a list (`fre/lör`, `fre + lör`, `tis och tors`).
_WEEKDAY_JOIN = re.compile(rf"\s*-\s*|{_AND}")


def _weekdays(text: str) -> list[str]:
    """Weekdays named in the text; `måndag-fredag` is a range; an abbreviation counts
    only next to another weekday."""
    days: set[str] = set()
    previous: re.Match[str] | None = None
    for match in _WEEKDAY.finditer(text):
        joined = previous and _WEEKDAY_JOIN.fullmatch(text, previous.end(), match.start())
        if match["short"] and not joined and not _joined_after(text, match):
            continue
        found = _WEEKDAY_WORDS[_stem(match)]
        if previous and joined and "-" in joined[0]:
            found = _week_range(_WEEKDAY_WORDS[_stem(previous)], found)
        days.update(found)
        previous = match
    return [day for day in _WEEK if day in days]


def _stem(match: re.Match[str]) -> str:
    return match["stem"] or _WEEKDAY_SHORT[match["short"]]


def _joined_after(text: str, match: re.Match[str]) -> bool:
    """Another weekday follows the abbreviation, joined to it (`fre` in `fre-lör`)."""
    after = _WEEKDAY_JOIN.match(text, match.end())
    return bool(after and after[0] and _WEEKDAY.match(text, after.end()))


def _week_range(first: tuple[str, ...], last: tuple[str, ...]) -> tuple[str, ...]:
    if len(first) != 1 or len(last) != 1:
        return last
    a, b = _WEEK.index(first[0]), _WEEK.index(last[0])
    return tuple(_WEEK[(a + i) % 7] for i in range((b - a) % 7 + 1))


_LABELS: Mapping[str, re.Pattern[str]] = {
    label: re.compile(_word(pattern)) for label, pattern in _UNDATED_LABELS.items()
}


def _label(text: str) -> str:
    """Why an undated text is undated, when it says so: `vid behov`, `under projekttiden`."""
    return next((label for label, pattern in _LABELS.items() if pattern.search(text)), "")
