"""Load and check scenario files, reporting every mistake as ``FILE:LINE:COL: message``."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from cstosim.rules.membership import withdrawal_effective
from cstosim.scenario import models as m
from cstosim.scenario.yamlpos import MAX_BYTES, Located, Pos, YamlError, load

__all__ = ["Problem", "ScenarioError", "load_scenario", "parse_scenario"]

MAX_PROBLEMS = 20
EARLIEST = date(1900, 1, 1)  # scenario dates are kept in a range where date arithmetic is safe
LATEST = date(8999, 12, 31)
MAX_SUGGEST = 500  # "did you mean" looks among at most this many names


@dataclass(frozen=True)
class Problem:
    """One mistake in a file: where it is and what is wrong and allowed."""

    file: str
    pos: Pos
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.pos.line}:{self.pos.col}: {self.message}"


class ScenarioError(ValueError):
    """A scenario file with one or more mistakes."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


_EVENT_MODELS: dict[str, type[BaseModel]] = {
    "session": m.Session,
    "request_assistance": m.RequestAssistance,
    "join": m.Join,
    "withdraw": m.Withdraw,
    "suspend": m.Suspend,
    "freeze": m.Freeze,
    "unfreeze": m.Unfreeze,
    "accede": m.Accede,
}


def _keys_of(model: type[BaseModel]) -> list[str]:
    """The keys a model accepts, by their names in files."""
    return [f.alias or name for name, f in model.model_fields.items()]


def _model_at(path: tuple, data: Any) -> type[BaseModel] | None:
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
            return _EVENT_MODELS.get(ev.get("type")) if isinstance(ev, dict) else None
        if len(path) == 4 and path[2] == "items":
            return m.Item
    return None


def _data_path(loc: tuple, data: Any) -> tuple[tuple, bool]:
    """Map a pydantic error location onto a path in the data; True if it names a dict key."""
    path: list = []
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
            elif part in _EVENT_MODELS or part.startswith("function-"):
                continue  # a union tag or validator name, not a place in the file
            else:
                path.append(part)  # a missing key: point at its mapping
                node = None
        # anything else is a pydantic-internal step
    return tuple(path), is_key


def _suggest(word: str, allowed: list[str]) -> str:
    if len(allowed) > MAX_SUGGEST:
        return ""
    close = difflib.get_close_matches(word, allowed, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _describe(err: dict, data: Any, path: tuple) -> str:
    """A message that says what is wrong and what is allowed."""
    kind = err["type"]
    value = err.get("input")
    ctx = err.get("ctx") or {}
    if kind == "extra_forbidden":
        key = path[-1]
        model = _model_at(path[:-1], data)
        allowed = _keys_of(model) if model else []
        where = "" if model is None else f" in {_label(model, path[:-1])}"
        return (
            f"unknown key {key!r}{where}{_suggest(str(key), allowed)}; allowed: "
            + ", ".join(allowed)
            if allowed
            else f"unknown key {key!r}"
        )
    if kind == "missing":
        key = path[-1]
        model = _model_at(path[:-1], data)
        label = _label(model, path[:-1]) if model else "this mapping"
        return f"missing required key {key!r}: {label} needs it"
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        allowed = ", ".join(m.EVENT_TYPES)
        if kind == "union_tag_not_found":
            return f"an event needs 'type'; allowed: {allowed}"
        tag = str(ctx.get("tag"))
        return f"unknown event type {tag!r}{_suggest(tag, list(m.EVENT_TYPES))}; allowed: {allowed}"
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace("'", "")
        return f"{value!r} is not allowed here; allowed: {expected}"
    if kind in (
        "date_type",
        "date_parsing",
        "date_from_datetime_inexact",
        "date_from_datetime_parsing",
    ):
        if hasattr(value, "hour"):
            return f"{value.isoformat(sep=' ')} has a time of day; dates are written YYYY-MM-DD"
        return f"{value!r} is not a date; dates are written YYYY-MM-DD"
    if kind == "bool_type":
        return f"{value!r} is not true or false; allowed: true, false"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"{value!r} is not a whole number; allowed: a whole number"
    if kind in ("float_type", "float_parsing"):
        return f"{value!r} is not a number; allowed: a number"
    if kind in ("string_type",):
        return f"{value!r} is not text; allowed: text"
    if kind == "string_pattern_mismatch":
        if path and path[-1] in ("host", "from"):
            return f"{value!r} is not a state code; allowed: three capital letters such as RUS"
        return f"{value!r} is not a valid id; allowed: letters, digits and _ . : -"
    if kind in ("list_type",):
        return f"expected a list such as [ARM, BLR], not {type(value).__name__}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"expected a mapping of keys to values, not {_kind(value)}"
    if kind in ("too_long",):
        return f"too many entries; allowed: at most {ctx.get('max_length')}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"too long; allowed: at most {ctx.get('max_length')} characters"
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        allowed = err["msg"].lower().replace("input should be", "allowed:")
        return f"{value!r} is out of range; {allowed}"
    msg = err["msg"]
    return msg.removeprefix("Value error, ")


def _label(model: type[BaseModel], path: tuple) -> str:
    """How to name the mapping a model governs: 'the scenario', 'an agenda item', ..."""
    fixed = {
        m.Scenario: "the scenario",
        m.Rules: "the rules mapping",
        m.Expectation: "an expectation",
        m.Item: "an agenda item",
        m.RequestAssistance: "a request_assistance event",
        m.Accede: "an accede event",
    }
    return fixed.get(model, f"a {model.__name__.lower()} event")


def _kind(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    return {
        list: "a list",
        str: "text",
        int: "a number",
        float: "a number",
        bool: "true/false",
    }.get(type(value), type(value).__name__)


def _semantic(sc: m.Scenario) -> list[tuple[tuple, bool, str]]:
    """Checks across fields: dates within the scenario, unique and known ids."""
    out: list[tuple[tuple, bool, str]] = []
    span = f"{sc.start.isoformat()}..{sc.end.isoformat()}"

    def inside(d: date) -> bool:
        return sc.start <= d <= sc.end

    if not (sc.start >= EARLIEST and sc.end <= LATEST):
        where = ("start",) if sc.start < EARLIEST else ("end",)
        out.append(
            (
                where,
                False,
                f"dates run from {EARLIEST.isoformat()} to "
                f"{LATEST.isoformat()}; allowed: a scenario within them",
            )
        )
        return out
    if sc.end < sc.start:
        out.append(
            (
                ("end",),
                False,
                f"end {sc.end.isoformat()} is before start "
                f"{sc.start.isoformat()}; end must not be before start",
            )
        )
        return out
    if sc.end.year - sc.start.year > m.MAX_YEARS:
        out.append(
            (
                ("end",),
                False,
                f"the scenario spans more than {m.MAX_YEARS} years; allowed: at most {m.MAX_YEARS}",
            )
        )
        return out
    if sc.members is not None:
        seen: set[str] = set()
        for i, code in enumerate(sc.members):
            if code in seen:
                out.append(
                    (("members", i), False, f"{code} is listed twice; list each member once")
                )
            seen.add(code)
        if not sc.members:
            out.append((("members",), False, "no members; list at least one member code"))
    if sc.chair is not None and sc.members is not None and sc.chair not in sc.members:
        out.append(
            (
                ("chair",),
                False,
                f"{sc.chair} is not among members; allowed: " + ", ".join(sc.members),
            )
        )
    order = sc.rules.order or []
    if len(set(order)) != len(order):
        out.append((("rules", "order"), False, "a member is listed twice; list each member once"))

    ids: dict[str, tuple] = {}
    requests: set[str] = set()
    n_items = 0
    for i, ev in enumerate(sc.events):
        if not inside(ev.date):
            out.append(
                (
                    (("events", i, "date")),
                    False,
                    f"{ev.date.isoformat()} is outside the scenario; allowed: {span}",
                )
            )
        if isinstance(ev, m.Session):
            for j, item in enumerate(ev.items):
                n_items += 1
                here = ("events", i, "items", j, "id")
                if item.id in ids:
                    out.append((here, False, f"item id {item.id!r} is used twice; ids are unique"))
                ids.setdefault(item.id, here)
                if item.from_ is not None and not inside(item.from_):
                    out.append(
                        (
                            ("events", i, "items", j, "from"),
                            False,
                            f"{item.from_.isoformat()} is outside the scenario; allowed: {span}",
                        )
                    )
        elif isinstance(ev, m.RequestAssistance):
            n_items += 1
            here = ("events", i, "id") if ev.id else ("events", i, "by")
            if ev.item_id in ids:
                out.append((here, False, f"item id {ev.item_id!r} is used twice; ids are unique"))
            ids.setdefault(ev.item_id, here)
            requests.add(ev.item_id)
        elif isinstance(ev, m.Withdraw) and ev.effective is not None:
            earliest = withdrawal_effective(ev.date)
            if ev.effective > LATEST:
                out.append(
                    (
                        ("events", i, "effective"),
                        False,
                        f"dates run to {LATEST.isoformat()}; allowed: an earlier date",
                    )
                )
            elif ev.effective < earliest:
                out.append(
                    (
                        ("events", i, "effective"),
                        False,
                        "a withdrawal takes effect no earlier than six months after notice "
                        f"(charter.19); allowed: {earliest.isoformat()} or later",
                    )
                )
    if n_items > m.MAX_ITEMS:
        out.append(((), False, f"{n_items} items; allowed: at most {m.MAX_ITEMS}"))
    for i, ev in enumerate(sc.events):
        if isinstance(ev, m.Accede) and ev.item not in ids:
            out.append(
                (
                    ("events", i, "item"),
                    False,
                    f"no item {ev.item!r} in this file{_suggest(ev.item, list(ids))}; "
                    "allowed: an item id from this file",
                )
            )
        if isinstance(ev, m.Session):
            for j, item in enumerate(ev.items):
                if item.kind == "end_mission" and item.mission not in requests:
                    out.append(
                        (
                            ("events", i, "items", j, "mission"),
                            False,
                            f"no request {item.mission!r} in this file; allowed: "
                            + (", ".join(sorted(requests)) or "the id of a request_assistance"),
                        )
                    )
    for k, ex in enumerate(sc.expect):
        if ex.item is not None and ex.item not in ids:
            out.append(
                (
                    ("expect", k, "item"),
                    False,
                    f"no item {ex.item!r} in this file{_suggest(ex.item, list(ids))}; "
                    "allowed: an item id from this file",
                )
            )
        if ex.date is not None and not inside(ex.date):
            out.append(
                (
                    ("expect", k, "date"),
                    False,
                    f"{ex.date.isoformat()} is outside the scenario; allowed: {span}",
                )
            )
    return out


def parse_scenario(text: str, filename: str = "<scenario>") -> tuple[m.Scenario, Located]:
    """Parse and check scenario text; raises ScenarioError listing every problem found."""
    try:
        located = load(text)
    except YamlError as e:
        raise ScenarioError([Problem(filename, e.pos, e.message)]) from None
    data = located.data
    if not isinstance(data, dict):
        raise ScenarioError(
            [
                Problem(
                    filename,
                    located.where(()),
                    f"the top level is {_kind(data)}; a scenario is a mapping "
                    "with name, start, end, ...",
                )
            ]
        )
    try:
        sc = m.Scenario.model_validate(data)
    except ValidationError as e:
        problems = []
        for err in e.errors(include_url=False):
            path, is_key = _data_path(err["loc"], data)
            key = is_key or err["type"] == "extra_forbidden"
            if err["type"] == "union_tag_invalid":
                path = (*path, "type")
            if err["type"] == "missing":
                pos = located.where(path[:-1])
            else:
                pos = located.where(path, key=key)
            problems.append(Problem(filename, pos, _describe(err, data, path)))
        problems.sort(key=lambda p: (p.pos.line, p.pos.col))
        raise ScenarioError(_dedupe(problems)[:MAX_PROBLEMS]) from None
    issues = _semantic(sc)
    if issues:
        problems = [Problem(filename, located.where(p, key=k), msg) for p, k, msg in issues]
        problems.sort(key=lambda p: (p.pos.line, p.pos.col))
        raise ScenarioError(_dedupe(problems)[:MAX_PROBLEMS])
    return sc, located


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen: set[str] = set()
    out = []
    for p in problems:
        if str(p) not in seen:
            seen.add(str(p))
            out.append(p)
    return out


def load_scenario(path: str | Path) -> tuple[m.Scenario, Located]:
    """Read, parse and check a scenario file; raises ScenarioError."""
    name = str(path)
    p = Path(path)
    try:
        if p.is_dir():
            raise ScenarioError([Problem(name, Pos(1, 1), "is a directory; give a .yaml file")])
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise ScenarioError(
                [
                    Problem(
                        name, Pos(1, 1), f"the file is {size} bytes; allowed: at most {MAX_BYTES}"
                    )
                ]
            )
        with p.open("rb") as fh:  # bounded: a device or pipe may never end
            raw = fh.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            raise ScenarioError(
                [
                    Problem(
                        name,
                        Pos(1, 1),
                        f"more than {MAX_BYTES} bytes; allowed: at most {MAX_BYTES}",
                    )
                ]
            )
    except OSError as e:
        raise ScenarioError([Problem(name, Pos(1, 1), f"cannot read: {e.strerror or e}")]) from None
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise ScenarioError(
            [
                Problem(
                    name,
                    Pos(line, 1),
                    "a NUL byte: this is not a text file; scenarios are UTF-8 YAML",
                )
            ]
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        col = e.start - (raw.rfind(b"\n", 0, e.start) + 1) + 1
        raise ScenarioError(
            [Problem(name, Pos(line, col), "bytes that are not UTF-8; scenarios are UTF-8 text")]
        ) from None
    return parse_scenario(text, name)
