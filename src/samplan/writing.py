"""Writing a file without harming it: the one function every command writes with.

- A regular file is replaced atomically: a temporary file beside it, then a
  rename, so a crash or a full disk never leaves half a plan or half a report.
  The new file keeps the old one's mode, owner and group.
- Where a rename would harm the file, it is rewritten in place instead: a
  file with hard links (a rename would break them) and a file whose owner or
  group this user cannot give to a new file (a plan shared in a group).
  The space is reserved first, so a full disk fails before a byte changes.
- A symlink is written through to its target; a character device or a FIFO
  (`-o /dev/stdout`) is written into, never replaced; a missing folder is
  created; a folder, a read-only file or a symlink loop is refused.
- Temporary files are named `.NAME.samplan-HOST-PID-RANDOM.tmp`, so that one
  left behind by a killed run is found and removed by the next write there.

`expect` (samplan log): the file must still be exactly as it was read; if
anyone saved it meanwhile (in place or by rename), `Changed` is raised and
nothing is written, so the caller can apply its change to the new text.
"""

from __future__ import annotations

import errno
import os
import secrets
import socket
import stat
import time
from pathlib import Path

import msgspec

from samplan.errors import CannotWrite
from samplan.messages import Msg

# A temporary file of another machine (a shared folder) is only taken for
# stale after this long; one of this machine, as soon as its process is gone.
STALE_AFTER_SECONDS = 3600


class Changed(Exception):
    """The file is no longer what was read: someone else saved it meanwhile."""


class Snapshot(msgspec.Struct, frozen=True):
    """A file as it was read: its identity, size, modification time and bytes."""

    dev: int
    ino: int
    size: int
    mtime_ns: int
    data: bytes

    @classmethod
    def read(cls, path: str | Path) -> Snapshot:
        with open(path, "rb") as fh:
            data = fh.read()
            st = os.fstat(fh.fileno())
        return cls(st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, data)


def write_file(path: str | Path, data: bytes, *, expect: Snapshot | None = None) -> None:
    """Write `data` to `path` as described in the module docstring.

    Raises CannotWrite (a UsageError) with the reason, or Changed.
    """
    target = resolve(path)
    try:
        st: os.stat_result | None = os.stat(target)
    except (FileNotFoundError, NotADirectoryError):
        st = None
    except OSError as err:
        raise CannotWrite(path=str(path), reason=_reason(err)) from None
    try:
        if st is None:
            if expect is not None:
                raise Changed
            _make_folder(path, target.parent)
            _replace(target, data, None, None)
        elif stat.S_ISDIR(st.st_mode):
            raise CannotWrite(path=str(path), reason=Msg("it is a folder; give a file name"))
        elif stat.S_ISREG(st.st_mode):
            if not _writable(target, st):
                raise CannotWrite(path=str(path), reason=Msg("the file is read-only"))
            if expect is not None:
                _check(target, expect)
            if st.st_nlink > 1 or not _replace(target, data, st, expect):
                _rewrite(target, data, expect)
        else:  # a character device, a FIFO: write into it, never replace it
            with open(target, "wb") as fh:
                fh.write(data)
    except OSError as err:
        raise CannotWrite(path=str(path), reason=_reason(err)) from None


def resolve(path: str | Path) -> Path:
    """The file a write to `path` lands in: symlinks followed (also a dangling
    one, whose target is then created); a loop is CannotWrite."""
    try:
        return Path(os.path.realpath(path, strict=True))
    except (FileNotFoundError, NotADirectoryError):
        return Path(os.path.realpath(path))
    except OSError as err:
        raise CannotWrite(path=str(path), reason=_reason(err)) from None


def _reason(err: OSError) -> Msg | str:
    if err.errno == errno.ELOOP:
        return Msg("a symlink loop")
    if err.errno in (errno.ENOSPC, errno.EDQUOT):
        return Msg("the disk is full")
    return err.strerror or str(err)


def _make_folder(path: str | Path, folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        file = next((p for p in [folder, *folder.parents] if p.exists() and not p.is_dir()), folder)
        raise CannotWrite(
            path=str(path), reason=Msg("{file} is a file, not a folder", file=str(file))
        ) from None


def _writable(target: Path, st: os.stat_result) -> bool:
    """Writable by this user; a file nobody may write (0444) counts as read-only
    also for root, who could write it anyway."""
    return bool(st.st_mode & 0o222) and os.access(target, os.W_OK)


def _check(target: Path, expect: Snapshot) -> None:
    try:
        now = Snapshot.read(target)
    except FileNotFoundError:
        raise Changed from None
    if now != expect:
        raise Changed


def _replace(
    target: Path, data: bytes, old: os.stat_result | None, expect: Snapshot | None
) -> bool:
    """Write a temporary file and rename it over `target`; False (nothing done)
    where the new file could not keep the old one's owner and group, or the
    folder takes no new file: then the caller rewrites in place."""
    _clean_stale(target)
    try:
        fd, tmp = _temporary(target)
    except PermissionError:
        if old is None:
            raise
        return False
    try:
        with os.fdopen(fd, "wb") as fh:
            if old is not None:
                if not _same_owner(fh.fileno(), old):
                    os.unlink(tmp)
                    return False
                os.fchmod(fh.fileno(), stat.S_IMODE(old.st_mode))
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if expect is None:
            os.replace(tmp, target)
        else:
            _swap_in(tmp, target, expect)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def _same_owner(fd: int, old: os.stat_result) -> bool:
    new = os.fstat(fd)
    if (new.st_uid, new.st_gid) == (old.st_uid, old.st_gid):
        return True
    try:
        os.fchown(fd, old.st_uid, old.st_gid)
    except PermissionError:
        return False
    return True


def _swap_in(tmp: str, target: Path, expect: Snapshot) -> None:
    """Rename `tmp` over `target` unless `target` changed since `expect`.

    Checked just before and, where the system can swap two names in one step
    (Linux renameat2), also on the file swapped out: a save that came between
    the check and the rename is swapped back and reported as Changed."""
    _check(target, expect)
    if not _exchange(tmp, str(target)):
        os.replace(tmp, target)
        return
    try:
        _check(Path(tmp), expect)
    except Changed:
        _exchange(str(target), tmp)  # theirs back in place; ours is removed by the caller
        raise
    os.unlink(tmp)


def _exchange(a: str, b: str) -> bool:
    """Swap two names atomically; False where the system cannot."""
    import ctypes

    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError, TypeError):  # not Linux with glibc 2.28 or later
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), b)


def _rewrite(target: Path, data: bytes, expect: Snapshot | None) -> None:
    """Write `data` into the existing file (its inode, links, owner and mode stay)."""
    fd = os.open(target, os.O_WRONLY)
    try:
        if expect is not None:
            _check(target, expect)
        if hasattr(os, "posix_fallocate") and data:
            try:  # a full disk fails here, before the file is touched
                os.posix_fallocate(fd, 0, len(data))
            except OSError as err:
                if err.errno not in (errno.EOPNOTSUPP, errno.EINVAL, errno.ENOSYS):
                    raise
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.ftruncate(fd, len(data))
        os.fsync(fd)
    finally:
        os.close(fd)


def _temporary(target: Path) -> tuple[int, str]:
    """A new file beside `target`, created with the permissions the umask gives."""
    while True:
        name = f".{_stem(target)}.samplan-{_host()}-{os.getpid()}-{secrets.token_hex(4)}.tmp"
        tmp = str(target.with_name(name))
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), tmp
        except FileExistsError:
            continue


def _stem(target: Path) -> str:
    """The target's name as the start of its temporary files' names, short
    enough that those stay within a file system's 255 bytes."""
    name = target.name
    while len(os.fsencode(name)) > 100:
        name = name[:-1]
    return name


def _host() -> str:
    return "".join(c for c in socket.gethostname() if c.isalnum() or c in "_.")[:40] or "host"


def _clean_stale(target: Path) -> None:
    """Remove temporary files for `target` that a killed run left behind."""
    host = _host()
    try:
        leftovers = list(target.parent.glob(f".{_glob_escape(_stem(target))}.samplan-*.tmp"))
    except OSError:
        return
    for leftover in leftovers:
        rest = leftover.name[len(_stem(target)) + len(".samplan-") + 1 : -len(".tmp")]
        their_host, _, tail = rest.rpartition("-")[0].rpartition("-")
        pid = tail if their_host else ""
        try:
            if their_host == host and pid.isdigit():
                stale = not _alive(int(pid))
            else:
                stale = time.time() - leftover.lstat().st_mtime > STALE_AFTER_SECONDS
            if stale:
                leftover.unlink()
        except OSError:
            continue


def _glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
