"""Compile a validated scenario into a typed plan (design 4: YAML -> scenario -> plan -> run)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from cstosim.engine.plan import Context, EventSpec, HistorySpec, Plan, RecordedChairSpec
from cstosim.engine.procedures import compiler_for
from cstosim.engine.procedures.membership import FILE_CHANGES
from cstosim.engine.run import check_seed
from cstosim.errors import PlanError, RuleError
from cstosim.history import chair_on, recorded_handovers
from cstosim.members import HISTORY, frozen_positions, members_on
from cstosim.rules.membership import after, standing_of, why_meaningless, withdrawal_effective
from cstosim.rules.rotation import next_in_turn
from cstosim.rules.ruleset import check_combination, check_overrides, rules_on
from cstosim.scenario import models as m
from cstosim.vocabulary import Change, ItemKind, Position, RuleKey, Standing, Status

__all__ = ["compile_scenario", "follows_history"]


def follows_history(sc: m.Scenario) -> bool:
    """Whether a run applies the built-in membership history after the start date.

    It does unless the file lists its own ``members`` or has membership events or items of its
    own (join, withdraw, suspend, freeze, unfreeze; suspension or admission items): then the
    file tells the membership story after the start.
    """
    if sc.members is not None:
        return False
    for ev in sc.events:
        if ev.type in FILE_CHANGES:
            return False
        if isinstance(ev, m.Session) and any(
            it.kind in (ItemKind.SUSPENSION, ItemKind.ADMISSION) for it in ev.items
        ):
            return False
    return True


def _overrides(sc: m.Scenario, extra: Mapping[str, Any] | None) -> dict[RuleKey, Any]:
    """The file's rules, then the caller's, checked and typed."""
    merged: dict[RuleKey, Any] = dict(sc.rules.overrides())
    try:
        merged.update(check_overrides(extra or {}))
    except RuleError as e:
        raise PlanError(str(e)) from None
    try:
        check_combination(merged)
        rules_on(sc.start, merged)
    except RuleError as e:
        raise PlanError(str(e), ("rules",)) from None
    return merged


def _start_state(sc: m.Scenario) -> tuple[dict[str, Status], dict[str, Position], str | None]:
    """The members, the freezes and the chair on the start date."""
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
        return status, frozen, sc.chair
    chair = chair_on(sc.start)
    if chair is not None and chair not in eligible:
        # the recorded chair is not in this council: the turn passes on from its place
        chair = next_in_turn(chair, eligible) if eligible else None
    return status, frozen, chair


def compile_scenario(
    sc: m.Scenario, *, overrides: Mapping[str, Any] | None = None, seed: int | None = None
) -> Plan:
    """The plan of a validated scenario, with overrides and a seed applied; raises PlanError."""
    merged = _overrides(sc, overrides)
    status, frozen, chair = _start_state(sc)
    events: list[EventSpec] = []
    if follows_history(sc):
        # Without its own members or membership events, a scenario lives through the built-in
        # history: Uzbekistan's suspension, Armenia's freeze and the rest happen on their dates.
        events += [
            HistorySpec(
                day=h.date,
                index=-1,
                member=h.member,
                change=h.kind,
                position=h.position,
                note=h.note,
            )
            for h in HISTORY
            if sc.start < h.date <= sc.end
        ]
    _check_membership_story(sc, status)
    what_if = _chair_what_if(sc, merged)
    if not what_if:
        # The chair follows the record: its recorded handovers happen on their dates.
        events += [
            RecordedChairSpec(day=h.day, index=-1, member=h.member, exact=h.exact, note=h.note)
            for h in recorded_handovers(sc.start, sc.end)
        ]
    ctx = Context(sc.start, sc.end, merged)
    events += [compiler_for(ev.type)(ev, i, ctx) for i, ev in enumerate(sc.events)]
    return Plan(
        name=sc.name,
        description=sc.description,
        start=sc.start,
        end=sc.end,
        seed=sc.seed if seed is None else check_seed(seed),
        overrides=merged,
        status=status,
        frozen=frozen,
        chair=chair,
        events=tuple(events),
        expect=tuple(sc.expect),
        follows_record=not what_if,
        chair_what_if=what_if,
        item_rules=_item_rules(sc, merged),
    )


def _item_rules(sc: m.Scenario, merged: Mapping[RuleKey, Any]) -> dict[str, dict[RuleKey, Any]]:
    """Each item's own readings (``rules`` on an item or a request), checked with the
    scenario's rules."""
    found: dict[str, tuple[tuple[str | int, ...], m.ItemRules]] = {}
    for i, ev in enumerate(sc.events):
        if isinstance(ev, m.Session):
            for j, it in enumerate(ev.items):
                if it.rules is not None:
                    found[it.id] = (("events", i, "items", j, "rules"), it.rules)
        elif isinstance(ev, m.RequestAssistance) and ev.rules is not None:
            found[ev.item_id] = (("events", i, "rules"), ev.rules)
    out: dict[str, dict[RuleKey, Any]] = {}
    for item, (where, rules) in found.items():
        own = rules.overrides()
        try:
            check_combination({**merged, **own})
        except RuleError as e:
            raise PlanError(str(e), where) from None
        out[item] = own
    return out


def _chair_what_if(sc: m.Scenario, overrides: Mapping[RuleKey, Any]) -> str:
    """Why the chair of this scenario does not follow the record from its start ("" if it
    does): the scenario sets its own chair, rotation or order (design 2.2)."""
    if sc.chair is not None:
        return f"the scenario sets the chair ({sc.chair}) on {sc.start.isoformat()}"
    keys = [str(k) for k in (RuleKey.ROTATION, RuleKey.ORDER) if k in overrides]
    if keys:
        return f"the scenario sets {' and '.join(keys)}"
    return ""


def _check_membership_story(sc: m.Scenario, status: Mapping[str, Status]) -> None:
    """Refuse a membership event that can mean nothing in any run (design 2.4): the file's own
    events, in date order, from the membership on the start date. A member that an agenda item
    may suspend or admit is left to the run, which notes an event that has become meaningless."""
    uncertain = {
        it.member
        for ev in sc.events
        if isinstance(ev, m.Session)
        for it in ev.items
        if it.kind in (ItemKind.SUSPENSION, ItemKind.ADMISSION)
    }
    standing = {code: standing_of(s) for code, s in status.items()}
    leaving: dict[str, date] = {}
    steps: list[tuple[date, int, str, Change]] = []
    for i, ev in enumerate(sc.events):
        change = FILE_CHANGES.get(ev.type)
        if change is not None and isinstance(ev, m.MemberEvent):
            if change == Change.WITHDRAW:
                change = Change.WITHDRAW_NOTICE  # a file's withdrawal is a notice first
            steps.append((ev.date, i, ev.member, change))
            if isinstance(ev, m.Withdraw):
                steps.append(
                    (withdrawal_effective(ev.date, ev.effective), i, ev.member, Change.WITHDRAW)
                )
    for day, i, member, change in sorted(
        steps, key=lambda s: (s[0], s[1], s[3] != Change.WITHDRAW)
    ):
        if member in uncertain:
            continue
        now = standing.get(member, Standing.NOT_MEMBER)
        if change == Change.WITHDRAW:
            if leaving.pop(member, None) == day:
                standing[member] = Standing.NOT_MEMBER
            continue
        reason = why_meaningless(change, member, now)
        if reason is None and change == Change.WITHDRAW_NOTICE and member in leaving:
            reason = (
                f"{member} has already given notice (it leaves on {leaving[member].isoformat()})"
            )
        if reason is not None:
            raise PlanError(
                f"{reason} on {day.isoformat()}; allowed: a {sc.events[i].type} event only where "
                "it changes something",
                ("events", i, "type"),
            )
        if change == Change.WITHDRAW_NOTICE:
            leaving[member] = withdrawal_effective(day, getattr(sc.events[i], "effective", None))
        else:
            standing[member] = after(change, now)
            if change == Change.JOIN:
                leaving.pop(member, None)
