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
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import msgspec

from samplan.columns import Columns, Row, data_rows, find_columns
from samplan.errors import NoActivities, NoActivityTable, PlanEndsBeforeStart, UsageError
from samplan.loader import load_bytes
from samplan.messages import Msg
from samplan.model import Plan
from samplan.planbuilder import ImportOptions, PlanBuilder, is_heading
from samplan.problems import Problem, Severity
from samplan.rules import check_file
from samplan.slug import check_plan_id, norm
from samplan.tables import Document, PlanMeta, Table, read_table, short, text_of
from samplan.when import read_when

__all__ = ["ImportOptions", "ImportRefused", "Imported", "import_table"]


class Imported(msgspec.Struct):
    """A plan made from a table: its YAML, the plan, and what a person should check."""

    yaml_text: str
    plan: Plan
    source: str
    notes: list[Msg]  # what could not be mapped or was guessed
    warnings: list[Problem]


class ImportRefused(Exception):
    """The plan made from the table does not validate; nothing may be written."""

    def __init__(self, problems: list[Problem], notes: list[Msg]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems
        self.notes = notes


def import_table(path: Path, options: ImportOptions, as_of: dt.date) -> Imported:
    """Read `path` and build the plan; raises ImportRefused when it would not validate."""
    check_plan_id(options.plan_id)
    document = read_table(path, options.sheet)
    notes: list[Msg] = []
    found = _action_tables(document, options, notes)
    captions = [c for c in (_caption(t, columns.row) for t, columns in found) if c]
    single = found[0] if len(document.tables) == 1 else None
    heading = None
    if single is not None and captions:  # a sheet: the line above the header
        caption = captions[0]
        if "area" not in single[1].index and is_heading(caption):
            heading = caption
        elif options.title is None:
            options = msgspec.structs.replace(options, title=caption)
            notes.append(Msg("Title taken from the line above the header: {title}", title=caption))
    meta = _exported_plan(document, found, options)
    if meta is not None:
        options = _with_meta(options, meta, notes)
    if options.title is None and document.title:
        options = msgspec.structs.replace(options, title=document.title)
        notes.append(
            Msg("Title taken from the document's first heading: {title}", title=document.title)
        )
    if options.kind is None and "medborgarlofte" in norm(options.title or "").split():
        options = msgspec.structs.replace(options, kind="citizen_promise")
        notes.append(Msg("Kind set to citizen_promise (the title says medborgarlöfte)."))
    rows_of = [(t, data_rows(t, c, options.from_plan, notes)) for t, c in found]
    rows = [row for _, table_rows in rows_of for row in table_rows]
    headings = [*document.headings, *captions, *(t.heading or "" for t, _ in found)]
    start, end = _period(rows, options, as_of, notes, headings, document.text)
    builder = PlanBuilder(options, start, end, notes, as_of)
    for (table, table_rows), (_, columns) in zip(rows_of, found, strict=True):
        area = heading or table.heading
        if area and "area" not in columns.index:
            builder.enter_area(area)
        for row in table_rows:
            builder.add(row)
    if not builder.count:
        raise NoActivities(source=document.source)
    text = builder.yaml(path.name, as_of)
    if any(t.number is not None for t, _ in found) and any("row" in str(n) for n in notes):
        notes.insert(0, Msg("Rows are named TABLE.ROW: 2.3 is row 3 of the document's table 2."))
    loaded = load_bytes(text.encode("utf-8"), f"{options.plan_id}.yaml (from {path.name})")
    problems = [*loaded.problems, *check_file(loaded, as_of)]
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if errors or loaded.plan is None:
        raise ImportRefused(builder.locate(errors, loaded.spans), notes)
    warnings = [p for p in problems if p.severity is Severity.WARNING]
    source = found[0][0].source if single is not None else document.source
    return Imported(text, loaded.plan, source, notes, warnings)


def _action_tables(
    document: Document, options: ImportOptions, notes: list[Msg]
) -> list[tuple[Table, Columns]]:
    """The tables whose header names activities; the others are noted as ignored."""
    found, ignored = [], []
    for table in document.tables:
        notes.extend(table.notes)
        try:
            found.append((table, find_columns(table, options.columns)))
        except UsageError:
            if len(document.tables) == 1:
                raise
            first = next((text_of(c) for _, cells in table.rows for c in cells if c), "")
            ignored.append(f"table {table.number}" + (f" (`{short(first, 40)}`)" if first else ""))
    if not found:
        raise NoActivityTable(source=document.source, count=len(document.tables))
    if ignored:
        notes.append(
            Msg("Tables that are no action tables, ignored: {tables}", tables="; ".join(ignored))
        )
    return found


def _caption(table: Table, header_row: int) -> str | None:
    """A heading above the header row (one filled cell), as Word and Excel tables have."""
    for number, cells in table.rows:
        filled = [text_of(c) for c in cells if c]
        if number < header_row and len(filled) == 1 and "\n" not in filled[0]:
            return " ".join(filled[0].split())
    return None


def _exported_plan(
    document: Document, found: Sequence[tuple[Table, Columns]], options: ImportOptions
) -> PlanMeta | None:
    """What a samplan export says about the plan its rows come from (xlsx: sheet Om)."""
    if options.from_plan is not None:
        return document.plans.get(options.from_plan)
    return next(iter(document.plans.values())) if len(document.plans) == 1 else None


def _with_meta(options: ImportOptions, meta: PlanMeta, notes: list[Msg]) -> ImportOptions:
    """What the options leave open, from the export's sheet about the plan."""
    taken = [
        name
        for name, given, found in (
            ("title", options.title, meta.title),
            ("kind", options.kind, meta.kind),
            ("period", options.start, meta.start),
        )
        if given is None and found is not None
    ]
    if taken:
        notes.append(
            Msg("Taken from the export's sheet about the plan: {keys}.", keys=", ".join(taken))
        )
    return msgspec.structs.replace(
        options,
        title=options.title or meta.title,
        kind=options.kind or meta.kind,
        start=options.start or meta.start,
        end=options.end or (meta.end if options.start is None else None),
    )


# A year, or a span of years: `2019`, `2012-2013`, `2018/19`, `2019–2021`.
_YEARS = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?:\s*[-–/]\s*(\d{4}|\d\d))?(?!\d)")


def years_in(text: str) -> set[int]:
    """The years a text names; a span counts every year in it, a date its year."""
    years: set[int] = set()
    for match in _YEARS.finditer(text):
        first = int(match.group(1))
        years.add(first)
        if match.group(2):
            second = int(match.group(2))
            if second < 100:
                second += first // 100 * 100
            if first < second <= first + 10:
                years.update(range(first, second + 1))
    return years


def _period(
    rows: Sequence[Row],
    options: ImportOptions,
    as_of: dt.date,
    notes: list[Msg],
    headings: Sequence[str],
    text: Sequence[str],
) -> tuple[dt.date, dt.date | None]:
    """--start/--end, else the years in the title and the När and due columns, else in
    the headings, else the year the text names most often, else the as-of year."""
    if options.start is not None:
        if options.end is not None and options.end < options.start:
            raise PlanEndsBeforeStart(start=options.start, end=options.end)
        return options.start, options.end
    years = years_in(options.title or "")
    for row in rows:
        for fld in ("when", "due"):
            cell = row.cells.get(fld, "")
            years.update({cell.year} if isinstance(cell, dt.date) else years_in(cell))
    how = Msg("from the years in the title and the När column")
    if not years:
        years, how = set().union(*map(years_in, headings)), Msg("from the years in the headings")
    if not years:
        counts = Counter(y for paragraph in text for y in years_in(paragraph))
        if counts:
            years = {max(counts, key=lambda y: (counts[y], y))}
            how = Msg("as the year the text names most often")
    if not years:
        years, how = {as_of.year}, Msg("as the as-of year (no years found)")
    first, last = min(years), max(years)
    # Read the texts against those years: "Under 2018/19" ends in 2019.
    for row in rows:
        timing = read_when(row.text("when"), dt.date(first, 1, 1), dt.date(last, 12, 31))
        for day in (timing.start, timing.due):
            if day is not None:
                first, last = min(first, day.year), max(last, day.year)
    start = dt.date(first, 1, 1)
    end = options.end or dt.date(last, 12, 31)
    notes.append(
        Msg(
            "Period set {how}: {start} – {end}; give --start/--end if it is wrong.",
            how=how,
            start=start,
            end=end,
        )
    )
    return start, end
