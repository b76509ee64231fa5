"""Reading a table of activities: the cells of a CSV file or an Excel sheet.

Cells come out as text (line breaks unified, the formula guard taken off) or
as dates, each row with the number a spreadsheet shows for it, so that what
the importer reports points at the row a person sees.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from samplan.cellguard import unguard
from samplan.errors import UsageError
from samplan.loader import decode_utf

Cell = str | dt.date


@dataclass
class Table:
    """The cells of one sheet, each row with the number a spreadsheet shows for it."""

    source: str
    rows: list[tuple[int, list[Cell]]]
    notes: list[str] = field(default_factory=list)


def read_table(path: Path, sheet: str | None = None) -> Table:
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path, sheet)
    if suffix in (".xls", ".ods", ".doc", ".docx"):
        raise UsageError(
            f"{path.name}: samplan reads .xlsx and .csv; open the file and save it as "
            "Excel (.xlsx) or CSV. From Word: copy the table into Excel first."
        )
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise UsageError(f"cannot read {path}: {err.strerror}") from None
    return read_csv_bytes(raw, path.name)


def read_csv_bytes(raw: bytes, source: str) -> Table:
    """CSV as Excel writes it: `;` or `,`, UTF-8 with or without BOM, or Windows-1252."""
    table = Table(source, [])
    text = _decode(raw, table)
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    table.rows = [(number, [clean(c) for c in row]) for number, row in enumerate(reader, 1)]
    return table


def _decode(raw: bytes, table: Table) -> str:
    try:
        return decode_utf(raw)
    except UnicodeDecodeError as err:
        # Swedish Excel saves "CSV (semikolonavgränsad)" in Windows-1252.
        table.notes.append(f"{table.source} is not UTF-8; read it as Windows-1252 (ANSI).")
        return err.object.decode("cp1252", errors="replace")


def sniff_delimiter(text: str) -> str:
    """The separator that splits the first records into the most fields (`;` on a tie)."""

    def fields(delimiter: str) -> int:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        return sum(len(row) - 1 for row in itertools.islice(reader, 30) if row)

    return max(";,\t", key=fields)  # max keeps the first of equals, so `;` wins ties


def clean(value: str) -> str:
    """Cell text with line breaks unified and a formula guard (`'=`) taken off."""
    text = value.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ").strip()
    return unguard(text)


def _read_xlsx(path: Path, sheet: str | None) -> Table:
    import zipfile

    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as err:
        raise UsageError(f"cannot read {path} as an Excel file (.xlsx): {err}") from None
    try:
        names = book.sheetnames
        if sheet is not None and sheet not in names:
            raise UsageError(f"{path.name} has no sheet `{sheet}`; sheets: {', '.join(names)}")
        # A samplan export keeps its rows on the sheet "Aktiviteter" / "Activities".
        chosen = sheet or next((n for n in names if n in ("Aktiviteter", "Activities")), names[0])
        rows = [
            (number, [_xlsx_cell(v) for v in values])
            for number, values in enumerate(
                book[chosen].iter_rows(min_row=1, values_only=True), start=1
            )
        ]
    finally:
        book.close()
    return Table(f"{path.name} ({chosen})", rows)


def _xlsx_cell(value: object) -> Cell:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean(str(value))


def text_of(cell: Cell) -> str:
    return cell.isoformat() if isinstance(cell, dt.date) else cell


def row_list(numbers: Sequence[int]) -> str:
    """`3, 5, 9`: row numbers for a message, the first twenty."""
    return ", ".join(map(str, numbers[:20])) + (" ..." if len(numbers) > 20 else "")
