"""Questions about a plan's deadlines: what is overdue, what is coming up, what fell
in a report period; for whom (`--party`, `--area`); and the names to show.

Everything here reads `samplan.schedule`, the engine: each item's occurrences are
made there once and only turned into `Deadline` rows here. `overdue`, `upcoming`,
`export`, `calendar` and the report all ask these functions, so they agree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Literal

import msgspec

from samplan.errors import UnknownName
from samplan.listing import Expired, Listing
from samplan.model import LogEntry, Plan, Status
from samplan.schedule import (
    Schedule,
    current_status,
    follow_up_schedule,
    is_expired,
    occurrences,
    schedule_of,
    shown_status,
)

__all__ = [
    "Deadline",
    "Item",
    "PlanDeadlines",
    "check_known",
    "collect",
    "deadlines",
    "items",
    "listing",
    "matches",
    "name_of",
    "names",
    "overdue",
    "plan_deadlines",
    "reach",
    "upcoming",
]

ItemKind = Literal["activity", "follow_up"]


class Item(msgspec.Struct, frozen=True):
    """An activity or a follow-up item, as far as deadlines are concerned."""

    area_id: str | None  # None for the plan's own follow-up items
    item_id: str
    kind: ItemKind
    title: str
    responsible: tuple[str, ...]  # party keys (for a follow-up item: its `by`, if any)
    log: Sequence[LogEntry]
    schedule: Schedule


def items(plan: Plan) -> Iterator[Item]:
    """The plan's activities (in file order), then its follow-up items."""
    for area, act in plan.all_activities():
        yield Item(
            area.id,
            act.id,
            "activity",
            act.title,
            tuple(act.responsible),
            act.log,
            schedule_of(act, plan),
        )
    for item in plan.follow_up:
        yield Item(
            None,
            item.id,
            "follow_up",
            item.title,
            item.by_keys,
            item.log,
            follow_up_schedule(item, plan),
        )


class Deadline(msgspec.Struct, frozen=True):
    """One deadline of an activity or follow-up item, as seen on the as-of date."""

    plan_id: str
    plan_title: str
    file: str
    area_id: str | None  # None for the plan's own follow-up items
    item_id: str
    item_kind: ItemKind
    title: str
    responsible: tuple[str, ...]  # party keys (for a follow-up item: its `by`, if any)
    due: dt.date  # the deadline, grace included
    occurrence: int | None  # k-th occurrence in the year its window starts; None for one-off
    required: int | None  # units required by `due` (recurring); None for one-off
    recurring: bool
    status: Status  # current status as of the as-of date
    days_late: int  # (as_of - due).days while the deadline is unmet; > 0 exactly when overdue
    # Nothing is left to do for it on the as-of date: its units are there; a one-off
    # item is done (or has its count), cancelled or paused.
    met: bool
    window_start: dt.date  # entries whose effective date lies in the window count for it
    window_end: dt.date  # the last day of the window (the deadline before grace)
    units_done: int  # units counted towards it on the as-of date
    units_required: int  # units it needs ("2 av 4")
    ended: bool = False  # the plan's period ended before the as-of date

    @property
    def shown_status(self) -> Status:
        return shown_status(self.status, self.recurring)


def _deadlines(plan: Plan, as_of: dt.date, horizon: dt.date, file: str) -> Iterator[Deadline]:
    """Every deadline up to `horizon`, as seen on `as_of`."""
    period = (plan.period.start, plan.period.end)
    ended = is_expired(plan, as_of)
    for item in items(plan):
        status = current_status(item.log, as_of)
        for occ in occurrences(item.schedule, item.log, period, as_of, horizon):
            late = (as_of - occ.deadline).days
            yield Deadline(
                plan_id=plan.id,
                plan_title=plan.title,
                file=file,
                area_id=item.area_id,
                item_id=item.item_id,
                item_kind=item.kind,
                title=item.title,
                responsible=item.responsible,
                due=occ.deadline,
                occurrence=occ.number,
                required=occ.required if occ.number is not None else None,
                recurring=occ.number is not None,
                status=status,
                days_late=min(late, 0) if occ.met else late,
                met=occ.met,
                window_start=occ.start,
                window_end=occ.end,
                units_done=occ.done,
                units_required=occ.required,
                ended=ended,
            )


def _sort_key(d: Deadline) -> tuple[dt.date, str, str, int]:
    return (d.due, d.plan_id, d.item_id, d.occurrence or 0)


def timeline(plan: Plan, as_of: dt.date, until: dt.date, file: str = "") -> list[Deadline]:
    """Every deadline up to `until` as seen on `as_of`, met or not, in order.

    `missed`, `pending` and `within` select from it: a command that needs
    several of them (the report, a plan's status) computes it once.
    """
    return sorted(_deadlines(plan, as_of, until, file), key=_sort_key)


def missed(found: Sequence[Deadline], as_of: dt.date) -> list[Deadline]:
    """Deadlines before `as_of` that are unmet: each missed occurrence once."""
    return [d for d in found if not d.met and d.due < as_of]


def pending(found: Sequence[Deadline], as_of: dt.date, until: dt.date) -> list[Deadline]:
    """Unmet deadlines with as_of <= due <= until: what is due today is not overdue yet."""
    return [d for d in found if not d.met and as_of <= d.due <= until]


def within(found: Sequence[Deadline], start: dt.date, end: dt.date) -> list[Deadline]:
    """Every deadline with start <= due <= end, met or not (for reports).

    Occurrences after a recurring item was cancelled or paused are not deadlines.
    """
    return [d for d in found if start <= d.due <= end]


def overdue(plan: Plan, as_of: dt.date, file: str = "") -> list[Deadline]:
    """`missed` deadlines of `plan`."""
    return missed(timeline(plan, as_of, as_of, file), as_of)


def upcoming(plan: Plan, as_of: dt.date, until: dt.date, file: str = "") -> list[Deadline]:
    """`pending` deadlines of `plan`."""
    return pending(timeline(plan, as_of, until, file), as_of, until)


def deadlines(
    plan: Plan, start: dt.date, end: dt.date, as_of: dt.date, file: str = ""
) -> list[Deadline]:
    """The deadlines of `plan` `within` start and end."""
    return within(timeline(plan, as_of, end, file), start, end)


# --- for whom, and names ---------------------------------------------------------------


def reach(plan: Plan, keys: Sequence[str]) -> set[str]:
    """The keys, the bodies' conveners, and every party they are `part_of`: the parties
    a `--party` filter finds rows of `keys` for."""
    conveners = {b.id: b.convener for b in plan.bodies if b.convener}
    reached: set[str] = set()
    for key in [*keys, *(conveners[k] for k in keys if k in conveners)]:
        current: str | None = key
        while current is not None and current not in reached:  # `in reached` stops loops
            reached.add(current)
            found = plan.parties.get(current)
            current = found.part_of if found else None
    return reached


def matches(
    plan: Plan,
    area_id: str | None,
    responsible: Sequence[str],
    party: str | None,
    area: str | None,
) -> bool:
    """Whether a row of `area_id` for `responsible` passes `--party` and `--area`."""
    return (area is None or area_id == area) and (
        party is None or party in reach(plan, responsible)
    )


def name_of(plan: Plan, key: str) -> str:
    """A party key or body id as a name (the key itself when it names nothing)."""
    party = plan.parties.get(key)
    if party is not None:
        return party.name
    return next((b.name for b in plan.bodies if b.id == key), key)


def names(plan: Plan, keys: Sequence[str]) -> str:
    return ", ".join(name_of(plan, k) for k in keys)


# --- across plans: what `overdue` and `upcoming` list ----------------------------------


class PlanDeadlines(msgspec.Struct, frozen=True):
    """What one plan gives a listing: its rows that pass the filters, and what the
    listing needs of the plan besides (its keys and areas, to check the filters;
    its expiry).

    Worker processes compute these next to reading the plans (`samplan.corpus`),
    so only these small values travel back, not the plans."""

    file: str
    plan_id: str
    title: str
    expired_on: dt.date | None  # the end of its period, when that is before the as-of date
    rows: list[Deadline]
    keys: frozenset[str]  # its parties and bodies, which `--party` accepts
    areas: frozenset[str]


def plan_deadlines(
    file: str,
    plan: Plan,
    as_of: dt.date,
    until: dt.date | None = None,
    *,
    party: str | None = None,
    area: str | None = None,
) -> PlanDeadlines:
    """One plan's overdue deadlines (`until` None) or upcoming ones up to `until`."""
    found = overdue(plan, as_of, file) if until is None else upcoming(plan, as_of, until, file)
    kept = [row for row in found if matches(plan, row.area_id, row.responsible, party, area)]
    return PlanDeadlines(
        file=file,
        plan_id=plan.id,
        title=plan.title,
        expired_on=plan.period.end if is_expired(plan, as_of) else None,
        rows=kept,
        keys=_keys(plan),
        areas=_areas(plan),
    )


def listing(
    found: Sequence[PlanDeadlines],
    as_of: dt.date,
    until: dt.date | None = None,
    *,
    party: str | None = None,
    area: str | None = None,
    include_expired: bool = False,
) -> Listing:
    """The listing of the plans' deadlines, found with the same `until`, `party` and `area`.

    An unknown party or area is a usage error. An expired plan is named with the
    number of its rows; the rows themselves are listed only with `include_expired`
    (a finished agreement is history, not a to-do).
    """
    if found:
        _check_filters(party, area, [f.keys for f in found], [f.areas for f in found])
    rows: list[Deadline] = []
    expired: list[Expired] = []
    for plan in found:
        if plan.expired_on is not None:
            expired.append(
                Expired(plan.plan_id, plan.title, plan.file, plan.expired_on, len(plan.rows))
            )
            if not include_expired:
                continue
        rows.extend(plan.rows)
    return Listing(
        command="overdue" if until is None else "upcoming",
        as_of=as_of,
        until=until,
        plans=len(found),
        rows=sorted(rows, key=_sort_key),
        expired=expired,
        expired_rows_listed=include_expired,
    )


def collect(
    plans: Sequence[tuple[str, Plan]],
    as_of: dt.date,
    until: dt.date | None = None,
    *,
    party: str | None = None,
    area: str | None = None,
    plan_id: str | None = None,
    include_expired: bool = False,
) -> Listing:
    """Overdue deadlines (`until` None) or upcoming ones up to `until`, over `(file, plan)`s.

    `party` keeps rows whose responsible parties reach it: the party itself, a unit
    `part_of` it (at any depth), or a body it convenes. `area` and `plan_id` keep
    rows of that area or plan. See `listing` for unknown filters and expired plans.
    """
    found = [
        plan_deadlines(file, plan, as_of, until, party=party, area=area)
        for file, plan in plans
        if plan_id in (None, plan.id)
    ]
    return listing(found, as_of, until, party=party, area=area, include_expired=include_expired)


def check_known(plans: Sequence[tuple[str, Plan]], party: str | None, area: str | None) -> None:
    """UsageError for a `party` (or body) or `area` filter that none of the plans has."""
    if plans:
        keys, areas = [_keys(p) for _, p in plans], [_areas(p) for _, p in plans]
        _check_filters(party, area, keys, areas)


def _keys(plan: Plan) -> frozenset[str]:
    return frozenset([*plan.parties, *(b.id for b in plan.bodies)])


def _areas(plan: Plan) -> frozenset[str]:
    return frozenset(a.id for a in plan.areas)


def _check_filters(
    party: str | None,
    area: str | None,
    keys: Sequence[frozenset[str]],
    areas: Sequence[frozenset[str]],
) -> None:
    """UsageError for a filter that none of the plans (their `keys` and `areas`) has."""
    for given, known, what in ((party, keys, "party or body"), (area, areas, "area")):
        every = frozenset().union(*known)
        if given is not None and given not in every:
            raise UnknownName(kind=what, key=given, known=sorted(every))
