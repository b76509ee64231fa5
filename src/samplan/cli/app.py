"""The typer application object that every command module registers on."""

from __future__ import annotations

from typing import Any

import typer
import typer.core
from typer.core import TyperGroup

from samplan.messages import N_, _

# typer's own words in help and errors, looked up through samplan's catalog:
# typer.core calls the `_` it imported from gettext (its vendored click calls
# none, so "Usage:" and "Error:" stay English).
typer.core._ = _  # type: ignore[attr-defined,assignment]
TYPER_WORDS = (
    N_("Arguments"), N_("Options"), N_("Commands"), N_("required"), N_("default: {default}"),
    N_("Missing command."), N_("No such command {name!r}."), N_("Aborted!"),
)  # fmt: skip

# The order of `samplan --help`: the daily workflow first, set-up last.
COMMAND_ORDER = (
    *("validate", "overdue", "upcoming", "log", "report"),
    *("calendar", "export", "import", "init", "schema"),
)


def help_parts(text: str) -> list[tuple[str, bool]]:
    """A command's help in pieces, each with whether it is translated: the paragraphs,
    and of an example only the word "Example:" (commands read the same in any
    language, and an example can be fixed without touching the catalog)."""
    parts: list[tuple[str, bool]] = []
    for i, paragraph in enumerate(text.split("\n\n")):
        if i:
            parts.append(("\n\n", False))
        word, space, rest = paragraph.partition(" ")
        if paragraph in ("Example:", "Examples:") or paragraph.startswith("  "):
            parts.append((paragraph, paragraph.endswith(":")))
        elif word in ("Example:", "Examples:"):
            parts += [(word, True), (space + rest, False)]
        else:
            parts.append((paragraph, True))
    return parts


class _WorkflowOrder(TyperGroup):
    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Runs samplan, with the help of samplan, its commands and options in the
        user's language (here, once typer has added every option).

        The English help is the msgid (`samplan.i18n_catalog` reads it from here)."""
        for command in [self, *self.commands.values()]:
            if command.help:
                command.help = "".join(_(p) if mine else p for p, mine in help_parts(command.help))
            for param in command.params:
                if getattr(param, "help", None):
                    param.help = _(param.help)  # type: ignore[attr-defined]
        return super().main(*args, **kwargs)

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
