"""Foreign bases: a member hosting a non-member's forces or military infrastructure
(``csto.2011.bases``: the protocol of 20 Dec 2011; design 2.3b).

The host decides "after urgent consultations and in the absence of official objections" of the
other members: only a formal objection (``object``) of another member blocks; silence never
does, whatever the reading of Rule 14. This is the no-objection formula written into a CSTO
treaty. The decision is the host's, so the host must consent (``support``). Pure function: no
SimPy, no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping

from cstosim.rules.consensus import ConsensusResult, names
from cstosim.vocabulary import Outcome, Position

__all__ = ["decide_basing"]

CITES = ("csto.2011.bases",)


def decide_basing(
    positions: Mapping[str, Position], *, host: str, third_state: str
) -> ConsensusResult:
    """Whether ``host`` may host ``third_state``'s forces: blocked only by another member's
    formal objection (or the host not consenting). Provision: csto.2011.bases."""
    objectors = tuple(sorted(m for m, p in positions.items() if p == Position.OBJECT and m != host))
    silent = tuple(
        sorted(m for m, p in positions.items() if p in (Position.ABSENT, Position.STAND_ASIDE))
    )
    took_part = tuple(sorted(m for m in positions if m not in silent))

    def result(outcome: Outcome, why: str, blockers: tuple[str, ...] = ()) -> ConsensusResult:
        return ConsensusResult(
            outcome=outcome,
            blockers=blockers,
            bound=(host,) if outcome == Outcome.ADOPTED else (),
            may_accede=(),
            took_part=took_part,
            stood_aside=(),
            absent=silent,
            cites=CITES,
            why=why,
        )

    if positions.get(host) != Position.SUPPORT:
        return result(
            Outcome.REJECTED,
            f"Rejected: {host}, the host, does not consent to {third_state}'s forces on its "
            "territory.",
            (host,) if host in positions else (),
        )
    if objectors:
        return result(
            Outcome.REJECTED,
            f"Rejected: {names(objectors)} officially objected to {third_state}'s forces in "
            f"{host}; under the 2011 protocol only an official objection blocks.",
            objectors,
        )
    quiet = f"; the silence of {names(silent)} does not block" if silent else ""
    return result(
        Outcome.ADOPTED,
        f"{host} may host {third_state}'s forces: no member officially objected{quiet}.",
    )
