"""The JSON Schema of trace records, generated from the record classes (``cstosim schema --trace``).

Each record class gives one object schema: ``date`` and ``kind`` first, then its fields, each
typed from its annotation (enums list their values); a field that ``to_json`` leaves out when
empty is optional, every other field is required.
"""

from __future__ import annotations

import types
from collections.abc import Mapping
from dataclasses import fields
from datetime import date
from enum import StrEnum
from typing import Any, Union, get_args, get_origin, get_type_hints

from cstosim.engine import records
from cstosim.engine.records import NOT_MEMBER, RECORD_TYPES, MembershipRecord, Record

__all__ = ["TRACE_SCHEMA_ID", "trace_schema"]

TRACE_SCHEMA_ID = "https://cstosim.invalid/schema/trace-record.json"


def _type_schema(tp: Any) -> dict[str, Any]:
    """The JSON Schema of a field's annotated type (as ``to_json`` writes it)."""
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        options = [_type_schema(a) for a in get_args(tp)]
        return options[0] if len(options) == 1 else {"anyOf": options}
    if tp is type(None):
        return {"type": "null"}
    if isinstance(tp, type) and issubclass(tp, StrEnum):
        return {"enum": [v.value for v in tp]}
    if tp is bool:
        return {"type": "boolean"}
    if tp is int:
        return {"type": "integer"}
    if tp is float:
        return {"type": "number"}
    if tp is str:
        return {"type": "string"}
    if tp is date:
        return {"type": "string", "format": "date"}
    if origin is tuple:
        args = get_args(tp)
        return {"type": "array", "items": _type_schema(args[0])}
    if origin in (dict, Mapping):
        _key, value = get_args(tp)
        return {"type": "object", "additionalProperties": _type_schema(value)}
    raise TypeError(f"no JSON Schema for {tp!r}")  # pragma: no cover - a new field type


def record_schema(cls: type[Record]) -> dict[str, Any]:
    """The JSON Schema of one kind of record."""
    hints = get_type_hints(cls, vars(records))
    props: dict[str, Any] = {
        "date": {"type": "string", "format": "date"},
        "kind": {"const": cls.kind.value},
    }
    required = ["date", "kind"]
    for f in fields(cls):
        if f.name == "date":
            continue
        schema = _type_schema(hints[f.name])
        if cls is MembershipRecord and f.name == "status":
            schema = {"enum": [*schema["anyOf"][0]["enum"], NOT_MEMBER]}
        props[f.name] = schema
        if not f.metadata.get("omit_empty"):
            required.append(f.name)
    return {
        "type": "object",
        "title": f"{cls.kind.value} record",
        "description": (cls.__doc__ or "").strip().splitlines()[0],
        "properties": props,
        "required": required,
        "additionalProperties": False,
    }


def trace_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) every line of a ``--format jsonl`` trace follows."""
    defs = {kind.value: record_schema(cls) for kind, cls in RECORD_TYPES.items()}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": TRACE_SCHEMA_ID,
        "title": "cstosim trace record",
        "description": "One record of a cstosim run's trace.",
        "type": "object",
        "required": ["date", "kind"],
        "oneOf": [{"$ref": f"#/$defs/{k}"} for k in defs],
        "$defs": defs,
    }
