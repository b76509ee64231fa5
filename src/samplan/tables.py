"""Reading tables of activities: the cells of a CSV file, an Excel sheet or Word tables.

Cells come out as text (line breaks unified, the formula guard taken off) or
as dates, each row with the number a spreadsheet shows for it, so that what
the importer reports points at the row a person sees.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import re
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import msgspec

from samplan.cellguard import unguard
from samplan.errors import CannotRead, TableRefused, UsageError
from samplan.loader import decode_utf
from samplan.messages import Msg

Cell = str | dt.date


class Table(msgspec.Struct):
    """The cells of one sheet, each row with the number a spreadsheet shows for it."""

    source: str
    rows: list[tuple[int, list[Cell]]]
    notes: list[Msg] = msgspec.field(default_factory=list)
    number: int | None = None  # the table's number in a document of several
    heading: str | None = None  # the document's heading above the table


class Document(msgspec.Struct):
    """The tables of a file, and for a Word document the headings and text around them."""

    source: str
    tables: list[Table]
    title: str | None = None  # the document's first heading
    headings: list[str] = msgspec.field(default_factory=list)
    text: list[str] = msgspec.field(default_factory=list)  # paragraphs outside tables
    plans: dict[str, PlanMeta] = msgspec.field(default_factory=dict)  # a samplan export's plans


class PlanMeta(msgspec.Struct, frozen=True):
    """A plan as a samplan export describes it beside its rows (xlsx: the sheet Om)."""

    title: str
    kind: str | None
    start: dt.date | None
    end: dt.date | None


def read_table(path: Path, sheet: str | None = None) -> Document:
    """The tables of a CSV, Excel or Word file; UsageError for what samplan cannot read."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path, sheet)
    if suffix == ".docx":
        from samplan.docxtables import read_docx

        return read_docx(path)
    if suffix in OTHER_FORMATS:
        raise TableRefused(file=path.name, reason="other-format", suffix=suffix)
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise CannotRead(path=path, reason=err.strerror) from None
    if raw.startswith((_OLE, b"PK\x03\x04")):
        raise TableRefused(file=path.name, reason="office-not-csv")
    return Document(path.name, [read_csv_bytes(raw, path.name)])


# Files people try that samplan does not read (the CLI says what to do with each).
OTHER_FORMATS = (".xls", ".doc", ".ods", ".odt", ".pdf")


def read_csv_bytes(raw: bytes, source: str) -> Table:
    """CSV as Excel writes it: `;` or `,`, UTF-8 with or without BOM, or Windows-1252."""
    table = Table(source, [])
    text = _decode(raw, table)
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for number, row in enumerate(reader, 1):
            table.rows.append((number, [clean(c) for c in row]))
    except csv.Error as err:
        if "field limit" in str(err):
            raise TableRefused(file=source, reason="cell-too-long", limit=MAX_CELL) from None
        raise TableRefused(
            file=source, reason="csv-error", line=reader.line_num, error=str(err)
        ) from None
    return table


def _decode(raw: bytes, table: Table) -> str:
    """UTF-8, or Windows-1252 (Swedish Excel's "CSV (semikolonavgränsad)"), line by line.

    A file that is UTF-8 except for some lines (rows pasted from another file)
    is read as UTF-8 with only those lines as Windows-1252, so that "Härnösand"
    in the other lines does not become "HÃ¤rnÃ¶sand".
    """
    try:
        return decode_utf(raw)
    except UnicodeDecodeError as err:
        raw = err.object
    lines = raw.splitlines(keepends=True)
    utf8 = [_utf8(line) for line in lines]
    if not any(text is not None and not text.isascii() for text in utf8):
        table.notes.append(
            Msg("{source} is not UTF-8; read it as Windows-1252 (ANSI).", source=table.source)
        )
        return raw.decode("cp1252", errors="replace")
    others = [n for n, text in enumerate(utf8, 1) if text is None]
    table.notes.append(
        Msg(
            "{source} is UTF-8 except lines {lines}; "
            "read those as Windows-1252 (ANSI). Check their å, ä and ö.",
            source=table.source,
            lines=row_list([str(n) for n in others]),
        )
    )
    return "".join(
        text if text is not None else line.decode("cp1252", errors="replace")
        for line, text in zip(lines, utf8, strict=True)
    )


def _utf8(line: bytes) -> str | None:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return None


def sniff_delimiter(text: str) -> str:
    """The separator that splits the first records into the most fields (`;` on a tie)."""

    def fields(delimiter: str) -> int:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            return sum(len(row) - 1 for row in itertools.islice(reader, 30) if row)
        except csv.Error:  # reading the table names the line
            return 0

    return max(";,\t", key=fields)  # max keeps the first of equals, so `;` wins ties


# C0 and C1 control characters other than tab and line feed: never meant as text.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")


def clean(value: str) -> str:
    """Cell text with line breaks unified, control characters and a formula guard
    (`'=`) taken off."""
    text = _LINE_BREAKS.sub("\n", value).replace("\xa0", " ")
    return unguard(_CONTROLS.sub("", text).strip())


# Python's csv module stops at this length; the same limit holds for every format.
MAX_CELL = 131_072
MAX_ROWS = 20_000  # an action plan has tens or hundreds of rows
MAX_COLUMNS = 64


def check_cell(text: str, source: str) -> None:
    if len(text) > MAX_CELL:
        raise TableRefused(file=source, reason="cell-too-long", limit=MAX_CELL)


def _read_xlsx(path: Path, sheet: str | None) -> Document:
    from openpyxl import load_workbook

    with open_office_zip(path, "xl/workbook.xml", "Excel (.xlsx)") as data:
        try:
            book = load_workbook(data, read_only=True, data_only=True)
            names = book.sheetnames
        except Exception as err:  # a damaged file can make openpyxl fail anywhere
            raise damaged(path, "Excel (.xlsx)", err) from None
    if sheet is not None and sheet not in names:
        raise TableRefused(file=path.name, reason="no-sheet", sheet=sheet, sheets=", ".join(names))
    # A samplan export keeps its rows on the sheet "Aktiviteter" / "Activities".
    chosen = sheet or next((n for n in names if n in ("Aktiviteter", "Activities")), names[0])
    source = f"{path.name} ({chosen})"
    rows: list[tuple[int, list[Cell]]] = []
    plans: dict[str, PlanMeta] = {}
    try:
        about = next((n for n in names if n in ("Om", "About") and n != chosen), None)
        if about is not None:
            plans = _exported_plans(book[about].iter_rows(max_col=5, max_row=500, values_only=True))
        worksheet = book[chosen]
        worksheet.reset_dimensions()  # the stored size may claim a million empty rows
        for number, values in enumerate(
            worksheet.iter_rows(max_col=MAX_COLUMNS, values_only=True), start=1
        ):
            if number > MAX_ROWS:
                raise TableRefused(file=source, reason="too-many-rows", limit=MAX_ROWS)
            rows.append((number, [_xlsx_cell(v, source) for v in values]))
    except UsageError:
        raise
    except Exception as err:  # as above, while the sheet is read
        raise damaged(path, "Excel (.xlsx)", err) from None
    finally:
        book.close()
    return Document(path.name, [Table(source, rows)], plans=plans)


_EXPORTED_PLAN = re.compile(r"([a-z0-9][a-z0-9-]*): (.+)", re.DOTALL)


def _exported_plans(rows: Iterable[tuple[object, ...]]) -> dict[str, PlanMeta]:
    """The plans a samplan export lists on its sheet Om: `id: title`, kind, start, end."""
    from samplan.i18n import VOCABULARY

    kinds = {word: kind for lang in VOCABULARY.values() for kind, word in lang["kind"].items()}
    kinds.update({kind: kind for kind in kinds.values()})
    plans: dict[str, PlanMeta] = {}
    for row in rows:
        _, named, kind, start, end, *_ = (*row, None, None, None, None, None)
        found = _EXPORTED_PLAN.fullmatch(named) if isinstance(named, str) else None
        if found is None or not isinstance(start, dt.datetime):
            continue
        plans[found.group(1)] = PlanMeta(
            title=found.group(2),
            kind=kinds.get(str(kind)),
            start=start.date(),
            end=end.date() if isinstance(end, dt.datetime) else None,
        )
    return plans


def damaged(path: Path, kind: str, err: BaseException) -> TableRefused:
    if isinstance(err, MemoryError):
        return TableRefused(file=path.name, reason="out-of-memory")
    why = " ".join(str(err).split())[:200] or type(err).__name__
    return TableRefused(file=path.name, reason="damaged", kind=kind, error=why)


def _xlsx_cell(value: object, source: str) -> Cell:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    check_cell(text, source)
    return clean(text)


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old Office files, and encrypted new ones
MAX_FILE = 50 * 2**20
MAX_UNPACKED = 100 * 2**20  # a large real plan unpacks to a few MiB
MAX_MEMBERS = 5_000


@contextmanager
def open_office_zip(path: Path, required: str, kind: str) -> Iterator[io.BytesIO]:
    """The file's bytes, once they are known to be a sane Office zip holding `required`.

    Refused with one line: an old binary or password-protected file (both OLE
    compound files), no zip, a damaged zip, a zip bomb (the sizes it declares;
    Python's zipfile never unpacks more than declared), and XML with a DTD,
    which Office never writes and which entity expansion attacks need.
    """
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE + 1)
    except OSError as err:
        raise CannotRead(path=path, reason=err.strerror) from None
    if len(raw) > MAX_FILE:
        raise TableRefused(file=path.name, reason="too-large", limit=MAX_FILE // 2**20)
    if raw.startswith(_OLE):
        if "EncryptedPackage".encode("utf-16-le") in raw:
            raise TableRefused(file=path.name, reason="password")
        old = ".doc" if kind.startswith("Word") else ".xls"
        raise TableRefused(file=path.name, reason="old-binary", old=old, kind=kind)
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            _check_members(archive, path, required, kind)
    except zipfile.BadZipFile as err:
        raise damaged(path, kind, err) from None
    yield io.BytesIO(raw)


def _check_members(archive: zipfile.ZipFile, path: Path, required: str, kind: str) -> None:
    members = archive.infolist()
    unpacked = sum(m.file_size for m in members)
    if len(members) > MAX_MEMBERS or unpacked > MAX_UNPACKED:
        raise TableRefused(
            file=path.name, reason="zip-bomb", size=unpacked // 2**20, parts=len(members)
        )
    names = {m.filename for m in members}
    if required not in names:
        raise TableRefused(file=path.name, reason="not-kind", kind=kind, part=required)
    for member in members:
        if member.filename.endswith((".xml", ".rels")):
            try:
                content = archive.read(member)
            except (zlib.error, EOFError, OSError) as err:
                raise damaged(path, kind, err) from None
            if b"<!DOCTYPE" in content or b"<!ENTITY" in content:
                raise TableRefused(file=path.name, reason="dtd", part=member.filename, kind=kind)


def text_of(cell: Cell) -> str:
    return cell.isoformat() if isinstance(cell, dt.date) else cell


def row_list(numbers: Sequence[str]) -> str:
    """`3, 5, 9`: row numbers for a message, the first twenty."""
    return ", ".join(map(str, numbers[:20])) + (" ..." if len(numbers) > 20 else "")


def short(text: str, limit: int) -> str:
    """The text on one line, cut to `limit` characters with `...`."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 3] + "..."
