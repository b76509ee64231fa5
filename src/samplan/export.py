"""Activities as a table for people who live in Excel: CSV, xlsx and JSON.

One row per activity with its plan, area, goals, parties, timing (När as
written, the rhythm in words, the deadline), current status, latest note and
whether it is overdue, as of a given date. The column headers are the ones
`samplan import` reads, so an exported sheet can be edited and imported again.

Text a spreadsheet would run as a formula (it begins with `=`, `+`, `-`, `@`,
a tab or a carriage return) is always written as text: in CSV behind a `'`
(`samplan.cellguard`, which `samplan import` uses to take it off again), and
in xlsx as a string cell.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zipfile
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import msgspec

from samplan.cellguard import guard, is_formula_like
from samplan.i18n import Lang, language, repeat_text, text, word
from samplan.model import Activity, Area, Plan, Status
from samplan.parties import join_parties
from samplan.query import matches, name_of, overdue
from samplan.schedule import is_expired, item_status, latest_entry, schedule_of

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

JSON_VERSION = 1

# (key, Swedish header, English header, xlsx column width a person would set)
COLUMNS: tuple[tuple[str, str, str, int], ...] = (
    ("plan", "Plan", "Plan", 18),
    ("area", "Område", "Area", 24),
    ("goals", "Mål", "Goals", 36),
    ("title", "Aktivitet", "Activity", 48),
    ("responsible", "Ansvarig", "Responsible", 24),
    ("partners", "Samverkanspartner", "Partners", 24),
    ("when", "När", "When", 20),
    ("repeat", "Upprepning", "Repeat", 20),
    ("due", "Klart senast", "Due", 13),
    ("status", "Status", "Status", 13),
    ("latest_note", "Senaste kommentar", "Latest note", 48),
    ("overdue", "Försenad", "Overdue", 10),
    ("id", "Id", "Id", 24),
)
SHEET = {"sv": "Aktiviteter", "en": "Activities"}
ABOUT = {
    "sv": ("Om", "Skapad av", "Läget per", "Planer"),
    "en": ("About", "Made by", "Status as of", "Plans"),
}


class Named(msgspec.Struct, frozen=True):
    key: str
    name: str


class ExportRow(msgspec.Struct, frozen=True):
    """One activity as of the as-of date."""

    file: str
    plan_id: str
    plan_title: str
    language: Lang
    area_id: str
    area_title: str
    goals: tuple[Named, ...]  # goal id and text
    activity_id: str
    title: str
    responsible: tuple[Named, ...]
    partners: tuple[Named, ...]
    when: str | None
    due: dt.date | None  # the one-off deadline (explicit, or read from `when`)
    repeat: object  # the recurrence (`continuous` or a rule), None for one-off work
    status: Status
    note_date: dt.date | None
    note: str | None  # the latest log note dated on or before the as-of date
    missed: tuple[dt.date, ...]  # deadlines missed as of the as-of date (or when the plan ended)
    ended: dt.date | None = None  # the plan's end, when it ended before the as-of date
    # The plan's kind and period, for the sheet about the plans (import reads them back).
    plan_kind: str = "agreement"
    plan_start: dt.date | None = None
    plan_end: dt.date | None = None

    @property
    def overdue(self) -> bool:
        """Nothing in an ended plan is late any more: it is ended, with `missed` as its
        final count."""
        return bool(self.missed) and self.ended is None


def plan_rows(
    file: str,
    plan: Plan,
    as_of: dt.date,
    party: str | None = None,
    area: str | None = None,
) -> list[ExportRow]:
    """The rows of one plan, in file order; `party` and `area` filter as `samplan overdue` does.

    Check the filters against all plans first with `samplan.query.check_known`.
    """
    missed: dict[str, list[dt.date]] = {}
    for deadline in overdue(plan, as_of, file):
        if deadline.item_kind == "activity":
            missed.setdefault(deadline.item_id, []).append(deadline.due)
    goals = {g.id: g.text for g in plan.all_goals()}
    return [
        _row(file, plan, goals, the_area, act, as_of, tuple(missed.get(act.id, ())))
        for the_area, act in plan.all_activities()
        if matches(plan, the_area.id, act.responsible, party, area)
    ]


def _row(
    file: str,
    plan: Plan,
    goals: dict[str, str],
    area: Area,
    act: Activity,
    as_of: dt.date,
    missed: tuple[dt.date, ...],
) -> ExportRow:
    schedule = schedule_of(act, plan)
    latest = latest_entry(act.log, as_of, "note")
    return ExportRow(
        file=file,
        plan_id=plan.id,
        plan_title=plan.title,
        language=language(plan.language),
        area_id=area.id,
        area_title=area.title,
        goals=tuple(Named(g, goals.get(g, g)) for g in act.goals),
        activity_id=act.id,
        title=act.title,
        responsible=_named(plan, act.responsible),
        partners=_named(plan, act.partners),
        when=act.when,
        due=schedule.deadline,
        repeat=schedule.rhythm,
        status=item_status(schedule, act.log, as_of),
        note_date=latest.date if latest else None,
        note=latest.note if latest else None,
        missed=missed,
        ended=plan.period.end if is_expired(plan, as_of) else None,
        plan_kind=plan.kind,
        plan_start=plan.period.start,
        plan_end=plan.period.end,
    )


def _named(plan: Plan, keys: Sequence[str]) -> tuple[Named, ...]:
    return tuple(Named(k, name_of(plan, k)) for k in keys)


def table_language(rows: Sequence[ExportRow]) -> Lang:
    """English headers only when every plan is in English."""
    return "en" if rows and all(r.language == "en" for r in rows) else "sv"


# --- cells -----------------------------------------------------------------------------------

Value = str | dt.date


def cells(row: ExportRow, lang: Lang) -> list[Value]:
    """The row's cells in COLUMNS order: text, or a date for the due column."""
    note = f"{row.note_date}: {row.note}" if row.note else ""
    values: dict[str, Value] = {
        "plan": row.plan_id,
        "area": row.area_title,
        "goals": "\n".join(" ".join(g.name.split()) for g in row.goals),
        "title": row.title,
        "responsible": join_parties([p.name for p in row.responsible]),
        "partners": join_parties([p.name for p in row.partners]),
        "when": row.when or "",
        "repeat": repeat_text(row.repeat, lang) if row.repeat else "",
        "due": row.due or "",
        "status": word(lang, "status", row.status),
        "latest_note": note,
        "overdue": _overdue_cell(row, lang),
        "id": row.activity_id,
    }
    return [values[key] for key, *_ in COLUMNS]


def _overdue_cell(row: ExportRow, lang: Lang) -> str:
    """Ja/nej; `avslutad` for the activities of an ended plan."""
    if row.ended is not None:
        return word(lang, "light", "ended")
    return text(lang, "yes") if row.overdue else text(lang, "no")


def headers(lang: Lang) -> list[str]:
    return [sv if lang == "sv" else en for _, sv, en, _ in COLUMNS]


def header(key: str, lang: Lang) -> str:
    """The header of one column, e.g. `Samverkanspartner`."""
    return next(sv if lang == "sv" else en for k, sv, en, _ in COLUMNS if k == key)


# --- formats ------------------------------------------------------------------------------------


def to_csv(rows: Sequence[ExportRow], as_of: dt.date) -> bytes:
    """`;`-separated UTF-8 with BOM and CRLF: what Swedish Excel opens by double-click."""
    lang = table_language(rows)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(headers(lang))
    for row in rows:
        writer.writerow([_csv_text(v) for v in cells(row, lang)])
    return "\ufeff".encode() + out.getvalue().encode("utf-8", "replace")


def _csv_text(value: Value) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return guard(value)


def to_xlsx(rows: Sequence[ExportRow], as_of: dt.date) -> bytes:
    """A sheet a person would set up: bold frozen header, filters, widths, wrapped text."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font

    lang = table_language(rows)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET[lang]
    sheet.append(headers(lang))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(vertical="top")
    wrap = Alignment(wrap_text=True, vertical="top")
    for number, row in enumerate(rows, start=2):
        for column, value in enumerate(cells(row, lang), start=1):
            cell = sheet.cell(row=number, column=column)
            cell.alignment = wrap
            if isinstance(value, dt.date):
                cell.value = value
                cell.number_format = "yyyy-mm-dd"
            elif value:
                cell.value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)  # xlsx forbids C0 controls
                cell.data_type = "s"  # never a formula, whatever the text begins with
                cell.quotePrefix = is_formula_like(value)  # and Excel keeps it text on edit
    _lay_out(sheet, len(rows))
    _about_sheet(book.create_sheet(ABOUT[lang][0]), rows, as_of, lang)
    book.properties.creator = "samplan"
    out = io.BytesIO()
    book.save(out)
    return _fixed_times(out.getvalue(), dt.datetime.combine(as_of, dt.time()))


def _lay_out(sheet: Worksheet, count: int) -> None:
    from openpyxl.utils import get_column_letter

    last = get_column_letter(len(COLUMNS))
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{last}{count + 1}"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.page_setup.fitToPage = True
    for index, (_, _, _, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def _about_sheet(sheet: Worksheet, rows: Sequence[ExportRow], as_of: dt.date, lang: Lang) -> None:
    from samplan import __version__

    _, made_by, as_of_label, plans_label = ABOUT[lang]
    plans = sorted({(r.plan_id, r.plan_title, r.plan_kind, r.plan_start, r.plan_end) for r in rows})
    sheet.append([made_by, f"samplan {__version__}"])
    sheet.append([as_of_label, as_of])
    sheet.cell(row=2, column=2).number_format = "yyyy-mm-dd"
    for plan_id, title, kind, start, end in plans:
        # Kind and period too, so that `samplan import` makes the same plan again.
        label = plans_label if plan_id == plans[0][0] else ""
        sheet.append([label, f"{plan_id}: {title}", word(lang, "kind", kind), start, end])
        for cell in sheet[sheet.max_row][3:]:
            cell.number_format = "yyyy-mm-dd"
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"
    sheet.column_dimensions["A"].width = 14
    sheet.column_dimensions["B"].width = 80


_CORE_TIME = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def _fixed_times(data: bytes, when: dt.datetime) -> bytes:
    """The same workbook with every timestamp set to `when`: same input, same bytes."""
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _CORE_TIME.sub(rb"\g<1>" + stamp + rb"\g<2>", content)
            fixed = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, content)
    return out.getvalue()


def to_json(rows: Sequence[ExportRow], as_of: dt.date) -> bytes:
    """The stable shape documented in docs/tools.md (`version` 1; fields are only added)."""
    plans: dict[str, dict[str, str]] = {}
    for row in rows:
        plans.setdefault(
            row.plan_id,
            {
                "id": row.plan_id,
                "title": row.plan_title,
                "file": row.file,
                "language": row.language,
            },
        )
    document = {
        "version": JSON_VERSION,
        "as_of": as_of.isoformat(),
        "plans": list(plans.values()),
        "activities": [_json_row(row) for row in rows],
    }
    # "replace": a file name with bytes that are not UTF-8 (Latin-1 on an old share) gets `?`.
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8", "replace")


def _json_row(row: ExportRow) -> dict[str, Any]:
    return {
        "plan": row.plan_id,
        "area": row.area_id,
        "area_title": row.area_title,
        "goals": [{"id": g.key, "text": g.name} for g in row.goals],
        "id": row.activity_id,
        "title": row.title,
        "responsible": [{"key": p.key, "name": p.name} for p in row.responsible],
        "partners": [{"key": p.key, "name": p.name} for p in row.partners],
        "when": row.when,
        "due": row.due.isoformat() if row.due else None,
        "repeat": _repeat_json(row.repeat),
        "status": row.status,
        "latest_note": (
            {"date": row.note_date.isoformat(), "text": row.note}
            if row.note and row.note_date
            else None
        ),
        "overdue": row.overdue,
        "missed": [d.isoformat() for d in row.missed],
        "ended": row.ended.isoformat() if row.ended else None,
    }


def _repeat_json(repeat: object) -> object:
    dump = getattr(repeat, "model_dump", None)
    return dump(by_alias=True, exclude_defaults=True) if dump else repeat


EXPORT_FORMATS: dict[str, Callable[[Sequence[ExportRow], dt.date], bytes]] = {
    "csv": to_csv,
    "xlsx": to_xlsx,
    "json": to_json,
}
