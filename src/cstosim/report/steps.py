"""The step-by-step view: one decision per screen, its outcome hidden until revealed.

For a class that decides before it sees: each screen shows the item, the date, the body and
every member's position; the outcome, the reason, the provisions and the other readings open
with a click (``<details>``). Screens are anchors (``#step-3``) shown with CSS ``:target``, so
the page runs no script at all (the report's Content-Security-Policy forbids them); links and
access keys (Alt+N, Alt+P in Chromium) move between them.
"""

from __future__ import annotations

from collections.abc import Sequence

from cstosim.engine import ExpectResult, Run
from cstosim.engine.records import DecisionRecord
from cstosim.report.html import Readings, _alternatives, _badge, chips, page, who
from cstosim.report.safe import esc as escape

__all__ = ["to_steps"]

_STEPS_CSS = """
.step { display:none; min-height:92vh; padding:1rem 0; }
.step:target, .intro:target { display:block; }
body:not(:has(.step:target)) .intro { display:block; }
.intro { display:none; min-height:92vh; }
.step h2 { font-size:2rem; border:none; margin:.5rem 0; }
.step .meta { font-size:1.1rem; }
.step .positions .pos { font-size:1.15rem; padding:.35rem .7rem; }
details.reveal { margin-top:1.5rem; background:#fff; border:2px solid #1e293b;
  border-radius:10px; padding:.8rem 1.2rem; }
details.reveal summary { font-size:1.3rem; font-weight:700; cursor:pointer; }
details.reveal[open] summary { margin-bottom:.6rem; }
.reveal .why { font-size:1.25rem; }
nav.steps { display:flex; justify-content:space-between; margin-top:2rem; font-size:1.2rem; }
nav.steps a { padding:.5rem 1rem; border:1px solid var(--line); border-radius:8px;
  background:#fff; text-decoration:none; color:var(--ink); }
nav.steps a:focus { outline:3px solid #0e7490; }
.count { color:var(--muted); }
@media print { .step, .intro { display:block; page-break-after:always; min-height:0; }
  details.reveal > *:not(summary) { display:block; }
  details.reveal::details-content { content-visibility:visible; display:contents; } }
"""


def _step(n: int, total: int, rec: DecisionRecord, readings: Readings, run: Run) -> str:
    title = f" - {escape(rec.title)}" if rec.title else ""
    chip_row, lists = chips(rec), who(rec)
    cites = ", ".join(escape(c) for c in rec.cites)
    prev_link = (
        f'<a href="#step-{n - 1}" accesskey="p">&larr; previous</a>'
        if n > 1
        else '<a href="#intro" accesskey="p">&larr; start</a>'
    )
    next_link = (
        f'<a href="#step-{n + 1}" accesskey="n">next &rarr;</a>' if n < total else "<span></span>"
    )
    return (
        f'<section class="step" id="step-{n}" data-item="{escape(rec.item)}">'
        f'<div class="count">Decision {n} of {total}</div>'
        f"<h2>{escape(rec.item)}{title}</h2>"
        f'<div class="meta">{escape(rec.date.isoformat())} - {escape(rec.body)} - '
        f"{escape(rec.item_kind.replace('_', ' '))}</div>"
        + (f'<div class="positions">{chip_row}</div>' if chip_row else "")
        + '<details class="reveal"><summary>What does the rule decide? (reveal)</summary>'
        f'<p>{_badge(rec.outcome)}</p><p class="why">{escape(rec.why)}</p>{lists}'
        f'<p class="meta">Provisions: {cites} (cstosim explain ID)</p>'
        + _alternatives(rec, readings, run.plan)
        + "</details>"
        + f'<nav class="steps">{prev_link}{next_link}</nav></section>'
    )


def to_steps(
    run: Run, expectations: Sequence[ExpectResult] = (), readings: Readings | None = None
) -> str:
    """The run's decisions as a self-contained step-by-step page (no script)."""
    plan = run.plan
    decisions = [r for r in run.trace if isinstance(r, DecisionRecord)]
    total = len(decisions)
    steps = "".join(
        _step(n, total, rec, readings or {}, run) for n, rec in enumerate(decisions, start=1)
    )
    start = '<a href="#step-1" accesskey="n">begin &rarr;</a>' if total else "No item was decided."
    count = (
        f"{total} decision{'' if total == 1 else 's'}, one at a time: decide, then reveal."
        if total
        else "No item was decided."
    )
    return page(
        plan.name,
        f"{plan.name} - step by step - cstosim",
        f"{escape(plan.start.isoformat())} to {escape(plan.end.isoformat())} - {escape(count)}",
        f"""<section class="intro" id="intro"><h2>The scenario</h2>
<div class="description">{escape(plan.description or "No description.")}</div>
<nav class="steps"><span></span>{start}</nav></section>
{steps}""",
        "Move with the links, or Alt+N and Alt+P.",
        _STEPS_CSS,
    )
