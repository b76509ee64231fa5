"""`samplan log` and the file it writes: a colleague's save is never lost; owner,
mode and hard links stay; what cannot be done safely is one clear line."""

from __future__ import annotations

import errno
import fcntl
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samplan import logbook, writing
from samplan.corpus import read_checked
from samplan.errors import CannotWrite, KeepsChanging, NoLocks
from samplan.loader import read_file
from samplan.logbook import Outcome, record

from .conftest import AS_OF
from .test_cli_tools import samplan
from .test_logbook import COMMENTED, copy_of, errors, log_of

ITEM = "flodeslogg"
NOTE = "Loggat av samplan"


def log(path: Path, **fields: Any) -> Outcome:
    return record(path, ITEM, status="done", on=AS_OF, today=AS_OF, note=NOTE, **fields)


def logged(path: Path) -> int:
    """How many entries with NOTE the item has now; the plan must validate."""
    loaded = read_checked(path, AS_OF)
    assert errors(loaded) == []
    return sum(entry.note == NOTE for entry in log_of(loaded, ITEM))


# --- the other writer --------------------------------------------------------------


def save_in_place(path: Path, data: bytes) -> None:
    """An editor that writes into the file (nano, VS Code by default)."""
    with open(path, "r+b") as fh:
        fh.write(data)
        fh.truncate()


def save_by_rename(path: Path, data: bytes) -> None:
    """An editor that writes a new file and renames it over the old one (vim, gedit)."""
    tmp = path.with_name(f".{path.name}.swp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


SAVERS: dict[str, Callable[[Path, bytes], None]] = {
    "in place": save_in_place,
    "by rename": save_by_rename,
}
# Where in `samplan log` the colleague saves: after samplan read the plan, just
# before samplan checks it again, and between that check and the rename.
MOMENTS = ("after reading", "before the check", "before the rename")


def colleague_edit(path: Path, number: int, saver: str) -> None:
    """The colleague's buffer: the plan as it is now, with a line of their own."""
    text = path.read_bytes() + f"# Ändring {number} av en kollega\n".encode()
    SAVERS[saver](path, text)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    saves=st.lists(
        st.tuples(st.sampled_from(MOMENTS), st.sampled_from(sorted(SAVERS))), max_size=3
    ),
    hard_link=st.booleans(),
)
def test_log_and_a_colleague_s_save_both_survive(
    tmp_path_factory: pytest.TempPathFactory, saves: list[tuple[str, str]], hard_link: bool
) -> None:
    folder = tmp_path_factory.mktemp("plan")
    path = copy_of(COMMENTED, folder)
    if hard_link:  # the plan is rewritten in place rather than replaced
        os.link(path, folder / "also.yaml")
    pending = list(enumerate(saves))
    done: list[tuple[int, str]] = []

    def colleague(moment: str) -> None:
        for n, (when, saver) in list(pending):
            if when == moment:
                pending.remove((n, (when, saver)))
                colleague_edit(path, n, saver)
                done.append((n, saver))
                return

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(logbook, "add_entry", _before(logbook.add_entry, colleague, "after reading"))
        patch.setattr(writing, "_check", _before(writing._check, colleague, "before the check"))
        patch.setattr(writing, "_exchange", _before_rename(writing._exchange, colleague))
        outcome = log(path)
    assert outcome.written
    text = path.read_text(encoding="utf-8")
    for n, _ in done:
        assert f"# Ändring {n} av en kollega" in text
    assert logged(path) == 1
    if hard_link and "by rename" not in {saver for _, saver in done}:  # theirs breaks it
        assert (folder / "also.yaml").read_bytes() == path.read_bytes()


def _before(function: Callable[..., Any], hook: Callable[[str], None], moment: str) -> Any:
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        hook(moment)
        return function(*args, **kwargs)

    return wrapped


def _before_rename(exchange: Callable[[str, str], bool], hook: Callable[[str], None]) -> Any:
    """Saves just before samplan swaps its file in (not before it swaps theirs back,
    a window of microseconds this test does not cover)."""

    def wrapped(a: str, b: str) -> bool:
        if a.endswith(".tmp"):
            hook("before the rename")
        return exchange(a, b)

    return wrapped


def test_a_plan_that_keeps_changing_is_refused_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = copy_of(COMMENTED, tmp_path)
    number = iter(range(100))
    check = writing._check

    def busy(target: Path, expect: writing.Snapshot) -> None:
        colleague_edit(path, next(number), "by rename")
        check(target, expect)

    monkeypatch.setattr(writing, "_check", busy)
    with pytest.raises(KeepsChanging) as err:
        log(path)
    assert err.value.data == {"path": str(path), "attempts": logbook.ATTEMPTS}
    assert "# Ändring 0 av en kollega" in path.read_text(encoding="utf-8")
    assert logged(path) == 0


# --- owner, mode, links, permissions -------------------------------------------------


def test_owner_group_and_mode_are_kept(tmp_path: Path) -> None:
    path = copy_of(COMMENTED, tmp_path)
    path.chmod(0o664)
    if os.geteuid() == 0:
        os.chown(path, 4242, 4343)  # alice:brå
    before = path.stat()
    assert log(path).written
    after = path.stat()
    assert (after.st_uid, after.st_gid, stat.S_IMODE(after.st_mode)) == (
        before.st_uid,
        before.st_gid,
        0o664,
    )


def test_a_hard_link_is_kept(tmp_path: Path) -> None:
    path = copy_of(COMMENTED, tmp_path)
    other = tmp_path / "annan-mapp.yaml"
    os.link(path, other)
    assert log(path).written
    assert other.read_bytes() == path.read_bytes()
    assert logged(other) == 1


def test_a_read_only_plan_is_refused(tmp_path: Path) -> None:
    path = copy_of(COMMENTED, tmp_path)
    path.chmod(0o444)
    before = path.read_bytes()
    with pytest.raises(CannotWrite) as err:
        log(path)
    assert err.value.data["path"] == str(path)
    assert str(err.value.data["reason"]) == "the file is read-only"
    assert path.read_bytes() == before


def test_no_locks_is_one_clear_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_locks(fd: int, operation: int) -> None:
        raise OSError(errno.ENOLCK, os.strerror(errno.ENOLCK))

    monkeypatch.setattr(fcntl, "flock", no_locks)
    path = copy_of(COMMENTED, tmp_path)
    before = path.read_bytes()
    with pytest.raises(NoLocks) as err:
        log(path)
    assert err.value.data == {"path": str(path)}
    assert path.read_bytes() == before


def test_a_symlink_loop_is_one_clear_line(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").symlink_to(tmp_path / "b.yaml")
    (tmp_path / "b.yaml").symlink_to(tmp_path / "a.yaml")
    result = samplan("log", str(tmp_path / "a.yaml"), ITEM, "--status", "done")
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip().splitlines() == [
        f"samplan: error: cannot write {tmp_path / 'a.yaml'}: a symlink loop"
    ]


def test_a_note_that_is_not_utf8_is_one_clear_line(tmp_path: Path) -> None:
    path = copy_of(COMMENTED, tmp_path)
    before = path.read_bytes()
    note = os.fsdecode(b"tr\xe4ff i k\xf6ket")  # Latin-1 bytes from an old terminal
    result = samplan(
        "log", str(path), ITEM, "--status", "done", "--note", note, "--as-of", str(AS_OF)
    )
    assert result.returncode == 2, result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert "--note is not valid UTF-8 text" in line
    assert path.read_bytes() == before
    assert read_file(path).plan is not None
