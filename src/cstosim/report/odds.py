"""Text rendering of exact odds (design 5.5): each item's outcomes, and who moves them."""

from __future__ import annotations

import io
from fractions import Fraction

from rich.table import Table
from rich.text import Text

from cstosim.i18n import _, ngettext
from cstosim.i18n import pgettext as p_
from cstosim.report.safe import clean
from cstosim.report.whatif import console
from cstosim.report.words import term
from cstosim.vocabulary import Outcome
from cstosim.whatif.odds import Odds

__all__ = ["render_odds", "share"]


def share(p: Fraction) -> str:
    """A probability for people: 1 and 0 exactly, else three decimals (never 1.000 or
    0.000 for a probability that is not)."""
    if p in (0, 1):
        return str(int(p))
    text = f"{float(p):.3f}"
    if text == "1.000":
        return "> 0.999"
    if text == "0.000":
        return "< 0.001"
    return text


def _dist(dist: dict[Outcome, Fraction]) -> str:
    return ", ".join(
        f"{term('outcome', o.value)} {share(dist[o])}" for o in Outcome if dist.get(o, 0) > 0
    )


def render_odds(odds: Odds) -> str:
    """Each item's exact outcome probabilities, then how fixing one member moves them."""
    buf = io.StringIO()
    con = console(buf)
    said = ngettext(
        "{scenario}: exact odds ({n} whole run enumerated, no sampling)",
        "{scenario}: exact odds ({n} whole runs enumerated, no sampling)",
        odds.branches,
    ).format(scenario=odds.scenario, n=odds.branches)
    con.print(Text(clean(said)))
    table = Table()
    for col in ("item", "date", "outcome", "probability", "exact"):
        table.add_column(p_("column", col))
    for it in odds.items:
        first = True
        for o in Outcome:
            p = it.probabilities.get(o, Fraction(0))
            if p > 0:
                table.add_row(
                    Text(clean(it.item)) if first else "",
                    it.day.isoformat() if first else "",
                    term("outcome", o.value),
                    share(p),
                    str(p),
                )
                first = False
        if it.reached != 1:
            table.add_row("", "", _("not decided"), share(1 - it.reached), str(1 - it.reached))
    con.print(table)
    movers = Table()
    for col in ("item", "member", "fixed to", "outcomes"):
        movers.add_column(p_("column", col), overflow="fold")
    for it in odds.items:
        for member in sorted(it.uncertain):
            first = True
            for pos, dist in it.movers.get(member, {}).items():
                if dist == it.probabilities:
                    continue
                movers.add_row(
                    Text(clean(it.item)) if first else "",
                    member if first else "",
                    term("position", pos.value),
                    _dist(dist),
                )
                first = False
    if movers.row_count:
        con.print(
            Text(
                _(
                    "Who moves the odds: a member whose position the file leaves uncertain, "
                    "fixed on one item, everything else as in the file (positions that change "
                    "nothing left out):"
                )
            )
        )
        con.print(movers)
    return clean(buf.getvalue())
