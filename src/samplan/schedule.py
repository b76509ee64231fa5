"""The follow-up engine: when an item is due, and how much of it is done.

Every activity and follow-up item has one `Schedule`, built from its rhythm
(`repeat`, a follow-up item's `schedule`, or a recurring `when`), its dates
(`start`, `due`, the time its `when` names), its `grace` and its quantity
(`count`, or a quantity its `when` or title states). A schedule yields
occurrences, values with one owner: a window, a deadline (the window's end plus
the grace) and the units of work required by that deadline. Each log entry's
units are counted into the windows by its effective date. This is the spec's
"Overdue" section with the second edition (../shared/spec/plan-format.md):

- A one-off item has one occurrence: its explicit `due`, else the date its
  `when` gives; in a citizen promise, else the plan's end. Without a quantity
  it is open until its status is `done`, `cancelled` or `paused`; with one
  (`count: 4`) until its units reach the count or it is cancelled or paused.
- `per_year` and `months`: cumulative within a calendar year; the k-th
  deadline of a year needs k × count units from entries of that year.
- `every_months: N`: windows of N months from the item's start, else the
  plan's start, each needing its own units (a window may cross 1 January); the
  last window, when the item's or plan's end cuts it short, is due at that end;
  `every_years`: one window per year Y, Y+N, ...
- A recurring item's deadlines lie inside the plan period, on or after its
  start and on or before its `due` (its last deadline) or the end of the time
  its `when` names. Occurrences when it was cancelled or paused are dropped.
- `continuous` and `weekdays` work has no deadlines, only staleness.

An entry counts towards a window that holds its effective date; when grace
makes windows overlap, it goes to the earliest that still needs units. The
as-of date is always passed in; nothing here reads the clock.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Literal

import msgspec

from samplan.model import (
    Activity,
    FollowUpItem,
    LogEntry,
    Plan,
    RepeatEveryMonths,
    RepeatEveryYears,
    RepeatMonths,
    RepeatPerYear,
    RepeatRule,
    RepeatWeekdays,
    Status,
)
from samplan.periods import parse_period
from samplan.when import Kind, Timing, read_when, stated_count

__all__ = [
    "Occurrence",
    "Schedule",
    "Status",
    "add_months",
    "current_status",
    "effective_date",
    "follow_up_schedule",
    "is_complete",
    "is_expired",
    "is_stale",
    "item_status",
    "latest_entry",
    "occurrences",
    "schedule_of",
    "shown_status",
    "units",
    "with_grace",
]

# A recurring item with one of these statuses has no further occurrences.
STOPPED: frozenset[str] = frozenset({"cancelled", "paused"})

Rhythm = RepeatRule | Literal["continuous"]


# --- statuses and log entries ----------------------------------------------------------


def current_status(log: Sequence[LogEntry], as_of: dt.date) -> Status:
    """Status of the latest entry dated on or before `as_of`; with none, `planned`."""
    latest = latest_entry(log, as_of)
    return latest.status if latest is not None else "planned"


def latest_entry(
    log: Sequence[LogEntry], as_of: dt.date, having: Literal["note", "assessment"] | None = None
) -> LogEntry | None:
    """The latest entry dated on or before `as_of` (only entries with a `having` field).

    Of two entries on the same day the later one in the log wins.
    """
    latest: LogEntry | None = None
    for entry in log:
        if (
            entry.date <= as_of
            and (latest is None or entry.date >= latest.date)
            and (having is None or getattr(entry, having) is not None)
        ):
            latest = entry
    return latest


def shown_status(status: Status, recurring: bool) -> Status:
    """The status to show: a `done` entry on recurring work records one occurrence,
    and the work itself goes on (spec: it is not finished by a `done` entry)."""
    return "ongoing" if recurring and status == "done" else status


def item_status(schedule: Schedule, log: Sequence[LogEntry], as_of: dt.date) -> Status:
    """The status to show for an item on `as_of` (recurring work stays ongoing, and
    one-off work with a quantity is ongoing until its units reach the count: "minst
    fyra" with two done is not complete, whatever its latest status says)."""
    status = shown_status(current_status(log, as_of), schedule.recurring)
    if status == "done" and schedule.kind == "deadline" and not is_complete(schedule, log, as_of):
        return "ongoing"
    return status


def units(entry: LogEntry) -> int:
    """The units of work an entry reports: `done` 1 and `ongoing` 0 unless it says
    `count`; `planned`, `paused` and `cancelled` report nothing."""
    if entry.status == "done":
        return 1 if entry.count is None else entry.count
    if entry.status == "ongoing":
        return entry.count or 0
    return 0


def effective_date(entry: LogEntry) -> dt.date:
    """The day an entry counts on: its date, or the last day of its `for` period when
    that is earlier (results for 2019 written down in January 2020 count in 2019)."""
    if entry.for_ is None:
        return entry.date
    return min(entry.date, parse_period(entry.for_).end)


# --- dates -----------------------------------------------------------------------------


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, clamped to the month's last day (31 Jan + 1 = 28/29 Feb)."""
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    return dt.date(year, month0 + 1, min(day.day, calendar.monthrange(year, month0 + 1)[1]))


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def with_grace(day: dt.date, grace: str | None) -> dt.date:
    """`day` moved by a grace such as `30d`, `6w` or `2m`. Months keep a month's end
    at the month's end: 30 April + 1m is 31 May, 30 September + 4m is 31 January."""
    if not grace:
        return day
    number, unit = int(grace[:-1]), grace[-1]
    try:
        if unit != "m":
            return day + dt.timedelta(days=number * (7 if unit == "w" else 1))
        moved = add_months(day, number)
        at_end = day == _month_end(day.year, day.month)
        return _month_end(moved.year, moved.month) if at_end else moved
    except (OverflowError, ValueError):  # past the year 9999
        return dt.date.max


def is_expired(plan: Plan, as_of: dt.date) -> bool:
    """The plan's work is over on `as_of`: its period has ended and so has the longest
    grace of its items (a plan `tills vidare` never expires).

    A closing follow-up due in its grace after the period (the yearly one, written
    in January: `grace: 1m`) is still to come, or late, not history.
    """
    end = plan.period.end
    if end is None:
        return False
    graces = [act.grace for _, act in plan.all_activities()] + [i.grace for i in plan.follow_up]
    return max([end, *(with_grace(end, grace) for grace in graces if grace)]) < as_of


# --- one schedule per item ---------------------------------------------------------------


class Schedule(msgspec.Struct, frozen=True):
    """When an item is due, as its keys and its `when` text say together."""

    kind: Kind  # deadline (one-off), recurring, continuous, undated
    rhythm: Rhythm | None  # recurring and continuous only
    start: dt.date | None  # nothing is due (or stale) before it
    due: dt.date | None  # one-off: the deadline; recurring: the last deadline (before grace)
    count: int  # units of work each occurrence needs
    quantity: bool  # a count was given: a one-off is complete by its units, not its status
    grace: str | None

    @property
    def recurring(self) -> bool:
        return self.kind == "recurring"

    @property
    def deadline(self) -> dt.date | None:
        """A one-off item's deadline, grace included."""
        return with_grace(self.due, self.grace) if self.due and self.kind == "deadline" else None


def schedule_of(activity: Activity, plan: Plan) -> Schedule:
    """The activity's schedule: explicit `repeat`, `due`, `start` and `count` win over
    its `when`; a quantity in its title counts when nothing else gives one."""
    period = plan.period
    said = read_when(activity.when or "", period.start, period.end)
    count = activity.count or said.count
    if count is None and activity.repeat is None:
        count = stated_count(activity.title, period.start, period.end)
    promise_end = period.end if plan.kind == "citizen_promise" else None
    return _schedule(
        activity.repeat, said, activity.start, activity.due, count, activity.grace, promise_end
    )


def follow_up_schedule(item: FollowUpItem, plan: Plan) -> Schedule:
    """A follow-up item's schedule: `schedule` is its rhythm, `when` its rhythm or date
    when there is no `schedule`, and otherwise bounds it."""
    said = read_when(item.when or "", plan.period.start, plan.period.end)
    return _schedule(item.schedule, said, None, None, said.count, item.grace, None)


def _schedule(
    repeat: Rhythm | None,
    said: Timing,
    start: dt.date | None,
    due: dt.date | None,
    count: int | None,
    grace: str | None,
    promise_end: dt.date | None,
) -> Schedule:
    rhythm = repeat
    if rhythm is None and said.kind in ("recurring", "continuous"):
        rhythm = said.repeat
    first = start or said.start
    units_each = count or 1
    quantity = count is not None
    if rhythm is not None:
        if rhythm == "continuous" or isinstance(rhythm, RepeatWeekdays):
            return Schedule("continuous", rhythm, first, None, units_each, quantity, grace)
        # `due` is the last deadline; a recurring or dated `when` bounds the rhythm too.
        last = due or said.due
        return Schedule("recurring", rhythm, first, last, units_each, quantity, grace)
    deadline = due or (said.due if said.kind == "deadline" else None) or promise_end
    kind: Kind = "deadline" if deadline is not None else "undated"
    return Schedule(kind, None, first, deadline, units_each, quantity, grace)


# --- occurrences -------------------------------------------------------------------------


class Occurrence(msgspec.Struct, frozen=True):
    """One deadline of an item, and where it stands on the as-of date."""

    start: dt.date  # first day of the window whose entries count for it
    end: dt.date  # last day of the window
    deadline: dt.date  # the window's end plus the grace
    number: int | None  # k-th deadline in the deadline's year; None for a one-off
    required: int  # units needed by the deadline (per_year, months: cumulative in the year)
    done: int  # units counted towards it on the as-of date, at most `required`
    met: bool  # nothing is left to do for it on the as-of date


# The last window ever computed: keeps month arithmetic inside dt.date.max.
_LATEST = dt.date(9998, 12, 31)


def is_complete(schedule: Schedule, log: Sequence[LogEntry], as_of: dt.date) -> bool:
    """One-off work is complete on `as_of`: with a quantity when its units reach the
    count (a `done` status alone is not enough: "2 av 4"), else when its status is done."""
    if schedule.quantity:
        return sum(units(e) for e in log if e.date <= as_of) >= schedule.count
    return current_status(log, as_of) == "done"


def occurrences(
    schedule: Schedule,
    log: Sequence[LogEntry],
    period: tuple[dt.date, dt.date | None],
    as_of: dt.date,
    horizon: dt.date,
) -> list[Occurrence]:
    """The item's occurrences with a deadline up to `horizon`, as seen on `as_of`.

    `period` is the plan's (start, end). Entries dated after `as_of` do not exist yet.
    """
    log = [entry for entry in log if entry.date <= as_of]
    if schedule.kind == "deadline" and schedule.due is not None:
        deadline = with_grace(schedule.due, schedule.grace)
        if deadline > horizon:
            return []
        met = is_complete(schedule, log, as_of) or current_status(log, as_of) in STOPPED
        start = min(schedule.start or period[0], schedule.due)
        done = min(sum(units(entry) for entry in log), schedule.count)
        return [Occurrence(start, schedule.due, deadline, None, schedule.count, done, met)]
    if schedule.kind == "recurring" and isinstance(schedule.rhythm, _DATED_RULES):
        return _recurring(schedule, schedule.rhythm, log, period, as_of, horizon)
    return []


_DATED_RULES = (RepeatPerYear, RepeatMonths, RepeatEveryMonths, RepeatEveryYears)


class _Group(msgspec.Struct):
    """Windows whose units are counted together: a calendar year for `per_year` and
    `months` (cumulative), else one window."""

    start: dt.date
    end: dt.date
    reach: dt.date  # its last deadline: entries up to here may still count for it
    needed: int = 0  # units its last counted occurrence needs
    done: int = 0


def _recurring(
    schedule: Schedule,
    rule: RepeatRule,
    log: Sequence[LogEntry],
    period: tuple[dt.date, dt.date | None],
    as_of: dt.date,
    horizon: dt.date,
) -> list[Occurrence]:
    first = max(period[0], schedule.start or period[0])
    bounds = [d for d in (period[1], schedule.due) if d is not None]
    # Windows are made up to the end of the year looked at, so that a year's units are
    # shared out among all of its deadlines, not only those up to the horizon.
    last = min([*bounds, _month_end(min(max(horizon, as_of), _LATEST).year, 12), _LATEST])
    cut = bool(bounds) and last == min(bounds)  # the item's or the plan's end, not the horizon
    groups: dict[dt.date, _Group] = {}
    planned: list[tuple[dt.date, dt.date, dt.date, int, _Group, int]] = []
    in_year: dict[int, int] = {}
    for start, end, group_start, group_end in _windows(rule, first, last, cut):
        if end < first or end.month in rule.except_months:
            continue
        deadline = with_grace(end, schedule.grace)
        # Numbered within the year the window starts in: a school term from August
        # to January is the autumn's, `1st time in 2025`, not the second of 2026.
        number = in_year[start.year] = in_year.get(start.year, 0) + 1
        group = groups.setdefault(group_start, _Group(group_start, group_end, deadline))
        group.reach = deadline
        if current_status(log, min(deadline, as_of)) in STOPPED:
            continue  # no occurrence while the work was cancelled or paused
        group.needed += schedule.count
        planned.append((start, end, deadline, number, group, group.needed))
    _share_out(log, list(groups.values()))
    return [
        Occurrence(
            start, end, deadline, number, needed, min(group.done, needed), group.done >= needed
        )
        for start, end, deadline, number, group, needed in planned
        if deadline <= horizon
    ]


def _share_out(log: Sequence[LogEntry], groups: list[_Group]) -> None:
    """Count each entry's units once: into the earliest group that holds its effective
    date (grace included) and still needs units, else the one whose own dates hold it."""
    for entry in sorted(log, key=effective_date):
        amount = units(entry)
        if not amount:
            continue
        day = effective_date(entry)
        holding = [g for g in groups if g.start <= day <= max(g.end, g.reach)]
        target = next((g for g in holding if g.done < g.needed), None) or next(
            (g for g in holding if g.start <= day <= g.end), None
        )
        if target is not None:
            target.done += amount


def _windows(
    rule: RepeatRule, first: dt.date, last: dt.date, cut: bool = False
) -> Iterator[tuple[dt.date, ...]]:
    """(window start, window end, group start, group end) of `rule`, in date order, for
    windows ending on or before `last` (and, from `first`'s year or window, on).

    With `cut`, `last` is where the item or plan ends: an `every_months` window it cuts
    short is due there (a school-year plan ends on 30 June, before its spring term's
    six months from February are over)."""
    if isinstance(rule, RepeatEveryMonths):
        # Windows of N months from the start; each is due on its last day.
        start = first
        while (end := add_months(start, rule.every_months) - dt.timedelta(days=1)) <= last:
            yield start, end, start, end
            start = end + dt.timedelta(days=1)
        if cut and start <= last:
            yield start, last, start, last
        return
    if isinstance(rule, RepeatEveryYears):
        year = rule.from_
        while year <= last.year:
            if year >= first.year:
                jan1, dec31 = dt.date(year, 1, 1), dt.date(year, 12, 31)
                yield jan1, dec31, jan1, dec31
            year += rule.every_years
        return
    for year in range(first.year, last.year + 1):
        jan1, dec31 = dt.date(year, 1, 1), dt.date(year, 12, 31)
        start = jan1
        for end in _year_ends(rule, year):
            if end <= last:
                yield start, end, jan1, dec31
            start = end + dt.timedelta(days=1)


def _year_ends(rule: RepeatRule, year: int) -> list[dt.date]:
    """The window ends of `per_year` (equal parts of the year: month ends when they
    divide it) and `months` (the listed months' ends)."""
    if isinstance(rule, RepeatMonths):
        return [_month_end(year, month) for month in sorted(set(rule.months))]
    assert isinstance(rule, RepeatPerYear)
    count = rule.per_year
    if 12 % count == 0:
        step = 12 // count
        return [_month_end(year, step * k) for k in range(1, count + 1)]
    days = 366 if calendar.isleap(year) else 365
    jan1 = dt.date(year, 1, 1)
    return [jan1 + dt.timedelta(days=-(-k * days // count) - 1) for k in range(1, count + 1)]


# --- continuous work -------------------------------------------------------------------


def is_stale(
    schedule: Schedule, log: Sequence[LogEntry], start: dt.date, end: dt.date, as_of: dt.date
) -> bool:
    """Continuous or weekly work with no log entry, existing on `as_of`, whose effective
    date lies in [start, end]. Work that was cancelled or paused by `end`, or that
    starts after `end`, is not stale."""
    return (
        schedule.kind == "continuous"
        and (schedule.start is None or schedule.start <= end)
        and current_status(log, end) not in STOPPED
        and not any(e.date <= as_of and start <= effective_date(e) <= end for e in log)
    )
