"""A request for assistance: consultations, an extraordinary session, help, a report to the UN
Security Council, and the end of the mission (design 2.3; cst.2, cst.4, un.51)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from types import MappingProxyType
from typing import ClassVar

from cstosim.engine.plan import Context, EventSpec, PositionSpec, compile_positions
from cstosim.engine.procedures.registry import register
from cstosim.engine.records import (
    ConsultationRecord,
    DeploymentRecord,
    ReportRecord,
    RequestRecord,
    SessionRecord,
    WithdrawalRecord,
)
from cstosim.engine.world import Mission, Process, Way, World
from cstosim.errors import PlanError
from cstosim.rules.article4 import Request, admissibility, consultation_article
from cstosim.scenario import models as m
from cstosim.vocabulary import (
    ADOPTED,
    Body,
    EventType,
    Force,
    ItemKind,
    Outcome,
    Rank,
    RuleKey,
    Threat,
    Track,
)

__all__ = ["RequestSpec", "end_mission"]


@dataclass(frozen=True, slots=True, kw_only=True)
class RequestSpec(EventSpec):
    """A request for assistance and what the file says of the session and force it may bring."""

    depends_on: ClassVar[frozenset[RuleKey]] = frozenset({RuleKey.ARMED_ATTACK})
    item: str
    by: str
    against: str | None
    aggressor: str | None
    threat: Threat
    positions: dict[str, PositionSpec]
    force: Force
    contingents: dict[str, int] | None
    contributors: tuple[str, ...] | None
    troops: int | None
    mission_days: int | None
    withdrawal_days: int = 0
    videoconference: bool
    body: Body
    no_decision: bool = False


def compile_request(ev: m.RequestAssistance, index: int, ctx: Context) -> RequestSpec:
    """The spec of a request; its extraordinary session must fall within the scenario."""
    response = ctx.overrides.get(RuleKey.RESPONSE_DAYS, 1)
    assert isinstance(response, int)
    named = [*(ev.contributors or ()), *(ev.contingents or {})]
    if ev.by in named:
        where = "contributors" if ev.by in (ev.contributors or ()) else "contingents"
        raise PlanError(
            f"{ev.by} asks for help and cannot send forces to itself; allowed: {where} of other "
            "members",
            ("events", index, where),
        )
    if ev.date + timedelta(days=response) > ctx.end:
        raise PlanError(
            f"the extraordinary session {response} day(s) after this request would fall "
            f"after end {ctx.end.isoformat()}; allowed: a request at least {response} "
            "day(s) before end",
            ("events", index, "date"),
        )
    return RequestSpec(
        day=ev.date,
        index=index,
        item=ev.item_id,
        by=ev.by,
        against=ev.against,
        aggressor=ev.from_,
        threat=ev.threat,
        positions=compile_positions(ev.positions),
        force=ev.force,
        contingents=dict(sorted(ev.contingents.items())) if ev.contingents else None,
        contributors=tuple(ev.contributors) if ev.contributors else None,
        troops=ev.troops,
        mission_days=ev.mission_days,
        withdrawal_days=ev.withdrawal_days,
        videoconference=ev.videoconference,
        body=ev.body,
        no_decision=ev.no_decision,
    )


def crisis(w: World, ev: RequestSpec) -> Process:
    """A request for assistance: consultations, an extraordinary session, help, a report."""
    plan = w.plan
    yield w.agenda.at(plan.offset(ev.day), Rank.REQUEST)
    rules = plan.rules_on(w.today)
    req = Request(
        day=w.today, by=ev.by, threat=ev.threat, against=ev.against, aggressor=ev.aggressor
    )
    adm = admissibility(req, w.status, armed_attack=rules.armed_attack)
    if w.sensitivity is not None:  # another reading of armed_attack may change the course
        status = dict(w.status)
        w.sensitivity.request(
            ev.item,
            w.today,
            lambda rs: admissibility(req, status, armed_attack=rs.armed_attack).admissible,
            adm.admissible,
            draws=any(isinstance(spec, tuple) for spec in ev.positions.values()),
        )
    w.emit(
        RequestRecord,
        item=ev.item,
        by=ev.by,
        against=req.attacked,
        aggressor=ev.aggressor,
        threat=ev.threat,
        admissible=adm.admissible,
        track=adm.track,
        cites=adm.cites,
        why=adm.why,
    )
    if not adm.admissible:
        w.record_decision(
            ev.item,
            ItemKind.ASSISTANCE,
            ev.body,
            None,
            None,
            Outcome.INADMISSIBLE,
            {},
            adm.cites,
            adm.why,
        )
        return
    w.emit(
        ConsultationRecord,
        item=ev.item,
        members=tuple(w.voters()),
        cites=(consultation_article(w.today),),
        why=f"{ev.by}'s request opens joint consultations at once (Article 2).",
    )
    yield w.agenda.at(int(w.env.now) + rules.response_days, Rank.SESSION)
    sid = f"{ev.body.lower()}-extraordinary-{ev.item}"
    w.emit(
        SessionRecord,
        id=sid,
        body=ev.body,
        extraordinary=True,
        host=None,
        chair=w.chair,
        items=(ev.item,),
        videoconference=ev.videoconference,
    )
    article4 = adm.track == Track.ARTICLE4
    # A member named as the aggressor keeps its voice (design 2.3); its position defaults to
    # support like any other's (design 5.1), so a file should say how it votes.
    dec = w.decide_item(
        ev.item,
        ItemKind.ASSISTANCE if article4 else ItemKind.ARTICLE2_MEASURES,
        ev.body,
        ev.positions,
        sid,
        way=Way(no_decision=ev.no_decision),
        extra_cites=adm.cites,
        why_prefix=f"{'Assistance' if article4 else 'Article 2 measures'} for {ev.by} - ",
    )
    if dec.outcome not in ADOPTED or not article4:
        return
    yield w.agenda.at(int(w.env.now), Rank.FOLLOW_UP)
    yield from _deploy(w, ev, adm.cites, rules.mission_days)


def _deploy(w: World, ev: RequestSpec, cites: tuple[str, ...], default_days: int) -> Process:
    """Forces deploy, the UN Security Council is told, and the mission ends after its days."""
    bound = w.run.decisions[ev.item].bound
    contingents = ev.contingents
    named = ev.contributors or (tuple(contingents) if contingents else None)
    if named is not None:
        contributors = tuple(c for c in named if c in bound and c != ev.aggressor)
        dropped = [c for c in named if c not in contributors]
        if dropped:
            w.note(
                f"{', '.join(dropped)} named to contribute but not sent: a contributor must be "
                "bound by the decision and not the aggressor.",
                item=ev.item,
            )
    else:
        contributors = tuple(c for c in bound if c not in (ev.by, ev.aggressor))
    if not contributors:
        w.note(
            f"No member but {ev.by} is bound by the decision, so no force deploys.", item=ev.item
        )
        return
    troops = {c: contingents[c] for c in contributors if c in contingents} if contingents else None
    total = sum(troops.values()) if troops else ev.troops
    mission_days = ev.mission_days or default_days
    w.missions[ev.item] = Mission(cites=cites[:1], withdrawal_days=ev.withdrawal_days)
    w.emit(
        DeploymentRecord,
        item=ev.item,
        mission=ev.item,
        force=ev.force,
        to=ev.by,
        contributors=contributors,
        troops=MappingProxyType(troops) if troops is not None else None,
        total=total,
        mission_days=mission_days,
        cites=cites,
        why=f"The {ev.force.replace('_', ' ')} deploy to {ev.by}.",
    )
    w.emit(
        ReportRecord,
        item=ev.item,
        to="UN Security Council",
        cites=(cites[0], "un.51"),
        why="The measures taken are reported to the UN Security Council at once, as Article 4 "
        "of the Treaty requires (in line with Article 51 of the UN Charter); the report describes "
        f"the {ev.force.replace('_', ' ')} and the request they answer.",
    )
    yield w.agenda.at(int(w.env.now) + mission_days, Rank.FOLLOW_UP)
    if w.missions[ev.item].active:
        end_mission(w, ev.item, f"the mission's {mission_days} days are over")


def end_mission(w: World, mission: str, reason: str) -> None:
    """End a deployment once (by a decision or when its time is up); a withdrawal in stages
    begins today and is completed ``withdrawal_days`` later."""
    state = w.missions.get(mission)
    if state is None or not state.active:
        w.note(f"no active mission {mission!r} to end ({reason}).")
        return
    state.active = False
    days = state.withdrawal_days
    if days:
        why = f"The forces begin to withdraw: {reason}; the withdrawal takes {days} days."
        w.env.process(_withdrawn(w, mission, state, days))
    else:
        why = f"The forces withdraw: {reason}."
    w.emit(
        WithdrawalRecord,
        item=mission,
        mission=mission,
        completed=not days,
        cites=state.cites,
        why=why,
    )


def _withdrawn(w: World, mission: str, state: Mission, days: int) -> Process:
    yield w.agenda.at(int(w.env.now) + days, Rank.FOLLOW_UP)
    w.emit(
        WithdrawalRecord,
        item=mission,
        mission=mission,
        completed=True,
        cites=state.cites,
        why=f"The withdrawal is complete, {days} days after it began.",
    )


register(RequestSpec, crisis, types=(EventType.REQUEST_ASSISTANCE,), compile=compile_request)
