"""Finding plan files and reading a set of them: the one entry point for commands.

Every command that works on plans (validate, overdue, report ...) reads them
through `read_plans`, so all of them see the same problems the same way.

A national corpus (290 kommuner) is read by worker processes, one per core:
reading is CPU-bound (YAML events, the model, the rules) and files are
independent. Small runs stay in one process, where starting workers would cost
more than it saves.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

import msgspec

from samplan.errors import NoSuchPath
from samplan.family import FamilyFinder, PlanIndex, index_plans
from samplan.law import LawSettings
from samplan.loader import Loaded, read_file
from samplan.messages import Msg
from samplan.model import Plan
from samplan.problems import Problem, Severity, problem
from samplan.rules import check_corpus, check_file

PLAN_SUFFIXES = (".yaml", ".yml")

# What a command takes of each valid plan, computed where the plan is read.
Digest = Callable[[str, Plan], Any]


class Corpus(msgspec.Struct):
    files: list[Loaded]
    problems: list[Problem] = msgspec.field(default_factory=list)
    digests: dict[str, Any] = msgspec.field(default_factory=dict)  # by file, see `read_plans`
    # YAML files found in folders that are not plans (no `samplan:` key), by file.
    not_plans: list[str] = msgspec.field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(p.severity is Severity.ERROR for p in self.problems)

    @property
    def warnings(self) -> int:
        return sum(p.severity is Severity.WARNING for p in self.problems)

    def plans(self) -> list[tuple[Loaded, Plan]]:
        """The files that hold a valid plan, in path order."""
        return [(f, f.plan) for f in self.files if f.plan is not None]


def discover(paths: Sequence[str | Path]) -> list[Path]:
    """Plan files named directly, and every *.yaml/*.yml below named folders."""
    return list(_discover(paths))


def _discover(paths: Sequence[str | Path]) -> dict[Path, bool]:
    """`discover`, telling for each file whether it was named (True) or found in a folder."""
    found: list[tuple[Path, bool]] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend((p, False) for p in sorted(_plan_files(path)))
        elif path.is_file():
            found.append((path, True))
        else:
            raise NoSuchPath(path=raw)
    named: dict[Path, bool] = {}
    for path, by_name in found:
        named[path] = named.get(path, False) or by_name
    return named


def _plan_files(folder: Path) -> list[Path]:
    """The *.yaml and *.yml files below `folder`, in any letter case, hidden ones
    left out. Symlinked folders are followed (each real folder once, so a link
    back up ends there). What cannot be read (a folder without permission, a
    dangling or looping *.yaml link, a FIFO) is in the list too: reading it
    reports why."""
    found: list[Path] = []
    seen: set[tuple[int, int]] = set()

    def walk(directory: Path) -> None:
        try:
            st = directory.stat()
            if (st.st_dev, st.st_ino) in seen:
                return
            seen.add((st.st_dev, st.st_ino))
            with os.scandir(directory) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError:
            found.append(directory)
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir()  # through a symlink
            except OSError:  # a symlink loop
                is_dir = False
            if is_dir:
                walk(Path(entry.path))
            elif os.path.splitext(entry.name)[1].lower() in PLAN_SUFFIXES:
                found.append(Path(entry.path))

    walk(folder)
    return found


def _unreadable(path: Path) -> Loaded | None:
    """A folder that could not be listed, a dangling symlink or a special file
    (FIFO, device) as a file with the problem that says so; None for anything else."""
    if path.is_dir():
        try:
            with os.scandir(path):
                reason = Msg("cannot read the folder")
        except OSError as err:
            reason = Msg("cannot read the folder: {reason}", reason=err.strerror)
    elif path.is_symlink() and not os.path.lexists(os.path.realpath(path)):
        reason = Msg(
            "cannot read: the symlink points to {target}, which does not exist",
            target=os.readlink(path),
        )
    elif path.exists() and not path.is_file():  # reading a FIFO would wait for ever
        reason = Msg("cannot read: not a regular file (a pipe or a device)")
    else:
        return None
    return Loaded(str(path), problems=[problem(str(path), 0, 0, "Y012", reason)])


# A plan's first key, `samplan: 1`, as text: for YAML too broken to read.
_SAMPLAN_KEY = re.compile(r"""^\ufeff?["']?samplan["']?[ \t]*:|^[{][ \t]*["']?samplan\b""", re.M)


def is_plan(loaded: Loaded) -> bool:
    """Whether a file is meant as a plan: its top level has a `samplan:` key.

    A docker-compose.yml or a CI workflow in a plans folder is not a plan. YAML
    that could not be read counts as a plan when its text has the key, and a
    file that could not be read at all counts as one (its problem is reported).
    """
    if isinstance(loaded.data, dict):
        return "samplan" in loaded.data
    if loaded.text is None:
        return not loaded.problems or loaded.problems[0].code != "Y008"
    return bool(_SAMPLAN_KEY.search(loaded.text))


# A worker costs about as much to start as reading a few plans: below two
# workers' worth of files, one process is faster.
FILES_PER_WORKER = 8
# Beyond this the parent, which takes in every worker's plans, is the bottleneck.
MAX_WORKERS = 8


def read_plans(
    paths: Sequence[str | Path],
    as_of: dt.date,
    *,
    contents: bool = True,
    digest: Digest | None = None,
    law: LawSettings | None = None,
) -> Corpus:
    """Read and check every plan file found; results in path order, as in one process.

    Each plan is checked with its family (`samplan.family`: its parent found among
    the files read or in its folder, and the plans below it), and comes back as
    the commands see it, with what it inherits (`Family.effective`). `law`: the
    settings of the law checks (`--law`, `--situation-max-age`).

    The files keep what the commands use (the plan, the problems, the data of
    a file without a valid plan, the positions of its top-level keys for the
    corpus rules); the rest of the positions and the data are let go.

    `contents=False` (validate, which only reports problems): each plan comes
    back as its head, the plan-level keys (id, parent, title, period, parties
    ...) without areas, follow-up, bodies, goals, indicators, situation and
    signatories. That is all the corpus rules read, and it spares sending
    every plan back from the workers and keeping it in memory.

    `digest(file, plan)` is what a command takes of each valid plan (`overdue`:
    its deadlines). It runs where the plan is read, in the worker processes,
    and its results are in `Corpus.digests` by file; the plans come back as
    their heads, as with `contents=False`.
    """
    named = _discover(paths)
    found = list(named.items())
    # Where each plan id and parent link is, to find the families (samplan.family).
    index = index_plans([path for path, _ in found])
    workers = min(_cpus(), MAX_WORKERS, len(found) // FILES_PER_WORKER)
    read = partial(
        _read_for_corpus, as_of=as_of, contents=contents, digest=digest, law=law or LawSettings()
    )
    if workers < 2:
        with _gc_paused():
            _start_worker(index)
            results = [read(item) for item in found]
    else:
        from concurrent.futures import ProcessPoolExecutor
        from multiprocessing import get_context

        # fork: the workers start with the model already built (spawn would
        # import everything again in each); elsewhere the platform's default.
        context = get_context("fork") if sys.platform == "linux" else None
        # Small batches: the last one finishes alone while the other workers idle.
        batches = _batches(found, index, max(1, min(4, len(found) // (workers * 4))))
        pool = ProcessPoolExecutor(
            workers, mp_context=context, initializer=_start_worker, initargs=(index,)
        )
        results = [(None, None)] * len(found)
        with pool, _gc_paused():
            taken = pool.map(partial(_read_batch, read), [[found[i] for i in b] for b in batches])
            for batch, out in zip(batches, taken, strict=True):  # map keeps the order
                for position, result in zip(batch, out, strict=True):
                    results[position] = result
    files = [loaded for loaded, _ in results if loaded is not None]
    digests = {f.file: taken for f, taken in results if f is not None and f.plan is not None}
    pairs = zip(found, results, strict=True)
    not_plans = [str(path) for (path, _), (loaded, _) in pairs if loaded is None]
    corpus = Corpus(files, digests=digests if digest else {}, not_plans=not_plans)
    corpus.problems = sorted(
        [*(p for f in files for p in f.problems), *check_corpus(files)],
        key=Problem.sort_key,
    )
    return corpus


def _batches(found: Sequence[tuple[Path, bool]], index: PlanIndex, size: int) -> list[list[int]]:
    """Positions in `found`, in batches of about `size` for the workers, a family's files
    together: the worker that reads a plan reads its parent and children too (the law
    checks and `fulfils` look at them), and keeps the last few it read, so in one
    batch each is parsed once, not once per worker. Small families share a batch."""
    id_of = {file: plan_id for plan_id, files in index.ids.items() for file in files}
    parent_of = {file: parent for parent, files in index.children.items() for file in files}

    def root(file: str) -> str:
        seen: set[str] = set()
        while (parent := parent_of.get(file)) and parent not in seen and parent in index.ids:
            seen.add(parent)
            file = index.ids[parent][0]
        return id_of.get(file, file)

    families: dict[str, list[int]] = {}
    for position, (path, _) in enumerate(found):
        families.setdefault(root(str(path)), []).append(position)
    batches: list[list[int]] = []
    for members in families.values():
        for start in range(0, len(members), size):
            part = members[start : start + size]
            if batches and len(batches[-1]) + len(part) <= size:
                batches[-1].extend(part)
            else:
                batches.append(part)
    return batches


def _read_batch(read: Callable[[tuple[Path, bool]], Any], items: list[tuple[Path, bool]]) -> Any:
    return [read(item) for item in items]


def read_checked(path: Path, as_of: dt.date) -> Loaded:
    """Read one file and run the per-file rules (its family found in its folder);
    its problems end up on it."""
    loaded = read_file(path)
    loaded.problems.extend(check_file(loaded, as_of))
    return loaded


# The family finder of this process (of each worker), for the run's files.
_finder: FamilyFinder | None = None


def _start_worker(index: PlanIndex) -> None:
    # The workers only read (a plan makes no reference cycles to collect):
    # no collector in them at all.
    gc.disable()
    global _finder
    _finder = FamilyFinder(index)


def _read_for_corpus(
    item: tuple[Path, bool],
    as_of: dt.date,
    contents: bool,
    digest: Digest | None,
    law: LawSettings,
) -> tuple[Loaded | None, Any]:
    """Read one file and run the file rules, keeping only what `read_plans`
    promises (small to send back), and the digest of a valid plan; None for a
    file found in a folder that is not a plan. A valid plan comes back as the
    commands see it, with what it inherits (`samplan.family.Family.effective`)."""
    assert _finder is not None, "_start_worker sets it"
    path, named = item
    loaded = _unreadable(path) or _finder.read(path)
    if not named and not is_plan(loaded):
        return None, None
    family = _finder.family(loaded.file, loaded.plan) if loaded.plan else None
    loaded.problems.extend(check_file(loaded, as_of, family, law))
    effective = family.effective if family else None
    taken = None
    if digest is not None and effective is not None:
        taken = digest(loaded.file, effective)
        contents = False
    keys = loaded.data if isinstance(loaded.data, dict) else ()
    spans = loaded.spans
    top_level = {p: spans[p] for p in [(), *((key,) for key in keys)] if p in spans}
    data = loaded.data if effective is None else None
    plan = effective if contents or effective is None else _head(effective)
    return msgspec.structs.replace(loaded, plan=plan, spans=top_level, data=data, text=None), taken


def _head(plan: Plan) -> Plan:
    """The plan-level keys of a plan, without its contents (`contents=False`)."""
    emptied: dict[str, Any] = {
        "areas": [],
        "follow_up": [],
        "bodies": [],
        "goals": [],
        "indicators": [],
        "situation": None,
        "signatories": [],
    }
    return plan.model_copy(update=emptied)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Reading makes many objects and frees few: cyclic GC passes over them
    would cost up to a fifth of the time (and most of unpickling results).

    The plans then live until the command ends: they are frozen out of the
    collector's reach, or turning it back on would walk them all at once (a
    third of the time of reading one large plan) and again later."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


def _cpus() -> int:
    """CPUs this process may run on (a container or `taskset` may allow fewer)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1
