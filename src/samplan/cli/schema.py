"""`samplan schema`: the JSON Schema for editors (yaml-language-server)."""

from __future__ import annotations

from pathlib import Path

import typer

from samplan.cli.app import app


@app.command()
def schema(
    output: Path | None = typer.Option(None, "--output", "-o", help="Write to this file."),
) -> None:
    """Print the JSON Schema (draft-07) of the plan format.

    Example: samplan schema -o schema/samplan.schema.json
    """
    from samplan.schema import schema_text
    from samplan.writing import write_atomic

    text = schema_text()
    if output is None:
        typer.echo(text, nl=False)
    else:
        write_atomic(output, text.encode("utf-8"))
