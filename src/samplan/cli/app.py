"""The typer application object that every command module registers on."""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperGroup

# The order of `samplan --help`: the daily workflow first, set-up last.
COMMAND_ORDER = (
    *("validate", "overdue", "upcoming", "log", "report"),
    *("calendar", "export", "import", "init", "schema"),
)


class _WorkflowOrder(TyperGroup):
    def list_commands(self, ctx: Any) -> list[str]:  # typer bundles its own click Context
        rank = {name: i for i, name in enumerate(COMMAND_ORDER)}
        return sorted(super().list_commands(ctx), key=lambda n: (rank.get(n, len(rank)), n))


app = typer.Typer(
    cls=_WorkflowOrder,
    name="samplan",
    help=(
        "Plans as code for local crime prevention: validate samverkansöverenskommelser "
        "and action plans kept as YAML, list what is overdue or coming up, log progress "
        "and render follow-up reports."
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from samplan import __version__

        typer.echo(f"samplan {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """samplan: plans as code for local crime prevention in Sweden."""
