"""Finding plan files and reading a set of them: the one entry point for commands.

Every command that works on plans (validate, overdue, report ...) reads them
through `read_plans`, so all of them see the same problems the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from samplan.errors import UsageError
from samplan.loader import Loaded, read_file
from samplan.model import Plan
from samplan.problems import Problem, Severity
from samplan.rules import check_corpus, check_file

PLAN_SUFFIXES = (".yaml", ".yml")


@dataclass
class Corpus:
    files: list[Loaded]
    problems: list[Problem] = field(default_factory=list)

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
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.suffix in PLAN_SUFFIXES
                    and p.is_file()
                    and not any(part.startswith(".") for part in p.relative_to(path).parts)
                )
            )
        elif path.is_file():
            found.append(path)
        else:
            raise UsageError(f"no such file or folder: {raw}")
    unique = list(dict.fromkeys(found))
    return unique


def read_plans(paths: Sequence[str | Path], as_of: dt.date) -> Corpus:
    files = [read_checked(path, as_of) for path in discover(paths)]
    corpus = Corpus(files)
    corpus.problems = sorted(
        [*(p for f in files for p in f.problems), *check_corpus(files)],
        key=Problem.sort_key,
    )
    return corpus


def read_checked(path: Path, as_of: dt.date) -> Loaded:
    """Read one file and run the per-file rules; its problems end up on it."""
    loaded = read_file(path)
    loaded.problems.extend(check_file(loaded, as_of))
    return loaded
