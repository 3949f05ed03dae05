"""The field types of scenario files: each closed set of values from the vocabulary, member
codes, positions (or their probabilities), ids and text, with the messages a scenario author
reads when a value does not fit (design 5.1)."""

from __future__ import annotations

import math
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

from pydantic import AfterValidator, BeforeValidator, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from cstosim.members import STATES
from cstosim.scenario.yamlpos import CONTROL, CONTROL_ONE_LINE, control_message, non_latin, shown
from cstosim.vocabulary import (
    AGENDA_ITEM_KINDS,
    FREEZE_POSITIONS,
    SENSITIVE_KEYS,
    Body,
    DecisionRule,
    Force,
    ItemKind,
    Outcome,
    Position,
    Procedure,
    Rotation,
    Rule14,
    RuleKey,
    Threat,
)

__all__ = [
    "KNOWN",
    "POSITIONS",
    "AgendaKind",
    "AttackedMember",
    "BodyField",
    "DecisionField",
    "ForceField",
    "FreezePosition",
    "Id",
    "MemberCode",
    "OneLine",
    "OutcomeField",
    "PositionSpec",
    "PositionValue",
    "Positions",
    "ProcedureField",
    "RotationField",
    "Rule14Field",
    "SensitiveKey",
    "StateCode",
    "Text",
    "ThreatField",
    "one_line",
]

KNOWN = ", ".join(STATES)
E = TypeVar("E", bound=StrEnum)


def _one_of(values: tuple[E, ...]) -> Any:
    """A field type taking one of ``values`` (by their text), with a message listing them."""
    kind = type(values[0])
    texts = {v.value: v for v in values}
    words = list(texts)
    allowed = ", ".join(words[:-1]) + " or " + words[-1] if len(words) > 1 else words[0]

    def check(value: Any) -> Any:
        if isinstance(value, str) and value in texts:
            return texts[value]
        raise PydanticCustomError(
            "choice",
            "{value} is not allowed here{note}; allowed: {allowed}",
            {
                "value": shown(value),
                "note": non_latin(value) if isinstance(value, str) else "",
                "allowed": allowed,
            },
        )

    schema = {"type": "string", "enum": list(texts)}
    return Annotated[kind, BeforeValidator(check), WithJsonSchema(schema)]


if TYPE_CHECKING:
    Rule14Field = Rule14
    RotationField = Rotation
    BodyField = Body
    ThreatField = Threat
    ForceField = Force
    AgendaKind = ItemKind
    FreezePosition = Position
    OutcomeField = Outcome
    SensitiveKey = RuleKey
    ProcedureField = Procedure
    DecisionField = DecisionRule
else:
    Rule14Field = _one_of(tuple(Rule14))
    RotationField = _one_of(tuple(Rotation))
    BodyField = _one_of(tuple(Body))
    ThreatField = _one_of(tuple(Threat))
    ForceField = _one_of(tuple(Force))
    AgendaKind = _one_of(AGENDA_ITEM_KINDS)
    FreezePosition = _one_of(FREEZE_POSITIONS)
    OutcomeField = _one_of(tuple(Outcome))
    SensitiveKey = _one_of(SENSITIVE_KEYS)
    ProcedureField = _one_of(tuple(Procedure))
    DecisionField = _one_of(tuple(DecisionRule))

POSITIONS: dict[str, Position] = {p.value: p for p in Position}


def _known_member(code: str) -> str:
    if code not in STATES:
        raise PydanticCustomError(
            "member",
            "{code} is not a known member code{note}; allowed: {allowed}",
            {"code": shown(code), "note": non_latin(code), "allowed": KNOWN},
        )
    return code


def _attacked_member(code: str) -> str:
    if code not in STATES:
        raise PydanticCustomError(
            "member",
            "{code} is not a known member code{note}; allowed: {allowed} (against names the "
            "member attacked; a state that is not a member, such as the aggressor, goes under "
            "from:)",
            {"code": shown(code), "note": non_latin(code), "allowed": KNOWN},
        )
    return code


def _text(value: str) -> str:
    """Text that may run over several lines: no control characters but tab and line feed."""
    bad = CONTROL.search(value)
    if bad:
        raise PydanticCustomError("control", "{message}", {"message": control_message(bad[0])})
    return value


def one_line(value: str) -> str:
    """Text on one line: no control characters at all, tab and line feed included."""
    bad = CONTROL_ONE_LINE.search(value)
    if bad:
        raise PydanticCustomError("control", "{message}", {"message": control_message(bad[0])})
    return value


def _position_spec(value: Any) -> Any:
    """A position, or a mapping of positions to probabilities summing to 1."""
    if isinstance(value, str):
        if value not in POSITIONS:
            raise PydanticCustomError(
                "position",
                "{value} is not a position{note}; allowed: {allowed}",
                {"value": shown(value), "note": non_latin(value), "allowed": ", ".join(POSITIONS)},
            )
        return POSITIONS[value]
    if isinstance(value, dict):
        if not value:
            raise PydanticCustomError("position", "an empty mapping of probabilities", {})
        for k, p in value.items():
            if k not in POSITIONS:
                raise PydanticCustomError(
                    "position",
                    "{value} is not a position{note}; allowed: {allowed}",
                    {
                        "value": shown(k),
                        "note": non_latin(k) if isinstance(k, str) else "",
                        "allowed": ", ".join(POSITIONS),
                    },
                )
            if (
                isinstance(p, bool)
                or not isinstance(p, int | float)
                or not 0 <= p <= 1
                or math.isnan(p)
            ):
                raise PydanticCustomError(
                    "probability",
                    "probability of {k} is {p}; allowed: a number from 0 to 1",
                    {"k": k, "p": shown(p)},
                )
        total = math.fsum(value.values())
        if not math.isclose(total, 1.0, abs_tol=1e-9):
            raise PydanticCustomError(
                "probability",
                "probabilities sum to {total}; they must sum to 1",
                {"total": f"{total:.15g}"},
            )
        return {pos: float(value[text]) for text, pos in POSITIONS.items() if text in value}
    raise PydanticCustomError(
        "position",
        "a position must be one of {allowed}, or a mapping of them to probabilities",
        {"allowed": ", ".join(POSITIONS)},
    )


_POSITION_SCHEMA: dict[str, Any] = {
    "oneOf": [
        {"enum": list(POSITIONS)},
        {
            "type": "object",
            "propertyNames": {"enum": list(POSITIONS)},
            "additionalProperties": {"type": "number", "minimum": 0, "maximum": 1},
            "description": "probabilities of positions, summing to 1",
        },
    ]
}
MemberCode = Annotated[str, AfterValidator(_known_member), WithJsonSchema({"enum": list(STATES)})]
# ``against`` in a request: a member, with a hint where a file names a non-member there.
AttackedMember = Annotated[
    str, AfterValidator(_attacked_member), WithJsonSchema({"enum": list(STATES)})
]
StateCode = Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
# A position, or positions with their probabilities (in the order of Position).
PositionValue = Position | dict[Position, float]
PositionSpec = Annotated[
    PositionValue, BeforeValidator(_position_spec), WithJsonSchema(_POSITION_SCHEMA)
]
Positions = Annotated[
    dict[MemberCode, PositionSpec],
    WithJsonSchema(
        {
            "type": "object",
            "propertyNames": {"enum": list(STATES)},
            "additionalProperties": _POSITION_SCHEMA,
        }
    ),
]
Id = Annotated[str, Field(min_length=1, max_length=200, pattern=r"^[A-Za-z0-9_.:-]+$")]
# Text over several lines (description, note) and on one line (name, title): no control
# characters, which a terminal or a browser would act on.
Text = Annotated[str, Field(max_length=20_000), AfterValidator(_text)]
OneLine = Annotated[str, Field(max_length=20_000), AfterValidator(one_line)]
