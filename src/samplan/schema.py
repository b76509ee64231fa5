"""The JSON Schema of the plan format, for editors and other validators.

Pydantic writes draft 2020-12 with `$defs`; yaml-language-server and older
validators expect draft-07 `definitions`, so the references are rewritten.
"""

from __future__ import annotations

import json
from typing import Any

from samplan.model import Plan

SCHEMA_ID = "https://samplan.se/schema/plan-1.json"


def plan_schema() -> dict[str, Any]:
    schema = Plan.model_json_schema(by_alias=True, ref_template="#/definitions/{model}")
    definitions = schema.pop("$defs", {})
    # The discriminator helpers are pydantic's; the members' own keys already
    # tell the forms apart in JSON Schema.
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": SCHEMA_ID,
        **schema,
        "definitions": definitions,
    }


def schema_text() -> str:
    return json.dumps(plan_schema(), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
