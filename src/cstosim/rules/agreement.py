"""Agreements: an international treaty signed at a session (``practice.agreements``; design
2.3b).

No member can veto an agreement: each member signs it (``support``) or not. It binds its
signatories only; the others may sign later (``accede``: Belarus signed the rapid reaction force
agreement of 14 Jun 2009 on 20 Oct 2009). A treaty needs at least two parties, so an agreement
that fewer than two members sign is not concluded (a choice of cstosim's, stated in the record).
Pure function: no SimPy, no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping

from cstosim.rules.consensus import ConsensusResult, names
from cstosim.vocabulary import Outcome, Position

__all__ = ["MIN_PARTIES", "sign_agreement"]

MIN_PARTIES = 2
CITES = ("practice.agreements",)


def sign_agreement(positions: Mapping[str, Position]) -> ConsensusResult:
    """Who signs an agreement: ``signed`` and binding on its signatories, the others free to
    accede later; not concluded with fewer than two signatories. Provision: practice.agreements."""
    signatories = tuple(sorted(m for m, p in positions.items() if p == Position.SUPPORT))
    others = tuple(sorted(m for m in positions if m not in signatories))
    if len(signatories) < MIN_PARTIES:
        return ConsensusResult(
            outcome=Outcome.REJECTED,
            blockers=(),
            bound=(),
            may_accede=(),
            took_part=signatories,
            stood_aside=(),
            absent=others,
            cites=CITES,
            why=f"Not concluded: {len(signatories)} member(s) signed, and an agreement needs at "
            f"least {MIN_PARTIES} parties (cstosim's reading).",
        )
    tail = f"; {names(others)} did not sign and may accede later" if others else ""
    return ConsensusResult(
        outcome=Outcome.SIGNED,
        blockers=(),
        bound=signatories,
        may_accede=others,
        took_part=signatories,
        stood_aside=(),
        absent=others,
        cites=CITES,
        why=f"Signed by {names(signatories)}, whom it binds{tail}; no member can veto an "
        "agreement.",
    )
