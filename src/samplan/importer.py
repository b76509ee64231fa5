"""A table of activities (CSV or Excel) into a plan file that validates.

Coordinators' current plans are Word or Excel tables with the columns
Område | Mål | Aktivitet | När | Ansvarig | Samverkanspartner. This module reads
such a table, maps it onto the plan format and writes YAML a person can go on
editing. It never hands back a plan that does not validate, and everything it
had to guess or could not map is listed, so nothing is dropped silently.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from samplan.errors import UsageError
from samplan.loader import decode_utf, load_bytes
from samplan.model import SLUG_PATTERN, Plan
from samplan.problems import Problem, Severity
from samplan.rules import check_file
from samplan.slug import norm, slugify
from samplan.when import Timing, read_when

Cell = str | dt.date

# --- columns -----------------------------------------------------------------------

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
    "responsible": ("ansvarig", "ansvariga", "ansvar", "huvudansvarig", "responsible"),
    "partners": (
        "samverkanspartner", "samverkanspartners", "samverkansparter", "partner", "partners",
        "i samverkan med", "medverkande",
    ),
    "due": ("klart senast", "slutdatum", "deadline", "senast", "due"),
    "method": ("tillvagagangssatt", "metod", "method"),
    "description": ("beskrivning", "description"),
    "id": ("id",),
}  # fmt: skip
# Columns of a samplan export that hold progress, which lives in the log.
PROGRESS_COLUMNS = (
    "status",
    "senaste kommentar",
    "senaste anteckning",
    "latest note",
    "forsenad",
    "overdue",
)
HEADER_SEARCH_ROWS = 30
DEFAULT_AREA = {"sv": "Handlingsplan", "en": "Action plan"}


def field_for(name: str) -> str:
    """The field a `--column` key names (`aktivitet`, `När`, `title` ...)."""
    key = norm(name)
    for fld, names in FIELDS.items():
        if key == fld or key in names:
            return fld
    choices = ", ".join(names[0] for names in FIELDS.values())
    raise UsageError(f"--column: `{name}` is not a column samplan knows; use one of: {choices}")


# --- reading a table --------------------------------------------------------------


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


_FORMULA_GUARD = re.compile(r"^'(?=[=+\-@\t\r])")


def clean(value: str) -> str:
    """Cell text with line breaks unified and a formula guard (`'=`) taken off."""
    text = value.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ").strip()
    return _FORMULA_GUARD.sub("", text)


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


# --- the header row -----------------------------------------------------------------


@dataclass
class Columns:
    row: int  # row number of the header
    index: dict[str, int]  # field -> column index
    unknown: list[str]
    progress: list[str]


def find_columns(table: Table, overrides: Mapping[str, str]) -> Columns:
    """The first row, near the top, that names an activity column and one more field."""
    for number, cells in table.rows[:HEADER_SEARCH_ROWS]:
        found = _match_header([text_of(c) for c in cells], overrides)
        if found is not None and "title" in found.index and len(found.index) >= 2:
            found.row = number
            return found
    first = next((cells for _, cells in table.rows if any(cells)), [])
    seen = ", ".join(f"`{text_of(c)}`" for c in first if c) or "nothing"
    raise UsageError(
        f"{table.source}: found no header row with an activity column (Aktivitet, Åtgärd, "
        f"Åtagande ...) and one more known column; the first row holds {seen}. Name the "
        "columns with --column, e.g. --column aktivitet=Vad --column ansvarig=Vem"
    )


def _match_header(header: list[str], overrides: Mapping[str, str]) -> Columns | None:
    index: dict[str, int] = {}
    for fld, wanted in overrides.items():
        hits = [i for i, text in enumerate(header) if norm(text) == norm(wanted)]
        if not hits:
            return None
        index[fld] = hits[0]
    unknown: list[str] = []
    progress: list[str] = []
    for i, text in enumerate(header):
        key = norm(text)
        if not key or i in index.values():
            continue
        known = next((f for f, names in FIELDS.items() if key in names), None)
        if known is not None and known not in index:
            index[known] = i
        elif key in PROGRESS_COLUMNS:
            progress.append(text)
        else:
            unknown.append(text)
    return Columns(0, index, unknown, progress)


# --- parties from the Ansvarig text -------------------------------------------------------

_LEAD_WITH = re.compile(
    r"\s+(?:i\s+samverkan\s+med|i\s+samarbete\s+med|tillsammans\s+med|med\s+st[öo]d\s+av|"
    r"i\s+samr[åa]d\s+med|med\s+hj[äa]lp\s+av)\s+",
    re.IGNORECASE,
)
# `,` `och` `samt` `&` `/` separate parties, except after a hyphen: the `och` in
# "Barn- och utbildningsförvaltningen" joins the parts of one name.
_BETWEEN = re.compile(r"(?<!-)(?:\s*,\s*|\s+och\s+|\s+samt\s+|\s*&\s*|\s*/\s*)", re.IGNORECASE)
# "Polismyndigheten, Lokalpolisområde Sjövik" is one party.
_POLICE_UNIT = re.compile(r"polisomr[åa]de|polisregion|\blpo\b", re.IGNORECASE)
_AND_OTHERS = re.compile(r"\s*(?:m\.\s?fl\.?|med flera)\s*$", re.IGNORECASE)
_LABEL = re.compile(r"^\s*ansvarig[a]?\s*:\s*", re.IGNORECASE)


def split_parties(text: str) -> list[str]:
    """Party names in a cell: one per line or `;` when the cell has them, else by `,`/och."""
    text = _LABEL.sub("", text)
    if "\n" in text or ";" in text:
        parts = re.split(r"\s*[\n;]\s*", text)
    else:
        parts = []
        for part in _BETWEEN.split(text):
            if parts and _POLICE_UNIT.search(part) and "polis" in parts[-1].casefold():
                parts[-1] = f"{parts[-1]}, {part}"
            else:
                parts.append(part)
    names = (_AND_OTHERS.sub("", p).strip(" .,:") for p in parts)
    return [n for n in names if n]


def join_parties(names: Sequence[str]) -> str:
    """The cell text `split_parties` reads back as exactly these names.

    One name per line; a single name that a comma or `och` would split, such as
    "Polismyndigheten Gävleborgs län, Polisen Norra Gävleborg", ends with `;`.
    """
    text = "\n".join(names)
    if len(names) == 1 and split_parties(text) != list(names):
        text += ";"
    return text


def split_responsible(text: str) -> tuple[list[str], list[str]]:
    """Lead and partners: `Kommunen i samverkan med polis, räddningstjänst` gives
    ([Kommunen], [polis, räddningstjänst])."""
    lead, *rest = _LEAD_WITH.split(text, maxsplit=1)
    return split_parties(lead), split_parties(rest[0]) if rest else []


@dataclass
class Party:
    key: str
    name: str
    type: str
    part_of: str | None = None
    generic: bool = False  # named only "Polisen"; a full police name may take its place


_GENERIC_MUNICIPALITY = {"kommun", "kommunen", "staden", "stad"}
_GENERIC_POLICE = {"polis", "polisen", "polismyndigheten", "lokalpolisen"}
# Kinds of party by words in the name (after `norm`), checked in this order.
_TYPE_WORDS: tuple[tuple[str, str], ...] = (
    ("business", r"\bab\b|bolag|foretag|handel|fastighet|bostad|naringsliv|krog|butik|hotell"),
    (
        "authority",
        r"lansstyrelse|forsakringskass|skatteverk|kriminalvard|frivard|tullverk|migrationsverk|"
        r"arbetsformedling|aklagar|kronofogd|kustbevakning|trafikverk|myndighet|\bregion\b|"
        r"inspektion|socialstyrelse",
    ),
    (
        "organisation",
        r"forening|forbund|nattvandr|kyrka|forsamling|idrott|frivillig|rada barnen|roda korset|"
        r"studieforbund|\bpro\b|\bspf\b",
    ),
    (
        "municipal_unit",
        r"forvaltning|namnd|kontor|skol|socialtjanst|socialsekreterare|raddningstjanst|fritid|"
        r"kultur|faltgrupp|faltare|faltarbetare|faltsekreterare|elevhalsa|individ och famil|"
        r"\bifo\b|\bssp\b|stadsbyggnad|samhallsbyggnad|samhallsforvaltning|kommunledning|"
        r"stadsledning|hemtjanst|omsorg|bibliotek|gatu|teknisk|miljo|avdelning|enhet|"
        r"ungdomsmottagning|kommunikation|sakerhet|folkhalsa|integration|arbetsmarknad|"
        r"\bbygg|stadsdel|kommunens|trygghetssamordnare|samordnare|socialforvaltning",
    ),
)


def guess_type(name: str) -> str:
    key = norm(name)
    if "polis" in key:
        return "police"
    for kind, pattern in _TYPE_WORDS:
        if re.search(pattern, key):
            return kind
    return "other"


class PartyBook:
    """Parties named in the table, keyed so that one party gets one key."""

    def __init__(self, municipality: str) -> None:
        self.municipality = municipality
        self.parties: dict[str, Party] = {"kommun": Party("kommun", municipality, "municipality")}
        self._by_name: dict[str, str] = {}

    def key_for(self, text: str) -> str:
        name = _display_name(text)
        ident = norm(name)
        known = next((k for i, k in self._by_name.items() if _same_word(i, ident)), None)
        if known is not None:
            return known
        key = self._new_key(name, ident)
        self._by_name[ident] = key
        return key

    def _new_key(self, name: str, ident: str) -> str:
        if ident in _GENERIC_MUNICIPALITY or ident == norm(self.municipality):
            return "kommun"
        kind = guess_type(name)
        if kind == "police":
            current = self.parties.get("polis")
            if ident in _GENERIC_POLICE:
                if current is None:
                    self.parties["polis"] = Party("polis", "Polisen", "police", generic=True)
                return "polis"
            if current is None or current.generic:
                self.parties["polis"] = Party("polis", name, "police")
                return "polis"
        key = unique(slugify(name, 40) or "part", self.parties)
        part_of = "kommun" if kind == "municipal_unit" else None
        self.parties[key] = Party(key, name, kind, part_of)
        return key


def _display_name(text: str) -> str:
    name = " ".join(text.split()).strip(" .,:;")
    return name[:1].upper() + name[1:]


def _same_word(a: str, b: str) -> bool:
    """`skolan` and `skola`, `socialtjansten` and `socialtjanst`: one word, with and
    without the Swedish definite ending."""
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return " " not in long and len(short) >= 4 and long in (short + "n", short + "en", short + "et")


# --- ids ------------------------------------------------------------------------------

_SLUG = re.compile(SLUG_PATTERN)


def check_plan_id(plan_id: str) -> None:
    """UsageError unless `plan_id` is a valid plan id (a slug)."""
    if not _SLUG.match(plan_id):
        raise UsageError(
            f"--id `{plan_id}` is not a valid plan id: use lowercase a-z, digits and hyphens "
            f"(e.g. `{slugify(plan_id) or 'sjovik-2026'}`)"
        )


def unique(base: str, taken: Mapping[str, object] | set[str]) -> str:
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


# --- from rows to a plan ---------------------------------------------------------------


@dataclass(frozen=True)
class ImportOptions:
    plan_id: str
    municipality: str
    title: str | None = None
    kind: str = "action_plan"
    language: str = "sv"
    police_area: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    columns: Mapping[str, str] = field(default_factory=dict)  # field -> header text
    sheet: str | None = None
    from_plan: str | None = None  # keep only rows whose Plan column says this
    schema: str = "../schema/samplan.schema.json"


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


@dataclass
class _Activity:
    row: int
    data: dict[str, Any]
    comment: str | None = None


@dataclass
class _Area:
    id: str
    title: str
    goals: list[dict[str, str]] = field(default_factory=list)
    activities: list[_Activity] = field(default_factory=list)


@dataclass
class _Row:
    number: int
    cells: dict[str, Cell]

    def text(self, fld: str) -> str:
        return text_of(self.cells.get(fld, ""))


_EMPTY_MARK = {"-", "–", "—"}  # a cell that says "none", e.g. no goal (nothing inherited)


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
    rows = _data_rows(table, columns, options.from_plan, notes)
    start, end = _period(rows, options, as_of, notes)
    builder = _Builder(options, start, end, notes)
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


def _data_rows(
    table: Table, columns: Columns, from_plan: str | None, notes: list[str]
) -> list[_Row]:
    if columns.unknown:
        notes.append("Columns not imported (unknown): " + ", ".join(columns.unknown))
    if columns.progress:
        notes.append(
            "Columns not imported: " + ", ".join(columns.progress) + " (progress is kept in "
            "each activity's log; record it with `samplan log`)"
        )
    rows = [
        _Row(number, {fld: cells[i] if i < len(cells) else "" for fld, i in columns.index.items()})
        for number, cells in table.rows
        if number > columns.row
    ]
    last = max((r.number for r in rows if any(r.cells.values())), default=0)
    empty = [r.number for r in rows if not any(r.cells.values()) and r.number < last]
    if empty:
        notes.append(f"Empty rows skipped: {_numbers(empty)}")
    rows = [r for r in rows if any(r.cells.values())]
    repeated = [r.number for r in rows if _is_header(r)]
    if repeated:
        notes.append(f"Repeated header rows skipped: rows {_numbers(repeated)}")
        rows = [r for r in rows if r.number not in repeated]
    plans = sorted({r.text("plan") for r in rows if r.text("plan")})
    if from_plan is not None:
        if "plan" not in columns.index:
            raise UsageError("--from-plan needs a Plan column, and the table has none")
        if from_plan not in plans:
            raise UsageError(
                f"--from-plan `{from_plan}` is not in the Plan column; it holds: "
                + ", ".join(plans)
            )
        rows = [r for r in rows if r.text("plan") == from_plan]
    elif len(plans) > 1:
        raise UsageError(
            "the table holds rows of several plans (" + ", ".join(plans) + "); "
            "choose one with --from-plan"
        )
    return rows


def _is_header(row: _Row) -> bool:
    """A row that repeats the header (tables pasted one after another)."""
    return sum(norm(row.text(fld)) in FIELDS[fld] for fld in row.cells) >= 2


_NUMBERED = re.compile(r"^\d+(?:\.\d+)*\.?\s+\w")


def is_heading(text: str) -> bool:
    """`2. Trygga medborgare i ett tryggt centrum`: a numbered section heading."""
    return bool(_NUMBERED.match(text)) and len(text) <= 100 and "\n" not in text


def looks_like_goal(text: str) -> bool:
    """A goal is a sentence or two of words; not prose, a label or a footnote."""
    return (
        text[:1].isalpha()
        and len(text.split()) >= 2
        and len(text) <= 300
        and not text.endswith(":")
        and text.rstrip(".").count(". ") <= 1
    )


def _numbers(numbers: Sequence[int]) -> str:
    return ", ".join(map(str, numbers[:20])) + (" ..." if len(numbers) > 20 else "")


_YEAR = re.compile(r"(?<![\d-])(19[5-9]\d|2[01]\d\d)(?![\d-])")


def _period(
    rows: Sequence[_Row], options: ImportOptions, as_of: dt.date, notes: list[str]
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


class _Builder:
    def __init__(
        self, options: ImportOptions, start: dt.date, end: dt.date | None, notes: list[str]
    ) -> None:
        self.options = options
        self.start, self.end = start, end
        self.notes = notes
        self.parties = PartyBook(options.municipality)
        self.areas: dict[str, _Area] = {}
        self.goal_ids: dict[str, str] = {}  # goal identity -> id
        self.activity_ids: set[str] = set()
        self.area: _Area | None = None
        self.goals: list[str] = []  # goal ids the next row inherits
        self.count = 0
        self.undated: list[int] = []
        self.no_activity: list[int] = []
        self.loose: list[int] = []  # text in one cell that is no heading, goal or activity
        self.no_responsible: list[int] = []
        self.bad_due: list[str] = []
        self.bad_repeat: list[str] = []

    # rows

    def add(self, row: _Row) -> None:
        filled = [f for f, v in row.cells.items() if v and f != "plan"]
        if len(filled) == 1 and filled[0] != "area":
            self._one_cell(row, row.text(filled[0]))
            return
        area_text, goal_text = row.text("area"), row.text("goal")
        if area_text and area_text not in _EMPTY_MARK:
            self.enter_area(area_text)
        if goal_text:
            self.goals = self._goals(goal_text)
        title = " ".join(row.text("title").split())
        if title:
            self._add_activity(row, title)
        elif set(filled) - {"area", "goal"}:  # rows with only Område/Mål are headings
            self.no_activity.append(row.number)

    def _one_cell(self, row: _Row, text: str) -> None:
        """A row with text in one cell only: a heading, a goal row, or prose."""
        if "area" not in row.cells and is_heading(text):
            self.enter_area(text)
        elif row.text("goal") and looks_like_goal(text):
            self.goals = self._goals(text)
        elif row.text("title"):
            self._add_activity(row, " ".join(text.split()))
        else:
            self.loose.append(row.number)

    def enter_area(self, title: str) -> None:
        title = " ".join(title.split())
        key = norm(title)
        if key not in self.areas:
            area_id = unique(slugify(title, 40) or "omrade", {a.id for a in self.areas.values()})
            self.areas[key] = _Area(area_id, title)
        if self.area is not self.areas[key]:
            self.goals = []  # a goal does not carry over into another area
        self.area = self.areas[key]

    def _current_area(self) -> _Area:
        if self.area is None:
            self.enter_area(DEFAULT_AREA[self.options.language])
        assert self.area is not None
        return self.area

    def _goals(self, text: str) -> list[str]:
        if text in _EMPTY_MARK:
            return []
        area = self._current_area()
        ids = []
        for goal in split_goals(text):
            ident = norm(goal)
            if ident not in self.goal_ids:
                goal_id = unique(slugify(goal, 40) or "mal", set(self.goal_ids.values()))
                self.goal_ids[ident] = goal_id
                area.goals.append({"id": goal_id, "text": goal})
            ids.append(self.goal_ids[ident])
        return list(dict.fromkeys(ids))

    def _add_activity(self, row: _Row, title: str) -> None:
        area = self._current_area()
        given = row.text("id")
        base = given if given and _SLUG.match(given) else slugify(title) or "aktivitet"
        act_id = unique(base, self.activity_ids)
        self.activity_ids.add(act_id)
        data: dict[str, Any] = {"id": act_id, "title": title}
        if self.goals:
            data["goals"] = list(self.goals)
        for key in ("description", "method"):
            if row.text(key):
                data[key] = row.text(key)
        responsible, partners = self._parties(row)
        data["responsible"] = responsible
        if partners:
            data["partners"] = partners
        comment = self._timing(row, data)
        area.activities.append(_Activity(row.number, data, comment))
        self.count += 1

    def _parties(self, row: _Row) -> tuple[list[str], list[str]]:
        lead, with_ = split_responsible(row.text("responsible"))
        named = split_parties(row.text("partners"))
        responsible = list(dict.fromkeys(self.parties.key_for(n) for n in lead))
        if not responsible:
            self.no_responsible.append(row.number)
            responsible = ["kommun"]
        partners = [self.parties.key_for(n) for n in [*with_, *named]]
        return responsible, [k for k in dict.fromkeys(partners) if k not in responsible]

    def _timing(self, row: _Row, data: dict[str, Any]) -> str | None:
        """`when` as written; `due` from the due column or the När text; `repeat` from
        the repeat column when the table has one (a samplan export does), else from När."""
        when_cell, due_cell = row.cells.get("when", ""), row.cells.get("due", "")
        when = " ".join(text_of(when_cell).split())
        if when:
            data["when"] = when
        due = self._due(due_cell, row.number)
        if due is None and isinstance(when_cell, dt.date):
            due = when_cell
        timing = read_when(when, self.start, self.end)
        rhythm = self._rhythm(row) if "repeat" in row.cells else timing
        if rhythm.kind in ("recurring", "continuous") and rhythm.repeat is not None:
            data["repeat"] = rhythm.repeat
        elif due is None and timing.kind == "deadline":
            due = timing.due
        if due is not None:
            data["due"] = due
        if due is None and "repeat" not in data:
            self.undated.append(row.number)
            return _UNDATED_COMMENT[self.options.language]
        return None

    def _rhythm(self, row: _Row) -> Timing:
        said = row.text("repeat")
        timing = read_when(said, self.start, self.end)
        if said and timing.kind not in ("recurring", "continuous"):
            self.bad_repeat.append(f"row {row.number}: `{said}`")
        return timing

    def _due(self, cell: Cell, number: int) -> dt.date | None:
        if isinstance(cell, dt.date) or not cell:
            return cell or None
        try:
            return dt.date.fromisoformat(cell[:10])
        except ValueError:
            timing = read_when(cell, self.start, self.end)
            if timing.kind == "deadline" and timing.due is not None:
                return timing.due
        self.bad_due.append(f"row {number}: `{cell}`")
        return None

    # the result

    def yaml(self, source: str, as_of: dt.date) -> str:
        self._finish_notes()
        header = _header(self.options, source, as_of)
        return plan_yaml(self._document(), header, self.options.schema)

    def _finish_notes(self) -> None:
        checks = [
            (self.no_activity, "Rows without an activity (Aktivitet is empty), skipped"),
            (self.loose, "Rows with text in one cell only (prose, notes), not imported"),
            (self.no_responsible, "Rows without Ansvarig; set to the kommun, check them"),
            (self.undated, "Rows whose När gives no date or rhythm; add `due:` or `repeat:`"),
        ]
        for numbers, what in checks:
            if numbers:
                self.notes.append(f"{what}: rows {_numbers(numbers)}")
        empty = [a.title for a in self.areas.values() if a not in self._used_areas()]
        if empty:
            self.notes.append("Areas without activities, left out: " + "; ".join(empty))
        if self.bad_due:
            self.notes.append("Unreadable due dates, left out: " + "; ".join(self.bad_due))
        if self.bad_repeat:
            self.notes.append("Unreadable rhythms, left out: " + "; ".join(self.bad_repeat))
        guessed = [p for p in self.parties.parties.values() if p.key != "kommun"]
        if guessed:
            self.notes.append(
                "Parties made from the Ansvarig texts (check names and types):"
                + "".join(f"\n      {p.key}: {p.name} ({p.type})" for p in guessed)
            )

    def _document(self) -> dict[str, Any]:
        opts = self.options
        start, end = self.start, self.end
        title = opts.title or _default_title(opts, start, end)
        doc: dict[str, Any] = {
            "samplan": 1,
            "id": opts.plan_id,
            "kind": opts.kind,
            "title": title,
            "language": opts.language,
            "municipality": opts.municipality,
        }
        if opts.police_area:
            doc["police_area"] = opts.police_area
        doc["period"] = {"start": start, "end": end}
        doc["parties"] = self.parties.parties
        doc["areas"] = self._used_areas()
        return doc

    def _used_areas(self) -> list[_Area]:
        """Areas with activities, and empty ones whose goals activities refer to."""
        used = {
            g
            for a in self.areas.values()
            for act in a.activities
            for g in act.data.get("goals", [])
        }
        return [
            a for a in self.areas.values() if a.activities or any(g["id"] in used for g in a.goals)
        ]

    def locate(self, problems: list[Problem], spans: Mapping[Any, Any]) -> list[Problem]:
        """Name the table row of each problem: its line in generated YAML helps nobody."""
        starts = sorted(
            (spans[("areas", a, "activities", i)].line, act.row)
            for a, area in enumerate(self._used_areas())
            for i, act in enumerate(area.activities)
            if ("areas", a, "activities", i) in spans
        )
        located = []
        for p in problems:
            row = next((r for line, r in reversed(starts) if line <= p.line), None)
            where = f"table row {row}: " if row is not None else ""
            located.append(Problem(p.file, p.line, p.column, p.code, p.severity, where + p.message))
        return located


def split_goals(text: str) -> list[str]:
    """One goal per line when lines start anew (capital, bullet, number); else one goal."""
    goals: list[str] = []
    for line in text.split("\n"):
        line = line.strip()
        bullet = re.match(r"^(?:[•·*\-–]|\d+[.)])\s*", line)
        item = line[bullet.end() :] if bullet else line
        if not item:
            continue
        if goals and not bullet and not item[:1].isupper():
            goals[-1] = f"{goals[-1]} {item}"  # a wrapped line of the same goal
        else:
            goals.append(item)
    return [" ".join(g.split()) for g in goals]


def _default_title(options: ImportOptions, start: dt.date, end: dt.date | None) -> str:
    years = f"{start.year}" if end is None or end.year == start.year else f"{start.year}–{end.year}"
    if options.language == "en":
        return f"Action plan for crime prevention, {options.municipality} {years}"
    return f"Handlingsplan för brottsförebyggande arbete i {options.municipality} {years}"


_UNDATED_COMMENT = {
    "sv": "När-texten ger inget datum: lägg till `due: ÅÅÅÅ-MM-DD` eller `repeat:`.",
    "en": "The when text gives no date: add `due: YYYY-MM-DD` or `repeat:`.",
}


def _header(options: ImportOptions, source: str, as_of: dt.date) -> list[str]:
    if options.language == "en":
        return [
            f"Imported by `samplan import` from the table {source} on {as_of}.",
            "The parties and their types are guessed from the Responsible texts: check them.",
            "`when` is kept as written; `due` and `repeat` are read from it (an explicit",
            "`due` wins over `when`, so change both or remove `due`).",
        ]
    return [
        f"Importerad med `samplan import` från tabellen {source} den {as_of}.",
        "Parterna och deras typer är gissade utifrån texterna i kolumnen Ansvarig:",
        "kontrollera dem. `when` står kvar som i tabellen; `due` och `repeat` är",
        "utlästa ur den (ett angivet `due` går före `when`, så ändra båda eller ta bort `due`).",
    ]


# --- YAML out --------------------------------------------------------------------------

_PLAIN_START = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`]")


def yaml_scalar(value: object, *, flow: bool = False) -> str:
    """A scalar as YAML: plain when that reads back as the same text, else double-quoted."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | dt.date):
        return str(value)
    text = str(value)
    plain = (
        _PLAIN_START.match(text) is not None
        and text == text.strip()
        and not any(bad in text for bad in (": ", " #", "\n", "\t"))
        and not text.endswith(":")
        and not (flow and any(c in text for c in ",[]{}"))
        and isinstance(yaml.safe_load(text), str)
    )
    return text if plain else json.dumps(text, ensure_ascii=False)


def _flow(mapping: Mapping[str, Any]) -> str:
    inner = ", ".join(f"{k}: {_flow_value(v)}" for k, v in mapping.items() if v is not None)
    return "{" + inner + "}"


def _flow_value(value: object) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_flow_value(v) for v in value) + "]"
    if isinstance(value, Mapping):
        return _flow(value)
    return yaml_scalar(value, flow=True)


def _repeat(value: object) -> str:
    if isinstance(value, str):
        return yaml_scalar(value)
    dump = getattr(value, "model_dump", None)
    assert dump is not None, value
    return _flow(dump(by_alias=True, exclude_defaults=True))


def plan_yaml(doc: Mapping[str, Any], header: Sequence[str], schema: str) -> str:
    """The plan as readable YAML: spec key order, short things on one line.

    `schema` is the path of the JSON Schema for the editor modeline.
    """
    body = [f"# yaml-language-server: $schema={schema}"]
    body += [f"# {line}" if line else "#" for line in header]
    body.append("")
    for key in ("samplan", "id", "kind", "title", "language", "municipality", "police_area"):
        if key in doc:
            body.append(f"{key}: {yaml_scalar(doc[key])}")
    body.append(f"period: {_flow(doc['period'])}")
    body += ["", "parties:"]
    for key, party in doc["parties"].items():
        fields = {"name": party.name, "type": party.type, "part_of": party.part_of}
        body.append(f"  {key}: {_flow(fields)}")
    body += ["", "areas:"]
    for area in doc["areas"]:
        body += _area_lines(area)
    return "\n".join(body) + "\n"


def _area_lines(area: _Area) -> Iterator[str]:
    yield f"  - id: {yaml_scalar(area.id)}"
    yield f"    title: {yaml_scalar(area.title)}"
    if area.goals:
        yield "    goals:"
        for goal in area.goals:
            yield f"      - id: {yaml_scalar(goal['id'])}"
            yield f"        text: {yaml_scalar(goal['text'])}"
    yield "    activities:"
    for act in area.activities:
        if act.comment:
            yield f"      # {act.comment}"
        first = True
        for key, value in act.data.items():
            lead = "      - " if first else "        "
            first = False
            if key == "repeat":
                yield f"{lead}repeat: {_repeat(value)}"
            elif isinstance(value, list):
                yield f"{lead}{key}: {_flow_value(value)}"
            else:
                yield f"{lead}{key}: {yaml_scalar(value)}"
