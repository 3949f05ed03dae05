"""Who decides what (design 2.3a): an item put to a body without competence for its kind is
inadmissible.

``cst.6``: the use of the forces and means of the collective security system (Article 4
assistance, a deployment, the end of a mission) is decided by the heads of state, the CSC. The
CSC alone also suspends (``charter.suspension``) or admits (``charter.19``) members and decides
the chair otherwise than by rotation (``charter.13``). The CMFA, CMD, CSSC and PC may hold
Article 2 consultations and adopt statements and measures in their own field. Pure function: no
SimPy, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass

from cstosim.vocabulary import Body, ItemKind

__all__ = ["COMPETENT", "CSC_ONLY", "Competence", "competence"]

# item kind -> the provision that reserves it to the CSC, and what the item decides
CSC_ONLY: dict[ItemKind, tuple[str, str]] = {
    ItemKind.ASSISTANCE: ("cst.6", "the use of the collective forces (Article 4 assistance)"),
    ItemKind.END_MISSION: ("cst.6", "the use of the collective forces (ending a mission)"),
    ItemKind.SUSPENSION: ("charter.suspension", "suspending a member"),
    ItemKind.ADMISSION: ("charter.19", "admitting a member"),
    ItemKind.CHAIR: ("charter.13", "deciding the chair otherwise than by rotation"),
}


@dataclass(frozen=True, slots=True)
class Competence:
    """Whether a body may decide an item of a kind, and on what provision."""

    competent: bool
    cites: tuple[str, ...]
    why: str


COMPETENT = Competence(True, (), "")


def competence(body: Body, kind: ItemKind) -> Competence:
    """Whether ``body`` may decide an item of ``kind`` (design 2.3a; cst.6 and the Charter)."""
    if body == Body.CSC or kind not in CSC_ONLY:
        return COMPETENT
    cite, what = CSC_ONLY[kind]
    return Competence(
        False,
        (cite,),
        f"Inadmissible: only the Collective Security Council decides {what}, not the {body}.",
    )
