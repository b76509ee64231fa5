"""write_file: what it writes into, what it keeps, what it refuses, what it leaves behind."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from samplan import writing
from samplan.errors import CannotWrite
from samplan.writing import Changed, Snapshot, write_file


def reason(err: CannotWrite) -> str:
    return str(err.data["reason"])


def test_a_missing_folder_is_created(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "report.html"
    write_file(target, b"x")
    assert target.read_bytes() == b"x"


def test_a_new_file_gets_the_umask_permissions(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        write_file(tmp_path / "new.txt", b"x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == 0o640


def test_a_folder_is_refused_in_one_line(tmp_path: Path) -> None:
    with pytest.raises(CannotWrite) as err:
        write_file(tmp_path, b"x")
    assert re.search("it is a folder", reason(err.value))
    assert "\n" not in reason(err.value)


def test_a_file_where_a_folder_is_needed_is_refused(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(CannotWrite) as err:
        write_file(tmp_path / "file" / "report.html", b"x")
    assert re.search(f"{tmp_path / 'file'} is a file, not a folder", reason(err.value))
    with pytest.raises(CannotWrite) as err:
        write_file(tmp_path / "file" / "deeper" / "report.html", b"x")
    assert re.search(f"{tmp_path / 'file'} is a file, not a folder", reason(err.value))


def test_a_symlink_is_written_through(tmp_path: Path) -> None:
    target = tmp_path / "real.ics"
    target.write_bytes(b"old")
    link = tmp_path / "link.ics"
    link.symlink_to(target)
    write_file(link, b"new")
    assert link.is_symlink()
    assert target.read_bytes() == b"new"


def test_a_dangling_symlink_creates_its_target(tmp_path: Path) -> None:
    link = tmp_path / "link.ics"
    link.symlink_to(tmp_path / "out" / "real.ics")
    write_file(link, b"new")
    assert link.is_symlink()
    assert (tmp_path / "out" / "real.ics").read_bytes() == b"new"


def test_a_symlink_loop_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    with pytest.raises(CannotWrite) as err:
        write_file(tmp_path / "a", b"x")
    assert re.search("symlink loop", reason(err.value))


def fifo_reader(fifo: Path) -> tuple[threading.Thread, list[bytes]]:
    """A reader of the FIFO, started; its list gets what it read."""
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    return reader, received


def test_a_fifo_is_written_into_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    reader, received = fifo_reader(fifo)
    write_file(fifo, b"through the pipe")
    reader.join(10)
    assert received == [b"through the pipe"]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["pipe"]


def test_a_symlink_to_a_fifo_stays_both(tmp_path: Path) -> None:
    """`-o /dev/stdout` is a symlink to a pipe or a terminal: neither may be replaced."""
    fifo = tmp_path / "pipe"
    reader, received = fifo_reader(fifo)
    link = tmp_path / "stdout"
    link.symlink_to(fifo)
    write_file(link, b"data")
    reader.join(10)
    assert received == [b"data"]
    assert link.is_symlink() and stat.S_ISFIFO(fifo.lstat().st_mode)


def test_mode_owner_and_group_are_kept(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(b"old")
    plan.chmod(0o664)
    if os.geteuid() == 0:  # root can give the file to anyone: as alice:brå
        os.chown(plan, 4242, 4343)
    before = plan.stat()
    write_file(plan, b"new")
    after = plan.stat()
    assert plan.read_bytes() == b"new"
    assert stat.S_IMODE(after.st_mode) == 0o664
    assert (after.st_uid, after.st_gid) == (before.st_uid, before.st_gid)


def test_an_owner_that_cannot_be_kept_means_writing_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """bob logs in alice's plan (group-writable): a new file would be bob's."""
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(b"old")
    plan.chmod(0o664)
    before = plan.stat()

    def not_yours(fd: int, uid: int, gid: int) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "fstat", _other_owner(os.fstat))
    monkeypatch.setattr(os, "fchown", not_yours)
    write_file(plan, b"new and longer")
    after = plan.stat()
    assert plan.read_bytes() == b"new and longer"
    assert after.st_ino == before.st_ino
    assert stat.S_IMODE(after.st_mode) == 0o664
    assert [p.name for p in tmp_path.iterdir()] == ["plan.yaml"]


def _other_owner(fstat):  # type: ignore[no-untyped-def]
    """os.fstat, but a new temporary file seems to belong to someone else."""

    def fake(fd: int) -> os.stat_result:
        st = fstat(fd)
        if os.readlink(f"/proc/self/fd/{fd}").endswith(".tmp"):
            fields = list(st)
            fields[stat.ST_UID] = st.st_uid + 1
            return os.stat_result(fields)
        return st

    return fake


def test_hard_links_are_kept(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(b"old old old")
    other = tmp_path / "shared.yaml"
    os.link(plan, other)
    write_file(plan, b"new")
    assert other.read_bytes() == b"new"
    assert plan.stat().st_ino == other.stat().st_ino


def test_a_read_only_file_is_refused(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(b"old")
    plan.chmod(0o444)
    with pytest.raises(CannotWrite) as err:
        write_file(plan, b"new")
    assert re.search("read-only", reason(err.value))
    assert plan.read_bytes() == b"old"


def test_a_failed_write_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(b"old")
    with pytest.raises(CannotWrite) as err:
        write_file(plan, b"new")
    assert re.search("the disk is full", reason(err.value))
    assert plan.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.yaml"]


def _temp_name(target: Path, host: str, pid: int) -> Path:
    return target.with_name(f".{target.name}.samplan-{host}-{pid}-0123abcd.tmp")


def test_a_temporary_file_of_a_killed_run_is_removed_next_time(tmp_path: Path) -> None:
    gone = subprocess.Popen(["true"])
    gone.wait()  # a process id that no longer runs
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(b"old")
    left = _temp_name(plan, writing._host(), gone.pid)
    left.write_bytes(b"half")
    alive = _temp_name(plan, writing._host(), os.getpid())
    alive.write_bytes(b"being written")
    elsewhere = _temp_name(plan, "othermachine", gone.pid)
    elsewhere.write_bytes(b"being written on a share")
    write_file(plan, b"new")
    assert not left.exists()
    assert alive.exists() and elsewhere.exists()
    old = os.stat(elsewhere).st_mtime - writing.STALE_AFTER_SECONDS - 1
    os.utime(elsewhere, (old, old))
    write_file(plan, b"newer")
    assert not elsewhere.exists()


def test_a_kill_during_the_write_leaves_only_a_findable_temporary_file(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(b"old")
    script = (
        "import os, sys\n"
        "from samplan import writing\n"
        "def killed(fd): os.kill(os.getpid(), 9)\n"
        "os.fsync = killed\n"
        "writing.write_file(sys.argv[1], b'new')\n"
    )
    subprocess.run([sys.executable, "-c", script, str(plan)], check=False)
    (left,) = [p for p in tmp_path.iterdir() if p.name != "plan.yaml"]
    assert left.name.startswith(".plan.yaml.samplan-")
    write_file(plan, b"new")
    assert [p.name for p in tmp_path.iterdir()] == ["plan.yaml"]


# --- expect: nobody else saved the file meanwhile ------------------------------------


def test_an_unchanged_file_is_written(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(b"old")
    write_file(plan, b"new", expect=Snapshot.read(plan))
    assert plan.read_bytes() == b"new"


def save_in_place(path: Path, data: bytes) -> None:
    with open(path, "r+b") as fh:
        fh.write(data)
        fh.truncate()


def save_by_rename(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + "~")
    tmp.write_bytes(data)
    os.replace(tmp, path)


SAVES = [save_in_place, save_by_rename]


@pytest.mark.parametrize("save", SAVES)
def test_a_save_since_reading_is_not_overwritten(tmp_path: Path, save) -> None:  # type: ignore[no-untyped-def]
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(b"old")
    read = Snapshot.read(plan)
    save(plan, b"old")  # even with the same bytes: a new save (new time or file)
    os.utime(plan, ns=(read.mtime_ns + 1, read.mtime_ns + 1))
    with pytest.raises(Changed):
        write_file(plan, b"mine", expect=read)
    assert plan.read_bytes() == b"old"


@pytest.mark.parametrize("save", SAVES)
def test_a_save_between_the_check_and_the_rename_is_swapped_back(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    save,  # type: ignore[no-untyped-def]
) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(b"old")
    read = Snapshot.read(plan)
    exchange = writing._exchange
    calls = []

    def late_save(a: str, b: str) -> bool:
        if not calls:
            save(plan, b"theirs")
        calls.append((a, b))
        return exchange(a, b)

    monkeypatch.setattr(writing, "_exchange", late_save)
    with pytest.raises(Changed):
        write_file(plan, b"mine", expect=read)
    assert plan.read_bytes() == b"theirs"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.yaml"]


def test_a_save_in_place_before_rewriting_a_linked_file_is_kept(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(b"old")
    os.link(plan, tmp_path / "link.yaml")
    read = Snapshot.read(plan)
    save_in_place(plan, b"theirs")
    with pytest.raises(Changed):
        write_file(plan, b"mine", expect=read)
    assert plan.read_bytes() == b"theirs"


def test_a_removed_file_counts_as_changed(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(b"old")
    read = Snapshot.read(plan)
    plan.unlink()
    with pytest.raises(Changed):
        write_file(plan, b"mine", expect=read)
    assert not plan.exists()


def test_a_long_file_name_still_gets_a_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / ("rapport-" + "å" * 120 + ".html")  # 248 bytes, near the limit
    write_file(target, b"x")
    write_file(target, b"y")
    assert target.read_bytes() == b"y"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]
