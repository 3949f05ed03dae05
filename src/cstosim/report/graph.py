"""The bodies' organisational graph as DOT, Mermaid or a self-contained SVG."""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from cstosim.bodies import BODIES, org_graph, relation_subgraph, relations
from cstosim.i18n import N_, _, current, direction
from cstosim.report.safe import clean
from cstosim.report.safe import esc as escape
from cstosim.report.words import body_name

__all__ = ["to_dot", "to_mermaid", "to_svg"]

# Each relation's line style, colour and words (translated where shown).
_EDGE_STYLE = {
    "reports_to": ("solid", "#334155", N_("reports to")),
    "prepares_drafts_for": ("dashed", "#2563eb", N_("prepares drafts for")),
    "chairs_with": ("dotted", "#b45309", N_("chair rotates with")),
}


def _layers(g: nx.DiGraph[str]) -> list[list[str]]:
    """Bodies by distance (in reporting edges) from the CSC: the CSC on top."""
    reports = relation_subgraph(g, "reports_to").reverse()
    depth = nx.single_source_shortest_path_length(reports, "CSC")
    for node in g.nodes:
        depth.setdefault(node, max(depth.values(), default=0) + 1)
    layers: dict[int, list[str]] = {}
    for node, d in sorted(depth.items(), key=lambda kv: (kv[1], kv[0])):
        layers.setdefault(d, []).append(node)
    return [layers[k] for k in sorted(layers)]


def to_dot() -> str:
    """Graphviz DOT source of the organisational graph."""
    g = org_graph()
    lines = ["digraph csto {", '  rankdir=BT; node [shape=box, style=rounded, fontname="sans"];']
    for code in g.nodes:
        label = f"{code}\\n{body_name(code)}".replace('"', "'")
        lines.append(f'  {code} [label="{label}"];')
    for u, v, rels in relations(g):
        for rel in rels:
            style, colour, text = _EDGE_STYLE[rel]
            said = _(text)
            lines.append(f'  {u} -> {v} [style={style}, color="{colour}", label="{said}"];')
    lines.append("}")
    return clean("\n".join(lines) + "\n")


def to_mermaid() -> str:
    """Mermaid flowchart source of the organisational graph."""
    g = org_graph()
    arrows = {"reports_to": "-->", "prepares_drafts_for": "-.->", "chairs_with": "==>"}
    lines = ["flowchart BT"]
    for code in g.nodes:
        lines.append(f'  {code}["{code}: {body_name(code)}"]')
    for u, v, rels in relations(g):
        for rel in rels:
            said = _(_EDGE_STYLE[rel][2])
            lines.append(f"  {u} {arrows[rel]}|{said}| {v}")
    return clean("\n".join(lines) + "\n")


def to_svg(acting: Iterable[str] = ()) -> str:
    """An SVG drawing of the organisational graph (no external resources); the ``acting``
    bodies (those that decided in a run) are marked, or the CSC where none is given."""
    g = org_graph()
    layers = _layers(g)
    marked = set(acting) or {"CSC"}
    box_w, box_h, gap_y, gap_x = 170, 70, 70, 18
    width = max(len(layer) for layer in layers) * (box_w + gap_x) + gap_x
    height = len(layers) * (box_h + gap_y) + 60
    pos: dict[str, tuple[float, float]] = {}
    for i, layer in enumerate(layers):
        x0 = (width - (len(layer) * (box_w + gap_x) - gap_x) + box_w) / 2
        for j, node in enumerate(layer):
            pos[node] = (x0 + j * (box_w + gap_x), 30 + i * (box_h + gap_y) + box_h / 2)
    # Laid out left to right in every language (each label's own letters run as they should).
    ltr = ' direction="ltr"' if direction(current()) == "rtl" else ""
    label = _("Organisational graph of the CSTO bodies")
    heading = _("CSTO bodies: who reports to whom, who drafts for whom")
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" class="org-graph"{ltr} '
        f'aria-label="{escape(label)}">',
        f"<title>{escape(heading)}</title>",
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" '
        'fill="#334155"/></marker></defs>',
    ]
    dash = {"solid": "", "dashed": ' stroke-dasharray="6 4"', "dotted": ' stroke-dasharray="2 3"'}
    for u, v, rels in relations(g):
        (x1, y1), (x2, y2) = pos[u], pos[v]
        for k, rel in enumerate(rels):
            style, colour, text = _EDGE_STYLE[rel]
            off = (k - (len(rels) - 1) / 2) * 10
            sy = y1 - box_h / 2 if y1 > y2 else y1 + box_h / 2
            ey = y2 + box_h / 2 if y1 > y2 else y2 - box_h / 2
            if y1 == y2:
                sy, ey = y1 - box_h / 2, y2 - box_h / 2
            out.append(
                f'<line x1="{x1 + off:.1f}" y1="{sy:.1f}" x2="{x2 + off:.1f}" y2="{ey:.1f}" '
                f'stroke="{colour}" stroke-width="1.5"{dash[style]} marker-end="url(#arrow)">'
                f"<title>{escape(u)} {escape(_(text))} {escape(v)}</title></line>"
            )
    for node, (x, y) in pos.items():
        body = BODIES[node]
        out.append(
            f'<g class="body{" acting" if node in marked else ""}" data-body="{escape(node)}">'
            f"<title>{escape(body_name(node))}: {escape(_(body.description))}</title>"
            f'<rect x="{x - box_w / 2:.1f}" y="{y - box_h / 2:.1f}" width="{box_w}" '
            f'height="{box_h}" rx="8" fill="{"#fde68a" if node in marked else "#e2e8f0"}" '
            f'stroke="#334155" stroke-width="{3 if node in marked else 1}"/>'
            f'<text x="{x:.1f}" y="{y - 12:.1f}" text-anchor="middle" font-size="17" '
            f'font-weight="bold" font-family="sans-serif">{escape(node)}</text>'
            + "".join(
                f'<text x="{x:.1f}" y="{y + 6 + 14 * k:.1f}" text-anchor="middle" '
                f'font-size="13" font-family="sans-serif">{escape(line)}</text>'
                for k, line in enumerate(_wrap(body_name(node)))
            )
            + "</g>"
        )
    ly = height - 18
    for i, (style, colour, text) in enumerate(_EDGE_STYLE.values()):
        x = 20 + i * 230
        out.append(
            f'<line x1="{x}" y1="{ly}" x2="{x + 40}" y2="{ly}" stroke="{colour}" '
            f'stroke-width="1.5"{dash[style]}/><text x="{x + 48}" y="{ly + 4}" font-size="14" '
            f'font-family="sans-serif">{escape(_(text))}</text>'
        )
    out.append("</svg>")
    return clean("\n".join(out) + "\n")


def _wrap(name: str, width: int = 23) -> list[str]:
    """A body's name on at most two lines."""
    lines: list[str] = [""]
    for word in name.split():
        if lines[-1] and len(lines[-1]) + 1 + len(word) > width:
            lines.append(word)
        else:
            lines[-1] = f"{lines[-1]} {word}".strip()
    if len(lines) > 2:
        lines = [lines[0], " ".join(lines[1:])[: width - 3] + "..."]
    return lines
