"""`samplan init`: the files of a new plans repository for a kommun.

A starter plan that validates and explains itself in Swedish comments, the
schema the editor modeline points at, a pre-commit hook that runs
`samplan validate`, and a short README for the kommun's own staff. Nothing that
already exists is ever overwritten.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path

import msgspec

from samplan.errors import FilesExist
from samplan.schema import schema_text
from samplan.slug import check_plan_id, slugify
from samplan.writing import write_file
from samplan.yamlout import scalar

DEFAULT_MUNICIPALITY = "Min kommun"
_TOKEN = re.compile(r"\{\{(\w+)\}\}")


class StarterFile(msgspec.Struct, frozen=True):
    path: str  # relative to the new repository, with `/`
    content: bytes


def starter_files(
    as_of: dt.date,
    municipality: str = DEFAULT_MUNICIPALITY,
    plan_id: str | None = None,
    police_area: str | None = None,
) -> list[StarterFile]:
    """The files `samplan init` writes, for a plan from this month to the end of next year."""
    year = as_of.year
    plan_id = plan_id or f"{slugify(municipality, 40) or 'kommun'}-{year}"
    check_plan_id(plan_id)
    title = (
        f"Samverkansöverenskommelse för brottsförebyggande arbete i {municipality} "
        f"{year}–{year + 1}"
    )
    police_line = (
        f"police_area: {scalar(police_area)}"
        if police_area
        else "# police_area: Lokalpolisområde ...    # fyll i lokalpolisområdet"
    )
    plan = _render(
        "plan.yaml",
        {
            "id": plan_id,
            "title": scalar(title),
            "municipality": scalar(municipality),
            "municipality_flow": scalar(municipality, flow=True),
            "police_area_line": police_line,
            # From this month, so that nothing in the example is overdue on day one.
            "start": as_of.replace(day=1).isoformat(),
            "end": dt.date(year + 1, 12, 31).isoformat(),
            "year": str(year),
            "next_summer": dt.date(year + 1, 6, 30).isoformat(),
            "today": as_of.isoformat(),
        },
    )
    readme = _render("README.md", {"municipality": municipality, "id": plan_id, "year": str(year)})
    hooks = _render("pre-commit-config.yaml", {})
    return [
        StarterFile(f"plans/{plan_id}.yaml", plan.encode("utf-8")),
        StarterFile("schema/samplan.schema.json", schema_text().encode("utf-8")),
        StarterFile(".pre-commit-config.yaml", hooks.encode("utf-8")),
        StarterFile("README.md", readme.encode("utf-8")),
    ]


def _render(name: str, values: Mapping[str, str]) -> str:
    text = (resources.files("samplan") / "starter" / name).read_text(encoding="utf-8")
    return _TOKEN.sub(lambda m: values[m.group(1)], text)


def write_starter(directory: Path, files: Sequence[StarterFile]) -> list[Path]:
    """Write the files below `directory`; refuse (UsageError) if any of them exists."""
    targets = [directory / f.path for f in files]
    existing = [str(t) for t in targets if t.exists()]
    if existing:
        raise FilesExist(files=", ".join(existing))
    for target, starter in zip(targets, files, strict=True):
        write_file(target, starter.content)
    return targets
