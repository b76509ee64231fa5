"""`samplan overdue` and `samplan upcoming`: missed deadlines and the ones coming up."""

from __future__ import annotations

import datetime as dt
import enum
import re
import shutil
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from samplan.cli.app import app
from samplan.cli.common import (
    Area,
    AsOf,
    Party,
    Paths,
    PlanId,
    as_of_date,
    date_option,
    read_usable,
    use_color,
)
from samplan.errors import UsageError
from samplan.listing import LISTING_FORMATS
from samplan.messages import _

if TYPE_CHECKING:
    from samplan.listing import Listing

ListingFormat = enum.Enum("ListingFormat", {name: name for name in LISTING_FORMATS}, type=str)  # type: ignore[misc]

EXPIRED_HELP = "Also list the deadlines of plans whose period has ended."
FORMAT_HELP = "table, json (stable shape with a `version` key) or csv (with a header row)."
TABLE_WIDTH_FALLBACK = 120


# The options only these two commands take.
IncludeExpired = Annotated[bool, typer.Option("--include-expired", help=EXPIRED_HELP)]
Format = Annotated[
    ListingFormat, typer.Option("--format", "-f", metavar="FORMAT", help=FORMAT_HELP)
]
DEFAULT_FORMAT = ListingFormat("table")


@app.command()
def overdue(
    paths: Paths = None,
    as_of: AsOf = None,
    party: Party = None,
    area: Area = None,
    plan: PlanId = None,
    include_expired: IncludeExpired = False,
    output_format: Format = DEFAULT_FORMAT,
    fail_if_any: Annotated[
        bool, typer.Option("--fail-if-any", help="Exit 1 when anything is overdue (for CI).")
    ] = False,
) -> None:
    """List every missed deadline: one-off activities past their date and not done,
    and each missed occurrence of recurring activities and follow-up items.

    Plans with errors are reported on stderr and skipped. Exit codes: 0 done,
    1 a plan had errors (or, with --fail-if-any, something is overdue),
    2 usage error, 3 internal error.

    Example: samplan overdue plans/ --as-of 2013-01-15 --party kommun
    """
    listing, had_errors = _list(
        paths, as_of_date(as_of), None, output_format.value,
        party=party, area=area, plan_id=plan, include_expired=include_expired,
    )  # fmt: skip
    if had_errors or (fail_if_any and listing.rows):
        raise typer.Exit(1)


@app.command()
def upcoming(
    paths: Paths = None,
    within: Annotated[
        str | None,
        typer.Option(
            "--within",
            metavar="LENGTH",
            help="How far ahead: days, weeks or months, e.g. 30d, 6w, 3m. Default: 30d.",
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(
            "--until", metavar="DATE", help="Last day to look at (YYYY-MM-DD), instead of --within."
        ),
    ] = None,
    as_of: AsOf = None,
    party: Party = None,
    area: Area = None,
    plan: PlanId = None,
    include_expired: IncludeExpired = False,
    output_format: Format = DEFAULT_FORMAT,
) -> None:
    """List deadlines and recurring occurrences (activities and follow-up items)
    coming up from the as-of date on (due that day included) that are not yet met.

    Exit codes: 0 done, 1 a plan had errors, 2 usage error, 3 internal error.

    Example: samplan upcoming plans/ --within 6w --format csv
    """
    day = as_of_date(as_of)
    _listed, had_errors = _list(
        paths, day, _last_day(day, within, until), output_format.value,
        party=party, area=area, plan_id=plan, include_expired=include_expired,
    )  # fmt: skip
    if had_errors:
        raise typer.Exit(1)


_WITHIN = re.compile(r"^\s*(\d{1,4})\s*([dwm]?)\s*$", re.IGNORECASE)


def _last_day(as_of: dt.date, within: str | None, until: str | None) -> dt.date:
    """The last day `upcoming` looks at, from --within or --until."""
    if within is not None and until is not None:
        raise UsageError(_("give either --within or --until, not both"))
    if until is not None:
        last = date_option(until, "--until")
        assert last is not None
        if last < as_of:
            raise UsageError(
                _("--until {until} is before the as-of date {as_of}").format(
                    until=last, as_of=as_of
                )
            )
        return last
    length = within or "30d"
    match = _WITHIN.match(length)
    if not match:
        raise UsageError(
            _("--within `{value}` is not a length; use days, weeks or months: 30d, 6w, 3m").format(
                value=length
            )
        )
    from samplan.schedule import add_months

    count, unit = int(match.group(1)), match.group(2).lower() or "d"
    try:
        if unit == "m":
            return add_months(as_of, count)
        return as_of + dt.timedelta(days=count * (7 if unit == "w" else 1))
    except (OverflowError, ValueError):
        raise UsageError(
            _("--within {value} reaches past the year 9999").format(value=length)
        ) from None


def _list(
    paths: list[Path] | None,
    as_of: dt.date,
    until: dt.date | None,
    output_format: str,
    *,
    party: str | None,
    area: str | None,
    plan_id: str | None,
    include_expired: bool,
) -> tuple[Listing, bool]:
    """Read the plans, report errors on stderr, print the listing; (listing, had errors)."""
    from samplan.query import listing, plan_deadlines  # heavy (pydantic): only now

    # Each plan's deadlines are found where it is read (in the worker processes).
    digest = partial(plan_deadlines, as_of=as_of, until=until, party=party, area=area)
    corpus, usable, had_errors = read_usable(paths, as_of, plan_id, digest=digest)
    listed = listing(
        [corpus.digests[file] for file in usable], as_of, until,
        party=party, area=area, include_expired=include_expired,
    )  # fmt: skip
    width = shutil.get_terminal_size((TABLE_WIDTH_FALLBACK, 24)).columns
    color = use_color()
    typer.echo(LISTING_FORMATS[output_format](listed, color, width), color=color)
    if output_format == "csv" and not listed.expired_rows_listed:
        # A sheet has no room for the note the table ends with: rows left out, say so.
        from samplan.listing import expired_lines

        for line in expired_lines(listed):
            typer.echo(line, err=True)
    return listed, had_errors
