"""Scenarios built in Python: the mapping a scenario file holds, checked as a file is
(assembled into ``cstosim.api``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cstosim.scenario import models as m

__all__ = ["item", "scenario", "session"]


def scenario(data: Mapping[str, Any], label: str = "<mapping>") -> m.Scenario:
    """A scenario from Python data shaped as a scenario file (dates as dates or ISO text),
    with every check the loader makes; raises ScenarioError whose problems name the path of
    keys (``<mapping>: events[0].date: ...``), and so does compiling it (``plan``, ``run``)."""
    from cstosim.scenario.load import scenario_from_data

    return scenario_from_data(dict(data) if isinstance(data, Mapping) else data, label)


def session(
    day: Any,
    *items: Mapping[str, Any],
    body: str = "CSC",
    host: str | None = None,
    extraordinary: bool = False,
) -> dict[str, Any]:
    """A session event for ``api.scenario``: its date, body and items (see ``item``)."""
    ev: dict[str, Any] = {"date": day, "type": "session", "body": body, "items": list(items)}
    if host is not None:
        ev["host"] = host
    if extraordinary:
        ev["extraordinary"] = True
    return ev


def item(item_id: str, kind: str = "decision", **positions: Any) -> dict[str, Any]:
    """An agenda item for ``session``: its id and each member's position, or probabilities
    as a mapping (``item("budget", ARM={"stand_aside": 0.75, "object": 0.25})``)."""
    out: dict[str, Any] = {"id": item_id, "positions": positions}
    if kind != "decision":
        out["kind"] = kind
    return out
