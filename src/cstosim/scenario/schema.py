"""The JSON Schema of scenario files, for editors and other tools."""

from __future__ import annotations

from typing import Any

from cstosim.scenario.models import Scenario

__all__ = ["SCHEMA_ID", "scenario_schema"]

SCHEMA_ID = "https://cstosim.invalid/schema/scenario.json"


def scenario_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) that scenario files follow."""
    schema = Scenario.model_json_schema(by_alias=True)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
        "title": "cstosim scenario",
        "description": "A scenario of CSTO decision procedures (a cstosim scenario file).",
    }
