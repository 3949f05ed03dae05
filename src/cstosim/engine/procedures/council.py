"""Council sessions deciding their items, and the chair's handovers (design 2.1, 2.2).

Under ``rotation: host`` a regular CSC session opens under its host's chair (charter.13) unless
the Council decides otherwise at it; the trace then shows the handover, the session and its
decisions, in that order. Under the alphabetical rotations the chair passes on 1 January
(practice.rotation_2011). An adopted ``chair`` item is the Council deciding otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar

from cstosim.engine.plan import (
    Context,
    EventSpec,
    PositionSpec,
    RecordedChairSpec,
    compile_positions,
)
from cstosim.engine.procedures.crisis import end_mission
from cstosim.engine.procedures.membership import change_membership, scheduled_join
from cstosim.engine.procedures.registry import register
from cstosim.engine.records import ChairRecord, Record, SessionRecord
from cstosim.engine.world import Process, Way, World
from cstosim.history import LAST_RECORDED
from cstosim.rules.rotation import handover, next_in_turn
from cstosim.rules.ruleset import ALPHABET_ROTATION_FROM
from cstosim.scenario import models as m
from cstosim.vocabulary import ADOPTED, Body, Change, EventType, ItemKind, Rank, Rotation

__all__ = [
    "AdmissionItem",
    "ChairItem",
    "DecisionItem",
    "EndMissionItem",
    "ItemSpec",
    "SessionSpec",
    "SuspensionItem",
    "calendar",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class ItemSpec:
    """An agenda item, compiled: what it decides comes with its class."""

    kind: ClassVar[ItemKind]
    id: str
    positions: dict[str, PositionSpec]
    title: str | None = None
    way: Way = field(default_factory=Way)


@dataclass(frozen=True, slots=True, kw_only=True)
class DecisionItem(ItemSpec):
    """A decision with no effect the engine carries out (a statement, a programme...)."""

    kind: ClassVar[ItemKind] = ItemKind.DECISION


@dataclass(frozen=True, slots=True, kw_only=True)
class ChairItem(ItemSpec):
    """The Council decides otherwise on the chair: ``member`` chairs (from ``from_day``)."""

    kind: ClassVar[ItemKind] = ItemKind.CHAIR
    member: str
    from_day: date | None = None
    replaces_next: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class SuspensionItem(ItemSpec):
    """The Council suspends ``member``."""

    kind: ClassVar[ItemKind] = ItemKind.SUSPENSION
    member: str


@dataclass(frozen=True, slots=True, kw_only=True)
class AdmissionItem(ItemSpec):
    """The Council admits ``member`` (from ``from_day``)."""

    kind: ClassVar[ItemKind] = ItemKind.ADMISSION
    member: str
    from_day: date | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class EndMissionItem(ItemSpec):
    """The Council ends the mission sent on request ``mission``."""

    kind: ClassVar[ItemKind] = ItemKind.END_MISSION
    mission: str


@dataclass(frozen=True, slots=True, kw_only=True)
class AgreementItem(ItemSpec):
    """An agreement signed at the session; it binds its signatories only."""

    kind: ClassVar[ItemKind] = ItemKind.AGREEMENT


@dataclass(frozen=True, slots=True, kw_only=True)
class BasingItem(ItemSpec):
    """A member's hosting of a third state's forces, blocked only by an official objection
    (the host and the third state are in ``way``)."""

    kind: ClassVar[ItemKind] = ItemKind.BASING


@dataclass(frozen=True, slots=True, kw_only=True)
class SessionSpec(EventSpec):
    """A session of a body and the items it decides, in order."""

    id: str
    body: Body
    extraordinary: bool
    host: str | None
    items: tuple[ItemSpec, ...]


def _item(it: m.Item) -> ItemSpec:
    """An agenda item of the file, compiled to the spec of its kind."""
    pos, title = compile_positions(it.positions), it.title
    member = it.member or ""  # the model requires a member for the kinds that use one
    way = Way(
        procedure=it.procedure,
        procedural=it.procedural,
        no_decision=it.no_decision,
        host=member if it.kind == ItemKind.BASING else "",
        third_state=it.third_state or "",
    )
    if it.kind == ItemKind.AGREEMENT:
        return AgreementItem(id=it.id, positions=pos, title=title, way=way)
    if it.kind == ItemKind.BASING:
        return BasingItem(id=it.id, positions=pos, title=title, way=way)
    if it.kind == ItemKind.CHAIR:
        return ChairItem(
            id=it.id,
            positions=pos,
            title=title,
            way=way,
            member=member,
            from_day=it.from_,
            replaces_next=it.replaces_next_handover,
        )
    if it.kind == ItemKind.SUSPENSION:
        return SuspensionItem(id=it.id, positions=pos, title=title, way=way, member=member)
    if it.kind == ItemKind.ADMISSION:
        return AdmissionItem(
            id=it.id, positions=pos, title=title, way=way, member=member, from_day=it.from_
        )
    if it.kind == ItemKind.END_MISSION:
        return EndMissionItem(
            id=it.id, positions=pos, title=title, way=way, mission=it.mission or ""
        )
    return DecisionItem(id=it.id, positions=pos, title=title, way=way)


def compile_session(ev: m.Session, index: int, ctx: Context) -> SessionSpec:
    """The spec of a session event."""
    return SessionSpec(
        day=ev.date,
        index=index,
        id=ev.id or f"{ev.body.lower()}-{ev.date.isoformat()}-{index}",
        body=ev.body,
        extraordinary=ev.extraordinary,
        host=ev.host,
        items=tuple(_item(it) for it in ev.items),
    )


def session(w: World, ev: SessionSpec) -> Process:
    """A session deciding each item in turn (and, under ``host``, the handover at it)."""
    yield w.agenda.at(w.plan.offset(ev.day), Rank.SESSION)
    rules = w.plan.rules_on(w.today)
    host_rule = rules.rotation == Rotation.HOST and ev.body == Body.CSC and not ev.extraordinary
    if not host_rule:
        _open(w, ev)
        _decide_items(w, ev)
        return
    with w.held() as held:
        _decide_items(w, ev)
        if w.follows_record:
            pass  # the record, not the host, says who chairs (design 2.2)
        elif w.skip_next_handover:
            w.skip_next_handover = False
        else:
            choice = w.take_choice()
            h = handover(w.chair, w.voters(), Rotation.HOST, host=ev.host, council_choice=choice)
            if h is not None:
                w.set_chair(h.member, h.cites, h.why)
    # read in the order things happen at the table: who chairs, the session, its decisions
    chairs: list[Record] = [r for r in held if isinstance(r, ChairRecord)]
    w.emit_all(chairs)
    _open(w, ev)
    w.emit_all([r for r in held if not isinstance(r, ChairRecord)])


def _open(w: World, ev: SessionSpec) -> None:
    if not w.tracing:
        return
    w.emit(
        SessionRecord,
        id=ev.id,
        body=ev.body,
        extraordinary=ev.extraordinary,
        host=ev.host,
        chair=w.chair,
        items=tuple(it.id for it in ev.items),
    )


def _decide_items(w: World, ev: SessionSpec) -> None:
    for item in ev.items:
        dec = w.decide_item(
            item.id, item.kind, ev.body, item.positions, ev.id, way=item.way, title=item.title
        )
        if dec.outcome in ADOPTED:
            apply_item(w, item)


def apply_item(w: World, item: ItemSpec) -> None:
    """Carry out what an adopted item of kind chair, suspension, admission or end_mission says."""
    if isinstance(item, ChairItem):
        w.leave_record(f"the Council decided otherwise on the chair ({item.id})")
        if item.from_day is None:
            w.pending_chair = item.member  # it takes the place of the next handover
        elif item.from_day > w.today:
            w.dated_choices.add(item.from_day)
            w.env.process(scheduled_chair(w, item))
        else:
            council_chair(w, item)
    elif isinstance(item, SuspensionItem):
        change_membership(
            w,
            item.member,
            Change.SUSPEND,
            cites=("charter.suspension",),
            why=f"Suspended by the Council's decision {item.id}.",
        )
    elif isinstance(item, AdmissionItem):
        when = item.from_day or w.today
        if when > w.today:
            w.env.process(scheduled_join(w, item.member, when, item.id))
        else:
            change_membership(
                w,
                item.member,
                Change.JOIN,
                cites=("charter.19",),
                why=f"Admitted by the Council's decision {item.id}.",
            )
    elif isinstance(item, EndMissionItem):
        end_mission(w, item.mission, f"ended by the Council's decision {item.id}")


def scheduled_chair(w: World, item: ChairItem) -> Process:
    """The Council's chosen chair takes over on the date it set."""
    assert item.from_day is not None
    yield w.agenda.at(w.plan.offset(item.from_day), Rank.HANDOVER)
    council_chair(w, item)


def council_chair(w: World, item: ChairItem) -> None:
    """The Council's chosen chair takes over today (charter.13: "unless the Council decides
    otherwise"); with ``replaces_next`` the next ordinary handover does not happen."""
    member = item.member
    if member not in w.voters():
        w.note(f"{member} has no vote today and cannot take the chair ({item.id}).")
        return
    w.skip_next_handover = item.replaces_next
    w.set_chair(
        member,
        ("charter.13",),
        f"The Council decided otherwise ({item.id}): {member} chairs from today.",
    )


def recorded_chair(w: World, ev: RecordedChairSpec) -> Process:
    """A handover from the record, on its date, while the run follows the record."""
    yield w.agenda.at(w.plan.offset(ev.day), Rank.HANDOVER)
    voters = w.voters()
    if not w.follows_record or not voters:
        return
    when = "" if ev.exact else "; the date is approximate"
    member, why = ev.member, f"{ev.member} takes the chair by the record: {ev.note}{when}."
    if member not in voters:
        member = next_in_turn(ev.member, voters)
        why = (
            f"By the record {ev.member} takes the chair ({ev.note}), but it has no vote in this "
            f"run; the turn passes to the next member, {member}."
        )
    cites = "practice.rotation_2011" if ev.day >= ALPHABET_ROTATION_FROM else "charter.13"
    w.set_chair(member, (cites,), why)


def calendar(w: World) -> Process:
    """Hand the chair over each 1 January under the alphabetical rotations (practice 2011),
    after the record (or from the start, in a run that does not follow it)."""
    plan = w.plan
    if not plan.follows_record:
        w.note(f"The chair does not follow the record in this run: {plan.chair_what_if}.")
    for year in range(plan.start.year + 1, plan.end.year + 1):
        jan1 = date(year, 1, 1)
        yield w.agenda.at(plan.offset(jan1), Rank.HANDOVER)
        if w.follows_record and jan1 <= LAST_RECORDED:
            continue  # the record says who chairs

        rules = plan.rules_on(jan1)
        before = plan.rules_on(date(year - 1, 12, 31))
        if Rotation.HOST in (rules.rotation, before.rotation):
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
        if h is not None and h.member == w.chair and choice is not None:
            # the Council's choice keeps the chair where it is: say whose turn it passes over
            turn = next_in_turn(w.chair, eligible, rules.rotation, rules.order)
            w.note(
                f"{w.chair} keeps the chair by the Council's decision; the turn of {turn}, "
                "next in the rotation, is passed over this year."
            )
        elif h is not None:
            w.set_chair(h.member, h.cites, h.why)


register(SessionSpec, session, types=(EventType.SESSION,), compile=compile_session)
register(RecordedChairSpec, recorded_chair)
