"""Checks beyond the schema: a plain list of rule functions.

A file rule takes a `Context` (one validated plan with its source positions,
its family (`samplan.family`: the plans above it, whose keys and ids it may use,
and the plans below it) and the as-of date) and yields problems. A corpus rule
sees every file read in the run, for what only a set of plans can tell (plan ids).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path as FsPath
from typing import Any

import msgspec

from samplan.family import Family, defined, family_of
from samplan.law import CHECKS_BY_CODE, Gap, LawSettings, under_law
from samplan.loader import Loaded
from samplan.messages import Msg
from samplan.model import Activity, LogEntry, Period, Plan
from samplan.periods import parse_period
from samplan.pii import find_identity_numbers, may_contain_identity_numbers
from samplan.problems import Problem, Severity
from samplan.suggest import Vocabulary, unknown_message
from samplan.when import read_when
from samplan.yamltree import Path


class Context(msgspec.Struct, frozen=True):
    loaded: Loaded
    plan: Plan  # as written in the file
    as_of: dt.date
    family: Family
    settings: LawSettings = msgspec.field(default_factory=LawSettings)

    def at(self, path: Path, code: str, message: Msg, *, key: bool = False) -> Problem:
        return self.loaded.at(path, code, message, key=key)

    def known(self, kind: str, unknown: Msg) -> Known:
        """The keys or ids of one kind the plan may use (its own and inherited);
        `unknown` says what an unknown one is (`Msg("unknown party")`)."""
        return Known(unknown, self.family.known(kind), self.family.missing_parent)


class Known:
    """Names a reference may use, and the message for one that is not among them."""

    def __init__(self, unknown: Msg, names: Iterable[str], missing_parent: str | None) -> None:
        self.what = unknown
        self.names = set(names)
        self.missing_parent = missing_parent
        self._vocabulary: Vocabulary | None = None

    def __contains__(self, name: object) -> bool:
        return name in self.names

    def unknown(self, name: str) -> Msg:
        if self._vocabulary is None:  # built on the first unknown name only
            self._vocabulary = Vocabulary(self.names)
        message = self._vocabulary.unknown(self.what, name)
        if not self.missing_parent:
            return message
        return Msg(
            "{message}; it may be defined in the parent plan `{parent}`, which was not "
            "found: read the parent's file together with this one, or put it in the same "
            "folder",
            message=message,
            parent=self.missing_parent,
        )


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
    parties = ctx.known("parties", Msg("unknown party"))
    # Who reports a log entry may also be a body (a follow-up item's council).
    reporters = ctx.known("parties", Msg("unknown party or body"))
    reporters.names |= set(ctx.family.known("bodies"))
    for path, key in _party_refs(ctx.plan):
        if key is None or key in parties:
            continue
        if path[-1] == "by":
            if key not in reporters:
                yield ctx.at(path, "R002", reporters.unknown(key))
        else:
            yield ctx.at(path, "R002", parties.unknown(key))


def part_of_loops(ctx: Context) -> Iterator[Problem]:
    """Each loop once, at its first party in the file: every party is walked once
    (a party reached again on the walk it started closes a loop; one reached on an
    earlier walk leads nowhere new), so 50,000 parties cost 50,000 steps."""
    parties = ctx.plan.parties
    walked: dict[str, int] = {}  # party key -> the walk that reached it first
    order = {key: n for n, key in enumerate(parties)}
    for walk, key in enumerate(parties):
        path: list[str] = []
        current: str | None = key
        while current in parties and current not in walked:
            walked[current] = walk
            path.append(current)
            current = parties[current].part_of
        if current is not None and walked.get(current) == walk:
            loop = path[path.index(current) :]
            first = min(loop, key=order.__getitem__)
            yield ctx.at(
                ("parties", first, "part_of"),
                "R016",
                _loop_message(loop, first),
            )


def _loop_message(loop: list[str], first: str) -> Msg:
    """`a → b → c → a`, from `first`; a long loop shortened to its ends."""
    start = loop.index(first)
    keys = [*loop[start:], *loop[:start], first]
    if len(keys) <= 8:
        return Msg("`part_of` goes round: {chain}", chain=" → ".join(keys))
    chain = f"{' → '.join(keys[:4])} → … → {' → '.join(keys[-3:])}"
    return Msg("`part_of` goes round: {chain} ({count} parties)", chain=chain, count=len(loop))


def known_goals_causes_indicators(ctx: Context) -> Iterator[Problem]:
    """Goal, cause, problem and indicator ids used in the plan, and in the chain
    from its situation's causes to problems to indicators."""
    plan = ctx.plan
    goals = ctx.known("goals", Msg("unknown goal"))
    indicators = ctx.known("indicators", Msg("unknown indicator"))
    causes = ctx.known("causes", Msg("unknown cause (situation.causes)"))
    problems = ctx.known("problems", Msg("unknown problem (situation.problems)"))
    for path, act in _activities(plan):
        for i, gid in enumerate(act.goals):
            if gid not in goals:
                yield ctx.at((*path, "goals", i), "R003", goals.unknown(gid))
        for i, cid in enumerate(act.causes):
            if cid not in causes:
                yield ctx.at((*path, "causes", i), "R004", causes.unknown(cid))
    for path, goal in _listed(plan, "goals"):
        for i, iid in enumerate(goal.indicators):
            if iid not in indicators:
                yield ctx.at((*path, "indicators", i), "R005", indicators.unknown(iid))
    situation = plan.situation
    if situation is None:
        return
    for n, found in enumerate(situation.problems):
        for i, iid in enumerate(found.indicators):
            if iid not in indicators:
                here = ("situation", "problems", n, "indicators", i)
                yield ctx.at(here, "R005", indicators.unknown(iid))
    for n, cause in enumerate(situation.causes):
        for i, pid in enumerate(cause.problems):
            if pid not in problems:
                here = ("situation", "causes", n, "problems", i)
                yield ctx.at(here, "R030", problems.unknown(pid))


def follow_up_by(ctx: Context) -> Iterator[Problem]:
    known = ctx.known("parties", Msg("unknown body or party"))
    known.names |= set(ctx.family.known("bodies"))
    for i, item in enumerate(ctx.plan.follow_up):
        listed = isinstance(item.by, list)
        for n, key in enumerate(item.by_keys):
            if key not in known:
                path: Path = ("follow_up", i, "by", n) if listed else ("follow_up", i, "by")
                yield ctx.at(path, "R008", known.unknown(key))
    coordination = ctx.plan.coordination
    if coordination is not None and coordination.by is not None and coordination.by not in known:
        yield ctx.at(("coordination", "by"), "R008", known.unknown(coordination.by))


def defined_above(ctx: Context) -> Iterator[Problem]:
    """A key or id the plan defines that a plan above it defines differently.

    The same definition repeated (as child plans had to before they could
    inherit) is harmless and accepted."""
    if not ctx.family.ancestors:
        return
    places: dict[str, Iterable[tuple[Path, str]]] = {
        "parties": ((("parties", k), k) for k in ctx.plan.parties),
        "bodies": ((("bodies", i), b.id) for i, b in enumerate(ctx.plan.bodies)),
        "goals": _listed_ids(ctx.plan, "goals"),
        "indicators": _listed_ids(ctx.plan, "indicators"),
        "problems": _situation_ids(ctx.plan, "problems"),
        "causes": _situation_ids(ctx.plan, "causes"),
    }
    for kind, found in places.items():
        above = ctx.family.inherited(kind)
        own = ctx.family.known(kind)
        for path, ident in found:
            if ident in above and above[ident] != own[ident]:
                where = next(m for m in ctx.family.ancestors if ident in defined(m.plan, kind))
                yield ctx.at(
                    path,
                    "R031",
                    Msg(
                        "`{ident}` is also defined in the parent plan `{parent}` ({file}), "
                        "differently; this plan uses its own: use the parent's (delete it "
                        "here) or give this one another key",
                        ident=ident,
                        parent=where.plan.id,
                        file=where.file,
                    ),
                    key=kind == "parties",
                )


def _listed_ids(plan: Plan, field: str) -> Iterator[tuple[Path, str]]:
    return ((p, x.id) for p, x in _listed(plan, field))


def _situation_ids(plan: Plan, part: str) -> Iterator[tuple[Path, str]]:
    items = getattr(plan.situation, part) if plan.situation else []
    return ((("situation", part, i), s.id) for i, s in enumerate(items))


def known_parent(ctx: Context) -> Iterator[Problem]:
    """The parent named is found (among the plans read, or in the plan's folder)."""
    missing = ctx.family.missing_parent
    if missing is None or missing != ctx.plan.parent:  # one further up: its child says so
        return
    if ctx.family.read_together > 1:
        unknown = unknown_message(Msg("unknown parent plan"), missing, ctx.family.plan_ids)
        yield ctx.at(
            ("parent",),
            "R006",
            Msg("{message}; nor is it in this plan's folder", message=unknown),
        )
        return
    found = ctx.loaded.at(("parent",), "R006", "")
    yield Problem(
        found.file,
        found.line,
        found.column,
        "R006",
        Severity.WARNING,
        Msg(
            "parent plan `{parent}` is neither among the plans read nor in this plan's "
            "folder; read it together with its parent to check the link",
            parent=missing,
        ),
    )


def fulfils_items_above(ctx: Context) -> Iterator[Problem]:
    """`fulfils: PLAN/ITEM` names a follow-up item of a plan above this one."""
    places: list[tuple[Path, str]] = [
        (("follow_up", i, "fulfils"), item.fulfils)
        for i, item in enumerate(ctx.plan.follow_up)
        if item.fulfils
    ]
    places += [((*p, "fulfils"), act.fulfils) for p, act in _activities(ctx.plan) if act.fulfils]
    above = {m.plan.id: m.plan for m in ctx.family.ancestors}
    for path, target in places:
        plan_id, _, item_id = target.partition("/")
        if plan_id == ctx.family.missing_parent:
            continue  # not found: R006 says so
        plan = above.get(plan_id)
        if plan is None:
            unknown = unknown_message(Msg("unknown plan above this one"), plan_id, above)
            yield ctx.at(
                path,
                "R032",
                Msg(
                    "{message}: `fulfils` names a follow-up item of the parent plan (or of "
                    "one above it)",
                    message=unknown,
                ),
            )
            continue
        items = {item.id for item in plan.follow_up}
        if item_id not in items:
            what = Msg("unknown follow-up item of `{plan}`", plan=plan_id)
            yield ctx.at(path, "R032", unknown_message(what, item_id, items))


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


def _outside(day: dt.date, period: Period) -> bool:
    """Whether `day` lies outside the plan period (a reversed period is R009's problem)."""
    if period.end is not None and period.start > period.end:
        return False
    return day < period.start or (period.end is not None and day > period.end)


def activity_dates(ctx: Context) -> Iterator[Problem]:
    period = ctx.plan.period
    period_words = {"start": period.start, "end": period.end or Msg("further notice")}
    for path, act in _activities(ctx.plan):
        if act.due is not None and _outside(act.due, period):
            yield ctx.at(
                (*path, "due"),
                "R014",
                Msg(
                    "due date {due} is outside the plan period {start} – {end}",
                    due=act.due,
                    **period_words,
                ),
            )
        if act.due is not None and act.start is not None and act.start > act.due:
            yield ctx.at(
                (*path, "start"),
                "R015",
                Msg("starts {start}, after its due {due}", start=act.start, due=act.due),
            )
        if act.repeat is not None or act.due is not None:
            continue
        timing = read_when(act.when or "", period.start, period.end)
        # A date read from `when` outside the period is more often a misreading or a typo
        # than what the plan means (`Valborgsmässoafton 2026` read as the whole year, `Q4
        # 2024` in a 2025 plan), and it is never late inside the plan: say so.
        if timing.kind == "deadline" and timing.due is not None and _outside(timing.due, period):
            yield ctx.at(
                (*path, "when"),
                "R021",
                Msg(
                    "`when: {when}` gives the date {due}, outside the plan period "
                    "{start} – {end}; if another date is meant, add `due: YYYY-MM-DD`",
                    when=act.when,
                    due=timing.due,
                    **period_words,
                ),
            )
        # In a citizen promise an activity without a date of its own is due at the plan's end.
        if timing.kind == "undated" and ctx.plan.kind != "citizen_promise":
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


def indicator_directions(ctx: Context) -> Iterator[Problem]:
    """An indicator whose `direction` says one way is better while its target moves the
    other way cannot be judged: a worsening value would meet the target."""
    from samplan.indicators import contradicts_target, implied_direction

    for path, ind in _listed(ctx.plan, "indicators"):
        if contradicts_target(ind):
            yield ctx.at(
                (*path, "direction"),
                "R020",
                Msg(
                    "indicator `{id}` says `direction: {direction}`, but its target asks for "
                    "{implied}; correct the one that is wrong (a decrease is a negative "
                    "change or a factor below 1)",
                    id=ind.id,
                    direction=ind.direction,
                    implied=Msg("an increase")
                    if implied_direction(ind) == "increase"
                    else Msg("a decrease"),
                ),
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


# --- the law's checks (warnings Lnnn; the requirements are in samplan.law) ----------


def _gaps(ctx: Context, code: str) -> Iterator[Gap]:
    """The gaps a law check finds that lie in this file (a gap in the lägesbild of a
    parent plan is reported when the parent is checked)."""
    if not under_law(ctx.plan, ctx.settings):
        return
    for gap in CHECKS_BY_CODE[code].find(ctx.family, ctx.as_of, ctx.settings):
        if gap.file != ctx.loaded.file:
            continue
        if gap.path == ("kind",) and gap.path not in ctx.loaded.spans:
            yield msgspec.structs.replace(gap, path=("id",))  # the plan as a whole: at its id
        else:
            yield gap


# How each gap a law check finds (samplan.law) is worded, and whether it points at
# the key rather than its value; L003 words its own (it names the allowed age).
_GAP_WORDING: dict[str, tuple[Callable[[Gap], Msg], bool]] = {
    "L001": (
        lambda gap: Msg(
            "no lägesbild (`situation`), neither here nor in a parent plan: the "
            "åtgärdsplan is to be decided from one (Lag (2023:196) 4 §)"
        ),
        False,
    ),
    "L002": (
        lambda gap: Msg(
            "the lägesbild lacks {parts}: it needs a mapping of crime (`mapping`), other "
            "relevant information (`other_information`) and an analysis (`analysis`) "
            "(Lag (2023:196) 4 §)",
            parts=", ".join(f"`{part}`" for part in gap.detail.split(", ")),
        ),
        True,
    ),
    "L004": (
        lambda gap: Msg(
            "the åtgärdsplan has no `decision` with `body` and `date` (Lag (2023:196): "
            "the kommun decides an åtgärdsplan): add e.g. `decision: {{body: "
            "Kommunstyrelsen, date: YYYY-MM-DD, reference: KS 2026/1}}`"
        ),
        False,
    ),
    "L005": (
        lambda gap: Msg(
            "no samordningsfunktion (`coordination`), neither here nor in a parent plan "
            "(Lag (2023:196)): add `coordination: {{by: kommun, role: ..., contact: ...}}`"
        ),
        False,
    ),
    "L006": (
        lambda gap: Msg(
            "activity `{id}` works on no cause (`causes`) although the lägesbild lists "
            "causes (Brå's method: measures are chosen from the causes)",
            id=gap.subject,
        ),
        True,
    ),
    "L007": (
        lambda gap: Msg(
            "cause `{id}` has no measure: no activity of this plan or of the plans below "
            "it lists it in `causes` (Brå's method: measures are chosen from the causes)",
            id=gap.subject,
        ),
        True,
    ),
    "L008": (
        lambda gap: Msg(
            "problem `{id}` has no cause: no cause lists it in `problems` (Brå's method: "
            "the analysis finds the causes of each problem)",
            id=gap.subject,
        ),
        True,
    ),
    "L009": (
        lambda gap: Msg(
            "problem `{id}` has no `indicators`, so whether it shrinks cannot be followed "
            "up (Brå's method: follow-up of effect)",
            id=gap.subject,
        ),
        True,
    ),
    "L010": (
        lambda gap: Msg(
            "the åtgärdsplan has no `follow_up` item saying who follows it up and when "
            "(Brå's method: follow-up of production, process and effect)"
        ),
        False,
    ),
}


def law_gaps(ctx: Context) -> Iterator[Problem]:
    """One problem per gap the law checks find in this file (codes L001-L010)."""
    for code, (message, key) in _GAP_WORDING.items():
        for gap in _gaps(ctx, code):
            yield ctx.at(gap.path, code, message(gap), key=key)


def law_situation_old(ctx: Context) -> Iterator[Problem]:
    age = ctx.settings.situation_max_age
    for gap in _gaps(ctx, "L003"):
        said = Msg("is from {date}", date=gap.detail) if gap.detail else Msg("has no `date`")
        yield ctx.at(
            gap.path,
            "L003",
            Msg(
                "the lägesbild {said}; on {as_of} it may be at most {months} months old "
                "(--situation-max-age; the default, 24 months, is the interval SOU 2021:49 "
                "proposed, not the law's text)",
                said=said,
                as_of=ctx.as_of,
                months=age.months,
            ),
            key=not gap.detail,
        )


FILE_RULES: list[FileRule] = [
    unique_ids,
    known_parent,
    defined_above,
    fulfils_items_above,
    known_parties,
    part_of_loops,
    known_goals_causes_indicators,
    follow_up_by,
    follow_up_timing,
    period_order,
    log_entries,
    activity_dates,
    indicator_directions,
    identity_numbers,
    law_gaps,
    law_situation_old,
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


CORPUS_RULES: list[CorpusRule] = [unique_plan_ids]


def check_file(
    loaded: Loaded,
    as_of: dt.date,
    family: Family | None = None,
    settings: LawSettings | None = None,
) -> list[Problem]:
    """The file rules on one file. Without `family`, the family is looked for in
    the file's folder (only for a plan with a parent: commands that read a set of
    plans give the family found among them). `settings`: the law checks'."""
    plan = loaded.plan
    if plan is None:
        return list(scan_identity_numbers(loaded)) if loaded.data is not None else []
    if family is None:
        on_disk = plan.parent is not None and FsPath(loaded.file).is_file()
        family = family_of(loaded.file, plan) if on_disk else Family(loaded.file, plan)
    ctx = Context(loaded, plan, as_of, family, settings or LawSettings())
    return [p for rule in FILE_RULES for p in rule(ctx)]


def check_corpus(files: list[Loaded]) -> list[Problem]:
    return [p for rule in CORPUS_RULES for p in rule(files)]
