"""`samplan schema`: the JSON Schema for editors (yaml-language-server)."""

from __future__ import annotations

from pathlib import Path

import typer

from samplan.cli.app import app
from samplan.cli.common import write_output


@app.command()
def schema(
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Write to this file (`-` for stdout)."
    ),
) -> None:
    """Print the JSON Schema (draft-07) of the plan format.

    Example: samplan schema -o schema/samplan.schema.json
    """
    from samplan.schema import schema_text

    write_output(schema_text().encode("utf-8"), output)
