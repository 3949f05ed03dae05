"""A live class session over one scenario: seats, votes, and the engine deciding each item.

The session is the scenario run by the engine, as ``cstosim run`` runs it, with the class's
positions fixed on every item it has closed. Each change replays that run from the start (a
bundled scenario replays in milliseconds) and stops it at the first item the class has not
decided: the SimPy run advances to the next item and waits there for the vote. Replaying rather
than keeping a paused run is what makes a restart after ``kill -9`` exact: the room is its
scenario, its seats, the positions cast and the items closed, all in SQLite (``store``).

Nothing here knows of HTTP; ``classroom.app`` serves the room.
"""

from __future__ import annotations

import copy
import hashlib
import hmac
import json
import random
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any

import yaml

from cstosim.classroom.store import Closed, Store
from cstosim.engine import Plan, Run, simulate
from cstosim.engine.compile import compile_scenario
from cstosim.engine.deciding import Choice
from cstosim.engine.plan import PositionSpec, pick
from cstosim.engine.records import DecisionRecord, Record
from cstosim.errors import ClassroomError, RuleError
from cstosim.i18n import N_, _
from cstosim.rules.ruleset import (
    check_combination,
    check_rule_value,
    parse_rule_value,
    rules_on,
)
from cstosim.scenario import models as m
from cstosim.scenario.load import parse_scenario, read_scenario_text
from cstosim.vocabulary import Body, ItemKind, Outcome, Position, RuleKey
from cstosim.whatif.compare import Readings, readings

__all__ = ["SWITCHABLE", "OpenItem", "Phase", "Room", "View", "open_room", "resolve"]

# The readings a teacher may switch during a session: how each item is decided.
SWITCHABLE = (RuleKey.RULE14, RuleKey.LIMITED_FORMAT, RuleKey.QUORUM)
CODE_LENGTH = 6
_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read off a projector


class Phase(StrEnum):
    """Where the room is (design 5.6)."""

    WAITING = "waiting"
    VOTING = "voting"
    REVEALED = "revealed"
    FINISHED = "finished"


@dataclass(frozen=True, slots=True)
class OpenItem:
    """The item before the class: what it is, who votes, and the scenario's positions."""

    id: str
    title: str
    body: Body
    day: date
    kind: ItemKind
    voters: tuple[str, ...]
    specs: Mapping[str, PositionSpec]

    def as_json(self) -> dict[str, str]:
        """{"id", "title", "body", "date"} (design 5.6)."""
        return {
            "id": self.id,
            "title": self.title,
            "body": self.body.value,
            "date": self.day.isoformat(),
        }


@dataclass(frozen=True, slots=True)
class View:
    """What the room shows at one version: the run so far and the item before the class."""

    phase: Phase
    item: OpenItem | None  # the item voted on (voting) or next (waiting, revealed)
    trace: tuple[Record, ...]  # the run up to the item before the class
    decisions: tuple[DecisionRecord, ...]
    seatable: tuple[str, ...]  # members that have a vote on some item of the session
    last: DecisionRecord | None  # the item revealed last
    readings: Readings = field(default_factory=dict)  # other readings, for ``last``
    plan: Plan | None = None


class _Stop(Exception):
    """Raised by the replay chooser at the first item the class has not decided."""

    def __init__(self, choice: Choice) -> None:
        self.choice = choice


class _Replay:
    """Chooser: closed items keep their fixed positions; the first open one stops the run."""

    def __init__(self, closed: set[str], stop: bool, seed: int) -> None:
        self.closed, self.stop, self.seed = closed, stop, seed
        self.choices: list[Choice] = []

    def choose(
        self, choice: Choice, outcome_of: Callable[[Mapping[str, Position]], Outcome]
    ) -> dict[str, Position]:
        self.choices.append(choice)
        if self.stop and choice.item not in self.closed:
            raise _Stop(choice)
        return {
            code: resolve(choice.item, code, spec, self.seed) for code, spec in choice.specs.items()
        }


def resolve(item: str, member: str, spec: PositionSpec, seed: int) -> Position:
    """A fixed position, or one drawn from the scenario's probabilities with a generator seeded
    by the scenario's seed, the item and the member (the same every time the room replays)."""
    if not isinstance(spec, tuple):
        return spec
    return pick(spec, random.Random(f"{seed}|{item}|{member}").random())


class Room:
    """One class session: its scenario, tokens, seats, votes and the items decided."""

    def __init__(self, store: Store, filename: str, text: str) -> None:
        self.store = store
        self.filename = filename
        self.text = text
        self.scenario, _located = parse_scenario(text, filename)  # ScenarioError: FILE:LINE:COL
        self.data: dict[str, Any] = yaml.safe_load(text)  # checked and bounded just above
        self.data.pop("expect", None)  # the class decides: the file's expectations do not hold
        digest = hashlib.sha256(text.encode()).hexdigest()
        known = store.meta("scenario_sha256")
        if known is None:
            store.set_meta(
                scenario_sha256=digest,
                scenario=text,
                filename=filename,
                token=secrets.token_urlsafe(24),
                code="".join(secrets.choice(_CODE_ALPHABET) for _ in range(CODE_LENGTH)),
                secret=secrets.token_hex(32),
                phase=Phase.WAITING.value,
                item="",
                rules="{}",
            )
        elif known != digest:
            raise ClassroomError(
                _(
                    "{file} is not the scenario this room was started with ({first}); start it "
                    "with that file, or give another --db for a new room"
                ).format(file=filename, first=store.meta("filename"))
            )
        self.token = _meta(store, "token")
        self.code = _meta(store, "code")
        self._secret = bytes.fromhex(_meta(store, "secret"))
        held = store.seats()
        self.seats: dict[str, str] = {m: token for m, (token, _c) in held.items()}
        self.clients: dict[str, str] = {m: client for m, (_t, client) in held.items()}
        # the file's own readings per item (``rules:`` on an item), as JSON values
        self.file_rules: dict[str, dict[str, Any]] = {
            item: {str(k): _json_value(v) for k, v in own.items()}
            for item, own in compile_scenario(self.scenario).item_rules.items()
        }
        self.rules: dict[str, Any] = json.loads(_meta(store, "rules"))
        self.phase = Phase(_meta(store, "phase"))
        self.item_id = _meta(store, "item")
        self.closed: list[Closed] = store.closed()
        self.votes: dict[str, str] = store.votes(self.item_id) if self.item_id else {}
        self.version = 0
        self.view = self._compute()

    # -- who may do what ------------------------------------------------------------------------
    def is_teacher(self, token: str) -> bool:
        """Whether ``token`` is the teacher's (compared in constant time)."""
        return hmac.compare_digest(token.encode(), self.token.encode())

    def seat_of(self, token: str) -> str | None:
        """The member whose seat ``token`` is (every seat compared in constant time)."""
        found = None
        for member, seat in self.seats.items():
            if hmac.compare_digest(token.encode(), seat.encode()):
                found = member
        return found

    def form_key(self, holder: str) -> str:
        """The anti-forgery key a page's forms carry for ``holder`` (a seat, the teacher or
        the join page)."""
        return hmac.new(self._secret, holder.encode(), "sha256").hexdigest()

    def check_form_key(self, holder: str, key: str) -> bool:
        """Whether ``key`` is ``holder``'s anti-forgery key."""
        return hmac.compare_digest(key.encode(), self.form_key(holder).encode())

    def check_code(self, room: str) -> bool:
        """Whether ``room`` is this room's code (any case, compared in constant time)."""
        return hmac.compare_digest(room.strip().upper().encode(), self.code.encode())

    # -- students -------------------------------------------------------------------------------
    def join(self, room: str, member: str, client: str = "", one_per_client: bool = False) -> str:
        """A seat for ``member``: its token. 404 wrong room, 409 taken (or, with
        ``one_per_client``, this client already holds a seat), 422 no vote."""
        if not self.check_code(room):
            raise ClassroomError.of(404, N_("no room with this code; check the code on the board"))
        code = member.strip().upper()
        if code not in self.view.seatable:
            raise ClassroomError.of(
                422,
                N_("{member} is not a member with a vote in this session; allowed: {allowed}"),
                member=repr(member),
                allowed=", ".join(self.view.seatable),
            )
        if code in self.seats:
            raise _taken(code)
        if one_per_client:
            held = next((m for m, c in self.clients.items() if c == client), None)
            if held is not None:
                raise ClassroomError.of(
                    409,
                    N_("this device already holds the seat of {member}; one seat per device"),
                    member=held,
                )
        token = secrets.token_urlsafe(24)
        if not self.store.add_seat(code, token, client):
            raise _taken(code)
        self.seats[code] = token
        self.clients[code] = client
        self._changed(recompute=False)
        return token

    def free(self, member: str) -> None:
        """Free ``member``'s seat (the student left, or lost the page); a position it cast on
        the open item still counts."""
        code = member.strip().upper()
        if code not in self.seats:
            raise ClassroomError.of(
                404,
                N_("{member} holds no seat; seated: {seated}"),
                member=repr(member),
                seated=", ".join(self.seats),
            )
        self.store.free_seat(code)
        del self.seats[code]
        del self.clients[code]
        self._changed(recompute=False)

    def vote(self, member: str, position: str, item: str | None = None) -> None:
        """Cast (or change) ``member``'s position on the open item (``item``: the one the
        student saw; a vote meant for another item is refused)."""
        open_item = self.view.item
        if self.phase is not Phase.VOTING or open_item is None:
            raise ClassroomError.of(
                409, N_("no vote is open; wait for the teacher to open the next item")
            )
        if item is not None and item != open_item.id:
            raise ClassroomError.of(
                409,
                N_("the vote on {item} is closed; the open item is {open}"),
                item=repr(item),
                open=repr(open_item.id),
            )
        try:
            pos = Position(position)
        except ValueError:
            raise ClassroomError.of(
                422,
                N_("{position} is not a position; allowed: {allowed}"),
                position=repr(position),
                allowed=", ".join(p.value for p in Position),
            ) from None
        if member not in open_item.voters:
            raise ClassroomError.of(409, N_("{member} has no vote on this item"), member=member)
        self.store.cast(open_item.id, member, pos.value)
        self.votes[member] = pos.value
        self._changed(recompute=False)

    # -- the teacher ----------------------------------------------------------------------------
    def next(self) -> None:
        """Run on to the next item and open the vote on it (or finish)."""
        if self.phase is Phase.VOTING:
            raise ClassroomError.of(409, N_("a vote is open; close it first"))
        if self.phase is Phase.FINISHED:
            raise ClassroomError.of(409, N_("the session is finished; export it"))
        item = self.view.item
        if item is None:
            self.phase, self.item_id = Phase.FINISHED, ""
        else:
            self.phase, self.item_id = Phase.VOTING, item.id
        self.votes = {}
        self.store.set_meta(phase=self.phase.value, item=self.item_id)
        self._changed()

    def close(self) -> None:
        """Close the vote: a member keeps the position it cast (even if its student has left);
        a seated member that did not vote is absent; a member without a seat or a vote keeps
        the scenario's position. The engine decides the item under the file's readings for
        it and the teacher's switches."""
        item = self.view.item
        if self.phase is not Phase.VOTING or item is None:
            raise ClassroomError.of(409, N_("no vote is open; open the next item first"))
        votes = self.store.votes(item.id)
        positions: dict[str, str] = {}
        for code in item.voters:
            if code in votes:
                positions[code] = votes[code]
            elif code in self.seats:
                positions[code] = Position.ABSENT.value
            else:
                positions[code] = resolve(item.id, code, item.specs[code], self.scenario.seed).value
        done = Closed(item.id, positions, self.rules_for(item.id))
        self.store.close_item(done, phase=Phase.REVEALED.value, item=item.id)
        self.closed.append(done)
        self.phase = Phase.REVEALED
        self._changed()

    def set_rules(self, changes: Mapping[str, Any]) -> None:
        """Switch readings for the items not yet decided (rule14, limited_format, quorum)."""
        if self.phase is Phase.FINISHED:
            raise ClassroomError.of(409, N_("the session is finished; nothing is left to decide"))
        new = dict(self.rules)
        for key, value in changes.items():
            if key not in SWITCHABLE:
                raise ClassroomError.of(
                    422,
                    N_("{key} cannot be switched in class; allowed: {allowed}"),
                    key=repr(key),
                    allowed=", ".join(k.value for k in SWITCHABLE),
                )
            try:
                checked = (
                    parse_rule_value(key, value)
                    if isinstance(value, str)
                    else check_rule_value(key, value)
                )
            except RuleError as e:
                raise ClassroomError(str(e), 422) from None
            new[key] = checked.value if isinstance(checked, StrEnum) else checked
        try:
            check_combination({RuleKey(k): v for k, v in {**self.overrides(), **new}.items()})
        except RuleError as e:
            raise ClassroomError(str(e), 422) from None
        self.rules = new
        self.store.set_meta(rules=json.dumps(new, sort_keys=True))
        self._changed()

    def rules_for(self, item: str) -> dict[str, Any]:
        """The readings ``item`` is decided under in place of the scenario's: the file's own
        for it, then the teacher's switches."""
        return {**self.file_rules.get(item, {}), **self.rules}

    def overrides(self) -> dict[str, Any]:
        """The scenario file's own rules."""
        return {str(k): v for k, v in self.scenario.rules.overrides().items()}

    def rules_now(self) -> dict[str, Any]:
        """The rules the next item is decided under, as JSON values (design 5.6 ``rules``)."""
        plan = self.view.plan
        if plan is None:
            return {}
        item = self.view.item
        day = item.day if item is not None else plan.end
        mine = self.rules_for(item.id) if item is not None else self.rules
        own = {RuleKey(k): check_rule_value(k, v) for k, v in mine.items()}
        return rules_on(day, {**plan.overrides, **own}).as_dict()

    # -- the session as a scenario ----------------------------------------------------------------
    def exported(self) -> dict[str, Any]:
        """The session as scenario data: the file with every closed item's positions fixed and
        the readings it was decided under; ``cstosim run`` of it reproduces every outcome."""
        data = copy.deepcopy(self.data)
        closed = {c.item: c for c in self.closed}
        events = data.get("events") or []
        for raw, ev in zip(events, self.scenario.events, strict=True):
            targets: list[tuple[dict[str, Any], str]] = []
            if isinstance(ev, m.Session):
                targets = [
                    (it, model.id)
                    for it, model in zip(raw.get("items") or [], ev.items, strict=True)
                ]
            elif isinstance(ev, m.RequestAssistance):
                targets = [(raw, ev.item_id)]
            for target, item in targets:
                given = target.get("positions") or {}
                if item not in closed and any(isinstance(v, dict) for v in given.values()):
                    # fixed as the room fixes them for members without a seat or a vote
                    target["positions"] = {
                        code: resolve(item, code, _spec(value), self.scenario.seed).value
                        if isinstance(value, dict)
                        else value
                        for code, value in given.items()
                    }
                if item in closed:
                    target["positions"] = dict(sorted(closed[item].positions.items()))
                    if closed[item].rules:
                        target["rules"] = dict(sorted(closed[item].rules.items()))
                    else:
                        target.pop("rules", None)
        decided = ", ".join(c.item for c in self.closed) or "none yet"
        note = (
            f"Exported from a cstosim classroom session (room {self.code}). The positions of "
            f"the items the class decided ({decided}) are the class's: a seated member that did "
            "not vote is absent, a member without a seat kept the scenario's position. The "
            "scenario's own expectations are left out."
        )
        data["description"] = f"{data.get('description', '').rstrip()}\n\n{note}".strip()
        return data

    def export_yaml(self) -> str:
        """The session as a scenario file (YAML)."""
        header = f"# cstosim classroom export of {self.filename} (room {self.code})\n"
        return header + yaml.safe_dump(
            self.exported(), sort_keys=False, allow_unicode=True, width=100
        )

    def plan(self) -> Plan:
        """The plan of the session as exported."""
        sc, _located = parse_scenario(
            yaml.safe_dump(self.exported(), sort_keys=False), self.filename
        )
        return compile_scenario(sc)

    def run(self) -> Run:
        """The whole run of the session as exported (items not yet decided as the scenario
        gives them)."""
        return simulate(self.plan())

    # -- the view -------------------------------------------------------------------------------
    def _changed(self, recompute: bool = True) -> None:
        if recompute:
            self.view = self._compute()
        self.version += 1

    def _compute(self) -> View:
        plan = self.plan()
        closed = {c.item for c in self.closed}
        stop = _Replay(closed, stop=True, seed=self.scenario.seed)
        item: OpenItem | None = None
        try:
            simulate(plan, trace=False, chooser=stop)
        except _Stop as s:
            item = self._open_item(plan, s.choice)
        survey = _Replay(closed, stop=False, seed=self.scenario.seed)
        simulate(plan, trace=False, chooser=survey)
        voters = {c for ch in survey.choices for c in ch.specs}
        seatable = sorted(voters | set(plan.voters_at_start()[0]) | set(self.seats))
        full = simulate(plan)
        trace: list[Record] = []
        for rec in full.trace:
            if item is not None and isinstance(rec, DecisionRecord) and rec.item == item.id:
                break
            trace.append(rec)
        decisions = tuple(r for r in trace if isinstance(r, DecisionRecord))
        last_id = self.closed[-1].item if self.closed else None
        last = next((d for d in reversed(decisions) if d.item == last_id), None)
        other = readings(plan) if last is not None else {}
        if self.phase is Phase.VOTING and (item is None or item.id != self.item_id):
            raise ClassroomError(
                _("the room's open item {item} is not next in the run; give another --db").format(
                    item=self.item_id
                )
            )
        return View(self.phase, item, tuple(trace), decisions, tuple(seatable), last, other, plan)

    def _open_item(self, plan: Plan, choice: Choice) -> OpenItem:
        title = _titles(self.scenario).get(choice.item) or choice.item
        return OpenItem(
            choice.item,
            title,
            choice.body,
            choice.day,
            choice.kind,
            tuple(sorted(choice.specs)),
            dict(choice.specs),
        )

    def stage(self) -> str:
        """A short stamp that changes whenever a page must be drawn again (the phase, the
        item, the decisions, the readings); votes and seats change only counts."""
        text = "|".join(
            (
                self.phase.value,
                self.item_id,
                str(len(self.view.decisions)),
                repr(sorted(self.rules.items())),
            )
        )
        return hashlib.sha256(text.encode()).hexdigest()[:12]

    # -- the state of design 5.6 ----------------------------------------------------------------
    def state(self) -> dict[str, Any]:
        """The room as the JSON API shows it: never how anyone voted before the close."""
        v = self.view
        shown = v.item if self.phase is Phase.VOTING else None
        return {
            "scenario": self.scenario.name,
            "rules": self.rules_now(),
            "phase": self.phase.value,
            "item": shown.as_json() if shown is not None else None,
            "seats": {code: code in self.seats for code in v.seatable},
            "cast": sorted(self.votes) if self.phase is Phase.VOTING else [],
            "decisions": [d.to_json() for d in v.decisions],
            "version": self.version,
            "stage": self.stage(),
        }


def _taken(member: str) -> ClassroomError:
    """409: the seat is someone else's."""
    return ClassroomError.of(
        409,
        N_("the seat of {member} is taken; choose another member, or ask the teacher to free it"),
        member=member,
    )


def _spec(probabilities: Mapping[str, float]) -> PositionSpec:
    """Probabilities from a file as the plan holds them (in the order of Position)."""
    return tuple((p, float(probabilities[p.value])) for p in Position if p.value in probabilities)


def _json_value(value: Any) -> Any:
    """A rule value as JSON and YAML write it (an enum as its value)."""
    return value.value if isinstance(value, StrEnum) else value


def _meta(store: Store, key: str) -> str:
    value = store.meta(key)
    if value is None:
        raise ClassroomError(
            _("the room's database lacks {key}; start it with another --db").format(key=repr(key))
        )
    return value


def _titles(sc: m.Scenario) -> dict[str, str]:
    out: dict[str, str] = {}
    for ev in sc.events:
        if isinstance(ev, m.Session):
            out.update({it.id: it.title or it.id for it in ev.items})
        elif isinstance(ev, m.RequestAssistance):
            out[ev.item_id] = ev.note or f"Request for assistance by {ev.by}"
    return out


def open_room(db: Path, scenario: Path) -> Room:
    """The room kept in ``db`` for ``scenario`` (created if new); raises ScenarioError for a
    scenario with mistakes and ClassroomError for a database of another room."""
    name, text = read_scenario_text(scenario)
    parse_scenario(text, name)  # a scenario with mistakes leaves no room file behind
    return Room(Store(db), name, text)
