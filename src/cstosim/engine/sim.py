"""The discrete-event run: SimPy processes for the calendar, sessions, crises and membership.

Every outcome comes from a rule function in ``cstosim.rules``; this module only composes them,
keeps the state of the world (members, chair, decisions, missions) and writes the trace.
One SimPy time unit is one day from the scenario's start. All randomness comes from one
``random.Random`` seeded per run, drawn in a fixed order.

Same-day order: membership changes, then chair handovers, then requests for assistance, then
sessions, then what earlier steps set in motion (deployments, reports, withdrawals), then
accessions; within each, the order of the file (or of being set in motion).
"""

from __future__ import annotations

import random
from collections.abc import Generator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import simpy

from cstosim.engine.agenda import (
    ACCESSION,
    FOLLOW_UP,
    HANDOVER,
    MEMBERSHIP,
    REQUEST,
    SESSION,
    Agenda,
)
from cstosim.engine.plan import PEvent, PItem, Plan, PositionSpec
from cstosim.members import Status
from cstosim.rules.article4 import Request, admissibility
from cstosim.rules.consensus import ConsensusResult, decide, sensitive_to
from cstosim.rules.membership import withdrawal_effective
from cstosim.rules.rotation import handover, next_in_turn

__all__ = ["Run", "simulate"]

Record = dict[str, Any]
ADOPTED = ("adopted", "adopted_limited")


@dataclass
class Decision:
    """What the world remembers of a decided item."""

    outcome: str
    bound: list[str]
    record: Record


@dataclass
class Run:
    """The result of one run: the trace and the final state."""

    plan: Plan
    seed: int
    trace: list[Record] = field(default_factory=list)
    decisions: dict[str, Decision] = field(default_factory=dict)
    chairs: list[tuple[date, str | None]] = field(default_factory=list)
    status: dict[str, Status] = field(default_factory=dict)

    def chair_on(self, day: date) -> str | None:
        """The chair on ``day`` as the run had it."""
        current = None
        for since, member in self.chairs:
            if since <= day:
                current = member
        return current


class World:
    """The state a run changes, and the trace it writes."""

    def __init__(self, env: simpy.Environment, plan: Plan, seed: int, tracing: bool = True) -> None:
        self.env = env
        self.tracing = tracing
        self._voters: list[str] | None = None  # cached; cleared on every membership change
        self._now: float = -1.0
        self._today: date = plan.start
        self.plan = plan
        self.rng = random.Random(seed)
        self.agenda = Agenda(env, plan.offset(plan.end))
        self.status: dict[str, Status] = dict(plan.status)
        self.frozen: dict[str, str] = dict(plan.frozen)
        self.chair: str | None = plan.chair
        self.pending_chair: str | None = None  # the Council's choice for the next handover
        self.skip_next_handover = False  # a dated Council choice took the next one's place
        self.dated_choices: set[date] = set()  # days on which the Council's choice takes over
        self.missions: dict[str, dict[str, Any]] = {}
        self.run = Run(plan=plan, seed=seed, chairs=[(plan.start, plan.chair)])

    # -- helpers ---------------------------------------------------------------------------
    @property
    def today(self) -> date:
        """The simulated date."""
        now = self.env.now
        if now != self._now:
            self._now, self._today = now, self.plan.day(now)
        return self._today

    def voters(self) -> list[str]:
        """Members with a vote today (voting or frozen), sorted by code."""
        if self._voters is None:
            self._voters = sorted(m for m, s in self.status.items() if s is not Status.SUSPENDED)
        return self._voters

    def emit(self, kind: str, **fields: Any) -> Record:
        """Append a trace record dated today (without tracing: just return the fields)."""
        if not self.tracing:
            return fields
        rec: Record = {"date": self.today.isoformat(), "kind": kind, **fields}
        self.run.trace.append(rec)
        return rec

    def draw(self, spec: PositionSpec) -> str:
        """A position: the one given, or one drawn from the probabilities given."""
        if isinstance(spec, str):
            return spec
        u = self.rng.random()
        acc = 0.0
        for pos, p in spec:
            acc += p
            if u < acc:
                return pos
        return spec[-1][0]

    def positions_for(self, given: dict[str, PositionSpec]) -> tuple[dict[str, str], list[str]]:
        """Today's voters' positions: given, else a freeze's default, else support."""
        voters = self.voters()
        pos = {m: self.draw(given.get(m, self.frozen.get(m, "support"))) for m in voters}
        ignored = sorted(set(given) - set(voters))
        return pos, ignored

    def set_chair(self, member: str | None, cites: tuple[str, ...], why: str) -> None:
        """Record a change of chair (no record where the chair stays the same)."""
        if member == self.chair:
            return
        previous, self.chair = self.chair, member
        self.run.chairs.append((self.today, member))
        self.emit("chair", member=member, previous=previous, cites=list(cites), why=why)

    def take_choice(self) -> str | None:
        """The Council's pending choice of chair, if that member still has a vote."""
        choice, self.pending_chair = self.pending_chair, None
        if choice is not None and choice not in self.voters():
            self.emit(
                "note",
                text=f"The Council chose {choice} to chair, but it has no vote today; "
                "the ordinary rule applies.",
            )
            return None
        return choice

    def check_chair(self) -> None:
        """Keep the chair with a member that has a vote after a membership change."""
        if self.chair is None or self.chair in self.voters():
            return
        eligible = self.voters()
        if not eligible:
            self.set_chair(None, ("charter.13",), "No member with a vote is left to chair.")
            return
        rules = self.plan.rules_on(self.today)
        rotation = rules.rotation if rules.rotation != "host" else "russian_alphabet"
        nxt = next_in_turn(self.chair, eligible, rotation, rules.order)
        self.set_chair(
            nxt,
            ("charter.13", "practice.rotation_2011"),
            f"{self.chair} no longer has a vote; the chair passes to the next member, {nxt}.",
        )

    # -- deciding an item ---------------------------------------------------------------------
    def decide_item(
        self,
        item_id: str,
        item_kind: str,
        body: str,
        given: dict[str, PositionSpec],
        session_id: str,
        extra_cites: tuple[str, ...] = (),
        why_prefix: str = "",
        title: str | None = None,
        extra_sensitive: tuple[str, ...] = (),
    ) -> Record:
        """Decide one item by consensus (design 2.1) and write its decision record."""
        rules = self.plan.rules_on(self.today)
        pos, ignored = self.positions_for(given)
        res, sens = _decided(pos, rules.rule14, rules.limited_format, rules.quorum, self.tracing)
        if not self.tracing:  # sweeps: only the outcome and who is bound matter
            rec = {"outcome": res.outcome.value}
            self.run.decisions[item_id] = Decision(res.outcome.value, list(res.bound), rec)
            return rec
        fields = _record_fields(res, sens)
        if extra_cites or why_prefix or extra_sensitive:
            fields = {
                **fields,
                "cites": [*extra_cites, *(c for c in res.cites if c not in extra_cites)],
                "why": why_prefix + (res.why[0].lower() + res.why[1:] if why_prefix else res.why),
                "sensitive_to": [*sens, *extra_sensitive],
            }
        rec = self.emit(
            "decision",
            item=item_id,
            item_kind=item_kind,
            title=title,
            body=body,
            session=session_id,
            outcome=fields["outcome"],
            positions=pos,
            bound=fields["bound"],
            blockers=fields["blockers"],
            may_accede=fields["may_accede"],
            stood_aside=fields["stood_aside"],
            cites=fields["cites"],
            why=fields["why"],
            sensitive_to=fields["sensitive_to"],
        )
        if ignored:
            rec["ignored_positions"] = ignored
            self.emit(
                "note",
                item=item_id,
                text=f"Positions given for {', '.join(ignored)} are ignored: no vote on this date.",
            )
        self.run.decisions[item_id] = Decision(res.outcome.value, list(res.bound), rec)
        return rec


# The rule functions are pure, so their results can be remembered: the same positions under
# the same rules give the same result in every run of a process (sweeps repeat them a lot).
_MEMO: dict[tuple, tuple[ConsensusResult, tuple[str, ...] | None]] = {}
_MEMO_MAX = 65_536


def _decided(
    pos: dict[str, str], rule14: str, lf: bool, quorum: float | None, want_sensitive: bool
) -> tuple[ConsensusResult, tuple[str, ...]]:
    """decide() and, when wanted, sensitive_to() for these positions and rules, memoised."""
    key = (tuple(pos.items()), rule14, lf, quorum)
    hit = _MEMO.get(key)
    if hit is None or (want_sensitive and hit[1] is None):
        res = hit[0] if hit else decide(pos, rule14=rule14, limited_format=lf, quorum=quorum)
        sens = (
            sensitive_to(pos, rule14=rule14, limited_format=lf, quorum=quorum)
            if want_sensitive
            else None
        )
        if len(_MEMO) >= _MEMO_MAX:
            _MEMO.clear()
        _MEMO[key] = hit = (res, sens)
    return hit[0], hit[1] or ()


_FIELDS: dict[tuple, dict[str, Any]] = {}


def _record_fields(res: ConsensusResult, sens: tuple[str, ...]) -> dict[str, Any]:
    """The parts of a decision record that depend only on the result (shared, never mutated)."""
    key = (res, sens)
    f = _FIELDS.get(key)
    if f is None:
        if len(_FIELDS) >= _MEMO_MAX:
            _FIELDS.clear()
        f = _FIELDS[key] = {
            "outcome": res.outcome.value,
            "bound": list(res.bound),
            "blockers": list(res.blockers),
            "may_accede": list(res.may_accede),
            "stood_aside": list(res.stood_aside),
            "cites": list(res.cites),
            "why": res.why,
            "sensitive_to": list(sens),
        }
    return f


# -- processes -------------------------------------------------------------------------------
def calendar(w: World) -> Generator[simpy.Event, Any, None]:
    """Hand the chair over each 1 January under the alphabetical rotations (practice 2011)."""
    plan = w.plan
    for year in range(plan.start.year + 1, plan.end.year + 1):
        jan1 = date(year, 1, 1)
        yield w.agenda.at(plan.offset(jan1), HANDOVER)
        rules = plan.rules_on(jan1)
        before = plan.rules_on(date(year - 1, 12, 31))
        if rules.rotation == "host" or before.rotation == "host":
            continue  # the chair in office when the yearly rotation begins starts the cycle
        eligible = w.voters()
        if not eligible:
            continue
        if w.skip_next_handover:
            w.skip_next_handover = False  # the Council's dated choice was this year's handover
            continue
        if jan1 in w.dated_choices:
            continue  # the Council chose today's chair itself
        choice = w.take_choice()
        h = handover(w.chair, eligible, rules.rotation, council_choice=choice, order=rules.order)
        if h is not None:
            w.set_chair(h.member, h.cites, h.why)


def session(w: World, ev: PEvent) -> Generator[simpy.Event, Any, None]:
    """A session deciding each item in turn. Under ``host``, a regular CSC session opens under
    its host's chair (charter.13) unless the Council decides otherwise at it; the trace then
    shows the handover and the session before the decisions."""
    yield w.agenda.at(w.plan.offset(ev.day), SESSION)
    d = ev.data
    rules = w.plan.rules_on(w.today)
    host_rule = rules.rotation == "host" and d["body"] == "CSC" and not d["extraordinary"]
    first = len(w.run.trace)
    w.emit(
        "session",
        id=d["id"],
        body=d["body"],
        extraordinary=d["extraordinary"],
        host=d["host"],
        chair=w.chair,
        items=[it.id for it in ev.items],
    )
    for item in ev.items:
        rec = w.decide_item(
            item.id, item.kind, d["body"], item.positions, d["id"], title=item.title
        )
        if rec["outcome"] in ADOPTED:
            apply_item(w, item, rec)
    if host_rule:
        if w.skip_next_handover:
            w.skip_next_handover = False
        else:
            choice = w.take_choice()
            h = handover(w.chair, w.voters(), "host", host=d["host"], council_choice=choice)
            if h is not None:
                w.set_chair(h.member, h.cites, h.why)
    if w.tracing and host_rule:
        # read in the order things happen at the table: who chairs, the session, its decisions
        trace = w.run.trace
        trace[first]["chair"] = w.chair
        trace[first:] = sorted(trace[first:], key=lambda r: r["kind"] != "chair")


def apply_item(w: World, item: PItem, rec: Record) -> None:
    """Carry out what an adopted item of kind chair, suspension, admission or end_mission says."""
    if item.kind == "chair":
        if item.from_day is None:
            w.pending_chair = item.member  # it takes the place of the next handover
        elif item.from_day > w.today:
            w.dated_choices.add(item.from_day)
            w.env.process(
                scheduled_chair(w, item.member, item.from_day, item.id, item.replaces_next)
            )
        else:
            council_chair(w, item.member, item.id, item.replaces_next)
    elif item.kind == "suspension":
        change_membership(
            w,
            item.member,
            "suspend",
            cites=("charter.suspension",),
            why=f"Suspended by the Council's decision {item.id}.",
        )
    elif item.kind == "admission":
        when = item.from_day or w.today
        if when > w.today:
            w.env.process(scheduled_join(w, item.member, when, item.id))
        else:
            change_membership(
                w,
                item.member,
                "join",
                cites=("charter.19",),
                why=f"Admitted by the Council's decision {item.id}.",
            )
    elif item.kind == "end_mission":
        end_mission(w, item.mission, f"ended by the Council's decision {item.id}")


def scheduled_chair(
    w: World, member: str, day: date, item_id: str, replaces_next: bool
) -> Generator:
    """The Council's chosen chair takes over on the date it set."""
    yield w.agenda.at(w.plan.offset(day), HANDOVER)
    council_chair(w, member, item_id, replaces_next)


def council_chair(w: World, member: str, item_id: str, replaces_next: bool) -> None:
    """The Council's chosen chair takes over today (charter.13: "unless the Council decides
    otherwise"); with ``replaces_next`` the next ordinary handover does not happen."""
    if member not in w.voters():
        w.emit("note", text=f"{member} has no vote today and cannot take the chair ({item_id}).")
        return
    w.skip_next_handover = replaces_next
    w.set_chair(
        member,
        ("charter.13",),
        f"The Council decided otherwise ({item_id}): {member} chairs from today.",
    )


def scheduled_join(w: World, member: str, day: date, item_id: str) -> Generator:
    """An admitted state joins on the date the decision set."""
    yield w.agenda.at(w.plan.offset(day), MEMBERSHIP)
    change_membership(
        w,
        member,
        "join",
        cites=("charter.19",),
        why=f"Admitted by the Council's decision {item_id}.",
    )


def change_membership(
    w: World,
    member: str,
    change: str,
    *,
    cites: tuple[str, ...],
    why: str,
    position: str | None = None,
) -> None:
    """Apply one membership change and record it (design 2.4)."""
    before = w.status.get(member)
    if change == "join":
        if before is not None:
            w.emit("note", text=f"{member} is already a member; join ignored.")
            return
        w.status[member] = Status.VOTING
        w.frozen.pop(member, None)
    elif change == "withdraw":
        if before is None:
            w.emit("note", text=f"{member} is not a member; withdrawal ignored.")
            return
        del w.status[member]
        w.frozen.pop(member, None)
    elif change == "suspend":
        if before is None:
            w.emit("note", text=f"{member} is not a member; suspension ignored.")
            return
        w.status[member] = Status.SUSPENDED
    elif change == "freeze":
        if before is None:
            w.emit("note", text=f"{member} is not a member; freeze ignored.")
            return
        w.frozen[member] = position or "stand_aside"
        if before is Status.VOTING:
            w.status[member] = Status.FROZEN
    elif change == "unfreeze":
        if before is not Status.FROZEN and member not in w.frozen:
            w.emit("note", text=f"{member} has not frozen its participation; unfreeze ignored.")
            return
        w.frozen.pop(member, None)
        if before is Status.FROZEN:
            w.status[member] = Status.VOTING
    w._voters = None
    after = w.status.get(member)
    rec = w.emit(
        "membership",
        member=member,
        change=change,
        status=after.value if after else "not_member",
        cites=list(cites),
        why=why,
    )
    if change == "freeze":
        rec["position"] = w.frozen.get(member)
    w.check_chair()


_HISTORY_CITES = {
    "join": ("charter.19",),
    "withdraw": ("charter.19",),
    "suspend": ("charter.suspension",),
    "freeze": ("csc.2010.limited_format",),
    "unfreeze": ("charter.12",),
}


def history_event(w: World, ev: PEvent) -> Generator[simpy.Event, Any, None]:
    """A change of membership from the built-in history, on its date."""
    yield w.agenda.at(w.plan.offset(ev.day), MEMBERSHIP)
    d = ev.data
    change_membership(
        w,
        d["member"],
        d["kind"],
        cites=_HISTORY_CITES[d["kind"]],
        why=f"{d['member']}: {d['note'] or d['kind']} (built-in history).",
        position=d["position"],
    )


def membership(w: World, ev: PEvent) -> Generator[simpy.Event, Any, None]:
    """A membership event from the file: join, withdraw (with notice), suspend, (un)freeze."""
    yield w.agenda.at(w.plan.offset(ev.day), MEMBERSHIP)
    member = ev.data["member"]
    if ev.type == "withdraw":
        effective = withdrawal_effective(ev.day, ev.data.get("effective"))
        w.emit(
            "membership",
            member=member,
            change="withdraw_notice",
            status=(w.status[member].value if member in w.status else "not_member"),
            effective=effective.isoformat(),
            cites=["charter.19"],
            why=f"{member} gives notice; it leaves on {effective.isoformat()}, no earlier "
            "than six months later.",
        )
        yield w.agenda.at(w.plan.offset(effective), MEMBERSHIP)
        change_membership(
            w, member, "withdraw", cites=("charter.19",), why=f"{member}'s withdrawal takes effect."
        )
    elif ev.type == "join":
        change_membership(w, member, "join", cites=("charter.19",), why=f"{member} joins.")
    elif ev.type == "suspend":
        change_membership(
            w,
            member,
            "suspend",
            cites=("charter.suspension",),
            why=f"The Council suspends {member}'s participation.",
        )
    elif ev.type == "freeze":
        pos = ev.data.get("position", "stand_aside")
        change_membership(
            w,
            member,
            "freeze",
            cites=("csc.2010.limited_format",),
            why=f"{member} freezes its participation; unless it says otherwise it will "
            + ("stand aside." if pos == "stand_aside" else "be absent."),
            position=pos,
        )
    elif ev.type == "unfreeze":
        change_membership(
            w, member, "unfreeze", cites=("charter.12",), why=f"{member} takes part again."
        )


def accession(w: World, ev: PEvent) -> Generator[simpy.Event, Any, None]:
    """A member accedes later to an adopted decision (rop.14.1; Belarus, 20 Oct 2009)."""
    yield w.agenda.at(w.plan.offset(ev.day), ACCESSION)
    member, item = ev.data["member"], ev.data["item"]
    dec = w.run.decisions.get(item)
    if dec is None or dec.outcome not in ADOPTED:
        state = "not yet decided" if dec is None else dec.outcome
        w.emit("note", text=f"{member} cannot accede to {item}: it is {state}.")
        return
    if member in dec.bound:
        w.emit("note", text=f"{member} is already bound by {item}.")
        return
    if member not in w.voters():
        w.emit("note", text=f"{member} has no vote today and cannot accede to {item}.")
        return
    dec.bound = sorted([*dec.bound, member])
    w.emit(
        "accession",
        item=item,
        member=member,
        bound=dec.bound,
        cites=["rop.14.1", "charter.12"],
        why=f"{member} accedes to {item} and is bound by it from today.",
    )


def crisis(w: World, ev: PEvent) -> Generator[simpy.Event, Any, None]:
    """A request for assistance: consultations, an extraordinary session, help, a report."""
    plan, d = w.plan, ev.data
    yield w.agenda.at(plan.offset(ev.day), REQUEST)
    rules = plan.rules_on(w.today)
    req = Request(
        day=w.today, by=d["by"], threat=d["threat"], against=d["against"], aggressor=d["aggressor"]
    )
    adm = admissibility(req, w.status, armed_attack=rules.armed_attack)
    w.emit(
        "request",
        item=d["item"],
        by=d["by"],
        against=req.attacked,
        aggressor=d["aggressor"],
        threat=d["threat"],
        admissible=adm.admissible,
        track=adm.track,
        cites=list(adm.cites),
        why=adm.why,
    )
    if not adm.admissible:
        flipped = admissibility(req, w.status, armed_attack=not rules.armed_attack)
        rec = w.emit(
            "decision",
            item=d["item"],
            item_kind="assistance",
            body=d["body"],
            session=None,
            outcome="inadmissible",
            positions={},
            bound=[],
            blockers=[],
            may_accede=[],
            stood_aside=[],
            cites=list(adm.cites),
            why=adm.why,
            sensitive_to=["armed_attack"] if flipped.admissible else [],
        )
        w.run.decisions[d["item"]] = Decision("inadmissible", [], rec)
        return
    w.emit(
        "consultation",
        item=d["item"],
        members=w.voters(),
        cites=["cst.2"],
        why=f"{d['by']}'s request opens joint consultations at once (Article 2).",
    )
    yield w.agenda.at(int(w.env.now) + rules.response_days, SESSION)
    sid = f"{d['body'].lower()}-extraordinary-{d['item']}"
    w.emit(
        "session",
        id=sid,
        body=d["body"],
        extraordinary=True,
        host=None,
        chair=w.chair,
        items=[d["item"]],
        videoconference=d["videoconference"],
    )
    kind = "assistance" if adm.track == "article4" else "article2_measures"
    what = "Assistance" if adm.track == "article4" else "Article 2 measures"
    # A member named as the aggressor keeps its voice (design 2.3); its position defaults to
    # support like any other's (design 5.1), so a file should say how it votes.
    aggressor = d["aggressor"]
    flipped = admissibility(req, w.status, armed_attack=not rules.armed_attack)
    rec = w.decide_item(
        d["item"],
        kind,
        d["body"],
        d["positions"],
        sid,
        extra_cites=adm.cites,
        why_prefix=f"{what} for {d['by']} - ",
        extra_sensitive=("armed_attack",) if not flipped.admissible else (),
    )
    if rec["outcome"] not in ADOPTED or adm.track != "article4":
        return
    yield w.agenda.at(int(w.env.now), FOLLOW_UP)
    bound = w.run.decisions[d["item"]].bound
    contingents = d["contingents"]
    named = d["contributors"] or (list(contingents) if contingents else None)
    if named is not None:
        contributors = [m for m in named if m in bound and m != aggressor]
    else:
        contributors = [m for m in bound if m not in (d["by"], aggressor)]
    if not contributors:
        w.emit(
            "note",
            item=d["item"],
            text=f"No member but {d['by']} is bound by the decision, so no force deploys.",
        )
        return
    troops = {m: contingents[m] for m in contributors if m in contingents} if contingents else None
    total = sum(troops.values()) if troops else d["troops"]
    mission_days = d["mission_days"] or rules.mission_days
    w.missions[d["item"]] = {"active": True, "cites": list(adm.cites[:1])}
    w.emit(
        "deployment",
        item=d["item"],
        mission=d["item"],
        force=d["force"],
        to=d["by"],
        contributors=contributors,
        troops=troops,
        total=total,
        mission_days=mission_days,
        cites=list(adm.cites),
        why=f"The {d['force'].replace('_', ' ')} deploy to {d['by']}.",
    )
    w.emit(
        "report",
        item=d["item"],
        to="UN Security Council",
        cites=["un.51"],
        why="Measures of collective self-defence are reported at once (UN Charter art. 51).",
    )
    yield w.agenda.at(int(w.env.now) + mission_days, FOLLOW_UP)
    if w.missions[d["item"]]["active"]:
        end_mission(w, d["item"], f"the mission's {mission_days} days are over")


def end_mission(w: World, mission: str | None, reason: str) -> None:
    """End a deployment once (by a decision or when its time is up)."""
    state = w.missions.get(mission or "")
    if state is None or not state["active"]:
        w.emit("note", text=f"no active mission {mission!r} to end ({reason}).")
        return
    state["active"] = False
    w.emit(
        "withdrawal",
        item=mission,
        mission=mission,
        cites=state["cites"],
        why=f"The forces withdraw: {reason}.",
    )


_PROCESS = {
    "history": history_event,
    "session": session,
    "request_assistance": crisis,
    "accede": accession,
}


def simulate(plan: Plan, seed: int | None = None, *, trace: bool = True) -> Run:
    """Run ``plan`` once and return its trace and final state.

    With ``trace=False`` (sweeps) no trace is kept and ``sensitive_to`` is not computed; the
    outcomes, bound members, chairs and state are the same.
    """
    seed = plan.seed if seed is None else seed
    env = simpy.Environment()
    w = World(env, plan, seed, tracing=trace)
    w.run.status = w.status
    env.process(calendar(w))
    for ev in plan.events:
        env.process(_PROCESS.get(ev.type, membership)(w, ev))
    env.run()
    return w.run
