"""The status sheet: CSV, xlsx and JSON, read back; formula injection never gets through."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile

import pytest
from openpyxl import load_workbook

from samplan.errors import UnknownName
from samplan.export import (
    COLUMNS,
    ExportRow,
    cells,
    headers,
    plan_rows,
    to_csv,
    to_json,
    to_xlsx,
)
from samplan.loader import load_bytes
from samplan.model import Plan
from samplan.parties import split_parties
from samplan.query import check_known
from samplan.tables import read_csv_bytes

from .conftest import AS_OF, PLANS

DEMO = PLANS / "demo-sjovik-2026.yaml"

# Every text field a user controls starts like a formula somewhere in this plan.
HOSTILE = """\
samplan: 1
id: farlig-2026
title: Plan med text som ser ut som formler
municipality: Testby kommun
period: {start: 2026-01-01, end: 2026-12-31}
parties:
  kommun: {name: Testby kommun, type: municipality}
  minus: {name: "-2+3 Föreningen", type: organisation}
  at: {name: "@Företaget AB", type: business}
areas:
  - id: omrade
    title: "=HYPERLINK(\\"http://evil.example\\",\\"Klicka\\")"
    goals:
      - {id: mal, text: "+1 fler trygga"}
    activities:
      - id: formel
        title: "=1+1"
        goals: [mal]
        responsible: [minus]
        partners: [at]
        when: "\\tUnder 2026"
        log:
          - {date: 2026-03-01, status: ongoing, note: "@SUM(A1:A9) kronor"}
      - id: vanlig
        title: "Vanlig aktivitet\\a"
        responsible: [kommun]
        due: 2026-12-31
"""


def plan_from(text: str, name: str = "plan.yaml") -> Plan:
    loaded = load_bytes(text.encode("utf-8"), name)
    assert loaded.plan is not None, loaded.problems
    return loaded.plan


def demo_rows(as_of: dt.date = AS_OF) -> list[ExportRow]:
    return plan_rows(str(DEMO), plan_from(DEMO.read_text("utf-8"), str(DEMO)), as_of)


def hostile_rows() -> list[ExportRow]:
    return plan_rows("farlig.yaml", plan_from(HOSTILE), AS_OF)


# --- rows ---------------------------------------------------------------------------------


def test_one_row_per_activity_in_file_order() -> None:
    plan = plan_from(DEMO.read_text("utf-8"))
    rows = demo_rows()
    assert [r.activity_id for r in rows] == [a.id for _, a in plan.all_activities()]


def test_row_fields_as_of_the_date() -> None:
    rows = {r.activity_id: r for r in demo_rows()}
    camera = rows["kamerabevakning-resecentrum"]
    assert camera.status == "ongoing"
    assert camera.due == dt.date(2026, 3, 31)  # read from `when: senast den 31 mars 2026`
    assert camera.missed == (dt.date(2026, 3, 31),) and camera.overdue
    assert camera.note_date == dt.date(2026, 9, 10)
    assert camera.note is not None and camera.note.startswith("Utredningen väntar")
    assert [p.key for p in camera.partners] == ["polis", "samhallsbyggnad"]
    assert camera.partners[0].name == "Polismyndigheten, Lokalpolisområde Sjövik"
    walks = rows["trygghetsvandringar"]
    assert walks.due is None and walks.repeat is not None and not walks.overdue
    assert [g.key for g in walks.goals] == ["tryggare-resecentrum", "farre-brander-norrbacka"]
    # As of an earlier date the later notes and statuses do not exist yet.
    early = {r.activity_id: r for r in demo_rows(dt.date(2026, 3, 1))}[
        "kamerabevakning-resecentrum"
    ]
    assert early.status == "ongoing" and early.note is None and not early.overdue


def test_filters_as_in_overdue() -> None:
    plan = plan_from(DEMO.read_text("utf-8"))
    police = plan_rows("d", plan, AS_OF, party="polis")
    assert police and all(r.responsible[0].key == "polis" for r in police)
    kommun = plan_rows("d", plan, AS_OF, party="kommun")  # every förvaltning is part of it
    assert len(kommun) == len(demo_rows()) - len(police)
    area = plan_rows("d", plan, AS_OF, area="vald-i-nara-relation")
    assert {r.area_id for r in area} == {"vald-i-nara-relation"} and len(area) == 5
    with pytest.raises(UnknownName) as unknown:
        check_known([("d", plan)], "skolan", None)
    assert unknown.value.data["kind"] == "party or body" and unknown.value.data["key"] == "skolan"


# --- CSV ----------------------------------------------------------------------------------


def test_csv_is_what_swedish_excel_opens() -> None:
    data = to_csv(demo_rows(), AS_OF)
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel then reads å, ä, ö right
    text = data.decode("utf-8-sig")
    assert text.count("\r\n") >= len(demo_rows()) + 1
    table = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert table[0] == headers("sv") == [
        "Plan", "Område", "Mål", "Aktivitet", "Ansvarig", "Samverkanspartner", "När",
        "Upprepning", "Klart senast", "Status", "Senaste kommentar", "Försenad", "Id",
    ]  # fmt: skip
    camera = next(row for row in table if row[-1] == "kamerabevakning-resecentrum")
    record = dict(zip(table[0], camera, strict=True))
    assert record["Klart senast"] == "2026-03-31"
    assert record["Status"] == "pågår" and record["Försenad"] == "ja"
    assert record["Senaste kommentar"].startswith("2026-09-10: Utredningen väntar")
    assert split_parties(record["Samverkanspartner"]) == [
        "Polismyndigheten, Lokalpolisområde Sjövik",
        "Samhällsbyggnadsförvaltningen",
    ]


def test_csv_writes_formula_like_text_as_text() -> None:
    data = to_csv(hostile_rows(), AS_OF)
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    record = dict(zip(table[0], table[1], strict=True))
    assert record["Aktivitet"] == "'=1+1"
    assert record["Område"].startswith("'=HYPERLINK(")
    assert record["Mål"] == "'+1 fler trygga"
    assert record["Ansvarig"] == "'-2+3 Föreningen"
    assert record["Samverkanspartner"] == "'@Företaget AB"
    assert record["När"] == "'\tUnder 2026"
    assert record["Senaste kommentar"] == "2026-03-01: @SUM(A1:A9) kronor"  # starts with a date
    for row in table[1:]:
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row)
    # samplan import takes the guard off again.
    back = read_csv_bytes(data, "farlig.csv").rows[1][1]
    assert back[3] == "=1+1" and back[1].startswith("=HYPERLINK(")


# --- xlsx ---------------------------------------------------------------------------------


def test_xlsx_is_laid_out_like_a_person_would() -> None:
    book = load_workbook(io.BytesIO(to_xlsx(demo_rows(), AS_OF)))
    assert book.sheetnames == ["Aktiviteter", "Om"]
    sheet = book["Aktiviteter"]
    assert [c.value for c in sheet[1]] == headers("sv")
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:M{len(demo_rows()) + 1}"
    widths = [sheet.column_dimensions[chr(ord("A") + i)].width for i in range(len(COLUMNS))]
    assert widths == [width for *_, width in COLUMNS]
    assert all(c.alignment.wrap_text for row in sheet.iter_rows(min_row=2) for c in row)
    camera = next(
        r for r in sheet.iter_rows(min_row=2) if r[-1].value == "kamerabevakning-resecentrum"
    )
    assert camera[8].value == dt.datetime(2026, 3, 31) and camera[8].number_format == "yyyy-mm-dd"
    walks = next(r for r in sheet.iter_rows(min_row=2) if r[-1].value == "trygghetsvandringar")
    assert walks[7].value == "i mars och september varje år"
    about = book["Om"]
    assert about["B2"].value == dt.datetime(2026, 11, 22)


def test_xlsx_writes_formula_like_text_as_strings() -> None:
    data = to_xlsx(hostile_rows(), AS_OF)
    sheet = load_workbook(io.BytesIO(data))["Aktiviteter"]
    cells = {c.value: c for row in sheet.iter_rows(min_row=2) for c in row if c.value}
    for text in ("=1+1", "+1 fler trygga", "-2+3 Föreningen", "@Företaget AB", "\tUnder 2026"):
        assert cells[text].data_type == "s", text
        assert cells[text].quotePrefix, text
    hyperlink = next(v for v in cells if str(v).startswith("=HYPERLINK"))
    assert cells[hyperlink].data_type == "s"
    assert "Vanlig aktivitet\ufffd" in cells  # a control character xlsx cannot hold
    # The sheet's XML has no formula element at all.
    xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in xml and b"<f " not in xml


def test_xlsx_is_byte_identical_for_the_same_input() -> None:
    first, second = to_xlsx(demo_rows(), AS_OF), to_xlsx(demo_rows(), AS_OF)
    assert first == second
    core = zipfile.ZipFile(io.BytesIO(first)).read("docProps/core.xml")
    assert b"2026-11-22T00:00:00Z" in core


# --- JSON ---------------------------------------------------------------------------------


def test_json_has_the_documented_stable_shape() -> None:
    document = json.loads(to_json(demo_rows(), AS_OF))
    assert list(document) == ["version", "as_of", "plans", "activities"]
    assert document["version"] == 1 and document["as_of"] == "2026-11-22"
    assert document["plans"] == [
        {
            "id": "demo-sjovik-2026",
            "title": plan_from(DEMO.read_text("utf-8")).title,
            "file": str(DEMO),
            "language": "sv",
        }
    ]
    by_id = {a["id"]: a for a in document["activities"]}
    assert list(by_id["kamerabevakning-resecentrum"]) == [
        "plan", "area", "area_title", "goals", "id", "title", "responsible", "partners",
        "when", "due", "repeat", "status", "latest_note", "overdue", "missed", "ended",
    ]  # fmt: skip
    camera = by_id["kamerabevakning-resecentrum"]
    assert camera["responsible"] == [
        {"key": "kommunledning", "name": "Kommunledningsförvaltningen"}
    ]
    assert camera["due"] == "2026-03-31" and camera["overdue"] is True
    assert camera["missed"] == ["2026-03-31"] and camera["repeat"] is None
    assert camera["latest_note"]["date"] == "2026-09-10"
    assert by_id["platssamverkan-norrbacka"]["repeat"] == {"every_months": 1, "except_months": [7]}
    assert by_id["nattvandring"]["repeat"] == "continuous"
    assert by_id["tillsyn-serveringsstallen"]["missed"] == ["2026-09-30"]


def test_english_plans_get_english_headers_and_words() -> None:
    text = HOSTILE.replace("municipality: Testby", "language: en\nmunicipality: Testby")
    rows = plan_rows("en.yaml", plan_from(text), AS_OF)
    table = list(csv.reader(io.StringIO(to_csv(rows, AS_OF).decode("utf-8-sig")), delimiter=";"))
    assert table[0][:4] == ["Plan", "Area", "Goals", "Activity"]
    assert table[1][9] == "ongoing" and table[2][9] == "not started"
    assert [row[11] for row in table[1:]] == ["no", "no"]  # both are due at the end of 2026


def test_an_ended_plan_is_ended_not_late() -> None:
    """Nothing is late in a plan whose period has ended; its missed deadlines stay its
    final count (the rule `overdue` and the report follow too)."""
    harnosand = PLANS / "harnosand-2012.yaml"
    plan = plan_from(harnosand.read_text(encoding="utf-8"), str(harnosand))
    rows = plan_rows("h.yaml", plan, dt.date(2014, 3, 1))
    missed = [row for row in rows if row.missed]
    assert missed and not any(row.overdue for row in rows)
    assert {row.ended for row in rows} == {dt.date(2013, 12, 31)}
    overdue_column = [key for key, *_ in COLUMNS].index("overdue")
    assert {cells(row, "sv")[overdue_column] for row in rows} == {"avslutad"}
