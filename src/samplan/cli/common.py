"""Small pieces shared by command modules: options, reading plans, dates, colour, progress."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
from collections.abc import Collection, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from samplan.errors import UnknownName, UsageError
from samplan.messages import _, ngettext

if TYPE_CHECKING:
    from samplan.corpus import Corpus, Digest
    from samplan.law import LawSettings
    from samplan.loader import Loaded
    from samplan.model import Plan

T = TypeVar("T")

DEFAULT_PATHS = [Path("plans")]

AS_OF_HELP = "Treat this date (YYYY-MM-DD) as today; default: $SAMPLAN_AS_OF, else today."
PATHS_HELP = "Plan files or folders (searched for *.yaml, *.yml). Default: plans/"
PARTY_HELP = (
    "Only deadlines this party is responsible for, also through its units (`part_of`) "
    "and the bodies it convenes."
)
AREA_HELP = "Only deadlines of activities in this area (area id)."
PLAN_HELP = "Only this plan (plan id); errors in other plans are then not reported."

# The options of the commands that read plans, declared once.
Paths = Annotated[
    list[Path] | None, typer.Argument(metavar="PATHS", help=PATHS_HELP, show_default=False)
]
AsOf = Annotated[str | None, typer.Option("--as-of", metavar="DATE", help=AS_OF_HELP)]
Party = Annotated[str | None, typer.Option("--party", metavar="KEY", help=PARTY_HELP)]
Area = Annotated[str | None, typer.Option("--area", metavar="ID", help=AREA_HELP)]
PlanId = Annotated[str | None, typer.Option("--plan", metavar="ID", help=PLAN_HELP)]

# The schedule ignores log entries dated after --as-of (that is how one asks what
# was late on a past date), so that error does not keep a plan out of a result.
NOT_BLOCKING = frozenset({"R011"})


def as_of_date(value: str | None) -> dt.date:
    """The one place the CLI reads the clock; the core always gets a date.

    `SAMPLAN_AS_OF` sets the date for every command of a session or a CI job
    (and for the examples in docs/, which a test runs), as `--as-of` does for one."""
    given = value if value is not None else os.environ.get("SAMPLAN_AS_OF") or None
    option = "--as-of" if value is not None else "SAMPLAN_AS_OF"
    return date_option(given, option) or dt.date.today()


def date_option(value: str | None, option: str) -> dt.date | None:
    """A YYYY-MM-DD option such as --from; a wrong date is a usage error naming the option."""
    if value is None:
        return None
    from samplan.periods import YEARS

    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(
            _("{option} `{value}` is not a date; use YYYY-MM-DD").format(option=option, value=value)
        ) from None
    if day.year not in YEARS:
        raise typer.BadParameter(
            _("`{value}`: give a date in the years {first} to {last}").format(
                value=value, first=YEARS[0], last=YEARS[-1]
            ),
            param_hint=option,
        )
    return day


def municipality_option(value: str) -> str:
    """--municipality as given, without surrounding blanks; never empty."""
    name = " ".join(value.split())
    if not name:
        raise UsageError(
            _('--municipality is empty; give the kommun\'s name, e.g. "Sjöviks kommun"')
        )
    return name


def use_color(stream: object = None) -> bool:
    stream = stream or sys.stdout
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def paths_or_default(paths: list[Path] | None) -> list[Path]:
    return list(paths) if paths else DEFAULT_PATHS


def read_corpus(
    paths: list[Path] | None,
    as_of: dt.date,
    *,
    contents: bool = True,
    digest: Digest | None = None,
    law: LawSettings | None = None,
) -> Corpus:
    """Every plan file under `paths` (default: plans/); none at all is a usage error.

    `contents`, `digest` and `law`: see `samplan.corpus.read_plans`."""
    from samplan.corpus import read_plans  # heavy (pydantic): only when a command runs

    given = paths_or_default(paths)
    corpus = read_plans(given, as_of, contents=contents, digest=digest, law=law)
    for file in corpus.not_plans:
        typer.echo(
            _("Skipped {file}: not a plan (it has no `samplan:` key).").format(file=file),
            err=True,
        )
    if not corpus.files:
        raise UsageError(
            _("no plan files (*.yaml, *.yml) found in {paths}").format(
                paths=", ".join(map(str, given))
            )
        )
    return corpus


def read_usable_plans(
    paths: list[Path] | None, as_of: dt.date, plan_id: str | None
) -> tuple[list[tuple[str, Plan]], bool]:
    """The valid plans as (file, plan), only `plan_id` if given; and whether any had errors.

    Errors of the plans asked about go to stderr and those plans are skipped;
    the other plans still give their result.
    """
    corpus, usable, had_errors = read_usable(paths, as_of, plan_id)
    kept = set(usable)
    return [(f.file, p) for f, p in corpus.plans() if f.file in kept], had_errors


def read_usable(
    paths: list[Path] | None, as_of: dt.date, plan_id: str | None, *, digest: Digest | None = None
) -> tuple[Corpus, list[str], bool]:
    """`read_usable_plans` for a command that takes a `digest` of each plan (see
    `samplan.corpus.read_plans`): the corpus, the files of the usable plans in
    path order, and whether any had errors."""
    from samplan.formats import as_text
    from samplan.problems import Severity

    with working(_("Reading plans ...")):
        corpus = read_corpus(paths, as_of, digest=digest)
    ids = {f.file: _plan_id(f) for f in corpus.files}
    if plan_id is not None and plan_id not in ids.values():
        raise UnknownName(kind="plan", key=plan_id, known=sorted({i for i in ids.values() if i}))
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
            ngettext(
                "Skipped {n} plan file with errors; fix it (see `samplan validate`).",
                "Skipped {n} plan files with errors; fix them (see `samplan validate`).",
                len(skipped),
            ).format(n=len(skipped)),
            err=True,
        )
    usable_files = wanted - skipped
    usable = [f.file for f in corpus.files if f.plan is not None and f.file in usable_files]
    return corpus, usable, bool(errors)


def _plan_id(loaded: Loaded) -> str | None:
    """The plan id of a file, also of one that did not validate."""
    if loaded.plan is not None:
        return loaded.plan.id
    raw = loaded.data.get("id") if isinstance(loaded.data, dict) else None
    return raw if isinstance(raw, str) else None


def to_stdout(output: Path | None) -> bool:
    """No -o, or `-o -`: the output goes to standard output."""
    return output is None or str(output) == "-"


def write_output(data: bytes, output: Path | None, wrote: str = "") -> None:
    """`data` to the file `output` (see `samplan.writing.write_file`; then the
    note `wrote` on stderr), or as bytes to standard output (no -o, or `-o -`)."""
    if to_stdout(output):
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    from samplan.writing import write_file

    assert output is not None
    write_file(output, data)
    if wrote:
        typer.echo(wrote, err=True)


def progress(items: Sequence[T], label: str) -> Iterator[T]:
    """The items, with a progress bar on stderr when that is a terminal (silent when piped)."""
    if len(items) < 2 or not sys.stderr.isatty():
        yield from items
        return
    from rich.console import Console
    from rich.progress import track

    yield from track(items, description=label, console=Console(stderr=True), transient=True)


@contextlib.contextmanager
def working(label: str) -> Iterator[None]:
    """A spinner on stderr while something slow runs, on a terminal only."""
    if not sys.stderr.isatty():
        yield
        return
    from rich.console import Console

    with Console(stderr=True).status(label):
        yield


def format_for(
    given: str | None,
    output: Path | None,
    choices: Collection[str],
    default: str,
    aliases: Mapping[str, str] | None = None,
) -> str:
    """The output format: as given, else from the -o file's suffix, else the default.

    `aliases` maps other suffixes to a format (`htm` to `html`). A suffix samplan
    cannot write (`-o rapport.docx`) is a usage error: writing Markdown into it
    would give a file that its program cannot open.
    """
    if given is not None:
        return given
    suffix = output.suffix.lower().lstrip(".") if output else ""
    suffix = (aliases or {}).get(suffix, suffix)
    if suffix and suffix not in choices and not (output and output.is_dir()):
        raise UsageError(
            _(
                "samplan cannot write .{suffix} files; name the file with one of {suffixes} "
                "or choose with --format"
            ).format(suffix=suffix, suffixes=", ".join(f".{c}" for c in choices))
        )
    return suffix or default
