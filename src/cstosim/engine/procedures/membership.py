"""Membership: join, withdraw (with notice), suspend, freeze, unfreeze, the built-in history,
and accession to adopted decisions (design 2.4; charter.19; rop.14.1 for accession)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cstosim.engine.plan import Context, EventSpec, HistorySpec
from cstosim.engine.procedures.registry import register
from cstosim.engine.records import AccessionRecord, MembershipRecord
from cstosim.engine.world import Process, World
from cstosim.errors import PlanError
from cstosim.rules.membership import standing_of, why_meaningless, withdrawal_effective
from cstosim.scenario import models as m
from cstosim.vocabulary import BINDING, Change, EventType, Outcome, Position, Rank, Status

__all__ = ["FILE_CHANGES", "AccedeSpec", "MembershipSpec", "change_membership", "scheduled_join"]


@dataclass(frozen=True, slots=True, kw_only=True)
class MembershipSpec(EventSpec):
    """A membership event of the file. ``position`` is a freeze's default position;
    ``effective`` the date a withdrawal asks for."""

    change: Change
    member: str
    position: Position = Position.STAND_ASIDE
    effective: date | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class AccedeSpec(EventSpec):
    """A member accedes later to an adopted decision."""

    member: str
    item: str


# The membership events of a file and the change each makes.
FILE_CHANGES: dict[EventType, Change] = {
    EventType.JOIN: Change.JOIN,
    EventType.WITHDRAW: Change.WITHDRAW,
    EventType.SUSPEND: Change.SUSPEND,
    EventType.REINSTATE: Change.REINSTATE,
    EventType.FREEZE: Change.FREEZE,
    EventType.UNFREEZE: Change.UNFREEZE,
}


def compile_membership(
    ev: m.Join | m.Withdraw | m.Suspend | m.Reinstate | m.Freeze | m.Unfreeze,
    index: int,
    ctx: Context,
) -> MembershipSpec:
    """The spec of a membership event; a withdrawal dated too early is refused (charter.19)."""
    effective = ev.effective if isinstance(ev, m.Withdraw) else None
    if effective is not None and effective < (earliest := withdrawal_effective(ev.date)):
        raise PlanError(
            "a withdrawal takes effect no earlier than six months after notice "
            f"(charter.19); allowed: {earliest.isoformat()} or later",
            ("events", index, "effective"),
        )
    return MembershipSpec(
        day=ev.date,
        index=index,
        change=FILE_CHANGES[ev.type],
        member=ev.member,
        position=ev.position if isinstance(ev, m.Freeze) else Position.STAND_ASIDE,
        effective=effective,
    )


def compile_accede(ev: m.Accede, index: int, ctx: Context) -> AccedeSpec:
    """The spec of an accession."""
    return AccedeSpec(day=ev.date, index=index, member=ev.member, item=ev.item)


def change_membership(
    w: World,
    member: str,
    change: Change,
    *,
    cites: tuple[str, ...],
    why: str,
    position: Position | None = None,
) -> None:
    """Apply one membership change and record it, or note why it means nothing (design 2.4;
    ``rules.membership.why_meaningless``)."""
    reason = why_meaningless(change, member, standing_of(w.status.get(member)))
    if reason is not None:
        w.note(f"{reason}; {change} ignored.")
        return
    if change == Change.JOIN:
        w.status[member] = Status.VOTING
        w.frozen.pop(member, None)
    elif change == Change.WITHDRAW:
        del w.status[member]
        w.frozen.pop(member, None)
    elif change == Change.SUSPEND:
        w.status[member] = Status.SUSPENDED
    elif change == Change.REINSTATE:
        w.status[member] = Status.VOTING
    elif change == Change.FREEZE:
        w.frozen[member] = position or Position.STAND_ASIDE
        w.status[member] = Status.FROZEN
    elif change == Change.UNFREEZE:
        w.frozen.pop(member, None)
        w.status[member] = Status.VOTING
    if change in (Change.JOIN, Change.WITHDRAW):
        w.withdrawing.pop(member, None)
    w.membership_changed()
    w.emit(
        MembershipRecord,
        member=member,
        change=change,
        status=w.status.get(member),
        cites=cites,
        why=why,
        position=w.frozen.get(member) if change == Change.FREEZE else None,
    )
    w.check_chair()


def scheduled_join(w: World, member: str, day: date, item_id: str) -> Process:
    """An admitted state joins on the date the decision set."""
    yield w.agenda.at(w.plan.offset(day), Rank.MEMBERSHIP)
    change_membership(
        w,
        member,
        Change.JOIN,
        cites=("charter.19",),
        why=f"Admitted by the Council's decision {item_id}.",
    )


_HISTORY_CITES = {
    Change.JOIN: ("charter.19",),
    Change.WITHDRAW: ("charter.19",),
    Change.SUSPEND: ("charter.suspension",),
    Change.UNFREEZE: ("charter.12",),
}


def freeze_cites(position: Position | None) -> tuple[str, ...]:
    """What a freeze rests on: standing aside is the limited format; a member that simply
    stays away is silent non-participation under Rule 14 (Uzbekistan's note of June 2012)."""
    if position == Position.ABSENT:
        return ("rop.14.1",)
    return ("csc.2010.limited_format",)


def history_event(w: World, ev: HistorySpec) -> Process:
    """A change of membership from the built-in history, on its date."""
    yield w.agenda.at(w.plan.offset(ev.day), Rank.MEMBERSHIP)
    change_membership(
        w,
        ev.member,
        ev.change,
        cites=freeze_cites(ev.position)
        if ev.change == Change.FREEZE
        else _HISTORY_CITES[ev.change],
        why=f"{ev.member}: {ev.note or ev.change} (built-in history).",
        position=ev.position,
    )


def membership(w: World, ev: MembershipSpec) -> Process:
    """A membership event from the file: join, withdraw (with notice), suspend, (un)freeze."""
    yield w.agenda.at(w.plan.offset(ev.day), Rank.MEMBERSHIP)
    member = ev.member
    if ev.change == Change.WITHDRAW:
        effective = withdrawal_effective(ev.day, ev.effective)
        reason = why_meaningless(Change.WITHDRAW_NOTICE, member, standing_of(w.status.get(member)))
        if reason is None and member in w.withdrawing:
            reason = f"{member} has already given notice (it leaves on {w.withdrawing[member]})"
        if reason is not None:
            w.note(f"{reason}; the notice is ignored.")
            return
        w.withdrawing[member] = effective
        w.emit(
            MembershipRecord,
            member=member,
            change=Change.WITHDRAW_NOTICE,
            status=w.status.get(member),
            effective=effective,
            cites=("charter.19",),
            why=f"{member} gives notice; it leaves on {effective.isoformat()}, no earlier "
            "than six months later.",
        )
        yield w.agenda.at(w.plan.offset(effective), Rank.MEMBERSHIP)
        if w.withdrawing.get(member) != effective:
            w.note(f"{member}'s notice of {ev.day.isoformat()} no longer stands; it stays.")
            return
        change_membership(
            w,
            member,
            Change.WITHDRAW,
            cites=("charter.19",),
            why=f"{member}'s withdrawal takes effect.",
        )
    elif ev.change == Change.JOIN:
        change_membership(w, member, Change.JOIN, cites=("charter.19",), why=f"{member} joins.")
    elif ev.change == Change.SUSPEND:
        change_membership(
            w,
            member,
            Change.SUSPEND,
            cites=("charter.suspension",),
            why=f"The Council suspends {member}'s participation.",
        )
    elif ev.change == Change.REINSTATE:
        change_membership(
            w,
            member,
            Change.REINSTATE,
            cites=("charter.suspension",),
            why=f"The Council lifts {member}'s suspension: it votes and takes its turn again.",
        )
    elif ev.change == Change.FREEZE:
        change_membership(
            w,
            member,
            Change.FREEZE,
            cites=freeze_cites(ev.position),
            why=f"{member} freezes its participation; unless it says otherwise it will "
            + ("stand aside." if ev.position == Position.STAND_ASIDE else "be absent."),
            position=ev.position,
        )
    elif ev.change == Change.UNFREEZE:
        change_membership(
            w, member, Change.UNFREEZE, cites=("charter.12",), why=f"{member} takes part again."
        )


def accession(w: World, ev: AccedeSpec) -> Process:
    """A member accedes later to an adopted decision (rop.14.1; Belarus, 20 Oct 2009)."""
    yield w.agenda.at(w.plan.offset(ev.day), Rank.ACCESSION)
    member, item = ev.member, ev.item
    dec = w.run.decisions.get(item)
    if dec is None or dec.outcome not in BINDING:
        state = "not yet decided" if dec is None else dec.outcome
        w.note(f"{member} cannot accede to {item}: it is {state}.")
        return
    if member in dec.bound:
        w.note(f"{member} is already bound by {item}.")
        return
    if member not in w.voters():
        w.note(f"{member} has no vote today and cannot accede to {item}.")
        return
    dec.bound = tuple(sorted([*dec.bound, member]))
    w.emit(
        AccessionRecord,
        item=item,
        member=member,
        bound=dec.bound,
        cites=(
            ("practice.agreements",)
            if dec.outcome == Outcome.SIGNED
            else ("rop.14.1", "charter.12")
        ),
        why=f"{member} accedes to {item} and is bound by it from today.",
    )


register(
    MembershipSpec,
    membership,
    types=tuple(FILE_CHANGES),
    compile=compile_membership,
)
register(AccedeSpec, accession, types=(EventType.ACCEDE,), compile=compile_accede)
register(HistorySpec, history_event)
