"""Report periods: `2026Q3`, `2026T2`, `2026H1`, `2026`, or a from/to range.

Swedish kommuner follow up in tertials (T1 January–April, T2 May–August,
T3 September–December), so the tertial is the default kind. A period knows its
kind so that "the next period" is the next one of the same kind; how a period
is named in a report is language text and lives in `samplan.i18n`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Literal

import msgspec

from samplan.errors import (
    NotAPeriod,
    PeriodPartOutOfRange,
    PeriodReversed,
    PeriodYearOutOfRange,
)

PeriodKind = Literal["quarter", "tertial", "half", "year", "range"]

# Months in one period of each calendar-aligned kind.
_MONTHS: dict[str, int] = {"quarter": 3, "tertial": 4, "half": 6, "year": 12}
_LETTER: dict[str, PeriodKind] = {"Q": "quarter", "T": "tertial", "H": "half"}
_CODE = re.compile(r"^(\d{4})(?:([QTH])(\d))?$")
# The years samplan reckons with: plans, dates given and periods. Beyond them a
# date is a typo, and date arithmetic near year 1 or 9999 would overflow.
YEARS = range(1900, 2201)
_DAY = dt.timedelta(days=1)


class Period(msgspec.Struct, frozen=True):
    """A closed date interval [start, end] of a known kind.

    `index` is the 1-based quarter/tertial/half number (1 for a year, 0 for a range).
    `code` is the canonical, language-neutral name: `2026T3`, `2026`,
    `2026-03-01..2026-05-15`.
    """

    kind: PeriodKind
    start: dt.date
    end: dt.date
    index: int

    @property
    def code(self) -> str:
        if self.kind == "range":
            return f"{self.start.isoformat()}..{self.end.isoformat()}"
        if self.kind == "year":
            return str(self.start.year)
        letter = next(k for k, v in _LETTER.items() if v == self.kind)
        return f"{self.start.year}{letter}{self.index}"

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


def parse_period(text: str) -> Period:
    """`2026Q3`, `2026T2`, `2026H1` or `2026` (case-insensitive) as a Period."""
    match = _CODE.match(text.strip().upper())
    if not match:
        raise NotAPeriod(text=text)
    year = int(match.group(1))
    if year not in YEARS:
        raise PeriodYearOutOfRange(text=text, first=YEARS[0], last=YEARS[-1])
    if match.group(2) is None:
        return _aligned("year", year, 1)
    kind = _LETTER[match.group(2)]
    index = int(match.group(3))
    count = 12 // _MONTHS[kind]
    if not 1 <= index <= count:
        raise PeriodPartOutOfRange(text=text, kind=kind, count=count)
    return _aligned(kind, year, index)


def period_from_range(start: dt.date, end: dt.date) -> Period:
    """A from/to period; both dates are included."""
    if end < start:
        raise PeriodReversed(start=start, end=end)
    return Period("range", start, end, 0)


def period_containing(day: dt.date, kind: PeriodKind = "tertial") -> Period:
    """The calendar-aligned period of `kind` that contains `day`."""
    if kind == "range":
        raise ValueError("a range period is not calendar-aligned")
    index = (day.month - 1) // _MONTHS[kind] + 1
    return _aligned(kind, day.year, index)


def next_period(period: Period) -> Period:
    """The period of the same kind right after `period`. A range: the next school year
    after a school year, as many whole months after whole months (March → April), else
    the same number of days."""
    after = period.end + dt.timedelta(days=1)
    if period.kind != "range":
        return period_containing(after, period.kind)
    year = school_year(period)
    if year is not None:
        return Period("range", dt.date(year + 1, 8, 1), period.end.replace(year=year + 2), 0)
    if period.start.day == 1 and after.day == 1:
        months = (after.year - period.start.year) * 12 + after.month - period.start.month
        first = after.year * 12 + after.month - 1 + months  # the month after the next range
        return Period("range", after, dt.date(first // 12, first % 12 + 1, 1) - _DAY, 0)
    return Period("range", after, after + dt.timedelta(days=period.days - 1), 0)


def school_year(period: Period) -> int | None:
    """The first year of a range that is a school year (läsår): 1 August to 30 June, or
    to 31 July, of the next year; None for any other period."""
    start, end = period.start, period.end
    if (
        period.kind == "range"
        and (start.month, start.day) == (8, 1)
        and end.year == start.year + 1
        and (end.month, end.day) in ((6, 30), (7, 31))
    ):
        return start.year
    return None


def _aligned(kind: PeriodKind, year: int, index: int) -> Period:
    months = _MONTHS[kind]
    first_month = (index - 1) * months + 1
    start = dt.date(year, first_month, 1)
    last_month = first_month + months - 1
    end = dt.date(year, last_month, calendar.monthrange(year, last_month)[1])
    return Period(kind, start, end, index)
