"""-o for every command that writes, and standard output that cannot take what is written."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from .conftest import PLANS, ROOT
from .test_writing import fifo_reader

DEMO = str(PLANS / "demo-sjovik-2026.yaml")
TABLE = Path(__file__).parent / "artifacts" / "handlingsplan.csv"

# Each command that writes one file with -o, with arguments that make it write
# (import: also over an existing file).
COMMANDS = {
    "report": ["report", DEMO, "--period", "2026T3", "--as-of", "2026-11-22", "-f", "md"],
    "export": ["export", DEMO, "-f", "csv", "--as-of", "2026-11-22"],
    "calendar": ["calendar", DEMO, "--as-of", "2026-11-22"],
    "schema": ["schema"],
    "import": ["import", str(TABLE), "--id", "x", "--municipality", "X kommun", "--force"],
}


def samplan(*args: str, **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
    kwargs = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, **kwargs}
    return subprocess.run([sys.executable, "-m", "samplan", *args], cwd=ROOT, **kwargs)


def same(command: str, written: bytes, printed: bytes) -> bool:
    """import names the schema relative to the file it writes, in the first line."""
    if command == "import":
        written, printed = written.partition(b"\n")[2], printed.partition(b"\n")[2]
    return written == printed


def one_line(result: subprocess.CompletedProcess[bytes]) -> str:
    lines = result.stderr.decode().strip().splitlines()
    assert len(lines) == 1, result.stderr.decode()
    return lines[0]


@pytest.fixture(scope="module")
def expected() -> dict[str, bytes]:
    """What each command prints on standard output."""
    TABLE.parent.mkdir(exist_ok=True)
    TABLE.write_text("Aktivitet;När;Ansvarig\nSkolbesök;Under 2026;Polisen\n", "utf-8")
    out = {}
    for name, args in COMMANDS.items():
        result = samplan(*args, "-o", "-")
        assert result.returncode == 0, result.stderr.decode()
        out[name] = result.stdout
    return out


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_dash_is_standard_output(command: str, expected: dict[str, bytes]) -> None:
    assert expected[command].strip()
    assert not (ROOT / "-").exists()


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_missing_folder_is_created(
    tmp_path: Path, command: str, expected: dict[str, bytes]
) -> None:
    target = tmp_path / "ny" / "mapp" / "ut.txt"
    result = samplan(*COMMANDS[command], "-o", str(target))
    assert result.returncode == 0, result.stderr.decode()
    assert same(command, target.read_bytes(), expected[command])


@pytest.mark.parametrize("command", sorted(set(COMMANDS) - {"report"}))  # report: see below
def test_a_folder_where_a_file_is_expected_is_one_line(tmp_path: Path, command: str) -> None:
    result = samplan(*COMMANDS[command], "-o", str(tmp_path))
    assert result.returncode == 2
    line = one_line(result)  # import names the file it would write instead
    assert line == f"samplan: error: cannot write {tmp_path}: it is a folder; give a file name" or (
        command == "import" and line.startswith(f"samplan: error: -o {tmp_path} is a folder")
    )


def test_report_at_a_folder_writes_into_it(tmp_path: Path) -> None:
    """For report a folder means one report per plan and an index."""
    result = samplan(*COMMANDS["report"], "-o", str(tmp_path), "-f", "html")
    assert result.returncode == 0, result.stderr.decode()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo-sjovik-2026.html", "index.html"]


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_symlink_is_written_through(
    tmp_path: Path, command: str, expected: dict[str, bytes]
) -> None:
    real = tmp_path / "real.out"
    real.write_bytes(b"old")
    link = tmp_path / "link.out"
    link.symlink_to(real)
    result = samplan(*COMMANDS[command], "-o", str(link))
    assert result.returncode == 0, result.stderr.decode()
    assert link.is_symlink()
    assert same(command, real.read_bytes(), expected[command])


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_fifo_is_written_into(tmp_path: Path, command: str, expected: dict[str, bytes]) -> None:
    """What `-o /dev/stdout` is when piped; never replaced by a regular file."""
    fifo = tmp_path / "pipe"
    reader, received = fifo_reader(fifo)
    link = tmp_path / "stdout"
    link.symlink_to(fifo)
    result = samplan(*COMMANDS[command], "-o", str(link))
    reader.join(30)
    assert result.returncode == 0, result.stderr.decode()
    assert len(received) == 1 and same(command, received[0], expected[command])
    assert link.is_symlink() and stat.S_ISFIFO(fifo.lstat().st_mode)


@pytest.mark.parametrize(
    "args", [COMMANDS["schema"], COMMANDS["report"], ["overdue", "plans", "--as-of", "2026-10-01"]]
)
def test_standard_output_on_a_full_disk_is_one_line(args: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        result = samplan(*args, stdout=full)
    assert result.returncode == 2
    assert one_line(result) == "samplan: error: cannot write the output: the disk is full"


@pytest.mark.parametrize("encoding", ["cp1252", "cp850", "latin-1"])
@pytest.mark.parametrize("command", ["overdue", "upcoming"])
def test_tables_on_a_legacy_terminal_encoding(command: str, encoding: str) -> None:
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    result = samplan(command, "plans", "--as-of", "2026-10-01", env=env)
    assert result.returncode == 0, result.stderr.decode(encoding)
    assert any(letter.encode(encoding) in result.stdout for letter in "åäöÅÄÖ")
    assert b"+------" in result.stdout or encoding == "cp850"  # cp850 has box lines


@pytest.mark.parametrize(
    "dates",
    [
        ["--as-of", "9999-12-31"],
        ["--from", "0001-01-01", "--to", "9999-12-31"],
        ["--from", "2026-01-01", "--to", "9999-12-31"],
    ],
)
def test_far_dates_are_a_usage_error(dates: list[str]) -> None:
    result = samplan("report", DEMO, *dates)
    assert result.returncode == 2
    assert b"give a date in the years 1900 to 2200" in result.stderr
    assert b"Traceback" not in result.stderr


LATIN1_NAME = os.fsdecode(b"pl\xe4n-s\xf6dra.yaml")  # a name written on an old Windows share


@pytest.mark.parametrize(
    "args",
    [
        ["report", "-f", "md"],
        ["report", "-f", "html"],
        ["export", "-f", "json"],
        ["export", "-f", "csv"],
        ["calendar"],
        ["overdue"],
    ],
)
def test_file_names_that_are_not_utf8(tmp_path: Path, args: list[str]) -> None:
    plan = tmp_path / LATIN1_NAME
    plan.write_bytes(Path(DEMO).read_bytes())
    result = samplan(*args, str(plan), "--as-of", "2026-11-22")
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    result.stdout.decode("utf-8")  # the output is UTF-8 throughout


def test_a_report_folder_with_a_plan_called_index(tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    plans.mkdir()
    text = Path(DEMO).read_text(encoding="utf-8")
    (plans / "demo.yaml").write_text(text, encoding="utf-8")
    (plans / "index.yaml").write_text(
        text.replace("id: demo-sjovik-2026", "id: index", 1), encoding="utf-8"
    )
    out = tmp_path / "out"
    result = samplan("report", str(plans), "-o", str(out), "-f", "html", "--as-of", "2026-11-22")
    assert result.returncode == 0, result.stderr.decode()
    assert sorted(p.name for p in out.iterdir()) == [
        "demo-sjovik-2026.html",
        "index-2.html",
        "index.html",
    ]
    assert 'href="index-2.html"' in (out / "index.html").read_text(encoding="utf-8")
    assert b"Wrote 2 reports" in result.stderr


def test_init_into_an_existing_file_is_one_line(tmp_path: Path) -> None:
    file = tmp_path / "plan.yaml"
    file.write_text("x", encoding="utf-8")
    result = samplan("init", str(file))
    assert result.returncode == 2
    assert f"{file} is a file, not a folder" in one_line(result)
    assert file.read_text(encoding="utf-8") == "x"
