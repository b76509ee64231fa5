"""Plans that belong together: an agreement, its action plans and annexes, their promises.

A plan with `parent` uses what the plans above it define (parties, bodies,
goals, indicators, the situation's problems and causes) and inherits their
`situation` and `coordination` when it has none of its own. The parent is looked
for among the plans read together, then among the plan files in the child's
folder, so a command on the child file alone works when the parent sits next to
it. A quick look at each file's top-level `id:` and `parent:` lines finds the
candidates; only those are read in full.

For the other modules:
- `families(plans)` — the `Family` of every plan read together (report, export);
- `Family.effective` — the plan as commands should see it: with what it
  inherits, and with the `done` entries of plans below it that `fulfil` one of
  its follow-up items in that item's log;
- `FamilyFinder` — finds families from files (used while reading plans).
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

import msgspec

from samplan.loader import MAX_BYTES, Loaded, read_file
from samplan.model import FollowUpItem, LogEntry, Plan

PLAN_SUFFIXES = (".yaml", ".yml")
# The value of `id: harnosand-2012` or `parent: "harnosand-2012"  # comment`.
_TOP_VALUE = re.compile(rb"""[ \t]*:[ \t]*["']?([a-z0-9][a-z0-9-]*)["']?[ \t]*(?:#[^\n]*)?\r?$""")
# The quick look reads this much of a file first, enough for the keys above `areas`.
HEAD_BYTES = 16 * 1024
# Plans read in full to find families, kept for the plans read next (in path
# order an agreement and its action plans come one after the other).
KEPT_READS = 8


class Member(msgspec.Struct, frozen=True):
    """One plan of a family, with the file it was read from."""

    file: str
    plan: Plan


class Family(msgspec.Struct, frozen=True, dict=True):  # dict: for `effective`, a cached_property
    """A plan with the plans above it (parent first) and every plan below it."""

    file: str
    plan: Plan  # as written in its file
    ancestors: tuple[Member, ...] = ()
    descendants: tuple[Member, ...] = ()
    # The id of a parent that was not found (or has errors): the chain stops there.
    missing_parent: str | None = None
    # How many files were read together (1: the plan was read alone).
    read_together: int = 1
    # The plan ids among the files read together and in their folders.
    plan_ids: frozenset[str] = frozenset()
    # The whole family: the root and every plan below it (this plan too), root first.
    tree: tuple[Member, ...] = ()

    @property
    def root(self) -> Member:
        """The top of the family: the agreement, or the plan itself."""
        return self.ancestors[-1] if self.ancestors else Member(self.file, self.plan)

    @property
    def situation_holder(self) -> Member | None:
        """The plan whose `situation` this plan follows: itself or the nearest above."""
        return next((m for m in self.chain if m.plan.situation is not None), None)

    @property
    def chain(self) -> tuple[Member, ...]:
        """The plan itself, then the plans above it, nearest first."""
        return (Member(self.file, self.plan), *self.ancestors)

    @property
    def below_and_self(self) -> tuple[Member, ...]:
        """The plan itself and every plan below it: whose activities work on its situation."""
        return (Member(self.file, self.plan), *self.descendants)

    def below(self, plan_id: str) -> tuple[Member, ...]:
        """The plans of the family below the plan `plan_id` (e.g. below the plan that
        holds the situation: the plans whose measures work on it)."""
        parents = {m.plan.id: m.plan.parent for m in self.tree}
        found = []
        for member in self.tree:
            current, seen = member.plan.parent, set()
            while current is not None and current != plan_id and current not in seen:
                seen.add(current)
                current = parents.get(current)
            if current == plan_id:
                found.append(member)
        return tuple(found)

    def inherited(self, kind: str) -> dict[str, Any]:
        """What the plans above define, by key or id, nearest plan winning:
        `parties`, `bodies`, `goals`, `indicators`, `problems`, `causes`."""
        found: dict[str, Any] = {}
        for member in reversed(self.ancestors):
            found.update(defined(member.plan, kind))
        return found

    def known(self, kind: str) -> dict[str, Any]:
        """What the plan may refer to: its own definitions and the inherited ones."""
        return {**self.inherited(kind), **defined(self.plan, kind)}

    @cached_property
    def effective(self) -> Plan:
        """The plan as the commands see it: parties, bodies, goals and indicators of
        the plans above added to its own, their situation and coordination where it
        has none, and in its follow-up items the `done` entries of the plans below
        that fulfil them (`fulfils: PLAN/ITEM`), so they count as done for it."""
        plan = self.plan
        update: dict[str, Any] = {}
        if self.ancestors:
            parties = self.known("parties")
            bodies = self.known("bodies")
            goals = self._only_inherited("goals")
            indicators = self._only_inherited("indicators")
            update = {
                "parties": parties,
                "bodies": list(bodies.values()),
                "goals": [*goals.values(), *plan.goals],
                "indicators": [*indicators.values(), *plan.indicators],
            }
            holder = self.situation_holder
            if plan.situation is None and holder is not None:
                update["situation"] = holder.plan.situation
            if plan.coordination is None:
                above = next((m.plan for m in self.ancestors if m.plan.coordination), None)
                update["coordination"] = above.coordination if above else None
        fulfilled = self.fulfilled_items()
        if fulfilled:
            update["follow_up"] = [
                _with_entries(item, fulfilled.get(item.id, [])) for item in plan.follow_up
            ]
        return plan.model_copy(update=update) if update else plan

    def _only_inherited(self, kind: str) -> dict[str, Any]:
        own = defined(self.plan, kind)
        return {k: v for k, v in self.inherited(kind).items() if k not in own}

    def fulfilled_items(self) -> dict[str, list[LogEntry]]:
        """The `done` entries of plans below that fulfil this plan's follow-up items, by item."""
        found: dict[str, list[LogEntry]] = {}
        for member in self.descendants:
            for target, log in fulfilling(member.plan):
                plan_id, _, item_id = target.partition("/")
                if plan_id == self.plan.id:
                    found.setdefault(item_id, []).extend(e for e in log if e.status == "done")
        return found


def fulfilling(plan: Plan) -> Iterator[tuple[str, list[LogEntry]]]:
    """`(fulfils, log)` of the plan's follow-up items and activities that fulfil an item above."""
    for item in plan.follow_up:
        if item.fulfils:
            yield item.fulfils, item.log
    for _, activity in plan.all_activities():
        if activity.fulfils:
            yield activity.fulfils, activity.log


def _with_entries(item: FollowUpItem, entries: list[LogEntry]) -> FollowUpItem:
    if not entries:
        return item
    log = sorted([*item.log, *entries], key=lambda e: e.date)  # stable: own entries first
    return item.model_copy(update={"log": log})


def defined(plan: Plan, kind: str) -> dict[str, Any]:
    """A plan's own definitions of one kind (see `Family.inherited`), by key or id."""
    if kind == "parties":
        return dict(plan.parties)
    if kind == "bodies":
        return {b.id: b for b in plan.bodies}
    if kind == "goals":
        return {g.id: g for g in plan.all_goals()}
    if kind == "indicators":
        return {i.id: i for i in plan.all_indicators()}
    if kind in ("problems", "causes"):
        return {s.id: s for s in getattr(plan.situation, kind)} if plan.situation else {}
    raise ValueError(kind)


# --- finding the plans of a family in files ------------------------------------


class PlanIndex(msgspec.Struct, frozen=True):
    """Which file says which plan id and which parent, from a quick look at the text.

    Files read together come first, then the other plan files in their folders."""

    ids: dict[str, tuple[str, ...]] = msgspec.field(default_factory=dict)
    children: dict[str, tuple[str, ...]] = msgspec.field(default_factory=dict)
    read_together: int = 0


def index_plans(files: Sequence[Path]) -> PlanIndex:
    """Look at `files` (read together) and at the other plan files in their folders."""
    named = list(dict.fromkeys(files))
    seen = set(named)
    extra: list[Path] = []
    for folder in dict.fromkeys(p.parent for p in named):
        try:
            listed = sorted(folder.iterdir())
        except OSError:
            continue
        extra.extend(
            p
            for p in listed
            if p not in seen and p.suffix in PLAN_SUFFIXES and not p.name.startswith(".")
        )
    ids: dict[str, list[str]] = {}
    children: dict[str, list[str]] = {}
    for path in [*named, *extra]:
        for key, value in _top_keys(path):
            (ids if key == "id" else children).setdefault(value, []).append(str(path))
    return PlanIndex(
        {k: tuple(v) for k, v in ids.items()},
        {k: tuple(v) for k, v in children.items()},
        len(named),
    )


def _top_keys(path: Path) -> list[tuple[str, str]]:
    """`id` and `parent` of a plan file from its top-level lines, without parsing it
    (bytes.find is fast where a regular expression over every line is not)."""
    if not path.is_file():  # a FIFO would wait for a writer for ever; a folder has no keys
        return []
    try:
        with open(path, "rb") as fh:
            raw = b"\n" + fh.read(HEAD_BYTES)
            if b"\nareas:" not in raw:
                raw += fh.read(MAX_BYTES)
    except OSError:
        return []
    # Plans put `id` and `parent` above the long `areas`: looking only there keeps
    # the quick look cheap (a `parent` written below `areas` is not seen by it, so
    # such a child is not found from its parent; it still finds its parent).
    head = raw.find(b"\nareas:")
    if head < 0:
        head = len(raw)
    found = []
    for key in (b"id", b"parent"):
        at = raw.find(b"\n" + key, 0, head)
        while at >= 0:
            start = at + 1 + len(key)
            end = raw.find(b"\n", start)
            match = _TOP_VALUE.match(raw, start, len(raw) if end < 0 else end)
            if match:
                found.append((key.decode(), match.group(1).decode()))
                break
            at = raw.find(b"\n" + key, start, head)
    return found


class FamilyFinder:
    """Finds the family of a plan among the indexed files, reading each at most once
    for as long as it is among the last few read."""

    def __init__(self, index: PlanIndex, plans: Iterable[tuple[str, Plan]] = ()) -> None:
        self.index = index
        self._given = dict(plans)  # plans already read, by file
        self._kept: OrderedDict[str, Loaded] = OrderedDict()

    def read(self, path: Path) -> Loaded:
        """The file read and validated (without the rules); a fresh copy each time."""
        file = str(path)
        loaded = self._kept.get(file)
        if loaded is None:
            loaded = read_file(path)
            self._kept[file] = loaded
            if len(self._kept) > KEPT_READS:
                self._kept.popitem(last=False)
        else:
            self._kept.move_to_end(file)
        return Loaded(loaded.file, loaded.plan, loaded.data, loaded.spans, [*loaded.problems],
                      loaded.text)  # fmt: skip

    def plan(self, file: str) -> Plan | None:
        if file in self._given:
            return self._given[file]
        return self.read(Path(file)).plan

    def family(self, file: str, plan: Plan) -> Family:
        ancestors: list[Member] = []
        missing = None
        seen = {plan.id}
        current = plan
        while current.parent is not None and current.parent not in seen:
            parent = self._find(current.parent)
            if parent is None:
                missing = current.parent
                break
            ancestors.append(parent)
            seen.add(parent.plan.id)
            current = parent.plan
        root = ancestors[-1] if ancestors else Member(file, plan)
        tree = (root, *self._descendants(root.plan, {root.file}))
        family = Family(file, plan, tuple(ancestors), (), missing, self.index.read_together,
                        frozenset(self.index.ids), tree)  # fmt: skip
        return msgspec.structs.replace(family, descendants=family.below(plan.id))

    def _find(self, plan_id: str) -> Member | None:
        for file in self.index.ids.get(plan_id, ()):
            found = self.plan(file)
            if found is not None and found.id == plan_id:
                return Member(file, found)
        return None

    def _descendants(self, plan: Plan, seen: set[str]) -> Iterator[Member]:
        for file in self.index.children.get(plan.id, ()):
            if file in seen:
                continue
            seen.add(file)
            child = self.plan(file)
            if child is not None and child.parent == plan.id:
                yield Member(file, child)
                yield from self._descendants(child, seen)


def families(plans: Sequence[tuple[str, Plan]]) -> dict[str, Family]:
    """The family of each of `plans` (file, plan as read), by file.

    The plans are those read together (e.g. `samplan report plans/`); a parent or
    a child that is not among them is looked for in the plan files of their folders."""
    finder = FamilyFinder(index_plans([Path(f) for f, _ in plans]), plans)
    return {file: finder.family(file, plan) for file, plan in plans}


def family_of(file: str, plan: Plan, plans: Mapping[str, Plan] | None = None) -> Family:
    """The family of one plan read from `file`, among `plans` (by file) and its folder."""
    given = dict(plans or {})
    given.setdefault(file, plan)
    finder = FamilyFinder(index_plans([Path(f) for f in given]), given.items())
    return finder.family(file, plan)
