"""The command line: arguments in, one core call, a format out, an exit code.

Commands live in their own modules and register on `app`; `main` is the one
error handler that turns exceptions into exit codes.
"""

from __future__ import annotations

import errno
import os
import sys

from samplan.cli import _collector  # first: before typer and the commands load
from samplan.cli import calendar as _calendar  # noqa: F401
from samplan.cli import export as _export  # noqa: F401
from samplan.cli import import_ as _import  # noqa: F401
from samplan.cli import init as _init  # noqa: F401
from samplan.cli import log as _log  # noqa: F401
from samplan.cli import overdue as _overdue  # noqa: F401  (overdue, upcoming)
from samplan.cli import report as _report  # noqa: F401
from samplan.cli import schema as _schema  # noqa: F401  (registers the command)
from samplan.cli import validate as _validate  # noqa: F401
from samplan.cli.app import app
from samplan.cli.errors import phrase
from samplan.errors import UsageError
from samplan.messages import N_, _, language_from, use_language

ISSUES_HINT = N_(
    "This is a bug in samplan; please report it with the command you ran and the plan."
)


def main() -> None:
    """Entry point: 0 clean, 1 problems, 2 usage, 3 internal error."""
    use_language(language_from(os.environ))
    _tolerant_terminal()
    try:
        try:
            app()
        finally:
            sys.stdout.flush()  # a full disk shows here, not after the last word
            _collector.before_exit()
    except UsageError as err:
        print(_("samplan: error: {message}").format(message=phrase(err)), file=sys.stderr)
        sys.exit(2)
    except BrokenPipeError:  # `samplan overdue | head`: the reader has all it wanted
        _drop_stdout()
        sys.exit(1)
    except OSError as err:
        if err.filename is not None:
            raise
        _drop_stdout()
        reason = _("the disk is full") if err.errno in _DISK_FULL else err.strerror
        message = _("cannot write the output: {reason}").format(reason=reason)
        print(_("samplan: error: {message}").format(message=message), file=sys.stderr)
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as err:  # the one place an unexpected failure is turned into exit 3
        import traceback

        traceback.print_exc(file=sys.stderr)
        print(
            _("samplan: internal error: {error}").format(error=f"{type(err).__name__}: {err}"),
            file=sys.stderr,
        )
        print(_(ISSUES_HINT), file=sys.stderr)
        sys.exit(3)


_DISK_FULL = (errno.ENOSPC, errno.EDQUOT)

# Table lines in ASCII for a terminal whose encoding has none (cp1252, Latin-1).
_ASCII = {**dict.fromkeys("━─", "-"), **dict.fromkeys("┃│", "|")}


def _plain(err: UnicodeError) -> tuple[str, int]:
    assert isinstance(err, UnicodeEncodeError)
    shown = "".join(
        _ASCII.get(c, "+" if "┌" <= c <= "╿" else "?") for c in err.object[err.start : err.end]
    )
    return shown, err.end


def _tolerant_terminal() -> None:
    """A terminal or pipe in cp1252, cp850 or Latin-1 gets ASCII table lines and
    `?` for other characters it cannot show, rather than the command failing."""
    import codecs

    codecs.register_error("samplan-plain", _plain)
    for stream in (sys.stdout, sys.stderr):
        if getattr(stream, "errors", None) == "strict" and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="samplan-plain")


def _drop_stdout() -> None:
    """Standard output cannot be written: send what is left to nowhere, so that
    Python's own flush at exit does not fail again."""
    import contextlib

    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
