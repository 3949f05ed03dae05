"""Load and check scenario files, reporting every mistake as ``FILE:LINE:COL: message``."""

from __future__ import annotations

import copy
import difflib
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from cstosim.errors import Pos, Problem, ScenarioError
from cstosim.i18n import _
from cstosim.io import STDIN, InputError, read_input
from cstosim.scenario import models as m
from cstosim.scenario.messages import KeyPath, data_path, describe, kind_of, suggest
from cstosim.scenario.yamlpos import MAX_BYTES, Located, YamlError, load
from cstosim.vocabulary import EventType, ItemKind

__all__ = ["Problem", "ScenarioError", "load_scenario", "parse_scenario"]

MAX_PROBLEMS = 20
EARLIEST = date(1900, 1, 1)  # scenario dates are kept in a range where date arithmetic is safe
LATEST = date(8999, 12, 31)


def top_level(data: Any) -> str:
    """What to say when a file's top level is not a mapping."""
    return _("the top level is {kind}; a scenario is a mapping with name, start, end, ...").format(
        kind=kind_of(data)
    )


def _semantic(sc: m.Scenario) -> list[tuple[KeyPath, bool, str]]:
    """Checks across fields: dates within the scenario, unique and known ids."""
    out: list[tuple[KeyPath, bool, str]] = []
    span = f"{sc.start.isoformat()}..{sc.end.isoformat()}"

    def inside(d: date) -> bool:
        return sc.start <= d <= sc.end

    def outside(d: date) -> str:
        return _("{date} is outside the scenario; allowed: {span}").format(
            date=d.isoformat(), span=span
        )

    def twice(item_id: str) -> str:
        return _("item id {id} is used twice; ids are unique").format(id=repr(item_id))

    def no_item(item_id: str) -> str:
        return _(
            "no item {id} in this file{suggestion}; allowed: an item id from this file"
        ).format(id=repr(item_id), suggestion=suggest(item_id, list(ids)))

    if not (sc.start >= EARLIEST and sc.end <= LATEST):
        where = ("start",) if sc.start < EARLIEST else ("end",)
        out.append(
            (
                where,
                False,
                _("dates run from {first} to {last}; allowed: a scenario within them").format(
                    first=EARLIEST.isoformat(), last=LATEST.isoformat()
                ),
            )
        )
        return out
    if sc.end < sc.start:
        out.append(
            (
                ("end",),
                False,
                _("end {end} is before start {start}; end must not be before start").format(
                    end=sc.end.isoformat(), start=sc.start.isoformat()
                ),
            )
        )
        return out
    if sc.end.year - sc.start.year > m.MAX_YEARS:
        out.append(
            (
                ("end",),
                False,
                _("the scenario spans more than {n} years; allowed: at most {n}").format(
                    n=m.MAX_YEARS
                ),
            )
        )
        return out
    if sc.members is not None:
        seen: set[str] = set()
        for i, code in enumerate(sc.members):
            if code in seen:
                said = _("{code} is listed twice; list each member once").format(code=code)
                out.append((("members", i), False, said))
            seen.add(code)
        if not sc.members:
            out.append((("members",), False, _("no members; list at least one member code")))
    if sc.chair is not None and sc.members is not None and sc.chair not in sc.members:
        out.append(
            (
                ("chair",),
                False,
                _("{code} is not among members; allowed: {members}").format(
                    code=sc.chair, members=", ".join(sc.members)
                ),
            )
        )
    order = sc.rules.order or []
    if len(set(order)) != len(order):
        said = _("a member is listed twice; list each member once")
        out.append((("rules", "order"), False, said))

    ids: dict[str, KeyPath] = {}
    session_ids: set[str] = set()
    requests: set[str] = set()
    n_items = 0
    for i, ev in enumerate(sc.events):
        if not inside(ev.date):
            out.append(
                (
                    (("events", i, "date")),
                    False,
                    outside(ev.date),
                )
            )
        if isinstance(ev, m.Session):
            if ev.id is not None:
                if ev.id in session_ids:
                    out.append(
                        (
                            ("events", i, "id"),
                            False,
                            _("session id {id} is used twice; ids are unique").format(
                                id=repr(ev.id)
                            ),
                        )
                    )
                session_ids.add(ev.id)
            for j, item in enumerate(ev.items):
                n_items += 1
                here: KeyPath = ("events", i, "items", j, "id")
                if item.id in ids:
                    out.append((here, False, twice(item.id)))
                ids.setdefault(item.id, here)
                if item.from_ is not None and not inside(item.from_):
                    out.append(
                        (
                            ("events", i, "items", j, "from"),
                            False,
                            outside(item.from_),
                        )
                    )
        elif isinstance(ev, m.RequestAssistance):
            n_items += 1
            here = ("events", i, "id") if ev.id else ("events", i, "by")
            if ev.item_id in ids:
                out.append((here, False, twice(ev.item_id)))
            ids.setdefault(ev.item_id, here)
            requests.add(ev.item_id)
        elif isinstance(ev, m.Withdraw) and ev.effective is not None and ev.effective > LATEST:
            out.append(
                (
                    ("events", i, "effective"),
                    False,
                    _("dates run to {last}; allowed: an earlier date").format(
                        last=LATEST.isoformat()
                    ),
                )
            )
    if n_items > m.MAX_ITEMS:
        said = _("{n} items; allowed: at most {most}").format(n=n_items, most=m.MAX_ITEMS)
        out.append(((), False, said))
    for i, ev in enumerate(sc.events):
        if isinstance(ev, m.Accede) and ev.item not in ids:
            out.append(
                (
                    ("events", i, "item"),
                    False,
                    no_item(ev.item),
                )
            )
        if isinstance(ev, m.Session):
            for j, item in enumerate(ev.items):
                if item.kind == ItemKind.END_MISSION and item.mission not in requests:
                    out.append(
                        (
                            ("events", i, "items", j, "mission"),
                            False,
                            _("no request {id} in this file; allowed: {allowed}").format(
                                id=repr(item.mission),
                                allowed=", ".join(sorted(requests))
                                or _("the id of a request_assistance"),
                            ),
                        )
                    )
    for k, ex in enumerate(sc.expect):
        if ex.item is not None and ex.item not in ids:
            out.append(
                (
                    ("expect", k, "item"),
                    False,
                    no_item(ex.item),
                )
            )
        if ex.date is not None and not inside(ex.date):
            out.append(
                (
                    ("expect", k, "date"),
                    False,
                    outside(ex.date),
                )
            )
    return out


def _checked(data: Any, filename: str, located: Located | None) -> m.Scenario:
    """The scenario in ``data``, with every check of the loader; each problem is located in
    the file (``located``), or by its path of keys where there is no file."""

    def problem(
        path: tuple[str | int, ...], msg: str, *, key: bool = False, up: bool = False
    ) -> Problem:
        if located is None:
            return Problem(filename, Pos(0, 0), msg, path=path)
        return Problem(filename, located.where(path[:-1] if up else path, key=key), msg)

    try:
        sc = m.Scenario.model_validate(data)
    except ValidationError as e:
        problems = []
        for err in e.errors(include_url=False):
            path, is_key = data_path(err["loc"], data)
            key = is_key or err["type"] == "extra_forbidden"
            if err["type"] == "union_tag_invalid":
                path = (*path, "type")
                for sub, msg, kind in _as_closest_type(data, path[:-1]):
                    at_key = kind == "extra_forbidden"
                    problems.append(problem(sub, msg, key=at_key, up=kind == "missing"))
            msg = describe(err, data, path)
            problems.append(problem(path, msg, key=key, up=err["type"] == "missing"))
        raise ScenarioError(_sorted(problems)) from None
    issues = _semantic(sc)
    if issues:
        raise ScenarioError(_sorted([problem(p, msg, key=k) for p, k, msg in issues]))
    return sc


def _as_closest_type(data: Any, path: KeyPath) -> list[tuple[KeyPath, str, str]]:
    """An event whose type is unknown, checked as the closest known type would be, so that
    its other mistakes show in the same pass as the type's: (path, message, error type)."""
    event: Any = data
    for part in path:
        event = event[part]
    if not isinstance(event, dict):
        return []
    close = difflib.get_close_matches(str(event.get("type")), list(m.EVENT_MODELS), n=1)
    if not close:
        return []
    read_as = {**event, "type": close[0]}
    try:
        m.EVENT_MODELS[EventType(close[0])].model_validate(read_as)
    except ValidationError as e:
        corrected = _replaced(data, path, read_as)  # messages name the type read
        out = []
        for err in e.errors(include_url=False):
            sub, _is_key = data_path(err["loc"], read_as)
            full = (*path, *sub)
            msg = _("{message} (read as a {type} event)").format(
                message=describe(err, corrected, full), type=close[0]
            )
            out.append((full, msg, err["type"]))
        return out
    return []


def _replaced(data: Any, path: KeyPath, value: Any) -> Any:
    """A shallow copy of ``data`` with the value at ``path`` replaced."""
    if not path:
        return value
    head, *rest = path
    copy_ = list(data) if isinstance(data, list) else dict(data)
    copy_[head] = _replaced(data[head], tuple(rest), value)  # type: ignore[index]
    return copy_


def _sorted(problems: list[Problem]) -> list[Problem]:
    problems.sort(key=lambda p: (p.pos.line, p.pos.col))
    return _dedupe(problems)[:MAX_PROBLEMS]


def scenario_from_data(data: Any, label: str = "<mapping>") -> m.Scenario:
    """A scenario from Python data (a mapping as a YAML file would hold), with every check
    of the loader; raises ScenarioError whose problems name the path of keys."""
    if not isinstance(data, dict):
        raise ScenarioError(
            [
                Problem(
                    label,
                    Pos(0, 0),
                    top_level(data),
                    path=(),
                )
            ]
        )
    sc = _checked(copy.deepcopy(data), label, None)
    sc.locate(label, None)  # no file: compiling's problems name their path of keys
    return sc


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
                    top_level(data),
                )
            ]
        )
    sc = _checked(data, filename, located)
    sc.locate(filename, located)
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
    """Read, parse and check a scenario file (``-``: standard input); raises ScenarioError.

    Only a regular file is read, or standard input, at most MAX_BYTES of it and within
    ``cstosim.io.STDIN_TIMEOUT`` seconds; a pipe, device or socket named as a file is refused.
    """
    name, text = read_scenario_text(path)
    return parse_scenario(text, name)


def read_scenario_text(path: str | Path) -> tuple[str, str]:
    """The name and UTF-8 text of a scenario file (``-``: standard input), read as
    ``load_scenario`` reads it; raises ScenarioError."""
    name = "<stdin>" if str(path) == STDIN else str(path)
    try:
        raw = read_input(path, limit=MAX_BYTES)
    except InputError as e:
        raise ScenarioError([Problem(name, Pos(1, 1), e.reason)]) from None
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
    return name, text
