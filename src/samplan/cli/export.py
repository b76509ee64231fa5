"""`samplan export`: one row per activity as Excel (xlsx), CSV or JSON."""

from __future__ import annotations

import datetime as dt
import enum
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from samplan.cli.app import app
from samplan.cli.common import AS_OF_HELP, as_of_date, progress, use_color, working
from samplan.cli.overdue import AREA_HELP, PARTY_HELP, PATHS_HELP, PLAN_HELP
from samplan.errors import UsageError

if TYPE_CHECKING:
    from samplan.model import Plan


class ExportFormat(enum.StrEnum):
    xlsx = "xlsx"
    csv = "csv"
    json = "json"


@app.command()
def export(
    paths: Annotated[list[Path] | None, typer.Argument(help=PATHS_HELP)] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write to this file (needed for xlsx). Default: stdout."
        ),
    ] = None,
    output_format: Annotated[
        ExportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="xlsx (Excel), csv (`;`-separated UTF-8, as Swedish Excel reads it) or json "
            "(stable shape with a `version` key). Default: from the -o file name, else csv.",
        ),
    ] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help=AS_OF_HELP)] = None,
    party: Annotated[str | None, typer.Option("--party", help=PARTY_HELP)] = None,
    area: Annotated[str | None, typer.Option("--area", help=AREA_HELP)] = None,
    plan: Annotated[str | None, typer.Option("--plan", help=PLAN_HELP)] = None,
) -> None:
    """Export every activity as a status sheet: plan, area, goals, title, responsible,
    partners, when, due, status, latest note and whether it is overdue.

    The sheet can be edited and read back with `samplan import`. Text that
    begins like a formula (=, +, -, @) is always written as text.
    Plans with errors are reported on stderr and skipped. Exit codes: 0 done,
    1 a plan had errors, 2 usage error, 3 internal error.

    Example: samplan export plans/ --party polis -o status-polisen.xlsx
    """
    from samplan.export import EXPORT_FORMATS, check_filters, plan_rows
    from samplan.writing import write_atomic

    fmt = _format(output_format, output)
    if fmt == "xlsx" and output is None:
        raise UsageError("xlsx is a binary file: give a file name with -o, e.g. -o status.xlsx")
    day = as_of_date(as_of)
    plans, had_errors = read_usable_plans(paths, day, plan)
    check_filters(plans, party, area)
    rows = [
        row
        for file, one in progress(plans, "Exporting")
        for row in plan_rows(file, one, day, party, area)
    ]
    with working(f"Writing {fmt} ..."):
        data = EXPORT_FORMATS[fmt](rows, day)
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        write_atomic(output, data)
        count = len({r.plan_id for r in rows})
        typer.echo(f"Wrote {len(rows)} activities of {count} plan(s) to {output}.", err=True)
    if had_errors:
        raise typer.Exit(1)


def _format(given: ExportFormat | None, output: Path | None) -> str:
    if given is not None:
        return given.value
    suffix = output.suffix.lower().lstrip(".") if output else ""
    return suffix if suffix in ExportFormat.__members__ else "csv"


def read_usable_plans(
    paths: list[Path] | None, as_of: dt.date, plan_id: str | None
) -> tuple[list[tuple[str, Plan]], bool]:
    """The valid plans as (file, plan), only `plan_id` if given; and whether any had errors.

    As in `samplan overdue`: errors of the plans asked about go to stderr and
    those plans are skipped.
    """
    from samplan.cli.common import paths_or_default
    from samplan.cli.overdue import NOT_BLOCKING, _plan_id
    from samplan.corpus import read_plans
    from samplan.formats import as_text
    from samplan.problems import Severity

    given = paths_or_default(paths)
    with working("Reading plans ..."):
        corpus = read_plans(given, as_of)
    if not corpus.files:
        raise UsageError("no plan files (*.yaml, *.yml) found in " + ", ".join(map(str, given)))
    ids = {f.file: _plan_id(f) for f in corpus.files}
    if plan_id is not None and plan_id not in ids.values():
        known = ", ".join(sorted({i for i in ids.values() if i}))
        raise UsageError(f"no plan `{plan_id}` in the files read; known: {known}")
    wanted = {file for file, pid in ids.items() if plan_id in (None, pid)}
    errors = [
        p
        for p in corpus.problems
        if p.severity is Severity.ERROR and p.code not in NOT_BLOCKING and p.file in wanted
    ]
    skipped = {p.file for p in errors}
    if errors:
        typer.echo(as_text(errors, len(wanted), use_color(sys.stderr)), err=True)
        typer.echo(
            f"Skipped {len(skipped)} plan file(s) with errors; fix them (see `samplan validate`).",
            err=True,
        )
    return [(f.file, p) for f, p in corpus.plans() if f.file in wanted - skipped], bool(errors)
