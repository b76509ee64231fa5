"""The header row of a table and what each column holds.

Headers are matched after `norm` (case, accents and punctuation ignored)
against the names kommuner use: Aktivitet/Åtgärd/Åtagande/Insats, När/Tidplan,
Ansvarig, Samverkanspartner, Mål, Område ... and the columns of samplan's own
export, so an exported sheet imports again.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import msgspec

from samplan.errors import (
    NoHeaderRow,
    NoPlanColumn,
    PlanNotInTable,
    SeveralPlansInTable,
    UnknownColumnField,
)
from samplan.messages import Msg
from samplan.slug import norm
from samplan.tables import Cell, Table, row_list, text_of

# Header names per field, compared after `norm` (case, accents and punctuation
# ignored). The first word of each list is the name `--column` uses in help.
FIELDS: dict[str, tuple[str, ...]] = {
    "plan": ("plan", "plan id"),
    "area": (
        "omrade", "prioriterat omrade", "prioriterade omraden", "omraden", "insatsomrade",
        "fokusomrade", "area", "priority area",
    ),
    "goal": ("mal", "malsattning", "delmal", "mal syfte", "goal", "goals"),
    "title": (
        "aktivitet", "aktiviteter", "atgard", "atgarder", "atagande", "ataganden", "insats",
        "insatser", "activity", "title",
    ),
    "when": ("nar", "tidsplan", "tidplan", "tidpunkt", "tid", "when"),
    "repeat": ("upprepning", "aterkommande", "frekvens", "repeat"),
    "responsible": ("ansvarig", "ansvariga", "ansvar", "huvudansvarig", "vem", "responsible"),
    "partners": (
        "samverkanspartner", "samverkanspartners", "samverkansparter", "partner", "partners",
        "i samverkan med", "medverkande", "samverkan", "samarbetspartner",
        "samarbetspartners", "i samarbete med",
    ),
    "due": ("klart senast", "slutdatum", "deadline", "senast", "due"),
    "method": ("tillvagagangssatt", "metod", "method"),
    "description": ("beskrivning", "description"),
    # Progress: the status becomes a log entry, the comment its note.
    "status": ("status", "uppfoljning", "lage", "progress"),
    "comment": (
        "kommentar", "kommentarer", "senaste kommentar", "senaste anteckning", "anteckning",
        "anteckningar", "notering", "noteringar", "latest note", "comment", "comments",
    ),
    "cause": ("orsak", "orsaker", "bakomliggande orsak", "cause", "causes"),
    "id": ("id",),
}  # fmt: skip
# Columns of a samplan export that samplan works out itself from dates and the log.
DERIVED_COLUMNS = ("forsenad", "overdue")
HEADER_SEARCH_ROWS = 30


def field_for(name: str) -> str:
    """The field a `--column` key names (`aktivitet`, `När`, `title` ...)."""
    key = norm(name)
    for fld, names in FIELDS.items():
        if key == fld or key in names:
            return fld
    choices = ", ".join(names[0] for names in FIELDS.values())
    raise UnknownColumnField(name=name, choices=choices)


class Columns(msgspec.Struct):
    row: int  # row number of the header
    index: dict[str, int]  # field -> column index
    unknown: list[str]
    derived: list[str]


def find_columns(table: Table, overrides: Mapping[str, str]) -> Columns:
    """The first row, near the top, that names an activity column and one more field."""
    top = table.rows[:HEADER_SEARCH_ROWS]
    for at, (number, cells) in enumerate(top):
        header = [text_of(c) for c in cells]
        found = _match_header(header, overrides)
        if found is None or "title" not in found.index or len(found.index) < 2:
            continue
        found.row = number
        if at + 1 < len(top):  # a second header row below merged cells ("Ansvar" over two)
            below_number, below = top[at + 1]
            lower = _match_header([text_of(c) for c in below], {})
            if lower is not None and len(lower.index) >= 2:
                merged = _merge_headers(header, [text_of(c) for c in below])
                found = _match_header(merged, overrides) or found
                found.row = below_number
        return found
    first = next((cells for _, cells in table.rows if any(cells)), [])
    seen = ", ".join(f"`{text_of(c)}`" for c in first if c) or "nothing"
    raise NoHeaderRow(source=table.source, seen=seen)


def _merge_headers(upper: list[str], lower: list[str]) -> list[str]:
    """One header from two rows: the lower row's name where it names a field."""
    width = max(len(upper), len(lower))
    upper, lower = upper + [""] * (width - len(upper)), lower + [""] * (width - len(lower))
    return [low if field_of(low) else up for up, low in zip(upper, lower, strict=True)]


def field_of(header: str) -> str | None:
    """The field a header names: `Ansvarig`, `Ansvarig/Vem`, `När (tidplan)` ..."""
    whole = norm(header)
    parts = [whole, *(norm(p) for p in re.split(r"[/(),;]|\s+och\s+|\s+eller\s+", header))]
    for key in parts:
        known = next((f for f, names in FIELDS.items() if key in names), None)
        if known is not None:
            return known
    return None


def _match_header(header: list[str], overrides: Mapping[str, str]) -> Columns | None:
    index: dict[str, int] = {}
    for fld, wanted in overrides.items():
        hits = [i for i, text in enumerate(header) if norm(text) == norm(wanted)]
        if not hits:
            return None
        index[fld] = hits[0]
    unknown: list[str] = []
    derived: list[str] = []
    for i, text in enumerate(header):
        key = norm(text)
        if not key or i in index.values():
            continue
        known = field_of(text)
        if known is not None and known not in index:
            index[known] = i
        elif key in DERIVED_COLUMNS:
            derived.append(text)
        else:
            unknown.append(text)
    return Columns(0, index, unknown, derived)


class Row(msgspec.Struct):
    """A data row: the cells of the known columns, by field."""

    number: int
    cells: dict[str, Cell]
    table: int | None = None  # the table's number in a document of several

    @property
    def where(self) -> str:
        """`7`, or `2.7` for row 7 of a document's table 2."""
        return f"{self.table}.{self.number}" if self.table is not None else str(self.number)

    def text(self, fld: str) -> str:
        return text_of(self.cells.get(fld, ""))


def data_rows(table: Table, columns: Columns, from_plan: str | None, notes: list[Msg]) -> list[Row]:
    """The rows below the header, by field; empty and repeated header rows left out."""
    if columns.unknown:
        notes.append(
            Msg("Columns not imported (unknown): {columns}", columns=", ".join(columns.unknown))
        )
    if columns.derived:
        notes.append(
            Msg(
                "Columns not imported: {columns} (samplan works it out from the dates and the log)",
                columns=", ".join(columns.derived),
            )
        )
    rows = [
        Row(
            number,
            {fld: cells[i] if i < len(cells) else "" for fld, i in columns.index.items()},
            table.number,
        )
        for number, cells in table.rows
        if number > columns.row
    ]
    last = max((r.number for r in rows if any(r.cells.values())), default=0)
    empty = [r.where for r in rows if not any(r.cells.values()) and r.number < last]
    if empty:
        notes.append(Msg("Empty rows skipped: {rows}", rows=row_list(empty)))
    rows = [r for r in rows if any(r.cells.values())]
    repeated = [r for r in rows if is_header(r)]
    if repeated:
        notes.append(
            Msg(
                "Repeated header rows skipped: rows {rows}",
                rows=row_list([r.where for r in repeated]),
            )
        )
        rows = [r for r in rows if r not in repeated]
    plans = sorted({r.text("plan") for r in rows if r.text("plan")})
    if from_plan is not None:
        if "plan" not in columns.index:
            raise NoPlanColumn()
        if from_plan not in plans:
            raise PlanNotInTable(plan=from_plan, plans=", ".join(plans))
        rows = [r for r in rows if r.text("plan") == from_plan]
    elif len(plans) > 1:
        raise SeveralPlansInTable(plans=", ".join(plans))
    return rows


def is_header(row: Row) -> bool:
    """A row that repeats the header (tables pasted one after another)."""
    return sum(norm(row.text(fld)) in FIELDS[fld] for fld in row.cells) >= 2
