"""The rule keys a scenario may set, their dated defaults and named variants (design 2, 5.1).

A scenario runs under the provisions in force on each simulated date unless it overrides a key:
``rule14`` (rop.14.1), ``limited_format`` (csc.2010.limited_format, in force from 19 Dec 2012),
``rotation`` (charter.13 before 2011, practice.rotation_2011 from 1 Jan 2011), ``quorum``
(rop.quorum), ``order`` (an explicit rotation order), ``armed_attack`` (cst.4.2010, from
19 Dec 2012), ``response_days`` and ``mission_days`` (the Article 4 procedure's timing). The
dates come from the provisions catalogue: each provision takes effect on its instrument's entry
into force, never on its signature.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields, replace
from datetime import date
from fractions import Fraction
from typing import Any, cast

from cstosim.errors import RuleError, words
from cstosim.i18n import N_, _
from cstosim.members import STATES
from cstosim.provisions import in_force_from
from cstosim.rules.article4 import ARMED_ATTACK_FROM
from cstosim.vocabulary import DecisionRule, Rotation, Rule14, RuleKey

__all__ = [
    "CONTESTED",
    "RULE_KEYS",
    "Overrides",
    "RuleError",
    "RuleSet",
    "check_overrides",
    "parse_rule_value",
    "reading_applies",
    "rules_on",
    "show_value",
]

# Dated defaults, as the provisions catalogue dates them: the limited format from the 2010
# Charter protocol's entry into force (19 Dec 2012), the yearly rotation from 1 Jan 2011.
LIMITED_FORMAT_FROM: date = in_force_from("csc.2010.limited_format")
ALPHABET_ROTATION_FROM: date = in_force_from("practice.rotation_2011")

# key -> what values are allowed, in words (a catalogue message, and the values it names)
_ALLOWED: dict[RuleKey, tuple[str, str]] = {
    RuleKey.RULE14: (N_("one of {values}"), ", ".join(Rule14)),
    RuleKey.LIMITED_FORMAT: (N_("true or false"), ""),
    RuleKey.ROTATION: (N_("one of {values}"), ", ".join(Rotation)),
    RuleKey.QUORUM: (N_("none, or a fraction in (0, 1] such as 0.5 or 2/3"), ""),
    RuleKey.ORDER: (
        N_("a list of known member codes, such as ARM,BLR,KAZ (with rotation: order)"),
        "",
    ),
    RuleKey.ARMED_ATTACK: (N_("true or false"), ""),
    RuleKey.RESPONSE_DAYS: (N_("a whole number of days from 0 to 365"), ""),
    RuleKey.MISSION_DAYS: (N_("a whole number of days from 1 to 3650"), ""),
    RuleKey.DECISION: (N_("one of {values}"), ", ".join(DecisionRule)),
    RuleKey.THRESHOLD: (N_("a fraction in (0, 1] such as 2/3 or 0.55"), ""),
    RuleKey.WEIGHTS: (
        N_(
            "member weights such as RUS:50,KAZ:15,BLR:10 (positive numbers; 1 each for members "
            "not named)"
        ),
        "",
    ),
}
# key -> what values are allowed, in English words (the API's table)
RULE_KEYS: dict[RuleKey, str] = {
    k: template.format(values=values) for k, (template, values) in _ALLOWED.items()
}


def allowed(key: RuleKey) -> str:
    """What values ``key`` takes, in the language of the moment."""
    template, values = _ALLOWED[key]
    return _(template).format(values=values)


_RULE14 = frozenset(r.value for r in Rule14)
_ROTATIONS = frozenset(r.value for r in Rotation)
_DECISIONS = frozenset(d.value for d in DecisionRule)

# A weights value: (member code, weight) pairs, sorted by code.
Weights = tuple[tuple[str, float], ...]
RuleValue = Rule14 | Rotation | DecisionRule | bool | int | float | tuple[str, ...] | Weights | None
# Checked overrides: each key a RuleKey, each value of its key's type.
Overrides = Mapping[RuleKey, RuleValue]


@dataclass(frozen=True, slots=True)
class RuleSet:
    """The rules in force on one date, after a scenario's overrides."""

    rule14: Rule14 = Rule14.DISSENT
    limited_format: bool = True
    rotation: Rotation = Rotation.RUSSIAN_ALPHABET
    quorum: float | None = None
    order: tuple[str, ...] | None = None
    armed_attack: bool = True
    response_days: int = 1
    mission_days: int = 30
    decision: DecisionRule = DecisionRule.CONSENSUS
    threshold: float = 2 / 3
    weights: Weights | None = None

    def as_dict(self) -> dict[str, Any]:
        """The rules as plain JSON-ready data (text, numbers, booleans, lists, None)."""
        d = asdict(self)
        d["rule14"], d["rotation"] = self.rule14.value, self.rotation.value
        d["order"] = list(self.order) if self.order is not None else None
        d["decision"] = self.decision.value
        d["weights"] = dict(self.weights) if self.weights is not None else None
        return d

    def with_(self, **changes: Any) -> RuleSet:
        """A copy with some keys changed (each value checked)."""
        fields: dict[str, Any] = {str(k): v for k, v in check_overrides(changes).items()}
        return replace(self, **fields)


if set(RULE_KEYS) != set(RuleKey) or {f.name for f in fields(RuleSet)} != set(RuleKey):
    raise RuntimeError("RULE_KEYS, RuleSet and vocabulary.RuleKey must name the same keys")


def _unknown_key(key: object) -> str:
    """The message for a rule key that is not one."""
    return _("unknown rule key {key}; allowed: {keys}").format(
        key=repr(key), keys=", ".join(RULE_KEYS)
    )


def _cannot_be(key: str, value: str) -> str:
    """The message for a value a rule key does not take."""
    return _("{key} cannot be {value}; allowed: {allowed}").format(
        key=key, value=value, allowed=allowed(RuleKey(key))
    )


def check_overrides(overrides: Mapping[str, Any]) -> dict[RuleKey, RuleValue]:
    """Checked, typed overrides from keys and values given by a caller; raises RuleError."""
    checked = {k: check_rule_value(k, v) for k, v in overrides.items()}  # unknown keys refused
    return {RuleKey(k): v for k, v in checked.items()}


def check_rule_value(key: str, value: Any) -> RuleValue:
    """``value`` typed for rule ``key``; raises RuleError unless it is allowed."""
    if key not in RULE_KEYS:
        raise RuleError(_unknown_key(key))
    ok = True
    if key == RuleKey.RULE14:
        ok = isinstance(value, str) and value in _RULE14
        if ok:
            return Rule14(value)
    elif key in (RuleKey.LIMITED_FORMAT, RuleKey.ARMED_ATTACK):
        ok = isinstance(value, bool)
    elif key == RuleKey.ROTATION:
        ok = isinstance(value, str) and value in _ROTATIONS
        if ok:
            return Rotation(value)
    elif key == RuleKey.QUORUM:
        ok = value is None or (
            isinstance(value, int | float) and not isinstance(value, bool) and 0 < value <= 1
        )
    elif key == RuleKey.ORDER:
        ok = value is None or (
            isinstance(value, tuple | list)
            and len(value) > 0
            and all(isinstance(c, str) and c in STATES for c in value)
        )
        if ok and value is not None:
            return tuple(value)
    elif key == RuleKey.DECISION:
        ok = isinstance(value, str) and value in _DECISIONS
        if ok:
            return DecisionRule(value)
    elif key == RuleKey.THRESHOLD:
        ok = isinstance(value, int | float) and not isinstance(value, bool) and 0 < value <= 1
    elif key == RuleKey.WEIGHTS:
        return _weights(value)
    elif key == RuleKey.RESPONSE_DAYS:
        ok = isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 365
    elif key == RuleKey.MISSION_DAYS:
        ok = isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 3650
    if not ok:
        raise RuleError(_cannot_be(key, words(value)))
    return cast(RuleValue, value)


def _weights(value: Any) -> Weights | None:
    """Weights as sorted (code, weight) pairs, each code a known state and each weight a
    positive finite number; raises RuleError otherwise."""
    if value is None:
        return None
    pairs = list(value.items()) if isinstance(value, Mapping) else value
    out: dict[str, float] = {}
    if not isinstance(pairs, list | tuple) or not pairs:
        raise RuleError(_cannot_be(RuleKey.WEIGHTS, words(value)))
    for pair in pairs:
        if not isinstance(pair, tuple | list) or len(pair) != 2:
            raise RuleError(_cannot_be(RuleKey.WEIGHTS, words(value)))
        code, w = pair
        if not isinstance(code, str) or code not in STATES:
            raise RuleError(
                _("weights name {code}, not a known member; allowed: {allowed}").format(
                    code=words(code), allowed=allowed(RuleKey.WEIGHTS)
                )
            )
        if (
            isinstance(w, bool)
            or not isinstance(w, int | float)
            or not 0 < w < float("inf")
            or code in out
        ):
            raise RuleError(
                _("the weight of {code} cannot be {value}; allowed: {allowed}").format(
                    code=code, value=words(w), allowed=allowed(RuleKey.WEIGHTS)
                )
            )
        out[code] = float(w)
    return tuple(sorted(out.items()))


def show_value(value: Any) -> str:
    """A rule value as a person writes it on the command line: true/false, none, 2/3 (not
    0.6666666666666666), ARM;BLR for an order, RUS:50,KAZ:15 for weights."""
    if isinstance(value, bool):
        return str(value).lower()
    if value is None:
        return "none"
    if isinstance(value, float):
        return str(Fraction(value).limit_denominator(1000))
    if isinstance(value, tuple):
        if all(isinstance(v, tuple) for v in value):  # weights
            return ",".join(f"{c}:{w:g}" for c, w in value)
        return ";".join(str(v) for v in value)
    return str(value)


def parse_rule_value(key: str, text: str) -> RuleValue:
    """Parse a ``--set KEY=VALUE`` string into a checked rule value."""
    if key not in RULE_KEYS:
        raise RuleError(_unknown_key(key))
    t = text.strip()
    value: Any = t
    if key in (RuleKey.LIMITED_FORMAT, RuleKey.ARMED_ATTACK):
        low = t.lower()
        if low not in ("true", "false", "yes", "no", "on", "off", "1", "0"):
            raise RuleError(_cannot_be(key, words(t)))
        value = low in ("true", "yes", "on", "1")
    elif key in (RuleKey.QUORUM, RuleKey.THRESHOLD):
        if key == RuleKey.QUORUM and t.lower() in ("none", "null", ""):
            value = None
        else:
            try:
                num, _, den = t.partition("/")
                value = float(num) / float(den) if den else float(num)
            except (ValueError, ZeroDivisionError):
                raise RuleError(_cannot_be(key, words(t))) from None
    elif key == RuleKey.WEIGHTS:
        pairs = []
        for part in (p.strip() for p in t.split(",") if p.strip()):
            code, sep, w = part.partition(":")
            try:
                weight = float(w)
            except ValueError:
                raise RuleError(_cannot_be(RuleKey.WEIGHTS, words(t))) from None
            if not sep:
                raise RuleError(_cannot_be(RuleKey.WEIGHTS, words(t)))
            pairs.append((code.strip().upper(), weight))
        value = pairs
    elif key in (RuleKey.RESPONSE_DAYS, RuleKey.MISSION_DAYS):
        try:
            value = int(t)
        except ValueError:
            raise RuleError(_cannot_be(key, words(t))) from None
    elif key == RuleKey.ORDER:
        value = tuple(c.strip().upper() for c in t.replace(";", ",").split(",") if c.strip())
    return check_rule_value(key, value)


def check_combination(rules: Overrides) -> None:
    """Raise RuleError where rule keys that are each allowed do not fit together."""
    if rules.get(RuleKey.ROTATION) == Rotation.ORDER and not rules.get(RuleKey.ORDER):
        raise RuleError("rotation 'order' needs order=CODE,CODE,...; allowed: give both")
    rotation = rules.get(RuleKey.ROTATION)
    if rules.get(RuleKey.ORDER) and rotation is not None and rotation != Rotation.ORDER:
        raise RuleError(
            f"an order is given but the rotation is {rotation}, which ignores it; allowed: "
            "rotation order (or no order)"
        )


def regime(day: date) -> tuple[bool, ...]:
    """Which side of each dated default ``day`` falls on: days with equal regimes have equal
    default rules, so a caller may remember ``rules_on`` per regime."""
    return (day >= LIMITED_FORMAT_FROM, day >= ALPHABET_ROTATION_FROM, day >= ARMED_ATTACK_FROM)


# The contested readings (design 5.4): the keys whose other values a whole-run comparison tries,
# and the day each is in force from (None: always; quorum is the what-if of rop.quorum).
CONTESTED: dict[RuleKey, date | None] = {
    RuleKey.RULE14: None,
    RuleKey.LIMITED_FORMAT: LIMITED_FORMAT_FROM,
    RuleKey.QUORUM: None,
    RuleKey.ARMED_ATTACK: ARMED_ATTACK_FROM,
}


def reading_applies(key: RuleKey, day: date, overrides: Overrides | None = None) -> bool:
    """Whether another reading of contested ``key`` can apply on ``day``: from the day its
    provision is in force, or on every day where the scenario sets the key itself."""
    since = CONTESTED[key]
    return since is None or day >= since or key in (overrides or {})


def rules_on(
    day: date, overrides: Overrides | None = None, readings: Overrides | None = None
) -> RuleSet:
    """The rules in force on ``day``: the dated defaults, then the (checked) overrides, then
    other readings of contested keys, each only where ``reading_applies``."""
    if readings:
        applied = {k: v for k, v in readings.items() if reading_applies(k, day, overrides)}
        overrides = {**(overrides or {}), **applied}
    base = RuleSet(
        limited_format=day >= LIMITED_FORMAT_FROM,
        rotation=Rotation.RUSSIAN_ALPHABET if day >= ALPHABET_ROTATION_FROM else Rotation.HOST,
        armed_attack=day >= ARMED_ATTACK_FROM,
    )
    changes: dict[str, Any] = {str(k): v for k, v in (overrides or {}).items()}
    if changes.get(RuleKey.ORDER) is not None:
        changes.setdefault("rotation", Rotation.ORDER)
    return replace(base, **changes) if changes else base
