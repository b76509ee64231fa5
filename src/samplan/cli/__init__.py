"""The command line: arguments in, one core call, a format out, an exit code.

Commands live in their own modules and register on `app`; `main` is the one
error handler that turns exceptions into exit codes.
"""

from __future__ import annotations

import os
import sys

from samplan.cli import _collector  # noqa: F401  (first: before typer and the commands load)
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
    try:
        app()
    except UsageError as err:
        print(_("samplan: error: {message}").format(message=phrase(err)), file=sys.stderr)
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
