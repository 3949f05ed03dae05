"""Written procedure: a draft decision circulated to the heads of state for signature
(``practice.written_procedure``; design 2.3b).

The end of the Kazakhstan mission (January 2022) and the Secretary General's appointment (2018)
were decided this way. A draft is adopted only when every member with a vote signs it
(``support``), or, under the limited format, stands aside; a draft that is not returned signed
blocks whatever the reading of Rule 14, because silence is not a signature. An abstention is not
a signature either. So the written procedure is never more permissive than consensus under the
``dissent`` reading. Pure function: no SimPy, no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping

from cstosim.rules.consensus import ConsensusResult, names
from cstosim.vocabulary import Outcome, Position

__all__ = ["decide_written"]

CITES = ("practice.written_procedure", "charter.12")


def decide_written(
    positions: Mapping[str, Position], *, limited_format: bool = True
) -> ConsensusResult:
    """Decide a draft circulated for signature: adopted only if every member signs (or, under
    the limited format, stands aside). Provisions: practice.written_procedure, charter.12."""
    signed = sorted(m for m, p in positions.items() if p == Position.SUPPORT)
    aside = sorted(m for m, p in positions.items() if p == Position.STAND_ASIDE and limited_format)
    missing = sorted(m for m in positions if m not in signed and m not in aside)
    cites = (*CITES, "csc.2010.limited_format") if aside else CITES

    def result(outcome: Outcome, why: str, blockers: tuple[str, ...] = ()) -> ConsensusResult:
        adopted = outcome != Outcome.REJECTED
        return ConsensusResult(
            outcome=outcome,
            blockers=blockers,
            bound=tuple(signed) if adopted else (),
            may_accede=(),
            took_part=tuple(signed),
            stood_aside=tuple(aside),
            absent=tuple(missing),
            cites=cites,
            why=why,
        )

    if missing:
        return result(
            Outcome.REJECTED,
            f"Rejected by written procedure: {names(missing)} did not sign the draft, and a "
            "draft not returned signed blocks whatever the reading of Rule 14.",
            tuple(missing),
        )
    if not signed:
        return result(Outcome.REJECTED, "Rejected by written procedure: nobody signed the draft.")
    if aside:
        return result(
            Outcome.ADOPTED_LIMITED,
            f"Adopted by written procedure in limited format: {names(signed)} signed; "
            f"{names(aside)} stood aside and is not bound.",
        )
    return result(Outcome.ADOPTED, "Adopted by written procedure: every member signed the draft.")
