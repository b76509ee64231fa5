"""Recording progress: one new log entry added to a plan file, nothing else changed.

The edit is a text splice, not a YAML round trip. The parser's marks say where
the item's log (or the item) ends; the entry is rendered in the style of the
log around it and inserted there, so every byte of the user's file outside the
new entry stays as it was: comments, key order, quoting, blank lines, line
endings and a byte-order mark. (A round-trip library re-emits the whole
document and normalises some of that.) The result must validate before it is
written, and the read-modify-write runs under an exclusive lock so that two
concurrent calls cannot lose an entry.
"""

from __future__ import annotations

import bisect
import codecs
import copy
import datetime as dt
import difflib
import errno
import os
import re
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path as FsPath
from typing import Any, Literal, TypeAlias, get_args

import msgspec
import yaml

from samplan.errors import (
    CancelledWithoutNote,
    CannotRead,
    CannotWrite,
    CountWithoutProgress,
    DateAfterToday,
    EmptyNote,
    ItemIsBoth,
    KeepsChanging,
    NegativeCount,
    NoLocks,
    NoSuchPlanFile,
    NotAPeriodFor,
    NotUtf8Option,
    PathIsAFolder,
    PeriodNotBegun,
    RemovedWhileWaiting,
    UnknownName,
    UsageError,
)
from samplan.family import family_of
from samplan.loader import SWEDISH_VALUES, Loaded, load_bytes
from samplan.model import Assessment, LogEntry, Plan, Status
from samplan.periods import parse_period
from samplan.problems import Problem, Severity
from samplan.rules import check_file
from samplan.suggest import english_word
from samplan.writing import Changed, Snapshot, resolve, write_file
from samplan.yamlout import text_scalar
from samplan.yamltree import Path

ItemKind = Literal["activity", "follow_up"]
STATUSES: tuple[str, ...] = get_args(Status)
ASSESSMENTS: tuple[str, ...] = get_args(Assessment)
# The spec's key order; an existing entry's order wins where it differs.
ENTRY_KEYS = ("date", "status", "count", "for", "note", "by", "assessment")
# Statuses whose entries report units of work (`count`); see `samplan.schedule.units`.
COUNTING: tuple[str, ...] = ("done", "ongoing")


class Outcome(msgspec.Struct, frozen=True):
    """What `record` did, or why it refused.

    `refused` is None when the entry was added (or, with `write=False`, would
    be); `problems` then holds the warnings the entry brings that the plan did
    not have before. When refused, `problems` holds what blocks it and the file
    is untouched.
    """

    file: str
    item_id: str
    kind: ItemKind | None
    entry: LogEntry | None
    before: bytes
    after: bytes
    refused: Literal["invalid_before", "invalid_after"] | None
    problems: tuple[Problem, ...]
    written: bool

    def diff(self) -> str:
        """The change as a unified diff (empty when nothing changes)."""
        old, new = (_decode(raw)[2] for raw in (self.before, self.after))
        lines = difflib.unified_diff(
            old.splitlines(keepends=True),
            new.splitlines(keepends=True),
            fromfile=self.file,
            tofile=self.file,
        )
        return "".join(line if line.endswith(("\n", "\r")) else line + "\n" for line in lines)


def record(
    path: str | FsPath,
    item_id: str,
    *,
    status: str,
    on: dt.date,
    today: dt.date,
    note: str | None = None,
    by: str | None = None,
    assessment: str | None = None,
    count: int | None = None,
    period: str | None = None,
    write: bool = True,
) -> Outcome:
    """Add a log entry to the activity or follow-up item `item_id` in the plan at `path`.

    `count` is the units of work the entry reports, `period` the period it reports on
    (`2019`, `2019T3`: its `for`). Raises UsageError for a request that cannot be
    carried out as asked (no such file or item, unknown status, party or body, a
    date after `today`, a count on a status without units, a period after the date).
    """
    _check_request(status, on, today, note, by, assessment)
    _check_quantity(status, on, count, period)
    file = str(path)
    real = resolve(path)  # write through a symlink, do not replace it
    if not real.is_file():
        raise PathIsAFolder(path=file) if real.is_dir() else NoSuchPlanFile(path=file)
    entry = LogEntry.model_validate(
        {
            "date": on,
            "status": status,
            "count": count,
            "for": period,
            "note": note,
            "assessment": assessment,
        }
    )  # `by` is checked against the plan's names, not the key pattern (`--by brå`)
    for _attempt in range(ATTEMPTS):
        with _exclusive(real):
            try:
                return _record_once(real, file, item_id, entry, by, today, write)
            except Changed:
                continue  # someone saved the plan meanwhile: add the entry to their text
    raise KeepsChanging(path=file, attempts=ATTEMPTS)


# Tries before giving up on a plan that someone keeps saving.
ATTEMPTS = 5


def _record_once(
    real: FsPath,
    file: str,
    item_id: str,
    entry: LogEntry,
    by: str | None,
    today: dt.date,
    write: bool,
) -> Outcome:
    """`record` on the plan as it is now; Changed if it changes before the write."""
    read = _read(real)
    before = read.data
    old = _checked(before, file, today)
    if old.plan is None or _errors(old.problems):
        return Outcome(
            file, item_id, None, None, before, before, "invalid_before", tuple(old.problems), False
        )
    item_path, kind, log = _find_item(old.plan, item_id, file)
    # A plan with a parent may name the parent's parties and bodies (samplan.family).
    plan = family_of(str(file), old.plan).effective if old.plan.parent else old.plan
    reporters = [*plan.parties, *(b.id for b in plan.bodies)]
    if by is not None:
        if by not in reporters:
            raise UnknownName(kind="reporter", key=by, known=sorted(reporters))
        entry = entry.model_copy(update={"by": by})
    index = bisect.bisect_right([e.date for e in log], entry.date)
    after = add_entry(before, item_path, index, entry)
    new = _checked(after, file, today)
    errors = _errors(new.problems)
    if new.plan is None or errors:
        return Outcome(
            file, item_id, kind, entry, before, before, "invalid_after", tuple(errors), False
        )
    _verify(old, new, item_path, index, entry)
    if write:
        try:
            write_file(real, after, expect=read)
        except CannotWrite as err:  # named as the user named it, not by its resolved path
            raise CannotWrite(path=file, reason=err.data["reason"]) from None
    warnings = tuple(_new_warnings(old.problems, new.problems))
    return Outcome(file, item_id, kind, entry, before, after, None, warnings, write)


def _check_request(
    status: str,
    on: dt.date,
    today: dt.date,
    note: str | None,
    by: str | None,
    assessment: str | None,
) -> None:
    """What can be refused without reading the plan."""
    for option, value in (("--note", note), ("--by", by)):
        if value is not None and _SURROGATE.search(value):
            raise NotUtf8Option(option=option)
    if status not in STATUSES:
        raise _unknown_value("status", status, STATUSES)
    if assessment is not None and assessment not in ASSESSMENTS:
        raise _unknown_value("assessment", assessment, ASSESSMENTS)
    if note is not None and not note.strip():
        raise EmptyNote()
    if status == "cancelled" and note is None:
        raise CancelledWithoutNote()
    if on > today:
        raise DateAfterToday(date=on, today=today)


def _check_quantity(status: str, on: dt.date, count: int | None, period: str | None) -> None:
    """`--count` and `--for` as the plan format allows them (R017, R018)."""
    if count is not None and count < 0:
        raise NegativeCount(count=count)
    if count is not None and status not in COUNTING:
        raise CountWithoutProgress(status=status)
    if period is not None:
        try:
            reported = parse_period(period)
        except UsageError:
            raise NotAPeriodFor(period=period) from None
        if reported.start > on:
            raise PeriodNotBegun(period=period, on=on)


def _unknown_value(kind: str, value: str, known: Sequence[str]) -> UnknownName:
    """With `english`, the value `value` is the Swedish word for (ej påbörjad: planned)."""
    english = english_word(value, known, SWEDISH_VALUES)
    if english is not None:
        return UnknownName(kind=kind, key=value, known=list(known), english=english)
    return UnknownName(kind=kind, key=value, known=list(known))


# Bytes that are not UTF-8 reach sys.argv as lone surrogates (PEP 383).
_SURROGATE = re.compile("[\ud800-\udfff]")


def _read(path: FsPath) -> Snapshot:
    try:
        return Snapshot.read(path)
    except OSError as err:
        raise CannotRead(path=path, reason=err.strerror) from None


def _checked(raw: bytes, file: str, as_of: dt.date) -> Loaded:
    loaded = load_bytes(raw, file)
    loaded.problems.extend(check_file(loaded, as_of))
    loaded.problems.sort(key=Problem.sort_key)
    return loaded


def _errors(problems: Sequence[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.ERROR]


def _new_warnings(old: Sequence[Problem], new: Sequence[Problem]) -> list[Problem]:
    """Warnings of the new text beyond those the plan already had (lines move)."""
    had = Counter((p.code, p.message) for p in old)
    fresh = []
    for p in new:
        if had[(p.code, p.message)]:
            had[(p.code, p.message)] -= 1
        else:
            fresh.append(p)
    return fresh


def _find_item(plan: Plan, item_id: str, file: str) -> tuple[Path, ItemKind, list[LogEntry]]:
    activities = [
        (("areas", a, "activities", i), act.log)
        for a, area in enumerate(plan.areas)
        for i, act in enumerate(area.activities)
        if act.id == item_id
    ]
    follow_ups = [
        (("follow_up", i), f.log) for i, f in enumerate(plan.follow_up) if f.id == item_id
    ]
    if activities and follow_ups:
        raise ItemIsBoth(item=item_id, file=file)
    if activities:
        return activities[0][0], "activity", activities[0][1]
    if follow_ups:
        return follow_ups[0][0], "follow_up", follow_ups[0][1]
    ids = [act.id for _, act in plan.all_activities()] + [f.id for f in plan.follow_up]
    raise UnknownName(kind="item", key=item_id, known=ids, file=file)


def _verify(old: Loaded, new: Loaded, item_path: Path, index: int, entry: LogEntry) -> None:
    """The new text must hold the old data plus exactly this entry.

    A guard against a splice that parses differently than intended: the file
    is then left alone and the failure is reported as a bug.
    """
    data = copy.deepcopy(new.data)
    item = _walk(data, item_path)
    added = LogEntry.model_validate(item["log"].pop(index))
    was = _walk(old.data, item_path)
    if "log" not in was:
        del item["log"]
    if added != entry or data != old.data:
        raise RuntimeError(
            "samplan log built an edit that changes more than the new entry; "
            "the file was not changed"
        )


def _walk(data: Any, path: Path) -> Any:
    for part in path:
        data = data[part]
    return data


# --- locking ------------------------------------------------------------------

# What flock says where the file system has no locks (NFS without lockd, some SMB mounts).
NO_LOCKS = (errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EINVAL)


@contextmanager
def _exclusive(path: FsPath) -> Iterator[None]:
    """Hold an exclusive lock for one read-modify-write of the plan at `path`.

    On POSIX the plan file itself is locked (no lock file left behind). The
    write replaces the file with a new one (rename), so a process that waited
    may hold the lock on the old file: it checks that `path` still names the
    file it locked and otherwise locks again. Windows cannot replace a file
    that is open, so there a lock file `.<name>.lock` beside the plan is used.
    """
    if sys.platform == "win32":
        import msvcrt

        with open(path.with_name(f".{path.name}.lock"), "a+b") as lock:
            lock.seek(0)  # msvcrt locks bytes from the current position
            while True:
                try:  # LK_LOCK itself retries for about 10 seconds
                    msvcrt.locking(lock.fileno(), msvcrt.LK_LOCK, 1)
                    break
                except OSError:
                    continue
            try:
                yield
            finally:
                msvcrt.locking(lock.fileno(), msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    while True:
        try:
            handle = open(path, "rb")  # noqa: SIM115 (closed below, which releases the lock)
        except OSError as err:
            raise CannotRead(path=path, reason=err.strerror) from None
        with handle:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            except OSError as err:
                if err.errno not in NO_LOCKS:
                    raise
                raise NoLocks(path=str(path)) from None
            try:
                current = os.stat(path)
            except FileNotFoundError:
                raise RemovedWhileWaiting(path=path) from None
            if os.path.samestat(os.fstat(handle.fileno()), current):
                yield
                return


# --- the text edit ------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Line breaks as YAML (and so the parser's line numbers) count them.
_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
# libyaml's nodes: `.value`, start and end marks, `flow_style` on collections.
_Node: TypeAlias = Any


def _decode(raw: bytes) -> tuple[bytes, str, str]:
    """(byte-order mark, codec, text) so that the text encodes back to `raw`."""
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            return bom, codec, raw[len(bom) :].decode(codec)
    return b"", "utf-8", raw.decode("utf-8")


def add_entry(raw: bytes, item_path: Path, index: int, entry: LogEntry) -> bytes:
    """The plan's bytes with `entry` as entry number `index` of the item's log.

    `raw` must hold a valid plan and `item_path` the data path of an activity
    or follow-up item in it. Only the entry's own text is added.
    """
    bom, codec, text = _decode(raw)
    source = _Source(text)
    root: _Node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    item = _node_at(root, item_path)
    at, insert = _insertion(source, root, item, index, entry)
    return bom + (text[:at] + insert + text[at:]).encode(codec)


class _Source:
    """The text with its line starts, to turn parser marks into offsets."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0, *(m.end() for m in _BREAK.finditer(text))]
        first = re.search("\r\n|\n|\r", text)
        self.newline = first.group() if first else "\n"

    def offset(self, mark: Any) -> int:
        return self.starts[int(mark.line)] + int(mark.column)

    def line(self, number: int) -> str:
        end = self.starts[number + 1] if number + 1 < len(self.starts) else len(self.text)
        return self.text[self.starts[number] : end].rstrip("\r\n\x85\u2028\u2029")

    def lines_before(self, line: int, lines: list[str]) -> tuple[int, str]:
        """Whole lines to insert before line number `line`."""
        if line < len(self.starts):
            return self.starts[line], "".join(text + self.newline for text in lines)
        # The file's last line has no line break: give it one, keep none at the end.
        return len(self.text), "".join(self.newline + text for text in lines)


def _node_at(root: _Node, path: Path) -> _Node:
    node = root
    for part in path:
        if isinstance(part, int):
            node = node.value[part]
        else:
            node = next(value for key, value in node.value if key.value == part)
    return node


def _pair(mapping: _Node, key: str) -> tuple[_Node, _Node] | None:
    return next(((k, v) for k, v in mapping.value if k.value == key), None)


class _Style(msgspec.Struct, frozen=True):
    """How the entries of a log are written, read off an existing one."""

    flow: bool = True  # `- {date: ..., status: ...}` rather than block mappings
    indent: int = 2  # column of the `-` minus the column of `log:`
    gap: str = " "  # between `-` and the entry
    pad: str = ""  # inside flow braces: `{ date: ... }`
    order: tuple[str, ...] = ENTRY_KEYS


def _insertion(
    source: _Source, root: _Node, item: _Node, index: int, entry: LogEntry
) -> tuple[int, str]:
    """Where to insert which text so that `entry` becomes log entry `index`."""
    found = _pair(item, "log")
    if found is None:
        return _new_log(source, root, item, entry)
    key, log = found  # a list: the plan validated
    items: list[_Node] = log.value
    if log.flow_style:
        return _into_flow_log(source, log, index, entry)
    style = _style_of(source, key, log, items[index - 1] if index else items[0])
    lines = _entry_lines(entry, style, log.start_mark.column)
    if index == 0:
        return source.lines_before(log.start_mark.line, lines)
    return source.lines_before(_last_line(source, items[index - 1]) + 1, lines)


def _into_flow_log(source: _Source, log: _Node, index: int, entry: LogEntry) -> tuple[int, str]:
    items: list[_Node] = log.value
    if not items:  # `log: []`
        return source.offset(log.start_mark) + 1, _flow_entry(entry, _Style())
    neighbour = items[index - 1] if index else items[0]
    text = _flow_entry(entry, _entry_style(source, neighbour))
    own_lines = neighbour.start_mark.line != log.start_mark.line
    separator = "," + source.newline + " " * neighbour.start_mark.column if own_lines else ", "
    if index == 0:
        return source.offset(neighbour.start_mark), text + separator
    return source.offset(neighbour.end_mark), separator + text


def _new_log(source: _Source, root: _Node, item: _Node, entry: LogEntry) -> tuple[int, str]:
    """A `log:` key after the item's last key."""
    last_value = item.value[-1][1]
    if item.flow_style:
        return source.offset(last_value.end_mark), ", log: [" + _flow_entry(entry, _Style()) + "]"
    style = _file_style(source, root, item)
    column = int(item.value[0][0].start_mark.column)
    lines = [" " * column + "log:", *_entry_lines(entry, style, column + style.indent)]
    return source.lines_before(_last_line(source, last_value) + 1, lines)


def _file_style(source: _Source, root: _Node, item: _Node) -> _Style:
    """The style of the block log nearest above the item (else below), or the default."""
    logs = [(key, log) for key, log in _block_logs(root) if log.value and not log.flow_style]
    if not logs:
        return _Style()
    above = [pair for pair in logs if pair[0].start_mark.line < item.start_mark.line]
    key, log = above[-1] if above else logs[0]
    return _style_of(source, key, log, log.value[-1])


def _block_logs(root: _Node) -> Iterator[tuple[_Node, _Node]]:
    """Every (`log` key, sequence) pair of activities and follow-up items, in file order."""
    items: list[_Node] = []
    follow_up = _pair(root, "follow_up")
    if follow_up is not None:
        items.extend(follow_up[1].value)
    areas = _pair(root, "areas")
    for area in areas[1].value if areas is not None else []:
        activities = _pair(area, "activities")
        if activities is not None:
            items.extend(activities[1].value)
    for item in sorted(items, key=lambda node: int(node.start_mark.line)):
        found = _pair(item, "log")
        if found is not None and isinstance(found[1], yaml.SequenceNode):
            yield found


def _style_of(source: _Source, key: _Node, log: _Node, entry: _Node) -> _Style:
    """The style of `entry` in the block sequence `log` under `key`."""
    dash = int(log.start_mark.column)
    line = source.line(entry.start_mark.line)
    between = line[dash + 1 : entry.start_mark.column]
    on_dash_line = line[dash : dash + 1] == "-" and between.strip() == ""
    return msgspec.structs.replace(
        _entry_style(source, entry),
        indent=dash - int(key.start_mark.column),
        gap=between if on_dash_line and between else " ",
    )


def _entry_style(source: _Source, entry: _Node) -> _Style:
    """Flow or block, padding inside the braces, and key order of one entry."""
    at = source.offset(entry.start_mark)
    order = [k.value for k, _ in entry.value if k.value in ENTRY_KEYS]
    return _Style(
        flow=bool(entry.flow_style),
        pad=" " if entry.flow_style and source.text[at + 1 : at + 2] == " " else "",
        order=(*order, *(k for k in ENTRY_KEYS if k not in order)),
    )


def _last_line(source: _Source, node: _Node) -> int:
    """The last line that holds part of `node` (not the comments after it)."""
    while (
        isinstance(node, yaml.CollectionNode) and not node.flow_style and node.value
    ):  # a block collection ends where the next token starts: go to its last leaf
        last = node.value[-1]
        node = last[1] if isinstance(last, tuple) else last
    end = node.end_mark
    if not (
        isinstance(node, yaml.ScalarNode)
        and node.style in ("|", ">")
        and end.column == 0
        and end.line > node.start_mark.line
    ):
        return int(end.line)
    # A block scalar's mark ends after its trailing empty lines. Step back over
    # them unless they belong to the value (keep chomping, `|+`).
    line = int(end.line) - 1
    header = source.line(node.start_mark.line)[node.start_mark.column :]
    if re.match(r"[|>][1-9]?\+", header):
        return line
    while line > node.start_mark.line and not source.line(line).strip():
        line -= 1
    return line


# --- rendering the entry -------------------------------------------------------


def _fields(entry: LogEntry, order: Sequence[str], flow: bool) -> list[str]:
    values: dict[str, str | None] = {
        "date": entry.date.isoformat(),  # plain: an ISO date is what the format asks for
        "status": entry.status,
        "count": None if entry.count is None else str(entry.count),
        "for": entry.for_,
        "note": None if entry.note is None else text_scalar(entry.note, flow=flow),
        "by": None if entry.by is None else text_scalar(entry.by, flow=flow),
        "assessment": entry.assessment,
    }
    return [f"{key}: {values[key]}" for key in order if values[key] is not None]


def _flow_entry(entry: LogEntry, style: _Style) -> str:
    return "{" + style.pad + ", ".join(_fields(entry, style.order, True)) + style.pad + "}"


def _entry_lines(entry: LogEntry, style: _Style, dash: int) -> list[str]:
    head = " " * dash + "-" + style.gap
    if style.flow:
        return [head + _flow_entry(entry, style)]
    first, *rest = _fields(entry, style.order, False)
    return [head + first, *(" " * len(head) + field for field in rest)]
