"""A comparison of readings as one self-contained HTML page (no scripts, nothing loaded)."""

from __future__ import annotations

from cstosim.i18n import _, ngettext
from cstosim.i18n import pgettext as p_
from cstosim.report.html import _badge, code, page
from cstosim.report.safe import esc as escape
from cstosim.whatif.compare import Comparison

__all__ = ["comparison_html"]

_EXTRA_CSS = """
.variants th.current, .variants td.current { outline:3px solid #1e293b; outline-offset:-3px; }
.variants th { font-weight:600; font-size:.85rem; }
.variants th span { display:block; white-space:nowrap; }
tr.differs th { background:#ffedd5; }
.scroll { overflow-x:auto; }
.variants td:last-child { min-width:14rem; } .variants th:first-child { min-width:9rem; }
.tag { display:inline-block; background:#1e293b; color:#fff; border-radius:4px;
  padding:0 .3rem; font-size:.75rem; margin-top:.2rem; }
@media print { header { background:none; color:#000; } .variants { font-size:.75rem; } }
"""


def comparison_html(comparison: Comparison) -> str:
    """Items as rows, variants as columns, the run's own variant marked (``aria-current``),
    the items whose outcome turns on the variant highlighted, and the quorums that change one."""
    base = comparison.base
    heads = []
    this_run = escape(_("this run"))
    for i, label in enumerate(comparison.variants):
        parts = "".join(f"<span>{code(p)}</span>" for p in label.split(","))
        if i == base:
            heads.append(
                f'<th class="current" aria-current="true">{parts}<span class="tag">{this_run}'
                "</span></th>"
            )
        else:
            heads.append(f"<th>{parts}</th>")
    rows = []
    for it in comparison.items:
        cells = []
        for i, outcome in enumerate(it["outcomes"]):
            current = ' class="current" aria-current="true"' if i == base else ""
            cells.append(f"<td{current}>{_badge(outcome)}</td>")
        quorums = it.get("quorums") or {}
        q = ", ".join(f"{code(k)}: {_badge(v)}" for k, v in quorums.items()) or escape(
            p_("quorums", "none")
        )
        differs = ' class="differs"' if it["differs"] else ""
        rows.append(f"<tr{differs}><th>{code(it['item'])}</th>{''.join(cells)}<td>{q}</td></tr>")
    n = len(comparison.differing)
    lead = (
        ngettext(
            "{n} item turns on the reading (highlighted).",
            "{n} items turn on the reading (highlighted).",
            n,
        ).format(n=n)
        if n
        else _("No item's outcome turns on these readings.")
    )
    explain = _(
        "Each column is a whole run under one combination of the contested readings in force "
        "during the scenario, so an outcome that turns only through an earlier decision (a "
        "suspension, a chair, a membership) shows. The last column lists each quorum (a share "
        "of the members with a vote) under which the item would be decided otherwise."
    )
    item, changes = escape(p_("column", "item")), escape(_("quorums that change it"))
    return page(
        comparison.scenario,
        _("{scenario} - readings compared - cstosim").format(scenario=comparison.scenario),
        escape(
            ngettext(
                "{n} reading compared, each a whole run (seed {seed})",
                "{n} readings compared, each a whole run (seed {seed})",
                len(comparison.variants),
            ).format(n=len(comparison.variants), seed=comparison.seed)
        ),
        f"""<p>{escape(lead)} {escape(explain)}</p>
<div class="scroll"><table class="variants"><tr><th>{item}</th>{"".join(heads)}
<th>{changes}</th></tr>{"".join(rows)}</table></div>""",
        "",
        _EXTRA_CSS,
    )
