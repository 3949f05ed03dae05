"""The CSTO's bodies and the organisational graph (Charter art. 11).

The graph is a networkx DiGraph whose nodes are body codes and whose edges carry ``relations``,
a list of: ``reports_to`` (accountable to), ``prepares_drafts_for`` (drafts decisions for),
``chairs_with`` (its chair rotates with the other's chair).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import networkx as nx

from cstosim.i18n import N_
from cstosim.vocabulary import Body

__all__ = [
    "BODIES",
    "DECIDING_BODIES",
    "RELATIONS",
    "OrgBody",
    "org_graph",
    "relation_subgraph",
    "relations",
]


@dataclass(frozen=True, slots=True)
class OrgBody:
    """A CSTO body: code, name, kind and a one-line description."""

    code: str
    name: str
    kind: str  # council | committee | official | secretariat | staff | assembly | subsidiary
    description: str
    since: date | None = None

    @property
    def decides_by_consensus(self) -> bool:
        """Whether the body holds sessions that decide by consensus (design 2.1)."""
        return self.code in DECIDING_BODIES


BODIES: dict[str, OrgBody] = {
    b.code: b
    for b in (
        OrgBody(
            "CSC",
            N_("Collective Security Council"),
            "council",
            N_("The heads of state: the highest body, deciding the Organisation's main questions."),
        ),
        OrgBody(
            "CMFA",
            N_("Council of Ministers of Foreign Affairs"),
            "council",
            N_("Foreign ministers: coordinates the members' foreign policy on security."),
        ),
        OrgBody(
            "CMD",
            N_("Council of Ministers of Defence"),
            "council",
            N_("Defence ministers: military policy, forces and military-technical cooperation."),
        ),
        OrgBody(
            "CSSC",
            N_("Committee of Secretaries of Security Councils"),
            "committee",
            N_("Secretaries of the national security councils: security policy and new threats."),
        ),
        OrgBody(
            "PC",
            N_("Permanent Council"),
            "council",
            N_(
                "The members' plenipotentiaries: coordinates between CSC sessions "
                "(consensus assumed)."
            ),
        ),
        OrgBody(
            "SG",
            N_("Secretary General"),
            "official",
            N_("The chief administrative officer, appointed by the CSC for three years."),
        ),
        OrgBody(
            "SEC",
            N_("Secretariat"),
            "secretariat",
            N_("Prepares and circulates drafts and supports the councils' work."),
        ),
        OrgBody(
            "JS",
            N_("Joint Staff"),
            "staff",
            N_("Plans and coordinates the military side, the collective forces among it."),
        ),
        OrgBody(
            "MC",
            N_("Military Committee"),
            "committee",
            N_(
                "Advises the defence ministers on planning and using collective forces "
                "(since 2012)."
            ),
            since=date(2012, 12, 19),
        ),
        OrgBody(
            "PA",
            N_("Parliamentary Assembly"),
            "assembly",
            N_("Members' parliamentarians: model laws and harmonisation of legislation."),
        ),
        OrgBody(
            "SUB",
            N_("Subsidiary coordination councils"),
            "subsidiary",
            N_("Working bodies on drugs, migration, emergencies and other matters."),
        ),
    )
}

# The bodies that hold sessions and decide: those of vocabulary.Body.
DECIDING_BODIES: tuple[str, ...] = tuple(b.value for b in Body)
if not set(DECIDING_BODIES) <= set(BODIES):  # pragma: no cover - a mistake in this file
    raise RuntimeError("a deciding body is missing from BODIES")

RELATIONS: tuple[str, ...] = ("reports_to", "prepares_drafts_for", "chairs_with")

_EDGES: tuple[tuple[str, str, str], ...] = (
    ("CMFA", "CSC", "reports_to"),
    ("CMD", "CSC", "reports_to"),
    ("CSSC", "CSC", "reports_to"),
    ("PC", "CSC", "reports_to"),
    ("SG", "CSC", "reports_to"),
    ("SEC", "SG", "reports_to"),
    ("JS", "CMD", "reports_to"),
    ("MC", "CMD", "reports_to"),
    ("PA", "CSC", "reports_to"),
    ("SUB", "CSC", "reports_to"),
    ("CMFA", "CSC", "prepares_drafts_for"),
    ("CMD", "CSC", "prepares_drafts_for"),
    ("CSSC", "CSC", "prepares_drafts_for"),
    ("PC", "CSC", "prepares_drafts_for"),
    ("SEC", "CSC", "prepares_drafts_for"),
    ("SEC", "PC", "prepares_drafts_for"),
    ("JS", "CMD", "prepares_drafts_for"),
    ("MC", "CMD", "prepares_drafts_for"),
    ("PC", "CSC", "chairs_with"),
)


def org_graph() -> nx.DiGraph[str]:
    """The organisational graph: bodies as nodes, typed relations as edges."""
    g: nx.DiGraph[str] = nx.DiGraph()
    for code, body in BODIES.items():
        g.add_node(code, name=body.name, kind=body.kind, description=body.description)
    for src, dst, rel in _EDGES:
        if g.has_edge(src, dst):
            g.edges[src, dst]["relations"].append(rel)
        else:
            g.add_edge(src, dst, relations=[rel])
    return g


def relations(g: nx.DiGraph[str]) -> list[tuple[str, str, list[str]]]:
    """Every edge of ``g`` with the relations it carries."""
    return list(g.edges(data="relations"))


def relation_subgraph(g: nx.DiGraph[str], relation: str) -> nx.DiGraph[str]:
    """The subgraph of ``g`` keeping only edges that carry ``relation``."""
    if relation not in RELATIONS:
        raise ValueError(f"unknown relation {relation!r}; allowed: {', '.join(RELATIONS)}")
    return g.edge_subgraph((u, v) for u, v, rels in relations(g) if relation in rels).copy()
