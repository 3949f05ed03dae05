"""Messages for scenario mistakes: where a pydantic error lies in the file, and what to say.

Each message says what is wrong and what is allowed, in the words of a scenario author: a
value is shown as the file would write it (``nothing (null)``, ``true``, a number with all its
digits, a date as YYYY-MM-DD), never as a Python repr, and text with anything that is not
printable ASCII as \\uXXXX, so that a Cyrillic look-alike does not print like a Latin code.
"""

from __future__ import annotations

import datetime as dt
import difflib
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from cstosim.i18n import N_, _
from cstosim.scenario import models as m
from cstosim.scenario.yamlpos import non_latin, shown
from cstosim.vocabulary import EventType

__all__ = ["KeyPath", "data_path", "describe", "kind_of", "suggest"]

KeyPath = tuple[str | int, ...]
MAX_SUGGEST = 500  # "did you mean" looks among at most this many names
_EVENT_TYPES = [t.value for t in EventType]


def _keys_of(model: type[BaseModel]) -> list[str]:
    """The keys a model accepts, by their names in files."""
    return [f.alias or name for name, f in model.model_fields.items()]


def _model_at(path: KeyPath, data: Any) -> type[BaseModel] | None:
    """Which model governs the mapping at ``path`` of the loaded data."""
    if path == ():
        return m.Scenario
    if path == ("rules",):
        return m.Rules
    if len(path) == 2 and path[0] == "expect":
        return m.Expectation
    if len(path) >= 2 and path[0] == "events":
        try:
            ev = data["events"][path[1]]
        except (KeyError, IndexError, TypeError):
            return None
        if len(path) == 2:
            if not isinstance(ev, dict) or ev.get("type") not in _EVENT_TYPES:
                return None
            return m.EVENT_MODELS[EventType(ev["type"])]
        if len(path) == 4 and path[2] == "items":
            return m.Item
    return None


def data_path(loc: tuple[str | int, ...], data: Any) -> tuple[KeyPath, bool]:
    """Map a pydantic error location onto a path in the data; True if it names a dict key."""
    path: list[str | int] = []
    node = data
    is_key = False
    for part in loc:
        if part == "[key]":
            is_key = True
            continue
        if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            path.append(part)
            node = node[part]
        elif isinstance(node, dict) and isinstance(part, str):
            if part in node:
                path.append(part)
                node = node[part]
            elif part.endswith("_") and part[:-1] in node:  # from_ is 'from' in files
                path.append(part[:-1])
                node = node[part[:-1]]
            elif part in _EVENT_TYPES or part.startswith("function-"):
                continue  # a union tag or validator name, not a place in the file
            else:
                path.append(part)  # a missing key: point at its mapping
                node = None
        # anything else is a pydantic-internal step
    return tuple(path), is_key


def suggest(word: str, allowed: list[str]) -> str:
    """' (did you mean ...?)' for the closest allowed word, or nothing."""
    if len(allowed) > MAX_SUGGEST:
        return ""
    close = difflib.get_close_matches(word, allowed, n=1, cutoff=0.6)
    return " " + _("(did you mean {word}?)").format(word=shown(close[0])) if close else ""


def describe(err: ErrorDetails, data: Any, path: KeyPath) -> str:
    """A message that says what is wrong and what is allowed."""
    kind = err["type"]
    value = err.get("input")
    ctx = err.get("ctx") or {}
    if kind == "extra_forbidden":
        key = path[-1]
        model = _model_at(path[:-1], data)
        allowed = _keys_of(model) if model else []
        said = _("unknown key {key}").format(key=shown(str(key)) + non_latin(str(key)))
        if not allowed:
            return said
        if model is not None:
            said = _("{said} in {where}").format(said=said, where=_label(model, path[:-1]))
        return _("{said}{suggestion}; allowed: {allowed}").format(
            said=said, suggestion=suggest(str(key), allowed), allowed=", ".join(allowed)
        )
    if kind == "missing":
        key = path[-1]
        model = _model_at(path[:-1], data)
        label = _label(model, path[:-1]) if model else _("this mapping")
        return _("missing required key {key}: {label} needs it").format(
            key=shown(str(key)), label=label
        )
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        types = ", ".join(_EVENT_TYPES)
        if kind == "union_tag_not_found":
            return _("an event needs 'type'; allowed: {types}").format(types=types)
        tag = value.get("type") if isinstance(value, dict) else ctx.get("tag")
        return _("unknown event type {tag}{suggestion}; allowed: {types}").format(
            tag=shown(tag) + _note(tag), suggestion=suggest(str(tag), _EVENT_TYPES), types=types
        )
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace("'", "")
        return _("{value} is not allowed here{note}; allowed: {expected}").format(
            value=shown(value), note=_note(value), expected=expected
        )
    if kind in (
        "date_type",
        "date_parsing",
        "date_from_datetime_inexact",
        "date_from_datetime_parsing",
    ):
        if hasattr(value, "hour"):
            return _("{value} has a time of day; dates are written YYYY-MM-DD").format(
                value=value.isoformat(sep=" ")
            )
        return _("{value} is not a date; dates are written YYYY-MM-DD").format(
            value=_as_read(value)
        )
    if kind == "bool_type":
        return _("{value} is not true or false; allowed: true, false").format(value=_as_read(value))
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return _("{value} is not a whole number; allowed: a whole number").format(
            value=_as_read(value)
        )
    if kind in ("float_type", "float_parsing", "finite_number"):
        return _("{value} is not a number; allowed: a number").format(value=_as_read(value))
    if kind in ("string_type",):
        if value is None or isinstance(value, list | dict):
            return _("{kind} where text was expected; allowed: text").format(kind=kind_of(value))
        return _("{value} was read as {kind}, not text; put it in quotes if you mean text").format(
            value=shown(value), kind=kind_of(value)
        )
    if kind == "string_pattern_mismatch":
        if path and path[-1] in ("host", "from"):
            return _(
                "{value} is not a state code{note}; allowed: three capital letters such as RUS"
            ).format(value=shown(value), note=_note(value))
        return _("{value} is not a valid id{note}; allowed: letters, digits and _ . : -").format(
            value=shown(value), note=_note(value)
        )
    if kind in ("list_type",):
        return _("expected a list such as [ARM, BLR], not {kind}").format(kind=kind_of(value))
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return _("expected a mapping of keys to values, not {kind}").format(kind=kind_of(value))
    if kind in ("too_long",):
        return _("too many entries; allowed: at most {n}").format(n=ctx.get("max_length"))
    if kind == "string_too_short":
        return _("must not be empty")
    if kind == "string_too_long":
        return _("too long; allowed: at most {n} characters").format(n=ctx.get("max_length"))
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        bounds = err["msg"].lower().replace("input should be", "allowed:")
        return _("{value} is out of range; {bounds}").format(value=shown(value), bounds=bounds)
    msg = err["msg"]
    return msg.removeprefix("Value error, ")


def _label(model: type[BaseModel], path: KeyPath) -> str:
    """How to name the mapping a model governs: 'the scenario', 'an agenda item', ..."""
    fixed: dict[type[BaseModel], str] = {
        m.Scenario: N_("the scenario"),
        m.Rules: N_("the rules mapping"),
        m.Expectation: N_("an expectation"),
        m.Item: N_("an agenda item"),
        m.RequestAssistance: N_("a request_assistance event"),
        m.Accede: N_("an accede event"),
    }
    if model in fixed:
        return _(fixed[model])
    return _("a {type} event").format(type=model.__name__.lower())


def kind_of(value: Any) -> str:
    """How to name the kind of a value a file gave: 'a list', 'text', 'nothing (null)'..."""
    if value is None:
        return _("nothing (null)")
    if isinstance(value, dt.datetime):
        return _("a date and time")
    if isinstance(value, dt.date):
        return _("a date")
    kinds = {
        list: N_("a list"),
        dict: N_("a mapping"),
        str: N_("text"),
        int: N_("a number"),
        float: N_("a number"),
        bool: N_("true/false"),
    }
    found = kinds.get(type(value))
    return _(found) if found else f"a {type(value).__name__}"


def _as_read(value: Any) -> str:
    """A value shown, with how YAML read it when that is not text: "2022 (a number)"."""
    if isinstance(value, str) or value is None:
        return shown(value) + _note(value)
    if isinstance(value, list | dict):
        return kind_of(value)
    return f"{shown(value)} ({kind_of(value)})"


def _note(value: Any) -> str:
    """' (it has non-Latin letters)' for text with letters outside ASCII."""
    return non_latin(value) if isinstance(value, str) else ""
