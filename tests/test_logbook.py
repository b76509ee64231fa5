"""Adding a log entry: only the entry's text is added, the result validates, refusals
leave the file alone, and concurrent writers lose nothing."""

from __future__ import annotations

import codecs
import datetime as dt
import difflib
import fcntl
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samplan import logbook
from samplan.cli.errors import phrase
from samplan.corpus import read_checked
from samplan.errors import UsageError
from samplan.loader import Loaded, read_file
from samplan.logbook import ASSESSMENTS, STATUSES, Outcome, _new_warnings, record
from samplan.model import LogEntry
from samplan.pii import find_identity_numbers, luhn_ok
from samplan.problems import Problem, Severity

from .conftest import AS_OF, DATA, PLANS

LOG = DATA / "log"
COMMENTED = LOG / "commented.yaml"
DEMO = PLANS / "demo-sjovik-2026.yaml"
NOTE = 'Klart: "allt", #1 – å ä ö'

# Item id -> whether the new entry is whole new lines (block logs, or a new `log:`
# key in a block mapping) rather than text inside a flow collection's line.
ITEMS = {
    "avstamning": True,  # follow-up item, block-mapping entries, odd gap after the dash
    "flodeslogg": True,  # flow entries with comments between them
    "utan-logg-block": True,  # no log; last value is a block scalar
    "utan-logg-plain": True,  # no log; last value has a trailing comment
    "flodesaktivitet": False,  # the whole activity is a flow mapping
    "tom-lista": False,  # `log: []`
    "flerradig-flodeslista": False,  # a flow sequence over several lines
    "logg-forst": True,  # indentless block log, before the other keys
    "behall-radbrytningar": True,  # last value keeps its trailing blank lines (`|+`)
    "sista": True,  # last lines of the file
}
DATES = [dt.date(2026, 1, 1), dt.date(2026, 4, 1), dt.date(2026, 11, 20)]  # first, middle, last


def _crlf(raw: bytes) -> bytes:
    return raw.replace(b"\n", b"\r\n")


VARIANTS: dict[str, tuple[Callable[[bytes], bytes], str, str]] = {
    # name: (make the file from the LF fixture, codec, line break)
    "lf": (lambda raw: raw, "utf-8", "\n"),
    "crlf": (_crlf, "utf-8", "\r\n"),
    "bom-crlf": (lambda raw: codecs.BOM_UTF8 + _crlf(raw), "utf-8-sig", "\r\n"),
    "no-final-newline": (lambda raw: raw.rstrip(b"\n"), "utf-8", "\n"),
    "utf-16": (
        lambda raw: codecs.BOM_UTF16_LE + raw.decode("utf-8").encode("utf-16-le"),
        "utf-16",
        "\n",
    ),
}


def added(old: bytes, new: bytes) -> bytes:
    """What `new` adds to `old`; fails unless `new` is `old` with one piece inserted."""
    at = next((i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b), len(old))
    size = len(new) - len(old)
    assert size > 0
    assert new[:at] + new[at + size :] == old, "bytes outside the new entry changed"
    return new[at : at + size]


def log_of(loaded: Loaded, item_id: str) -> list[LogEntry]:
    plan = loaded.plan
    assert plan is not None
    for _, act in plan.all_activities():
        if act.id == item_id:
            return act.log
    (item,) = [f for f in plan.follow_up if f.id == item_id]
    return item.log


def copy_of(source: Path, directory: Path, name: str = "plan.yaml") -> Path:
    target = directory / name
    shutil.copyfile(source, target)
    return target


def log(path: Path, item: str, **fields: Any) -> Outcome:
    fields.setdefault("status", "done")
    fields.setdefault("on", AS_OF)
    return record(path, item, today=AS_OF, **fields)


def errors(loaded: Loaded) -> list[Problem]:
    return [p for p in loaded.problems if p.severity is Severity.ERROR]


def test_fixture_is_a_valid_plan() -> None:
    assert errors(read_checked(COMMENTED, AS_OF)) == []


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("on", DATES, ids=str)
@pytest.mark.parametrize("item", ITEMS)
def test_only_the_entry_is_added(tmp_path: Path, item: str, on: dt.date, variant: str) -> None:
    make, codec, newline = VARIANTS[variant]
    path = tmp_path / "plan.yaml"
    old = make(COMMENTED.read_bytes())
    path.write_bytes(old)

    outcome = log(path, item, on=on, note=NOTE, by="no", assessment="yellow")

    assert outcome.refused is None and outcome.written
    new = path.read_bytes()
    assert new == outcome.after
    text = added(old, new).decode(codec.replace("-sig", ""))
    assert text.count("\n") == text.count(newline)  # the file's line breaks only
    assert NOTE.replace('"', '\\"') in text
    if ITEMS[item]:
        old_lines = old.decode(codec).splitlines()
        changes = difflib.ndiff(old_lines, new.decode(codec).splitlines())
        assert [line for line in changes if line[:1] in "-?"] == []
    loaded = read_checked(path, AS_OF)
    assert errors(loaded) == []
    entries = log_of(loaded, item)
    assert LogEntry(date=on, status="done", note=NOTE, by="no", assessment="yellow") in entries
    assert [e.date for e in entries] == sorted(e.date for e in entries)


def test_entries_follow_the_style_around_them(tmp_path: Path) -> None:
    """One entry for every kind of place in the fixture, compared with a reviewed file."""
    path = copy_of(COMMENTED, tmp_path)
    for n, item in enumerate(ITEMS):
        on = DATES[n % len(DATES)]
        status = STATUSES[n % len(STATUSES)]
        note = f"Anteckning {n}: klart" if n % 2 else None
        if status == "cancelled":
            note = "Avbruten, se protokoll"
        by = "polis" if n % 3 == 0 else None
        assessment = ASSESSMENTS[n % 3] if n % 4 == 0 else None
        outcome = log(path, item, status=status, on=on, note=note, by=by, assessment=assessment)
        assert outcome.refused is None
    expected = LOG / "commented.expected.yaml"
    assert path.read_text(encoding="utf-8") == expected.read_text(encoding="utf-8")


def test_line_separators_inside_values_do_not_shift_lines(tmp_path: Path) -> None:
    """YAML counts NEL and U+2028 as line breaks; the edit must count them the same way."""
    text = COMMENTED.read_text(encoding="utf-8").replace(
        "title: Centrum\n", 'title: "Centrum\u2028med\x85radbrytningar"\n', 1
    )
    path = tmp_path / "plan.yaml"
    old = text.encode("utf-8")
    path.write_bytes(old)
    assert log(path, "utan-logg-plain", note=NOTE).refused is None
    assert b"log:\n      - " in added(old, path.read_bytes())


NOTES = [
    "key: value",
    "# inte en kommentar",
    "text #hashtag och text # kommentar?",
    "\"citat\" och 'apostrof'",
    "It's",
    "rad ett\nrad två",
    "slutar med radbrytning\n",
    "- börjar som en listpunkt",
    "? frågetecken",
    "yes",
    "no",
    "Off",
    "null",
    "~",
    "2026-11-22",
    "12",
    "1e3",
    "0x1F",
    "1:20",
    " inledande mellanslag",
    "avslutande mellanslag ",
    "tabb\tinuti",
    "{klamrar}",
    "[hakar]",
    "komma, efter",
    "100 %",
    "@snabel",
    "`backtick`",
    "&ankare *alias !tagg |rör >större",
    "bakåtsnedstreck \\n inte radbrytning",
    "radslut\u2028och\x85NEL",
    "nolltecken \x00 och \x7f och \ufeff",
    "emoji 🚓 och å ä ö Å Ä Ö",
    "kolon på slutet:",
    "%procent",
]


@pytest.mark.parametrize("item", ["flodeslogg", "logg-forst", "flodesaktivitet"])
@pytest.mark.parametrize("note", NOTES)
def test_notes_read_back_exactly(tmp_path: Path, note: str, item: str) -> None:
    path = copy_of(COMMENTED, tmp_path)
    assert log(path, item, note=note).refused is None
    assert log_of(read_file(path), item)[-1].note == note
    # Any YAML reader, not only samplan's, gets the same text back.
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    activities = [act for area in data["areas"] for act in area["activities"]]
    (activity,) = [act for act in activities if act["id"] == item]
    assert activity["log"][-1]["note"] == note


DEMO_PLAN = read_file(DEMO).plan
assert DEMO_PLAN is not None
DEMO_IDS = sorted(
    [act.id for _, act in DEMO_PLAN.all_activities()] + [f.id for f in DEMO_PLAN.follow_up]
)
NO_PII = st.text(min_size=1, max_size=80).filter(
    lambda s: bool(s.strip()) and not find_identity_numbers(s)
)


@st.composite
def entries(draw: st.DrawFn) -> dict[str, Any]:
    status = draw(st.sampled_from(STATUSES))
    note = draw(NO_PII if status == "cancelled" else st.none() | NO_PII)
    return {
        "item": draw(st.sampled_from(DEMO_IDS)),
        "status": status,
        "note": note,
        "on": draw(st.dates(min_value=dt.date(2025, 1, 1), max_value=AS_OF)),
        "by": draw(st.none() | st.sampled_from(sorted(DEMO_PLAN.parties))),
        "assessment": draw(st.none() | st.sampled_from(ASSESSMENTS)),
    }


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(batch=st.lists(entries(), min_size=1, max_size=3))
def test_log_then_validate(tmp_path_factory: pytest.TempPathFactory, batch: list[Any]) -> None:
    path = copy_of(DEMO, tmp_path_factory.mktemp("demo"))
    for fields in batch:
        item = fields.pop("item")
        outcome = log(path, item, **fields)
        assert outcome.refused is None
        loaded = read_checked(path, AS_OF)
        assert errors(loaded) == []
        assert LogEntry(date=fields.pop("on"), **fields) in log_of(loaded, item)


def personnummer() -> str:
    body = "850709123"
    return next(f"{body[:6]}-{body[6:]}{d}" for d in "0123456789" if luhn_ok(body + d))


def assert_untouched(path: Path, before: bytes, mtime: int) -> None:
    assert path.read_bytes() == before
    assert path.stat().st_mtime_ns == mtime


def test_refuses_a_plan_that_is_already_invalid(tmp_path: Path) -> None:
    path = copy_of(LOG / "invalid.yaml", tmp_path)
    before, mtime = path.read_bytes(), path.stat().st_mtime_ns
    outcome = log(path, "belysning")
    assert outcome.refused == "invalid_before" and not outcome.written
    assert [p.code for p in outcome.problems] == ["R002"]
    assert_untouched(path, before, mtime)


def test_refuses_an_entry_the_plan_would_not_validate_with(tmp_path: Path) -> None:
    path = copy_of(COMMENTED, tmp_path)
    before, mtime = path.read_bytes(), path.stat().st_mtime_ns
    outcome = log(path, "flodeslogg", note=f"Ring {personnummer()} om nyckeln")
    assert outcome.refused == "invalid_after" and not outcome.written
    assert [p.code for p in outcome.problems] == ["P001"]
    assert_untouched(path, before, mtime)


def test_dry_run_writes_nothing_and_shows_the_diff(tmp_path: Path) -> None:
    path = copy_of(COMMENTED, tmp_path)
    before, mtime = path.read_bytes(), path.stat().st_mtime_ns
    outcome = log(path, "sista", note="Klart", write=False)
    assert outcome.refused is None and not outcome.written
    assert_untouched(path, before, mtime)
    plus = [line for line in outcome.diff().splitlines() if line.startswith("+")]
    assert plus[1:] == [
        "+    log:",
        "+    - date: 2026-11-22",
        "+      status: done",
        "+      note: Klart",
    ]


@pytest.mark.parametrize(
    ("item", "fields", "message"),
    [
        ("avstamnin", {}, "did you mean `avstamning`?"),
        ("flodeslogg", {"status": "klar"}, "unknown status `klar`: did you mean `done`?"),
        ("flodeslogg", {"status": "finished"}, "unknown status `finished`"),
        ("flodeslogg", {"assessment": "gul"}, "did you mean `yellow`?"),
        (
            "flodeslogg",
            {"by": "polisen"},
            "--by: unknown party or body `polisen`; did you mean `polis`?",
        ),
        ("flodeslogg", {"status": "cancelled"}, "a `cancelled` entry needs a note"),
        ("flodeslogg", {"note": "  "}, "the note is empty"),
        ("flodeslogg", {"on": dt.date(2026, 11, 23)}, "is after today (2026-11-22)"),
    ],
)
def test_requests_that_cannot_be_done(
    tmp_path: Path, item: str, fields: dict[str, Any], message: str
) -> None:
    path = copy_of(COMMENTED, tmp_path)
    before, mtime = path.read_bytes(), path.stat().st_mtime_ns
    with pytest.raises(UsageError) as refused:
        log(path, item, **fields)
    assert message in phrase(refused.value)  # as samplan log says it
    assert_untouched(path, before, mtime)


def test_an_id_that_names_an_activity_and_a_follow_up_item_is_refused(tmp_path: Path) -> None:
    path = copy_of(LOG / "ambiguous.yaml", tmp_path)
    with pytest.raises(UsageError) as refused:
        log(path, "avstamning")
    assert "both an activity and a follow-up item" in phrase(refused.value)


def test_a_missing_plan_file_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as refused:
        log(tmp_path / "saknas.yaml", "x")
    assert "no such plan file" in phrase(refused.value)


def test_an_edit_that_reads_back_differently_is_never_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With quoting broken on purpose, the note `null` would read back as no note."""
    monkeypatch.setattr(logbook, "text_scalar", lambda text, flow: text)
    path = copy_of(COMMENTED, tmp_path)
    before, mtime = path.read_bytes(), path.stat().st_mtime_ns
    with pytest.raises(RuntimeError, match="changes more than the new entry"):
        log(path, "flodeslogg", note="null")
    assert_untouched(path, before, mtime)


def test_a_folder_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as refused:
        log(tmp_path, "x")
    assert "is a folder; name one plan file" in phrase(refused.value)


def test_writes_through_a_symlink(tmp_path: Path) -> None:
    target = copy_of(COMMENTED, tmp_path)
    link = tmp_path / "link.yaml"
    link.symlink_to(target)
    assert log(link, "sista").written
    assert link.is_symlink()
    assert log_of(read_file(target), "sista")[-1].date == AS_OF


def test_only_new_warnings_are_reported() -> None:
    def warning(line: int, message: str) -> Problem:
        return Problem("p.yaml", line, 1, "R013", Severity.WARNING, message)

    old = [warning(10, "a"), warning(20, "b")]
    new = [warning(11, "a"), warning(21, "b"), warning(30, "c"), warning(31, "a")]
    assert _new_warnings(old, new) == [warning(30, "c"), warning(31, "a")]


CHILD = """
import datetime as dt, sys
from samplan.logbook import record
outcome = record(sys.argv[1], "flodeslogg", status="ongoing", on=dt.date(2026, 11, 1),
                 today=dt.date(2026, 11, 22), note="Samtidig " + sys.argv[2])
sys.exit(0 if outcome.written else 1)
"""


def test_concurrent_processes_lose_no_entry(tmp_path: Path) -> None:
    path = copy_of(COMMENTED, tmp_path)
    writers = 8
    # Hold the lock while the writers start, so that all of them queue on it and
    # most wake up holding a lock on a file that has since been replaced.
    with open(path, "rb") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        children = [
            subprocess.Popen([sys.executable, "-c", CHILD, str(path), str(n)])
            for n in range(writers)
        ]
        time.sleep(1.0)
    assert [child.wait(timeout=60) for child in children] == [0] * writers
    loaded = read_checked(path, AS_OF)
    assert errors(loaded) == []
    notes = [entry.note for entry in log_of(loaded, "flodeslogg")]
    assert sorted(n for n in notes if n and n.startswith("Samtidig")) == sorted(
        f"Samtidig {n}" for n in range(writers)
    )
