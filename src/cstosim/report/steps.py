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
from cstosim.i18n import _, current, direction, ngettext
from cstosim.report.html import (
    Readings,
    _alternatives,
    _badge,
    auto,
    chips,
    code,
    fill,
    page,
    who,
)
from cstosim.report.reasons import reason
from cstosim.report.safe import esc as escape
from cstosim.report.words import words

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
    cites = ", ".join(code(c) for c in rec.cites)
    back, forward = ("&rarr;", "&larr;") if direction(current()) == "rtl" else ("&larr;", "&rarr;")
    previous, first, following = escape(_("previous")), escape(_("start")), escape(_("next"))
    prev_link = (
        f'<a href="#step-{n - 1}" accesskey="p">{back} {previous}</a>'
        if n > 1
        else f'<a href="#intro" accesskey="p">{back} {first}</a>'
    )
    next_link = (
        f'<a href="#step-{n + 1}" accesskey="n">{following} {forward}</a>'
        if n < total
        else "<span></span>"
    )
    count = fill(_("Decision {n} of {total}"), n=code(n), total=code(total))
    provisions = fill(_("Provisions: {ids} (cstosim explain ID)"), ids=cites)
    return (
        f'<section class="step" id="step-{n}" data-item="{escape(rec.item)}">'
        f'<div class="count">{count}</div>'
        f"<h2{auto()}>{code(rec.item)}{title}</h2>"
        f'<div class="meta">{code(rec.date.isoformat())} - {code(rec.body)} - '
        f"{escape(words('item kind', rec.item_kind))}</div>"
        + (f'<div class="positions">{chip_row}</div>' if chip_row else "")
        + '<details class="reveal"><summary>'
        + escape(_("What does the rule decide? (reveal)"))
        + "</summary>"
        f'<p>{_badge(rec.outcome)}</p><p class="why"{auto()}>{escape(reason(rec.why))}</p>{lists}'
        f'<p class="meta">{provisions}</p>'
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
    forward = "&larr;" if direction(current()) == "rtl" else "&rarr;"
    none = _("No item was decided.")
    begin = escape(_("begin"))
    start = f'<a href="#step-1" accesskey="n">{begin} {forward}</a>' if total else escape(none)
    count = (
        ngettext(
            "{n} decision, one at a time: decide, then reveal.",
            "{n} decisions, one at a time: decide, then reveal.",
            total,
        ).format(n=total)
        if total
        else none
    )
    lead = fill(
        _("{start} to {end} - {count}"),
        start=code(plan.start.isoformat()),
        end=code(plan.end.isoformat()),
        count=escape(count),
    )
    scenario, description = _("The scenario"), plan.description or _("No description.")
    return page(
        plan.name,
        _("{scenario} - step by step - cstosim").format(scenario=plan.name),
        lead,
        f"""<section class="intro" id="intro"><h2>{escape(scenario)}</h2>
<div class="description"{auto()}>{escape(description)}</div>
<nav class="steps"><span></span>{start}</nav></section>
{steps}""",
        _("Move with the links, or Alt+N and Alt+P."),
        _STEPS_CSS,
    )
