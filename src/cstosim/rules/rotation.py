"""Rotation of the CSC chair and of the Secretary General (design 2.2).

``charter.13``: the host of the regular session takes the chair, unless the Council decides
otherwise. ``practice.rotation_2011``: since 2011 the chair passes on 1 January to the next member
in the order of the Russian short names, cycling over the members on that date.
``csc.2015.sg_rotation``: the Secretary General's three-year post rotates the same way. The same
``next_in_turn`` serves both. Pure functions: no SimPy, no I/O.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from cstosim.errors import RuleError, words
from cstosim.members import STATES
from cstosim.vocabulary import Rotation

__all__ = [
    "ROTATIONS",
    "Handover",
    "cycle",
    "handover",
    "next_in_turn",
    "order_key",
]

ROTATIONS: tuple[Rotation, ...] = tuple(Rotation)

OrderKey = Callable[[str], tuple[int | str, ...]]


def order_key(rotation: Rotation | str, order: Sequence[str] | None = None) -> OrderKey:
    """The sort key that puts member codes in the rotation's order.

    ``russian_alphabet`` and ``host`` sort by Russian short name (``host`` needs an order only
    for the Council's overrides), ``english_alphabet`` by English name, ``order`` by position in
    ``order``, members missing from it after the listed ones in Russian order.
    """
    if rotation in (Rotation.RUSSIAN_ALPHABET, Rotation.HOST):
        return lambda c: (STATES[c].name_ru.casefold(), c)
    if rotation == Rotation.ENGLISH_ALPHABET:
        return lambda c: (STATES[c].name_en.casefold(), c)
    if rotation == Rotation.ORDER:
        if not order:
            raise RuleError("rotation 'order' needs an explicit order of member codes")
        index = {c: i for i, c in enumerate(order)}
        return lambda c: (index.get(c, len(index)), STATES[c].name_ru.casefold(), c)
    raise RuleError(f"rotation must be one of {', '.join(ROTATIONS)}, not {words(rotation)}")


def cycle(
    members: Collection[str],
    rotation: Rotation | str = Rotation.RUSSIAN_ALPHABET,
    order: Sequence[str] | None = None,
) -> list[str]:
    """The members in the order the rotation visits them (practice.rotation_2011)."""
    return sorted(members, key=order_key(rotation, order))


def next_in_turn(
    current: str | None,
    members: Collection[str],
    rotation: Rotation | str = Rotation.RUSSIAN_ALPHABET,
    order: Sequence[str] | None = None,
) -> str:
    """The member whose turn follows ``current`` among ``members``, cycling.

    Provisions: practice.rotation_2011 (the chair) and csc.2015.sg_rotation (the Secretary
    General). ``members`` are those taking turns on the date (voting or frozen; not suspended or
    departed). If ``current`` is not among them, the turn passes to the first member after its
    place in the order; a new member thus enters at its own place.
    """
    if not members:
        raise RuleError("no member can take the turn: the rotation is empty")
    ordered = cycle(members, rotation, order)
    if current is None:
        return ordered[0]
    key = order_key(rotation, order)
    here = key(current)
    after = [m for m in ordered if key(m) > here]
    return after[0] if after else ordered[0]


@dataclass(frozen=True, slots=True)
class Handover:
    """Who chairs after a handover, and which provision decided it."""

    member: str
    cites: tuple[str, ...]
    why: str


def handover(
    current: str | None,
    members: Collection[str],
    rotation: Rotation | str,
    *,
    host: str | None = None,
    council_choice: str | None = None,
    order: Sequence[str] | None = None,
) -> Handover | None:
    """The new chair at a handover, or None where the chair does not change.

    Provisions: charter.13 (the host, and "unless the Council decides otherwise") and
    practice.rotation_2011 (the alphabetical turn). ``council_choice`` is the member named by an
    adopted ``chair`` item and wins over both. Under ``host`` a handover happens at a regular
    session whose host has a vote; under the alphabetical rotations at 1 January.
    """
    if council_choice is not None:
        return Handover(
            council_choice,
            ("charter.13",),
            f"The Council decided otherwise: {council_choice} takes the chair.",
        )
    if rotation == Rotation.HOST:
        if host is None or host not in members:
            return None
        return Handover(
            host, ("charter.13",), f"{host} hosts the regular session and takes the chair."
        )
    nxt = next_in_turn(current, members, rotation, order)
    if rotation == Rotation.RUSSIAN_ALPHABET:
        why = f"{nxt} follows {current} in the order of the Russian names."
    elif rotation == Rotation.ENGLISH_ALPHABET:
        why = f"{nxt} follows {current} in the order of the English names (what-if)."
    elif order is not None and nxt not in order:
        why = (
            f"{nxt} follows {current}: the scenario's order does not list {nxt}, so it comes "
            "after the members it lists, in the order of the Russian names (what-if)."
        )
    else:
        why = f"{nxt} follows {current} in the order the scenario gives (what-if)."
    if current is None:
        why = f"{nxt} comes first in the rotation."
    return Handover(nxt, ("practice.rotation_2011",), why)
