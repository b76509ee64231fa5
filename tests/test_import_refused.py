"""Hostile and unlucky input to `samplan import` and `samplan init`: one clear line, exit 2,
nothing written; what can be read is read right."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook

from samplan.loader import load_bytes

from . import docx_plans

AS_OF = ["--as-of", "2019-06-01"]
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def samplan(*args: str) -> subprocess.CompletedProcess[str]:
    """The program as a user runs it, through its one error handler, in English."""
    env = {**os.environ, "SAMPLAN_LANG": "en"}
    return subprocess.run(
        [sys.executable, "-m", "samplan", *args], capture_output=True, text=True, env=env
    )


def run_import(table: Path, tmp_path: Path, *more: str) -> tuple[int, str, Path]:
    target = tmp_path / "out" / "plan.yaml"
    args = ["import", str(table), "--id", "x", "--municipality", "Sjöviks kommun"]
    result = samplan(*args, "-o", str(target), *AS_OF, *more)
    return result.returncode, result.stderr, target


def assert_refused(table: Path, tmp_path: Path, *words: str) -> None:
    code, stderr, target = run_import(table, tmp_path)
    assert code == 2, stderr
    assert len(stderr.strip().splitlines()) == 1, stderr  # one clear line
    assert "Traceback" not in stderr
    for word in words:
        assert word in stderr, stderr
    assert not target.exists() and not target.parent.exists()


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def with_member(data: bytes, name: str, change: Callable[[bytes], bytes]) -> bytes:
    """The zip `data` with member `name` replaced by `change(old bytes)` (b"" if new)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            target.writestr(info, change(content) if info.filename == name else content)
        if name not in source.namelist():
            target.writestr(name, change(b""))
    return out.getvalue()


SHEET = "xl/worksheets/sheet1.xml"
ROWS = [["Aktivitet", "När", "Ansvarig"], ["Trygghetsvandring", "Under 2019", "Kommunen"]]


# --- Word ---------------------------------------------------------------------------------


def test_corrupt_docx(tmp_path: Path) -> None:
    path = tmp_path / "plan.docx"
    path.write_bytes(b"This is no Word file at all.\n" * 10)
    assert_refused(path, tmp_path, "plan.docx", "damaged")


def test_truncated_docx(tmp_path: Path) -> None:
    whole = docx_plans.harnosand(tmp_path / "whole.docx").read_bytes()
    path = tmp_path / "plan.docx"
    path.write_bytes(whole[: len(whole) // 2])
    assert_refused(path, tmp_path, "plan.docx", "damaged")


def test_password_protected_docx(tmp_path: Path) -> None:
    path = tmp_path / "plan.docx"
    path.write_bytes(OLE + bytes(500) + "EncryptedPackage".encode("utf-16-le") + bytes(500))
    assert_refused(path, tmp_path, "password-protected")


@pytest.mark.parametrize("name", ["plan.doc", "plan.docx"])
def test_old_binary_doc(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(OLE + bytes(2000))
    assert_refused(path, tmp_path, "old", ".doc", "Word (.docx)")


def test_docx_without_an_action_table(tmp_path: Path) -> None:
    assert_refused(docx_plans.no_action_table(tmp_path / "plan.docx"), tmp_path, "Aktivitet")


@pytest.fixture(scope="module")
def zeros() -> bytes:
    """101 MiB of zeros, deflated to about 100 KiB."""
    return zlib.compress(bytes(101 * 2**20), 1)


def zip_bomb(required: str, zeros: bytes) -> bytes:
    """A zip whose one member unpacks to 101 MiB, written from deflated bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(required, "<x/>")
    crc = zlib.crc32(bytes(101 * 2**20))
    info = zipfile.ZipInfo("media/zeros.bin")
    info.compress_type = zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(out, "a") as archive:
        archive.writestr(info, b"")  # the entry; its sizes are set below
    return _set_member(out.getvalue(), "media/zeros.bin", zeros[2:-4], crc, 101 * 2**20)


def _set_member(data: bytes, name: str, raw: bytes, crc: int, size: int) -> bytes:
    """Rewrite the zip with member `name` holding the raw deflate stream `raw`."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            if info.filename != name:
                target.writestr(info, source.read(info))
                continue
            info.CRC, info.compress_size, info.file_size = crc, len(raw), size
            offset = out.tell()
            out.write(info.FileHeader())
            out.write(raw)
            info.header_offset = offset
            target.filelist.append(info)
            target.NameToInfo[name] = info
            target.start_dir = out.tell()
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "required"), [("plan.docx", "word/document.xml"), ("plan.xlsx", "xl/workbook.xml")]
)
def test_zip_bomb(tmp_path: Path, name: str, required: str, zeros: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(zip_bomb(required, zeros))
    assert path.stat().st_size < 2**20
    with zipfile.ZipFile(path) as archive:  # a real bomb: it does unpack that far
        assert archive.getinfo("media/zeros.bin").file_size == 101 * 2**20
        with archive.open("media/zeros.bin") as member:
            assert member.read(2**20) == bytes(2**20)
    assert_refused(path, tmp_path, "zip bomb")


# --- Excel ----------------------------------------------------------------------------------


def test_truncated_sheet_xml(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    path.write_bytes(with_member(xlsx_bytes(ROWS), SHEET, lambda x: x[: len(x) // 2]))
    assert_refused(path, tmp_path, "plan.xlsx", "damaged")


def test_sheet_xml_with_a_dtd(tmp_path: Path) -> None:
    doctype = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
    path = tmp_path / "plan.xlsx"
    path.write_bytes(with_member(xlsx_bytes(ROWS), SHEET, lambda x: doctype + x.split(b"?>")[-1]))
    assert_refused(path, tmp_path, "DTD")


def test_a_cell_longer_than_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    data = xlsx_bytes([*ROWS, ["LONG", "Under 2019", "Kommunen"]])
    path.write_bytes(with_member(data, SHEET, lambda x: x.replace(b"LONG", b"x" * 131_073)))
    assert_refused(path, tmp_path, "131,072")
    csv = tmp_path / "plan.csv"
    csv.write_text("Aktivitet;När\n" + "x" * 131_073 + ";2019\n", encoding="utf-8")
    assert_refused(csv, tmp_path, "plan.csv", "131,072")


SST = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
SST_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"


def test_shared_string_bomb(tmp_path: Path) -> None:
    """One shared string of 200,000 characters in each of 5,000 cells."""
    cells = "".join(f'<c r="D{n}" t="s"><v>0</v></c>' for n in range(5000))
    row = f"<row r='4'>{cells}</row></sheetData>".encode()
    data = with_member(xlsx_bytes(ROWS), SHEET, lambda x: x.replace(b"</sheetData>", row))
    strings = '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    strings += "<si><t>" + "y" * 200_000 + "</t></si></sst>"
    data = with_member(data, "xl/sharedStrings.xml", lambda _: strings.encode())
    rel = f'<Relationship Id="rIdS" Type="{SST_REL}" Target="sharedStrings.xml"/>'
    data = with_member(
        data,
        "xl/_rels/workbook.xml.rels",
        lambda x: x.replace(b"</Relationships>", rel.encode() + b"</Relationships>"),
    )
    part = f'<Override PartName="/xl/sharedStrings.xml" ContentType="{SST}"/>'
    data = with_member(
        data, "[Content_Types].xml", lambda x: x.replace(b"</Types>", part.encode() + b"</Types>")
    )
    path = tmp_path / "plan.xlsx"
    path.write_bytes(data)
    assert_refused(path, tmp_path, "131,072")


def test_a_sheet_that_claims_a_million_rows_is_read_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    path.write_bytes(
        with_member(
            xlsx_bytes(ROWS),
            SHEET,
            lambda x: x.replace(b'<dimension ref="A1:C2"/>', b'<dimension ref="A1:XFD1048576"/>'),
        )
    )
    code, stderr, target = run_import(path, tmp_path)
    assert code == 0, stderr
    assert target.exists()


# --- CSV --------------------------------------------------------------------------------------


def test_control_characters_are_taken_out(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_text(
        "Aktivitet;När;Ansvarig\nTrygghets\x01vandring \x1b[31mi centrum;Under 2019;Kommunen\x0b\n",
        encoding="utf-8",
    )
    code, stderr, target = run_import(path, tmp_path)
    assert code == 0, stderr
    plan = load_bytes(target.read_bytes(), str(target)).plan
    assert plan is not None
    assert plan.areas[0].activities[0].title == "Trygghetsvandring [31mi centrum"


def test_csv_in_utf8_with_one_windows_1252_row(tmp_path: Path) -> None:
    rows = [
        "Aktivitet;När;Ansvarig".encode(),
        "Trygghetsvandring i Härnösand;Under 2019;Kommunen".encode(),
        "Föreläsning på Öbacka skola;Under 2019;Skolan".encode("cp1252"),
        "Nattvandring på stan;Under 2019;Föreningen Nattvandrarna".encode(),
    ]
    path = tmp_path / "plan.csv"
    path.write_bytes(b"\r\n".join(rows) + b"\r\n")
    code, stderr, target = run_import(path, tmp_path)
    assert code == 0, stderr
    assert "UTF-8 except lines 3" in stderr
    text = target.read_text(encoding="utf-8")
    assert "Härnösand" in text and "Öbacka" in text and "Föreningen" in text
    assert "Ã" not in text


def test_a_file_name_with_a_newline_stays_in_the_comment(tmp_path: Path) -> None:
    path = tmp_path / "plan\nid: evil\nkind: agreement.csv"
    path.write_text("Aktivitet;När;Ansvarig\nVandring;Under 2019;Kommunen\n", encoding="utf-8")
    code, stderr, target = run_import(path, tmp_path)
    assert code == 0, stderr
    plan = load_bytes(target.read_bytes(), str(target)).plan
    assert plan is not None and (plan.id, plan.kind) == ("x", "action_plan")
    header = [line for line in target.read_text().splitlines() if "Importerad" in line]
    assert header and "plan\\nid: evil\\nkind: agreement.csv" in header[0]


# --- init ---------------------------------------------------------------------------------------


def test_init_with_an_empty_municipality(tmp_path: Path) -> None:
    result = samplan("init", str(tmp_path / "ny"), "--municipality", " ", *AS_OF)
    assert result.returncode == 2, result.stderr
    assert "--municipality" in result.stderr
    assert not (tmp_path / "ny").exists()


def test_init_into_an_existing_file(tmp_path: Path) -> None:
    file = tmp_path / "plans.txt"
    file.write_text("mine\n")
    result = samplan("init", str(file), *AS_OF)
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert file.read_text() == "mine\n"
