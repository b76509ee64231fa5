"""Small pieces shared by command modules: dates, colour, writing output."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TypeVar

import typer

T = TypeVar("T")

DEFAULT_PATHS = [Path("plans")]

AS_OF_HELP = "Treat this date (YYYY-MM-DD) as today; default: today."


def as_of_date(value: str | None) -> dt.date:
    """The one place the CLI reads the clock; the core always gets a date."""
    return date_option(value, "--as-of") or dt.date.today()


def date_option(value: str | None, option: str) -> dt.date | None:
    """A YYYY-MM-DD option such as --from; a wrong date is a usage error naming the option."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            f"`{value}` is not a date; use YYYY-MM-DD", param_hint=option
        ) from None


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
