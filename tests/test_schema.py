"""The committed JSON Schema matches the models, and real plans satisfy it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from samplan.schema import plan_schema, schema_text

from .conftest import PLANS, ROOT

COMMITTED = ROOT / "schema" / "samplan.schema.json"


def test_committed_schema_is_current() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == schema_text(), (
        "schema/samplan.schema.json is stale: run `samplan schema -o schema/samplan.schema.json`"
    )


def test_schema_is_valid_draft7() -> None:
    schema = plan_schema()
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    jsonschema.Draft7Validator.check_schema(schema)
    assert "$defs" not in json.dumps(schema)


def test_descriptions_reach_the_schema() -> None:
    activity = plan_schema()["definitions"]["Activity"]["properties"]
    assert "Ansvarig" in activity["responsible"]["description"]
    assert "responsible" in activity["responsible"]["description"]


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@pytest.mark.parametrize("plan", sorted(PLANS.glob("*.yaml")), ids=lambda p: p.stem)
def test_real_plans_satisfy_schema(plan: Path) -> None:
    data = _jsonable(yaml.safe_load(plan.read_text(encoding="utf-8")))
    validator = jsonschema.Draft7Validator(plan_schema())
    assert [e.message for e in validator.iter_errors(data)] == []


@pytest.mark.parametrize(
    ("extra", "valid"),
    [
        ({"kind": "agreement", "parties": {"k": {"name": "K", "type": "municipality"}}}, True),
        ({"kind": "action_plan", "parties": {"k": {"name": "K", "type": "municipality"}}}, False),
        (
            {
                "kind": "action_plan",
                "parent": "p",
                "areas": [{"id": "a", "title": "A", "activities": []}],
            },
            True,
        ),
        ({"kind": "annex"}, False),
    ],
)
def test_schema_requires_areas_and_parties_as_the_model_does(
    extra: dict[str, Any], valid: bool
) -> None:
    plan = {"samplan": 1, "id": "x", "title": "T", "municipality": "M",
            "period": {"start": "2026-01-01"}, **extra}  # fmt: skip
    errors = list(jsonschema.Draft7Validator(plan_schema()).iter_errors(plan))
    assert (errors == []) is valid, [e.message for e in errors]
