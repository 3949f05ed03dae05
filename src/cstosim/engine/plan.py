"""Compile a validated scenario into plain data the engine runs from (no pydantic at run time)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from cstosim.history import chair_on
from cstosim.members import HISTORY, Status, frozen_positions, members_on
from cstosim.rules.rotation import next_in_turn
from cstosim.rules.ruleset import (
    RuleError,
    RuleSet,
    check_combination,
    check_rule_value,
    regime,
    rules_on,
)
from cstosim.scenario import models as m

__all__ = ["Plan", "PlanError", "compile_scenario"]

PositionSpec = str | tuple[tuple[str, float], ...]


class PlanError(ValueError):
    """A scenario that is valid as a file but cannot run under the rules given."""

    def __init__(self, message: str, path: tuple = ()) -> None:
        super().__init__(message)
        self.message = message
        self.path = path


@dataclass(frozen=True, slots=True)
class PItem:
    """An agenda item, compiled."""

    id: str
    kind: str
    positions: dict[str, PositionSpec]
    member: str | None = None
    from_day: date | None = None
    mission: str | None = None
    title: str | None = None
    replaces_next: bool = False


@dataclass(frozen=True, slots=True)
class PEvent:
    """A scenario event, compiled; ``index`` is its place in the file."""

    index: int
    day: date
    type: str
    data: dict[str, Any] = field(default_factory=dict)
    items: tuple[PItem, ...] = ()


@dataclass(frozen=True)
class Plan:
    """Everything a run needs, as plain data."""

    name: str
    description: str
    start: date
    end: date
    seed: int
    overrides: dict[str, Any]
    status: dict[str, Status]
    frozen: dict[str, str]
    chair: str | None
    events: tuple[PEvent, ...]
    expect: tuple[dict[str, Any], ...]
    _rules: dict[tuple[bool, ...], RuleSet] = field(default_factory=dict, compare=False, repr=False)

    def rules_on(self, day: date) -> RuleSet:
        """The rules in force on ``day`` under this plan's overrides."""
        key = regime(day)
        rs = self._rules.get(key)
        if rs is None:
            rs = self._rules[key] = rules_on(day, self.overrides)
        return rs

    def offset(self, day: date) -> int:
        """Days from the start."""
        return (day - self.start).days

    def day(self, offset: float) -> date:
        """The date ``offset`` days after the start."""
        return self.start + timedelta(days=int(offset))


def _spec(value: Any) -> PositionSpec:
    """A position, or (position, probability) pairs in the design's order."""
    if isinstance(value, dict):
        return tuple((k, float(p)) for k, p in value.items())
    return str(value)


def _positions(d: dict[str, Any]) -> dict[str, PositionSpec]:
    return {k: _spec(v) for k, v in sorted(d.items())}


MEMBERSHIP_EVENTS = (m.Join, m.Withdraw, m.Suspend, m.Freeze, m.Unfreeze)


def follows_history(sc: m.Scenario) -> bool:
    """Whether a run applies the built-in membership history after the start date.

    It does unless the file lists its own ``members`` or has membership events or items of its
    own (join, withdraw, suspend, freeze, unfreeze; suspension or admission items): then the
    file tells the membership story after the start.
    """
    if sc.members is not None:
        return False
    for ev in sc.events:
        if isinstance(ev, MEMBERSHIP_EVENTS):
            return False
        if isinstance(ev, m.Session) and any(
            it.kind in ("suspension", "admission") for it in ev.items
        ):
            return False
    return True


def compile_scenario(
    sc: m.Scenario, *, overrides: dict[str, Any] | None = None, seed: int | None = None
) -> Plan:
    """The plan of a validated scenario, with ``--set`` overrides and ``--seed`` applied."""
    merged = sc.rules.overrides()
    if merged.get("order") is not None:
        merged["order"] = tuple(merged["order"])
    for k, v in (overrides or {}).items():
        try:
            check_rule_value(k, v)
        except RuleError as e:
            raise PlanError(str(e)) from None
        merged[k] = v
    try:
        check_combination(merged)
        rules_on(sc.start, merged)
    except RuleError as e:
        raise PlanError(str(e), ("rules",)) from None

    history = members_on(sc.start)
    frozen_hist = frozen_positions(sc.start)
    if sc.members is None:
        status = dict(history)
        frozen = dict(frozen_hist)
    else:
        status = {
            c: Status.FROZEN if history.get(c) is Status.FROZEN else Status.VOTING
            for c in sorted(sc.members)
        }
        frozen = {c: p for c, p in frozen_hist.items() if c in status}
    eligible = sorted(c for c, s in status.items() if s is not Status.SUSPENDED)
    if sc.chair is not None:
        if sc.chair not in eligible:
            raise PlanError(
                f"chair {sc.chair} has no vote on {sc.start.isoformat()}; allowed: "
                + ", ".join(eligible),
                ("chair",),
            )
        chair: str | None = sc.chair
    else:
        chair = chair_on(sc.start)
        if chair is not None and chair not in eligible:
            # the recorded chair is not in this council: the turn passes on from its place
            chair = next_in_turn(chair, eligible) if eligible else None

    events: list[PEvent] = []
    if follows_history(sc):
        # Without its own members or membership events, a scenario lives through the built-in
        # history: Uzbekistan's suspension, Armenia's freeze and the rest happen on their dates.
        for hev in HISTORY:
            if sc.start < hev.date <= sc.end:
                data = {
                    "member": hev.member,
                    "kind": hev.kind,
                    "position": hev.position,
                    "note": hev.note,
                }
                events.append(PEvent(-1, hev.date, "history", data))
    for i, ev in enumerate(sc.events):
        if isinstance(ev, m.Session):
            items = tuple(
                PItem(
                    id=it.id,
                    kind=it.kind,
                    positions=_positions(it.positions),
                    member=it.member,
                    from_day=it.from_,
                    mission=it.mission,
                    title=it.title,
                    replaces_next=it.replaces_next_handover,
                )
                for it in ev.items
            )
            data = {
                "body": ev.body,
                "extraordinary": ev.extraordinary,
                "host": ev.host,
                "id": ev.id or f"{ev.body.lower()}-{ev.date.isoformat()}-{i}",
            }
            events.append(PEvent(i, ev.date, "session", data, items))
        elif isinstance(ev, m.RequestAssistance):
            response = merged.get("response_days", 1)
            if ev.date + timedelta(days=response) > sc.end:
                raise PlanError(
                    f"the extraordinary session {response} day(s) after this request would fall "
                    f"after end {sc.end.isoformat()}; allowed: a request at least {response} "
                    "day(s) before end",
                    ("events", i, "date"),
                )
            data = {
                "item": ev.item_id,
                "by": ev.by,
                "against": ev.against,
                "aggressor": ev.from_,
                "threat": ev.threat,
                "positions": _positions(ev.positions),
                "force": ev.force,
                "contingents": dict(sorted(ev.contingents.items())) if ev.contingents else None,
                "contributors": list(ev.contributors) if ev.contributors else None,
                "troops": ev.troops,
                "mission_days": ev.mission_days,
                "videoconference": ev.videoconference,
                "body": ev.body,
            }
            events.append(PEvent(i, ev.date, "request_assistance", data))
        else:
            data = {"member": ev.member}
            if isinstance(ev, m.Freeze):
                data["position"] = ev.position
            if isinstance(ev, m.Withdraw):
                data["effective"] = ev.effective
            if isinstance(ev, m.Accede):
                data["item"] = ev.item
            events.append(PEvent(i, ev.date, ev.type, data))

    expect = tuple(
        {
            **{k: v for k, v in e.model_dump(exclude={"when"}).items() if v is not None},
            **({"when": e.when.overrides()} if e.when is not None else {}),
        }
        for e in sc.expect
    )
    return Plan(
        name=sc.name,
        description=sc.description,
        start=sc.start,
        end=sc.end,
        seed=sc.seed if seed is None else seed,
        overrides=merged,
        status=status,
        frozen=frozen,
        chair=chair,
        events=tuple(events),
        expect=expect,
    )
