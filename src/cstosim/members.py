"""Member states, their names and the membership history of the Treaty and the Organisation.

Codes are ISO 3166-1 alpha-3. The Russian short names fix the order of the chair rotation.
The history below runs from the Tashkent signature (1992) to today; where the sources give
several dates, the one used is stated with the event (``note``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from cstosim.i18n import N_
from cstosim.vocabulary import Change, Position, Status

__all__ = [
    "HISTORY",
    "STATES",
    "MembershipEvent",
    "State",
    "Status",
    "frozen_positions",
    "is_known",
    "members_on",
    "voting_members",
]


@dataclass(frozen=True, slots=True)
class State:
    """A state that is or was a party: code, English, Russian and Arabic short names."""

    code: str
    name_en: str
    name_ru: str
    name_ar: str

    def name(self, lang: str = "en") -> str:
        """The state's short name in ``lang`` (en, ru or ar)."""
        return {"ru": self.name_ru, "ar": self.name_ar}.get(lang, self.name_en)


STATES: dict[str, State] = {
    s.code: s
    for s in (
        State("ARM", "Armenia", "Армения", "أرمينيا"),
        State("AZE", "Azerbaijan", "Азербайджан", "أذربيجان"),
        State("BLR", "Belarus", "Беларусь", "بيلاروس"),
        State("GEO", "Georgia", "Грузия", "جورجيا"),
        State("KAZ", "Kazakhstan", "Казахстан", "كازاخستان"),
        State("KGZ", "Kyrgyzstan", "Кыргызстан", "قيرغيزستان"),
        State("RUS", "Russia", "Россия", "روسيا"),
        State("TJK", "Tajikistan", "Таджикистан", "طاجيكستان"),
        State("UZB", "Uzbekistan", "Узбекистан", "أوزبكستان"),
    )
}


def is_known(code: str) -> bool:
    """Whether ``code`` names a state cstosim knows."""
    return code in STATES


@dataclass(frozen=True, slots=True)
class MembershipEvent:
    """A change of membership taking effect on ``date``; ``note`` is a catalogue message (marked
    with ``N_``), shown translated in a run's reasons and kept in English in its trace."""

    date: date
    member: str
    kind: Change  # join, withdraw, suspend, freeze or unfreeze
    position: Position | None = None  # for freeze: the default position (stand_aside | absent)
    note: str = ""
    sources: tuple[str, ...] = ()  # ids in cstosim.sources


_FOUNDERS = ("ARM", "KAZ", "KGZ", "RUS", "TJK", "UZB")

HISTORY: tuple[MembershipEvent, ...] = (
    *(
        MembershipEvent(
            date(1992, 5, 15),
            c,
            Change.JOIN,
            note=N_("signed the Treaty at Tashkent"),
            sources=("csto-25years",),
        )
        for c in _FOUNDERS
    ),
    MembershipEvent(
        date(1993, 9, 24),
        "AZE",
        Change.JOIN,
        note=N_("acceded to the Treaty"),
        sources=("amansaja-wikipedia-2006-05-28",),
    ),
    MembershipEvent(
        date(1993, 12, 9),
        "GEO",
        Change.JOIN,
        note=N_("acceded; some sources say 9 Sep 1993"),
        sources=("amansaja-wikipedia-2006-05-28", "blogen-2022-01-24-csto"),
    ),
    MembershipEvent(
        date(1993, 12, 31),
        "BLR",
        Change.JOIN,
        note=N_("acceded to the Treaty"),
        sources=("amansaja-wikipedia-2006-05-28",),
    ),
    *(
        MembershipEvent(
            date(1999, 4, 20),
            c,
            Change.WITHDRAW,
            note=N_(
                "did not sign the extension protocol of 2 Apr 1999; left when the Treaty's "
                "first five-year term ended (date assumed)"
            ),
            sources=("csto-25years", "mfa-by-csto"),
        )
        for c in ("AZE", "GEO", "UZB")
    ),
    MembershipEvent(
        date(2006, 8, 16),
        "UZB",
        Change.JOIN,
        note=N_(
            "protocol restoring membership signed at Sochi; other sources give Jun 2006-Mar 2008"
        ),
        sources=(
            "panarmenian-2006-06-24-uzbekistan",
            "obozrevatel-2006-12-14-uzbekistan",
            "lenta-2006-12-13-uzbekistan",
            "tass-2012-12-kyrgyzstan-chair",
        ),
    ),
    MembershipEvent(
        date(2012, 6, 28),
        "UZB",
        Change.FREEZE,
        position=Position.ABSENT,
        note=N_(
            "note to the Secretariat suspending its own participation (not the limited format)"
        ),
        sources=("ria-2012-06-28-uzbekistan-note",),
    ),
    MembershipEvent(
        date(2012, 12, 19),
        "UZB",
        Change.SUSPEND,
        note=N_("CSC decision at Moscow, on Uzbekistan's request"),
        sources=("tass-2012-12-19-uzbekistan-suspended",),
    ),
    MembershipEvent(
        date(2024, 2, 23),
        "ARM",
        Change.FREEZE,
        position=Position.STAND_ASIDE,
        note=N_("Pashinyan: participation 'basically frozen'; no withdrawal notice filed"),
        sources=(
            "asbarez-2024-02-frozen",
            "massispost-2024-05-budget",
            "eadaily-2025-03-08-deadline",
        ),
    ),
)


def _apply(state: dict[str, Status], frozen_as: dict[str, Position], ev: MembershipEvent) -> None:
    """Apply one membership event to a mutable status map (in place)."""
    if ev.kind == Change.JOIN:
        state[ev.member] = Status.VOTING
        frozen_as.pop(ev.member, None)
    elif ev.kind == Change.WITHDRAW:
        state.pop(ev.member, None)
        frozen_as.pop(ev.member, None)
    elif ev.kind == Change.SUSPEND:
        if ev.member in state:
            state[ev.member] = Status.SUSPENDED
    elif ev.kind == Change.FREEZE:
        if ev.member in state:
            frozen_as[ev.member] = ev.position or Position.STAND_ASIDE
            if state[ev.member] is Status.VOTING:
                state[ev.member] = Status.FROZEN
    elif ev.kind == Change.UNFREEZE:
        frozen_as.pop(ev.member, None)
        if state.get(ev.member) is Status.FROZEN:
            state[ev.member] = Status.VOTING
    else:
        raise ValueError(f"unknown membership event kind {ev.kind!r}")


def _replay(
    day: date, history: Iterable[MembershipEvent]
) -> tuple[dict[str, Status], dict[str, Position]]:
    """Statuses and freeze positions after every event dated on or before ``day``."""
    state: dict[str, Status] = {}
    frozen_as: dict[str, Position] = {}
    for ev in sorted(history, key=lambda e: e.date):
        if ev.date > day:
            break
        _apply(state, frozen_as, ev)
    return state, frozen_as


def members_on(day: date, history: Iterable[MembershipEvent] = HISTORY) -> dict[str, Status]:
    """The members on ``day`` (events of that day included), each with its status."""
    state, _ = _replay(day, history)
    return dict(sorted(state.items()))


def frozen_positions(
    day: date, history: Iterable[MembershipEvent] = HISTORY
) -> dict[str, Position]:
    """The default position of each member whose participation is frozen on ``day``."""
    state, frozen_as = _replay(day, history)
    return {m: p for m, p in sorted(frozen_as.items()) if state.get(m) is Status.FROZEN}


def voting_members(status: Mapping[str, Status]) -> list[str]:
    """The members with a vote (voting or frozen; not suspended), sorted by code."""
    return sorted(m for m, s in status.items() if s is not Status.SUSPENDED)
