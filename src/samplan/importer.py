"""A table of activities (CSV, Excel or Word) into a plan file that validates.

Coordinators' current plans are Word or Excel tables with the columns
Område | Mål | Aktivitet | När | Ansvarig | Samverkanspartner. The import reads
such a table (`samplan.tables`), finds its columns (`samplan.columns`), builds
the plan (`samplan.planbuilder`, with parties from `samplan.parties`) and
writes YAML a person can go on editing. It never hands back a plan that does
not validate, and everything it had to guess or could not map is listed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from samplan.columns import Row, data_rows, find_columns
from samplan.errors import UsageError
from samplan.loader import load_bytes
from samplan.model import Plan
from samplan.planbuilder import ImportOptions, PlanBuilder, is_heading
from samplan.problems import Problem, Severity
from samplan.rules import check_file
from samplan.slug import check_plan_id
from samplan.tables import Table, read_table, text_of
from samplan.when import read_when

__all__ = ["ImportOptions", "ImportRefused", "Imported", "import_table"]


@dataclass
class Imported:
    """A plan made from a table: its YAML, the plan, and what a person should check."""

    yaml_text: str
    plan: Plan
    source: str
    notes: list[str]  # what could not be mapped or was guessed
    warnings: list[Problem]


class ImportRefused(Exception):
    """The plan made from the table does not validate; nothing may be written."""

    def __init__(self, problems: list[Problem], notes: list[str]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems
        self.notes = notes


def import_table(path: Path, options: ImportOptions, as_of: dt.date) -> Imported:
    """Read `path` and build the plan; raises ImportRefused when it would not validate."""
    check_plan_id(options.plan_id)
    table = read_table(path, options.sheet)
    columns = find_columns(table, options.columns)
    notes = list(table.notes)
    caption = _caption(table, columns.row)
    heading = caption if caption and "area" not in columns.index and is_heading(caption) else None
    if options.title is None and caption and not heading:
        options = replace(options, title=caption)
        notes.append(f"Title taken from the line above the header: {caption}")
    rows = data_rows(table, columns, options.from_plan, notes)
    start, end = _period(rows, options, as_of, notes)
    builder = PlanBuilder(options, start, end, notes)
    if heading:
        builder.enter_area(heading)
    for row in rows:
        builder.add(row)
    if not builder.count:
        raise UsageError(f"{table.source}: no activities found below the header row")
    text = builder.yaml(path.name, as_of)
    loaded = load_bytes(text.encode("utf-8"), f"{options.plan_id}.yaml (from {path.name})")
    problems = [*loaded.problems, *check_file(loaded, as_of)]
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if errors or loaded.plan is None:
        raise ImportRefused(builder.locate(errors, loaded.spans), notes)
    warnings = [p for p in problems if p.severity is Severity.WARNING]
    return Imported(text, loaded.plan, table.source, notes, warnings)


def _caption(table: Table, header_row: int) -> str | None:
    """A heading above the header row (one filled cell), as Word and Excel tables have."""
    for number, cells in table.rows:
        filled = [text_of(c) for c in cells if c]
        if number < header_row and len(filled) == 1 and "\n" not in filled[0]:
            return " ".join(filled[0].split())
    return None


_YEAR = re.compile(r"(?<![\d-])(19[5-9]\d|2[01]\d\d)(?![\d-])")


def _period(
    rows: Sequence[Row], options: ImportOptions, as_of: dt.date, notes: list[str]
) -> tuple[dt.date, dt.date | None]:
    """--start/--end, else the years the När and due columns name (else the as-of year)."""
    if options.start is not None:
        if options.end is not None and options.end < options.start:
            raise UsageError(f"--end {options.end} is before --start {options.start}")
        return options.start, options.end
    years: set[int] = set()
    for row in rows:
        for fld in ("when", "due"):
            cell = row.cells.get(fld, "")
            if isinstance(cell, dt.date):
                years.add(cell.year)
            elif cell:
                years.update(int(y) for y in _YEAR.findall(cell))
    # Read the texts against those years: "Under 2018/19" ends in 2019.
    first, last = (min(years), max(years)) if years else (as_of.year, as_of.year)
    for row in rows:
        timing = read_when(row.text("when"), dt.date(first, 1, 1), dt.date(last, 12, 31))
        for day in (timing.start, timing.due):
            if day is not None:
                first, last = min(first, day.year), max(last, day.year)
    start = dt.date(first, 1, 1)
    end = options.end or dt.date(last, 12, 31)
    how = "from the years in the När column" if years else "as the as-of year (no years found)"
    notes.append(f"Period set {how}: {start} – {end}; give --start/--end if it is wrong.")
    return start, end
