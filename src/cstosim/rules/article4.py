"""Admissibility of a request for assistance under Article 4 and Article 2 (design 2.3).

``cst.4`` (1992): aggression by a state or group of states against one member is aggression
against all. ``cst.4.2010`` (the protocol signed 10 Dec 2010, in force 19 Dec 2012): other forms
of armed attack too, with
help given at the request of the member attacked. ``cst.2``: a threat short of attack opens
joint consultations. Internal unrest is an internal matter. Admissibility depends on the request,
the date and the membership, never on the members' positions. Pure functions: no SimPy, no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from cstosim.errors import RuleError, words
from cstosim.provisions import in_force_from as _in_force
from cstosim.vocabulary import Status, Threat, Track

__all__ = ["THREATS", "Admissibility", "Request", "admissibility", "consultation_article"]

THREATS: tuple[Threat, ...] = tuple(Threat)
# The amended Articles 2 and 4 apply from the 2010 protocol's entry into force (signed 10 Dec
# 2010), as the provisions catalogue dates them.
ARMED_ATTACK_FROM: date = _in_force("cst.4.2010")


@dataclass(frozen=True, slots=True)
class Request:
    """A member's request for assistance: who asks, who is attacked, by whom, and how."""

    day: date
    by: str
    threat: Threat
    against: str | None = None
    aggressor: str | None = None

    @property
    def attacked(self) -> str:
        """The member attacked (the requester unless stated otherwise)."""
        return self.against or self.by


@dataclass(frozen=True, slots=True)
class Admissibility:
    """Whether a request opens a procedure, which one, and on what provision."""

    admissible: bool
    track: Track | None  # None where the request is inadmissible
    cites: tuple[str, ...]
    why: str


def admissibility(
    request: Request,
    members: Mapping[str, Status],
    *,
    armed_attack: bool | None = None,
) -> Admissibility:
    """Whether ``request`` is admissible on its date, and under which article.

    Provisions: cst.4 and cst.4.2010 (who may ask, for what), cst.2 (a threat opens
    consultations). ``members`` is the membership on the request's date. ``armed_attack``
    says whether the 2010 wording applies; by default it does from the protocol's entry into
    force (19 Dec 2012).
    """
    if request.threat not in THREATS:
        raise RuleError(f"threat must be one of {', '.join(THREATS)}, not {words(request.threat)}")
    amended = request.day >= ARMED_ATTACK_FROM if armed_attack is None else armed_attack
    art4 = "cst.4.2010" if amended else "cst.4"
    art2 = consultation_article(request.day)
    by, attacked = request.by, request.attacked

    def no(why: str, cite: str = art4) -> Admissibility:
        return Admissibility(False, None, (cite,), why)

    if by not in members:
        return no(
            f"{by} is not a member on {request.day.isoformat()}, so it cannot invoke the Treaty."
        )
    if members[by] is Status.SUSPENDED:
        return no(f"{by}'s participation is suspended, so it cannot invoke the Treaty.")
    if by != attacked:
        return no(f"Only the member attacked may ask for help; {by} asked on behalf of {attacked}.")
    if request.threat == Threat.INTERNAL_UNREST:
        return no(f"Unrest inside {by} is an internal matter, outside Article 4.")
    if request.aggressor is not None and request.aggressor == attacked:
        return no(f"{by} names itself as the aggressor: an internal matter, outside Article 4.")
    if request.threat == Threat.THREAT:
        return Admissibility(
            True,
            Track.ARTICLE2,
            (art2,),
            f"A threat to {by} short of attack opens joint consultations under Article 2.",
        )
    if request.threat == Threat.ARMED_ATTACK and not amended:
        return no(
            "Until the 2010 protocol entered into force (19 Dec 2012), Article 4 covers "
            "aggression by a state only, not other "
            "armed attack.",
            "cst.4",
        )
    source = f" by {request.aggressor}" if request.aggressor else ""
    member_note = (
        f"; the aggressor {request.aggressor} is itself a member and keeps its voice"
        if request.aggressor in members
        else ""
    )
    kind = "Aggression" if request.threat == Threat.AGGRESSION else "Armed attack"
    return Admissibility(
        True,
        Track.ARTICLE4,
        (art4, art2),
        f"{kind}{source} against {by} is admissible under Article 4{member_note}.",
    )


def consultation_article(day: date) -> str:
    """The provision for joint consultations on ``day``: Article 2 as written in 1992, or as
    amended by the 2010 protocol once in force (cst.2, cst.2.2010)."""
    return "cst.2.2010" if day >= ARMED_ATTACK_FROM else "cst.2"
