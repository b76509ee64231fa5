"""Checks beyond the schema: a plain list of rule functions.

A file rule takes a `Context` (one validated plan with its source positions and
the as-of date) and yields problems. A corpus rule sees every file read in the
run, for what only a set of plans can tell (plan ids, parents).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from samplan.loader import Loaded
from samplan.messages import Msg
from samplan.model import Activity, LogEntry, Plan
from samplan.periods import parse_period
from samplan.pii import find_identity_numbers, may_contain_identity_numbers
from samplan.problems import Problem, Severity
from samplan.suggest import unknown_message
from samplan.when import read_when
from samplan.yamltree import Path


@dataclass(frozen=True)
class Context:
    loaded: Loaded
    plan: Plan
    as_of: dt.date

    def at(self, path: Path, code: str, message: Msg, *, key: bool = False) -> Problem:
        return self.loaded.at(path, code, message, key=key)


FileRule = Callable[[Context], Iterable[Problem]]
CorpusRule = Callable[[list[Loaded]], Iterable[Problem]]


def _activities(plan: Plan) -> Iterator[tuple[Path, Activity]]:
    for a, area in enumerate(plan.areas):
        for i, act in enumerate(area.activities):
            yield ("areas", a, "activities", i), act


def _duplicates(ctx: Context, what: Msg, items: Iterable[tuple[Path, str]]) -> Iterator[Problem]:
    first: dict[str, Path] = {}
    for path, ident in items:
        if ident in first:
            line = ctx.loaded.at(first[ident], "R001", "").line
            yield ctx.at(
                path,
                "R001",
                Msg(
                    "duplicate {what} id `{ident}`: already used at line {line}",
                    what=what,
                    ident=ident,
                    line=line,
                ),
            )
        else:
            first[ident] = path


def unique_ids(ctx: Context) -> Iterator[Problem]:
    plan = ctx.plan
    activities = (((*p, "id"), a.id) for p, a in _activities(plan))
    yield from _duplicates(ctx, Msg("activity"), activities)
    yield from _duplicates(
        ctx, Msg("area"), ((("areas", i, "id"), area.id) for i, area in enumerate(plan.areas))
    )
    for what, field in ((Msg("goal"), "goals"), (Msg("indicator"), "indicators")):
        yield from _duplicates(ctx, what, (((*p, "id"), x.id) for p, x in _listed(plan, field)))
    yield from _duplicates(
        ctx, Msg("body"), ((("bodies", i, "id"), b.id) for i, b in enumerate(plan.bodies))
    )
    yield from _duplicates(
        ctx,
        Msg("follow-up"),
        ((("follow_up", i, "id"), f.id) for i, f in enumerate(plan.follow_up)),
    )
    if plan.situation:
        for part, what in (("problems", Msg("problem")), ("causes", Msg("cause"))):
            items = getattr(plan.situation, part)
            yield from _duplicates(
                ctx,
                what,
                ((("situation", part, i, "id"), s.id) for i, s in enumerate(items)),
            )


def _listed(plan: Plan, field: str) -> Iterator[tuple[Path, Any]]:
    """The plan's own `goals` or `indicators`, then each area's, with their paths."""
    for i, item in enumerate(getattr(plan, field)):
        yield (field, i), item
    for a, area in enumerate(plan.areas):
        for i, item in enumerate(getattr(area, field)):
            yield ("areas", a, field, i), item


def _party_refs(plan: Plan) -> Iterator[tuple[Path, str | None]]:
    for key, party in plan.parties.items():
        yield ("parties", key, "part_of"), party.part_of
    for i, sig in enumerate(plan.signatories):
        yield ("signatories", i, "party"), sig.party
    for b, body in enumerate(plan.bodies):
        yield ("bodies", b, "convener"), body.convener
        for m, member in enumerate(body.members):
            yield ("bodies", b, "members", m, "party"), member.party
    for f, item in enumerate(plan.follow_up):
        for e, entry in enumerate(item.log):
            yield ("follow_up", f, "log", e, "by"), entry.by
    for path, act in _activities(plan):
        for field in ("responsible", "partners"):
            for i, key in enumerate(getattr(act, field)):
                yield (*path, field, i), key
        for e, entry in enumerate(act.log):
            yield (*path, "log", e, "by"), entry.by


def known_parties(ctx: Context) -> Iterator[Problem]:
    parties = ctx.plan.parties
    # Who reports a log entry may also be a body (a follow-up item's council).
    reporters = {*parties, *(b.id for b in ctx.plan.bodies)}
    for path, key in _party_refs(ctx.plan):
        if key is None or key in parties:
            continue
        if path[-1] == "by":
            if key not in reporters:
                yield ctx.at(
                    path, "R002", unknown_message(Msg("unknown party or body"), key, reporters)
                )
        else:
            yield ctx.at(path, "R002", unknown_message(Msg("unknown party"), key, parties))


def part_of_loops(ctx: Context) -> Iterator[Problem]:
    parties = ctx.plan.parties
    for key in parties:
        seen = [key]
        current = parties[key].part_of
        while current in parties and current not in seen:
            seen.append(current)
            current = parties[current].part_of
        if current == key:
            chain = " → ".join([*seen, key])
            yield ctx.at(
                ("parties", key, "part_of"),
                "R016",
                Msg("`part_of` goes round: {chain}", chain=chain),
            )


def known_goals_causes_indicators(ctx: Context) -> Iterator[Problem]:
    plan = ctx.plan
    goals = {g.id for _, g in _listed(plan, "goals")}
    indicators = {i.id for _, i in _listed(plan, "indicators")}
    causes = {c.id for c in plan.situation.causes} if plan.situation else set()
    for path, act in _activities(plan):
        for i, gid in enumerate(act.goals):
            if gid not in goals:
                yield ctx.at(
                    (*path, "goals", i), "R003", unknown_message(Msg("unknown goal"), gid, goals)
                )
        for i, cid in enumerate(act.causes):
            if cid not in causes:
                yield ctx.at(
                    (*path, "causes", i),
                    "R004",
                    unknown_message(Msg("unknown cause (situation.causes)"), cid, causes),
                )
    for path, goal in _listed(plan, "goals"):
        for i, iid in enumerate(goal.indicators):
            if iid not in indicators:
                yield ctx.at(
                    (*path, "indicators", i),
                    "R005",
                    unknown_message(Msg("unknown indicator"), iid, indicators),
                )


def follow_up_by(ctx: Context) -> Iterator[Problem]:
    known = {b.id for b in ctx.plan.bodies} | set(ctx.plan.parties)
    for i, item in enumerate(ctx.plan.follow_up):
        listed = isinstance(item.by, list)
        for n, key in enumerate(item.by_keys):
            if key not in known:
                path: Path = ("follow_up", i, "by", n) if listed else ("follow_up", i, "by")
                yield ctx.at(
                    path, "R008", unknown_message(Msg("unknown body or party"), key, known)
                )


def follow_up_timing(ctx: Context) -> Iterator[Problem]:
    period = ctx.plan.period
    for i, item in enumerate(ctx.plan.follow_up):
        if item.schedule is None and (
            item.when is None or read_when(item.when, period.start, period.end).kind == "undated"
        ):
            said = (
                Msg("`when: {when}` gives neither", when=item.when)
                if item.when
                else Msg("it has no `when`")
            )
            yield ctx.at(
                ("follow_up", i),
                "R019",
                Msg(
                    "follow-up item `{id}` has no rhythm or date: no `schedule`, and {said}. "
                    "Add `schedule: {{per_year: 1}}` or a `when` such as `Årligen i mars`",
                    id=item.id,
                    said=said,
                ),
                key=True,
            )


def period_order(ctx: Context) -> Iterator[Problem]:
    period = ctx.plan.period
    if period.end is not None and period.start > period.end:
        yield ctx.at(
            ("period", "end"),
            "R009",
            Msg(
                "the period ends ({end}) before it starts ({start})",
                end=period.end,
                start=period.start,
            ),
        )


def _logs(plan: Plan) -> Iterator[tuple[Path, list[LogEntry]]]:
    for path, act in _activities(plan):
        yield (*path, "log"), act.log
    for i, item in enumerate(plan.follow_up):
        yield ("follow_up", i, "log"), item.log


def log_entries(ctx: Context) -> Iterator[Problem]:
    for path, log in _logs(ctx.plan):
        for i, entry in enumerate(log):
            here = (*path, i)
            if i and entry.date < log[i - 1].date:
                yield ctx.at(
                    (*here, "date"),
                    "R010",
                    Msg(
                        "log entry dated {date} comes after one dated {before}; "
                        "keep the log oldest first",
                        date=entry.date,
                        before=log[i - 1].date,
                    ),
                )
            if entry.date > ctx.as_of:
                yield ctx.at(
                    (*here, "date"),
                    "R011",
                    Msg(
                        "log entry dated {date} is after the as-of date {as_of}",
                        date=entry.date,
                        as_of=ctx.as_of,
                    ),
                )
            if entry.status == "cancelled" and not entry.note:
                yield ctx.at(
                    (*here, "status"), "R012", Msg("a `cancelled` entry needs a `note` saying why")
                )
            if entry.count is not None and entry.status not in ("done", "ongoing"):
                yield ctx.at(
                    (*here, "count"),
                    "R017",
                    Msg(
                        "a `{status}` entry reports no units; `count` goes with `done` "
                        "or `ongoing`",
                        status=entry.status,
                    ),
                )
            if entry.for_ is not None and parse_period(entry.for_).start > entry.date:
                yield ctx.at(
                    (*here, "for"),
                    "R018",
                    Msg(
                        "an entry dated {date} cannot report on {period}, which has not "
                        "begun; `for` names a period up to the entry's date",
                        date=entry.date,
                        period=entry.for_,
                    ),
                )


def activity_dates(ctx: Context) -> Iterator[Problem]:
    period = ctx.plan.period
    for path, act in _activities(ctx.plan):
        reversed_period = period.end is not None and period.start > period.end
        if (
            act.due is not None
            and not reversed_period
            and (act.due < period.start or (period.end is not None and act.due > period.end))
        ):
            yield ctx.at(
                (*path, "due"),
                "R014",
                Msg(
                    "due date {due} is outside the plan period {start} – {end}",
                    due=act.due,
                    start=period.start,
                    end=period.end or Msg("further notice"),
                ),
            )
        if act.due is not None and act.start is not None and act.start > act.due:
            yield ctx.at(
                (*path, "start"),
                "R015",
                Msg("starts {start}, after its due {due}", start=act.start, due=act.due),
            )
        # In a citizen promise an activity without a date of its own is due at the plan's end.
        if act.repeat is None and act.due is None and ctx.plan.kind != "citizen_promise":
            timing = read_when(act.when or "", period.start, period.end)
            if timing.kind == "undated":
                said = (
                    Msg("`when: {when}` gives no date", when=act.when)
                    if act.when
                    else Msg("it has no `when`")
                )
                yield ctx.at(
                    path,
                    "R013",
                    Msg(
                        "activity `{id}` has no date: {said}. Add `due: YYYY-MM-DD`, or "
                        "`repeat: continuous` for ongoing work",
                        id=act.id,
                        said=said,
                    ),
                    key=True,
                )


def identity_numbers(ctx: Context) -> Iterator[Problem]:
    yield from scan_identity_numbers(ctx.loaded)


def scan_identity_numbers(loaded: Loaded) -> Iterator[Problem]:
    """Runs on the raw data, so it also protects plans that failed validation."""
    if loaded.text is not None and not may_contain_identity_numbers(loaded.text):
        return
    stack: list[tuple[Path, Any]] = [((), loaded.data)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, dict):
            stack.extend(((*path, k), v) for k, v in node.items())
        elif isinstance(node, list):
            stack.extend(((*path, i), v) for i, v in enumerate(node))
        elif isinstance(node, str):
            for found in find_identity_numbers(node):
                yield loaded.at(
                    path,
                    "P001",
                    Msg(
                        "{masked} looks like a {kind}; plans are public documents, remove it",
                        masked=found.masked,
                        kind=found.kind,
                    ),
                )


FILE_RULES: list[FileRule] = [
    unique_ids,
    known_parties,
    part_of_loops,
    known_goals_causes_indicators,
    follow_up_by,
    follow_up_timing,
    period_order,
    log_entries,
    activity_dates,
    identity_numbers,
]


def unique_plan_ids(files: list[Loaded]) -> Iterator[Problem]:
    first: dict[str, Loaded] = {}
    for loaded in files:
        if loaded.plan is None:
            continue
        other = first.setdefault(loaded.plan.id, loaded)
        if other is not loaded:
            yield loaded.at(
                ("id",),
                "R007",
                Msg("plan id `{id}` is also used by {file}", id=loaded.plan.id, file=other.file),
            )


def known_parents(files: list[Loaded]) -> Iterator[Problem]:
    ids = {f.plan.id for f in files if f.plan is not None}
    alone = len(files) == 1
    for loaded in files:
        parent = loaded.plan.parent if loaded.plan else None
        if parent is None or parent in ids:
            continue
        found = loaded.at(("parent",), "R006", "")
        if alone:
            yield Problem(
                found.file,
                found.line,
                found.column,
                "R006",
                Severity.WARNING,
                Msg(
                    "parent plan `{parent}` is not among the plans validated; validate it "
                    "together with its parent to check the link",
                    parent=parent,
                ),
            )
        else:
            yield loaded.at(
                ("parent",), "R006", unknown_message(Msg("unknown parent plan"), parent, ids)
            )


CORPUS_RULES: list[CorpusRule] = [unique_plan_ids, known_parents]


def check_file(loaded: Loaded, as_of: dt.date) -> list[Problem]:
    if loaded.plan is None:
        return list(scan_identity_numbers(loaded)) if loaded.data is not None else []
    ctx = Context(loaded, loaded.plan, as_of)
    return [p for rule in FILE_RULES for p in rule(ctx)]


def check_corpus(files: list[Loaded]) -> list[Problem]:
    return [p for rule in CORPUS_RULES for p in rule(files)]
