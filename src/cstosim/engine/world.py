"""The state a run changes (members, chair, decisions, missions) and the trace it writes.

Every outcome comes from a rule function in ``cstosim.rules``; the world only composes them.
One SimPy time unit is one day from the scenario's start. All randomness comes from one
``random.Random`` seeded per run, drawn in a fixed order.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Generator, Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from typing import Any

import simpy

from cstosim.engine.agenda import Agenda
from cstosim.engine.deciding import (
    AT_A_MEETING,
    BASES_FROM,
    Choice,
    Chooser,
    RuleFn,
    Way,
    cited,
    decided,
    decision_record,
    reform_for,
    rule_for,
)
from cstosim.engine.plan import Plan, PositionSpec, pick
from cstosim.engine.records import ChairRecord, NoteRecord, Record
from cstosim.engine.sensitivity import Sensitivity
from cstosim.engine.state import Decision, Mission, Run
from cstosim.rules.competence import COMPETENT, competence
from cstosim.rules.consensus import ConsensusResult
from cstosim.rules.rotation import next_in_turn
from cstosim.rules.ruleset import RuleSet
from cstosim.vocabulary import (
    Body,
    DecisionRule,
    ItemKind,
    Outcome,
    Position,
    Rotation,
    RuleKey,
    Status,
)

__all__ = ["Decision", "Mission", "Process", "Run", "Way", "World"]

Process = Generator[simpy.Event, Any, None]


class World:
    """The state a run changes, and the trace it writes."""

    def __init__(
        self,
        env: simpy.Environment,
        plan: Plan,
        seed: int,
        tracing: bool = True,
        chooser: Chooser | None = None,
        sensitivity: Sensitivity | None = None,
    ) -> None:
        self.env = env
        self.tracing = tracing
        self.chooser = chooser  # picks positions in place of drawing them (exact odds)
        self.sensitivity = sensitivity  # the other readings, asked item by item (traced runs)
        # cached; cleared on every membership change
        self._voters: tuple[str, ...] | None
        self._voters, self._voter_set = plan.voters_at_start()
        self._at_start = True  # no membership has changed yet: the plan's cached specs hold
        self._now: float = -1.0
        self._today: date = plan.start
        self._held: list[Record] | None = None  # records held back to be emitted in order
        self.plan = plan
        self.rng = random.Random(seed)
        self.agenda = Agenda(env, plan.offset(plan.end))
        self.status: dict[str, Status] = dict(plan.status)
        self.frozen: dict[str, Position] = dict(plan.frozen)
        self.withdrawing: dict[str, date] = {}  # members that gave notice, and when they leave
        self.chair: str | None = plan.chair
        self.pending_chair: str | None = None  # the Council's choice for the next handover
        self.skip_next_handover = False  # a dated Council choice took the next one's place
        self.dated_choices: set[date] = set()  # days on which the Council's choice takes over
        self.missions: dict[str, Mission] = {}
        self.follows_record = plan.follows_record  # the chair follows the record (design 2.2)
        self.run = Run(plan=plan, seed=seed, traced=tracing, chairs=[(plan.start, plan.chair)])
        self.run.status = self.status

    # -- time and membership ------------------------------------------------------------------
    @property
    def today(self) -> date:
        """The simulated date."""
        now = self.env.now
        if now != self._now:
            self._now, self._today = now, self.plan.day(now)
        return self._today

    def voters(self) -> tuple[str, ...]:
        """Members with a vote today (voting or frozen), sorted by code."""
        if self._voters is None:
            self._voters = tuple(
                sorted(m for m, s in self.status.items() if s is not Status.SUSPENDED)
            )
            self._voter_set = frozenset(self._voters)
        return self._voters

    def membership_changed(self) -> None:
        """Forget what was derived from the membership."""
        self._voters = None
        self._at_start = False

    # -- the trace ----------------------------------------------------------------------------
    def emit(self, build: Callable[..., Record], **fields: Any) -> None:
        """Build a record dated today and append it to the trace (nothing without tracing)."""
        if self.tracing:
            self.emit_all([build(date=self.today, **fields)])

    def note(self, text: str, item: str | None = None) -> None:
        """A note in the trace: something worth telling that changed nothing."""
        self.emit(NoteRecord, item=item, text=text)

    @contextmanager
    def held(self) -> Iterator[list[Record]]:
        """Hold the records emitted inside the block; the caller emits them in its own order."""
        outer, self._held = self._held, []
        try:
            yield self._held
        finally:
            self._held = outer

    def trace_append(self, rec: Record) -> None:
        """Emit one record already built."""
        (self._held if self._held is not None else self.run.trace).append(rec)

    def emit_all(self, records: list[Record]) -> None:
        """Emit records already built (or held back), in the order given."""
        if self.tracing:
            (self._held if self._held is not None else self.run.trace).extend(records)

    # -- positions ----------------------------------------------------------------------------
    def draw(self, spec: PositionSpec) -> Position:
        """A position: the one given, or one drawn from the probabilities given."""
        return spec if not isinstance(spec, tuple) else pick(spec, self.rng.random())

    def positions_for(
        self, given: Mapping[str, PositionSpec]
    ) -> tuple[dict[str, Position], tuple[str, ...]]:
        """Today's voters' positions: given, else a freeze's default, else support."""
        if self._at_start:  # the hot path of sweeps: what is fixed was worked out once
            fixed, drawn, skipped = self.plan.start_positions(given)
            chosen = dict(fixed)
            for member, probabilities in drawn:
                chosen[member] = self.draw(probabilities)
            return chosen, skipped
        voters = self.voters()
        get, default, draw = given.get, self.frozen.get, self.draw
        pos: dict[str, Position] = {}
        for m in voters:  # the hot loop of sweeps: no call unless a position is drawn
            spec = get(m)
            if spec is None:
                spec = default(m, Position.SUPPORT)
            pos[m] = draw(spec) if isinstance(spec, tuple) else spec
        has_vote = self._voter_set
        ignored = () if has_vote.issuperset(given) else tuple(sorted(set(given) - has_vote))
        return pos, ignored

    def _chosen(
        self,
        item_id: str,
        item_kind: ItemKind,
        body: Body,
        given: Mapping[str, PositionSpec],
        way: Way,
        rule: RuleFn | None,
        rules: RuleSet,
        reformed: bool,
    ) -> tuple[dict[str, Position], tuple[str, ...]]:
        """Today's voters' positions as the chooser picks them from what each may take
        (``reformed``: a reform of the decision rule decides the item)."""
        assert self.chooser is not None
        voters = self.voters()
        specs = {m: given.get(m, self.frozen.get(m, Position.SUPPORT)) for m in voters}
        ignored = tuple(sorted(set(given) - self._voter_set))
        named: tuple[str, ...] = ()  # members whose identity the deciding rule uses
        if item_kind == ItemKind.BASING and self.today >= BASES_FROM:
            named += (way.host, way.third_state)
        if reformed and rules.decision == DecisionRule.QUALIFIED_MAJORITY:  # weighted
            named += tuple(code for code, _ in rules.weights or ())
        r14, lf, q = rules.rule14, rules.limited_format, rules.quorum

        def outcome_of(pos: Mapping[str, Position]) -> Outcome:
            if rule is None:
                return decided(dict(pos), r14, lf, q).outcome
            return rule(pos, rule14=r14, limited_format=lf, quorum=q).outcome

        choice = Choice(item_id, item_kind, self.today, body, specs, named)
        return self.chooser.choose(choice, outcome_of), ignored

    # -- the chair ----------------------------------------------------------------------------
    def set_chair(self, member: str | None, cites: tuple[str, ...], why: str) -> None:
        """Record a change of chair (no record where the chair stays the same)."""
        if member == self.chair:
            return
        previous, self.chair = self.chair, member
        self.run.chairs.append((self.today, member))
        self.emit(ChairRecord, member=member, previous=previous, cites=cites, why=why)

    def take_choice(self) -> str | None:
        """The Council's pending choice of chair, if that member still has a vote."""
        choice, self.pending_chair = self.pending_chair, None
        if choice is not None and choice not in self.voters():
            self.note(
                f"The Council chose {choice} to chair, but it has no vote today; "
                "the ordinary rule applies."
            )
            return None
        return choice

    def leave_record(self, reason: str) -> None:
        """From today the chair follows this run's rules, not the record (a what-if)."""
        if self.follows_record:
            self.follows_record = False
            self.note(f"From here the chair follows this run's rules, not the record: {reason}.")

    def check_chair(self) -> None:
        """Keep the chair with a member that has a vote after a membership change."""
        if self.chair is None or self.chair in self.voters():
            return
        eligible = self.voters()
        if not eligible:
            self.set_chair(None, ("charter.13",), "No member with a vote is left to chair.")
            return
        rules = self.plan.rules_on(self.today)
        rotation = rules.rotation if rules.rotation != Rotation.HOST else Rotation.RUSSIAN_ALPHABET
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
        item_kind: ItemKind,
        body: Body,
        given: Mapping[str, PositionSpec],
        session_id: str | None,
        *,
        way: Way = AT_A_MEETING,
        extra_cites: tuple[str, ...] = (),
        why_prefix: str = "",
        title: str | None = None,
    ) -> Decision:
        """Decide one item by the rule its kind and way call for (consensus by default, design
        2.1; 2.3b for the others), record it and remember the decision."""
        today = self.today
        rules = self.plan.rules_for(today, item_id)
        allowed = competence(body, item_kind) if body != Body.CSC else COMPETENT
        if not allowed.competent or way.no_decision:
            outcome = Outcome.INADMISSIBLE if not allowed.competent else Outcome.NO_DECISION
            cites = allowed.cites or (*extra_cites, "charter.12")
            why = allowed.why or (
                why_prefix
                + ("n" if why_prefix else "N")
                + "o decision: the body ended its consideration without putting a draft to a "
                "decision."
            )
            return self.record_decision(
                item_id, item_kind, body, session_id, title, outcome, {}, cites, why
            )
        rule = rule_for(item_kind, way, today)
        reformed = rule is None and rules.decision is not DecisionRule.CONSENSUS
        if reformed:
            rule = reform_for(rules)  # a reform replaces consensus (design 2.1c)
        if self.chooser is None:
            pos, ignored = self.positions_for(given)
        else:
            pos, ignored = self._chosen(item_id, item_kind, body, given, way, rule, rules, reformed)
        if item_kind == ItemKind.BASING and today < BASES_FROM:
            why_prefix += (
                "The 2011 protocol on foreign bases was not yet in force (it is from "
                f"{BASES_FROM.isoformat()}), so the question is decided by consensus - "
            )
        if rule is None:  # consensus: the hot path of sweeps, remembered
            res = decided(pos, rules.rule14, rules.limited_format, rules.quorum)
        else:
            r14, lf, q = rules.rule14, rules.limited_format, rules.quorum
            res = rule(pos, rule14=r14, limited_format=lf, quorum=q)
        if not self.tracing:  # sweeps: keep the outcome; build the record only if asked for
            dec = self.run.decisions[item_id] = Decision(
                res.outcome,
                res.bound,
                None,
                (
                    today,
                    item_id,
                    item_kind,
                    title,
                    body,
                    session_id,
                    res,
                    pos,
                    extra_cites,
                    why_prefix,
                    ignored,
                ),
            )
            return dec
        cites, why = cited(res, extra_cites, why_prefix)
        sens: tuple[RuleKey, ...] = ()
        if self.sensitivity is not None:
            items = tuple(pos.items())

            def decide_under(rs: RuleSet) -> Outcome:
                r14, lf, q = rs.rule14, rs.limited_format, rs.quorum
                if rule is None:
                    return decided(pos, r14, lf, q, items).outcome
                return rule(pos, rule14=r14, limited_format=lf, quorum=q).outcome

            sens = self.sensitivity.item(item_id, item_kind, today, res.outcome, decide_under)
        dec = self.record_decision(
            item_id,
            item_kind,
            body,
            session_id,
            title,
            res.outcome,
            pos,
            cites,
            why,
            res=res,
            ignored=ignored,
            sensitive=sens,
        )
        if ignored:
            self.note(
                f"Positions given for {', '.join(ignored)} are ignored: no vote on this date.",
                item=item_id,
            )
        return dec

    def record_decision(
        self,
        item_id: str,
        item_kind: ItemKind,
        body: Body,
        session_id: str | None,
        title: str | None,
        outcome: Outcome,
        pos: dict[str, Position],
        cites: tuple[str, ...],
        why: str,
        *,
        res: ConsensusResult | None = None,
        ignored: tuple[str, ...] = (),
        sensitive: tuple[RuleKey, ...] | None = None,
    ) -> Decision:
        """Write the decision record of an item and remember the decision (the record is
        built even without a trace: this path serves the items no rule decides)."""
        if sensitive is None:  # an item no rule decides: only a cascade can change it
            sensitive = (
                self.sensitivity.item(item_id, item_kind, self.today, outcome, None)
                if self.sensitivity is not None
                else ()
            )
        rec = decision_record(
            self.today,
            item_id,
            item_kind,
            title,
            body,
            session_id,
            outcome,
            pos,
            res,
            cites,
            why,
            ignored,
            sensitive,
        )
        if self.tracing:
            self.trace_append(rec)
        dec = Decision(outcome, rec.bound, rec)
        self.run.decisions[item_id] = dec
        return dec
