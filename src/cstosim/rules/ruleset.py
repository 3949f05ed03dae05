"""The rule keys a scenario may set, their dated defaults and named variants (design 2, 5.1).

A scenario runs under the provisions in force on each simulated date unless it overrides a key:
``rule14`` (rop.14.1), ``limited_format`` (csc.2010.limited_format, in force from 10 Dec 2010),
``rotation`` (charter.13 before 2011, practice.rotation_2011 from 1 Jan 2011), ``quorum``
(rop.quorum), ``order`` (an explicit rotation order), ``armed_attack`` (cst.4.2010, from
10 Dec 2010), ``response_days`` and ``mission_days`` (the Article 4 procedure's timing).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, replace
from datetime import date
from typing import Any

from cstosim.members import STATES
from cstosim.rules.article4 import ARMED_ATTACK_FROM
from cstosim.rules.consensus import RULE14_READINGS
from cstosim.rules.rotation import ROTATIONS

__all__ = [
    "RULE_KEYS",
    "RuleError",
    "RuleSet",
    "parse_rule_value",
    "rules_on",
]

LIMITED_FORMAT_FROM = date(2010, 12, 10)
ALPHABET_ROTATION_FROM = date(2011, 1, 1)

# key -> (what values are allowed, in words)
RULE_KEYS: dict[str, str] = {
    "rule14": "one of dissent, no_objection, consent",
    "limited_format": "true or false",
    "rotation": "one of " + ", ".join(ROTATIONS),
    "quorum": "none, or a fraction in (0, 1] such as 0.5 or 2/3",
    "order": "a list of known member codes, such as ARM,BLR,KAZ (with rotation: order)",
    "armed_attack": "true or false",
    "response_days": "a whole number of days from 0 to 365",
    "mission_days": "a whole number of days from 1 to 3650",
}


class RuleError(ValueError):
    """A rule key or value that is not allowed."""


@dataclass(frozen=True)
class RuleSet:
    """The rules in force on one date, after a scenario's overrides."""

    rule14: str = "dissent"
    limited_format: bool = True
    rotation: str = "russian_alphabet"
    quorum: float | None = None
    order: tuple[str, ...] | None = None
    armed_attack: bool = True
    response_days: int = 1
    mission_days: int = 30

    def as_dict(self) -> dict[str, Any]:
        """The rules as plain JSON-ready data."""
        d = asdict(self)
        d["order"] = list(self.order) if self.order is not None else None
        return d

    def with_(self, **changes: Any) -> RuleSet:
        """A copy with some keys changed (each value checked)."""
        for k, v in changes.items():
            check_rule_value(k, v)
        return replace(self, **changes)


def check_rule_value(key: str, value: Any) -> None:
    """Raise RuleError unless ``value`` is allowed for rule ``key``."""
    if key not in RULE_KEYS:
        raise RuleError(f"unknown rule key {key!r}; allowed: {', '.join(RULE_KEYS)}")
    ok = True
    if key == "rule14":
        ok = value in RULE14_READINGS
    elif key in ("limited_format", "armed_attack"):
        ok = isinstance(value, bool)
    elif key == "rotation":
        ok = value in ROTATIONS
    elif key == "quorum":
        ok = value is None or (
            isinstance(value, int | float) and not isinstance(value, bool) and 0 < value <= 1
        )
    elif key == "order":
        ok = value is None or (
            isinstance(value, tuple | list)
            and len(value) > 0
            and all(isinstance(c, str) and c in STATES for c in value)
        )
    elif key == "response_days":
        ok = isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 365
    elif key == "mission_days":
        ok = isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 3650
    if not ok:
        raise RuleError(f"{key} cannot be {value!r}; allowed: {RULE_KEYS[key]}")


def parse_rule_value(key: str, text: str) -> Any:
    """Parse a ``--set KEY=VALUE`` string into a checked rule value."""
    if key not in RULE_KEYS:
        raise RuleError(f"unknown rule key {key!r}; allowed: {', '.join(RULE_KEYS)}")
    t = text.strip()
    value: Any = t
    if key in ("limited_format", "armed_attack"):
        low = t.lower()
        if low not in ("true", "false", "yes", "no", "on", "off", "1", "0"):
            raise RuleError(f"{key} cannot be {t!r}; allowed: {RULE_KEYS[key]}")
        value = low in ("true", "yes", "on", "1")
    elif key == "quorum":
        if t.lower() in ("none", "null", ""):
            value = None
        else:
            try:
                num, _, den = t.partition("/")
                value = float(num) / float(den) if den else float(num)
            except (ValueError, ZeroDivisionError):
                raise RuleError(f"quorum cannot be {t!r}; allowed: {RULE_KEYS[key]}") from None
    elif key in ("response_days", "mission_days"):
        try:
            value = int(t)
        except ValueError:
            raise RuleError(f"{key} cannot be {t!r}; allowed: {RULE_KEYS[key]}") from None
    elif key == "order":
        value = tuple(c.strip().upper() for c in t.replace(";", ",").split(",") if c.strip())
    check_rule_value(key, value)
    return value


def check_combination(rules: Mapping[str, Any]) -> None:
    """Raise RuleError where rule keys that are each allowed do not fit together."""
    if rules.get("rotation") == "order" and not rules.get("order"):
        raise RuleError("rotation 'order' needs order=CODE,CODE,...; allowed: give both")


def regime(day: date) -> tuple[bool, ...]:
    """Which side of each dated default ``day`` falls on: days with equal regimes have equal
    default rules, so a caller may remember ``rules_on`` per regime."""
    return (day >= LIMITED_FORMAT_FROM, day >= ALPHABET_ROTATION_FROM, day >= ARMED_ATTACK_FROM)


def rules_on(day: date, overrides: Mapping[str, Any] | None = None) -> RuleSet:
    """The rules in force on ``day``: the dated defaults, then the scenario's overrides."""
    base = RuleSet(
        limited_format=day >= LIMITED_FORMAT_FROM,
        rotation="russian_alphabet" if day >= ALPHABET_ROTATION_FROM else "host",
        armed_attack=day >= ARMED_ATTACK_FROM,
    )
    changes = dict(overrides or {})
    if "order" in changes and changes["order"] is not None:
        changes["order"] = tuple(changes["order"])
        changes.setdefault("rotation", "order")
    return base.with_(**changes) if changes else base
