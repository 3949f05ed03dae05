"""Procedural questions (``charter.12.procedural``; design 2.3b).

Charter art. 12 excepts procedural questions from consensus and leaves their vote to the Rules
of Procedure, whose text is not in cstosim's sources. cstosim assumes a simple majority of the
members taking part (support, abstain or object), and every record says that this is an
assumption. Pure function: no SimPy, no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping

from cstosim.rules.consensus import ConsensusResult
from cstosim.vocabulary import Outcome, Position

__all__ = ["decide_procedural"]

CITES = ("charter.12.procedural",)
ASSUMED = (
    " (a simple majority of those taking part is cstosim's assumption: the Rules of "
    "Procedure's text is not in its sources)"
)
TAKING_PART = (Position.SUPPORT, Position.ABSTAIN, Position.OBJECT)


def decide_procedural(positions: Mapping[str, Position]) -> ConsensusResult:
    """Decide a procedural question by a simple majority of the members taking part (an
    assumption). Provision: charter.12.procedural."""
    took_part = tuple(sorted(m for m, p in positions.items() if p in TAKING_PART))
    ayes = [m for m in took_part if positions[m] == Position.SUPPORT]
    absent = tuple(sorted(m for m in positions if m not in took_part))

    def result(outcome: Outcome, why: str) -> ConsensusResult:
        adopted = outcome == Outcome.ADOPTED
        return ConsensusResult(
            outcome=outcome,
            blockers=(),
            bound=tuple(m for m in sorted(positions)) if adopted else (),
            may_accede=(),
            took_part=took_part,
            stood_aside=(),
            absent=absent,
            cites=CITES,
            why=why + ASSUMED + ".",
        )

    if not took_part:
        return result(Outcome.NO_QUORUM, "No member with a vote took part")
    if 2 * len(ayes) > len(took_part):
        return result(
            Outcome.ADOPTED,
            f"Adopted as a procedural question: {len(ayes)} of {len(took_part)} taking part "
            "voted for it",
        )
    return result(
        Outcome.REJECTED,
        f"Rejected as a procedural question: {len(ayes)} of {len(took_part)} taking part voted "
        "for it, not a majority",
    )
