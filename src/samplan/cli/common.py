"""Small pieces shared by command modules: dates, colour, writing output."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import typer

DEFAULT_PATHS = [Path("plans")]

AS_OF_HELP = "Treat this date (YYYY-MM-DD) as today; default: today."


def as_of_date(value: str | None) -> dt.date:
    """The one place the CLI reads the clock; the core always gets a date."""
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"`{value}` is not a date; use YYYY-MM-DD", param_hint="--as-of")


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
