"""A self-contained HTML report of a run, for projecting in class.

Everything is inline (styles, the organisational graph as SVG); nothing is loaded from the
network, and every piece of scenario text is escaped, with any control character shown as a
visible \\uXXXX (``report.safe``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from cstosim import __version__
from cstosim.engine import ExpectResult, Plan, Run
from cstosim.engine.records import (
    AccessionRecord,
    ChairRecord,
    ConsultationRecord,
    DecisionRecord,
    DeploymentRecord,
    MembershipRecord,
    NoteRecord,
    ReportRecord,
    RequestRecord,
    SessionRecord,
    WithdrawalRecord,
)
from cstosim.members import STATES
from cstosim.provisions import CATALOGUE
from cstosim.report.graph import to_svg
from cstosim.report.safe import clean
from cstosim.report.safe import esc as escape
from cstosim.rules.ruleset import CONTESTED, reading_applies, show_value
from cstosim.vocabulary import ItemKind, RuleKey

__all__ = ["Readings", "chips", "to_html", "who"]

# The outcome of each item in whole runs under each value of each contested key: (key, value)
# -> item -> outcome ("not_decided" where that run did not decide the item).
Readings = Mapping[tuple[RuleKey, Any], Mapping[str, str]]

_CSS = """
:root { --ink:#0f172a; --muted:#475569; --line:#cbd5e1; --bg:#f8fafc; }
* { box-sizing:border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color:var(--ink);
  background:var(--bg); margin:0; line-height:1.45; }
header { background:#1e293b; color:#f8fafc; padding:1.2rem 2rem; }
header h1 { margin:0 0 .3rem; font-size:1.7rem; }
header p { margin:0; color:#cbd5e1; }
main { max-width:1100px; margin:0 auto; padding:1rem 2rem 3rem; }
h2 { border-bottom:2px solid var(--line); padding-bottom:.2rem; margin-top:2rem; }
.description { background:#fff; border-left:4px solid #64748b; padding:.6rem 1rem;
  white-space:pre-wrap; }
table { border-collapse:collapse; width:100%; background:#fff; }
th, td { border:1px solid var(--line); padding:.3rem .5rem; text-align:left;
  vertical-align:top; font-size:.92rem; }
th { background:#e2e8f0; }
.card { background:#fff; border:1px solid var(--line); border-radius:10px; padding:1rem 1.2rem;
  margin:1rem 0; box-shadow:0 1px 2px rgba(0,0,0,.05); }
.card h3 { margin:0 0 .3rem; font-size:1.15rem; }
.meta { color:var(--muted); font-size:.9rem; }
.badge { display:inline-block; padding:.1rem .6rem; border-radius:999px; font-weight:700;
  font-size:.85rem; color:#fff; }
.adopted { background:#15803d; } .adopted_limited { background:#0e7490; }
.rejected { background:#b91c1c; } .no_quorum { background:#a16207; }
.inadmissible { background:#7e22ce; } .not_decided { background:#64748b; }
.signed { background:#1d4ed8; } .no_decision { background:#475569; }
.positions { display:flex; flex-wrap:wrap; gap:.4rem; margin:.6rem 0; }
.pos { border-radius:6px; padding:.2rem .5rem; font-size:.85rem; border:1px solid var(--line); }
.pos.support { background:#dcfce7; } .pos.abstain { background:#f1f5f9; }
.pos.object { background:#fee2e2; font-weight:700; } .pos.stand_aside { background:#cffafe; }
.pos.absent { background:#fef9c3; }
.why { font-size:1.02rem; margin:.4rem 0; }
.cites dt { font-weight:700; margin-top:.3rem; } .cites dd { margin:0 0 .2rem 1rem; }
.alternatives td.current { outline:3px solid #1e293b; outline-offset:-3px; }
.alternatives .value { color:var(--muted); font-size:.85rem; }
.alternatives tr.not-in-force { color:var(--muted); background:#f1f5f9; }
.alternatives caption { text-align:left; color:var(--muted); font-size:.85rem; }
.tag { display:inline-block; background:#1e293b; color:#fff; border-radius:4px;
  padding:0 .3rem; font-size:.75rem; margin-left:.3rem; }
.sensitive { background:#fff7ed; border:1px solid #fdba74; border-radius:8px;
  padding:.4rem .8rem; margin-top:.6rem; }
.ok { color:#15803d; font-weight:700; } .fail { color:#b91c1c; font-weight:700; }
.graph { background:#fff; border:1px solid var(--line); border-radius:10px; padding:.5rem;
  overflow-x:auto; }
.graph svg { max-width:100%; height:auto; }
footer { color:var(--muted); font-size:.85rem; margin-top:2rem; }
.glossary { display:grid; grid-template-columns:repeat(auto-fill, minmax(22rem, 1fr));
  gap:.3rem 1.2rem; }
.glossary dt { font-weight:700; } .glossary dd { margin:0 0 .4rem; color:var(--muted); }
table.timeline td:first-child, table.chairs td { white-space:nowrap; }
#authors summary { cursor:pointer; color:var(--muted); margin-top:2rem; }
@media print {
  header { background:none; color:#000; } header p { color:#333; }
  .card, .sensitive, tr { break-inside:avoid; page-break-inside:avoid; }
  .card { box-shadow:none; } #authors, .graph { display:none; }
  main { max-width:none; padding:0; }
}
"""


# Nothing may load or run: styles inline only; no scripts, no network, no frames.
_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def _badge(outcome: str) -> str:
    return f'<span class="badge {escape(outcome)}">{escape(outcome.replace("_", " "))}</span>'


def _names(codes: Sequence[str]) -> str:
    return ", ".join(escape(f"{c} ({STATES[c].name_en})" if c in STATES else c) for c in codes)


# What each contested key is called in the report, and the day before which it is no reading.
_KEY_NAMES = {
    RuleKey.RULE14: "Rule 14: what silence means",
    RuleKey.LIMITED_FORMAT: "Limited format",
    RuleKey.QUORUM: "Quorum (what-if)",
    RuleKey.ARMED_ATTACK: "Article 4 covers armed attack",
}


def _alternatives(rec: DecisionRecord, readings: Readings, plan: Plan) -> str:
    """The item's outcome in whole runs under each value of each contested key in force on its
    date, the run's own value marked; a key not yet in force is greyed, with the reason."""
    keys = rec.sensitive_to
    if not readings:
        return ""
    request = rec.item_kind in (ItemKind.ASSISTANCE, ItemKind.ARTICLE2_MEASURES)
    own = plan.rules_for(rec.date, rec.item)
    set_keys = {**plan.overrides, **plan.item_rules.get(rec.item, {})}
    rows = []
    for key in CONTESTED:
        values = [v for (k, v) in readings if k == key]
        if not values or (key == RuleKey.ARMED_ATTACK and not request):
            continue  # armed attack turns requests only
        if not rec.positions and key != RuleKey.ARMED_ATTACK:
            continue  # decided without positions: only a request's admissibility can turn
        name = escape(_KEY_NAMES[key])
        if not reading_applies(key, rec.date, set_keys):
            since = CONTESTED[key]
            when = since.strftime("%d %b %Y") if since else ""
            rows.append(
                f'<tr class="not-in-force"><th>{name}</th><td colspan="3">not in force on this '
                f"date (from {escape(when)}); no other reading applied</td></tr>"
            )
            continue
        cells = []
        for v in values:
            outcome = readings[(key, v)].get(rec.item, "not_decided")
            mine = getattr(own, key.value) == v
            mark = ' class="current" aria-current="true"' if mine else ""
            tag = '<span class="tag">this run</span>' if mine else ""
            cells.append(
                f'<td{mark}><span class="value">{escape(show_value(v))}</span> '
                f"{_badge(outcome)}{tag}</td>"
            )
        rows.append(f"<tr><th>{name}</th>{''.join(cells)}</tr>")
    if not rows:
        return ""
    if keys:
        lead = (
            f"<p><strong>A contested reading decides this outcome:</strong> other values of "
            f"{escape(', '.join(keys))} would change it.</p>"
        )
    else:
        lead = "<p>No other reading of the rules would change this outcome.</p>"
    return (
        f'<div class="sensitive">{lead}<table class="alternatives"><caption>The outcome under '
        "each reading, each a whole run of the scenario (one key changed at a time)</caption>"
        f"{''.join(rows)}</table></div>"
    )


def chips(rec: DecisionRecord) -> str:
    """Each member's position, by name (the code in the hover)."""
    return "".join(
        f'<span class="pos {escape(p)}" title="{escape(m)}">'
        f"{escape(STATES[m].name_en if m in STATES else m)}: {escape(p.replace('_', ' '))}</span>"
        for m, p in rec.positions.items()
    )


def who(rec: DecisionRecord) -> str:
    """Who blocked, was overridden, is bound, may accede and stood aside, where anyone."""
    return "".join(
        f"<div><strong>{label}:</strong> {_names(codes)}</div>"
        for codes, label in (
            (rec.blockers, "Blocked by"),
            (rec.overridden, "Objection overridden (a reform, what-if)"),
            (rec.bound, "Binds"),
            (rec.may_accede, "May accede later"),
            (rec.stood_aside, "Stood aside"),
        )
        if codes
    )


def _card(rec: DecisionRecord, readings: Readings, plan: Plan) -> str:
    chip_row = chips(rec)
    cites = "".join(
        f"<dt>{escape(c)}: {escape(CATALOGUE[c].title) if c in CATALOGUE else ''}</dt>"
        f"<dd>{escape(CATALOGUE[c].paraphrase) if c in CATALOGUE else ''}"
        f"{' <em>(' + escape(CATALOGUE[c].instrument) + ', ' + escape(CATALOGUE[c].article)}"
        f"{')</em>' if c in CATALOGUE else ''}</dd>"
        for c in rec.cites
    )
    return (
        f'<article class="card decision" data-item="{escape(rec.item)}" '
        f'data-outcome="{escape(rec.outcome)}">'
        f'<h3><span title="item id: {escape(rec.item)}">'
        f"{escape(rec.title) if rec.title else escape(rec.item)}</span> {_badge(rec.outcome)}</h3>"
        f'<div class="meta">{escape(rec.date.isoformat())} - {escape(rec.body)} - '
        f"{escape(rec.item_kind.replace('_', ' '))}</div>"
        f'<p class="why">{escape(rec.why)}</p>'
        + (f'<div class="positions">{chip_row}</div>' if chip_row else "")
        + who(rec)
        + f'<dl class="cites">{cites}</dl>'
        + _alternatives(rec, readings, plan)
        + "</article>"
    )


def _timeline(run: Run) -> str:
    rows = []
    for rec in run.trace:
        kind = rec.kind
        extra = ""
        match rec:
            case DecisionRecord():
                subject, what, extra = rec.item, rec.why, _badge(rec.outcome)
            case SessionRecord():
                subject = rec.id
                what = (
                    f"{rec.body} session{' (extraordinary)' if rec.extraordinary else ''}"
                    f", chair {rec.chair or '-'}"
                )
            case NoteRecord():
                subject, what = rec.item or "", rec.text
            case ChairRecord():
                subject, what = rec.member or "", rec.why
            case MembershipRecord() | AccessionRecord():
                subject = rec.item if isinstance(rec, AccessionRecord) else rec.member
                what = rec.why
            case DeploymentRecord():
                subject = rec.item
                troops = (
                    ", ".join(f"{m} {n:,}" for m, n in rec.troops.items())
                    if rec.troops
                    else (f"{rec.total:,} troops" if rec.total else "troops not given")
                )
                what = (
                    f"{rec.why} From {', '.join(rec.contributors)} ({troops}), for "
                    f"{rec.mission_days} days."
                )
            case RequestRecord() | ConsultationRecord() | ReportRecord() | WithdrawalRecord():
                subject, what = rec.item, rec.why
            case _:  # pragma: no cover - a record class without a rendering
                raise TypeError(f"no rendering for {type(rec).__name__}")
        rows.append(
            f'<tr class="ev {escape(kind)}"><td>{escape(rec.date.isoformat())}</td>'
            f"<td>{escape(kind)}</td><td>{escape(str(subject))}</td>"
            f"<td>{extra} {escape(what)}</td></tr>"
        )
    return (
        '<table class="timeline"><tr><th>date</th><th>kind</th><th>subject</th>'
        f"<th>what happened</th></tr>{''.join(rows)}</table>"
    )


def _chairs(run: Run) -> str:
    rows = []
    changes = run.chairs
    for i, (since, member) in enumerate(changes):
        until = changes[i + 1][0] if i + 1 < len(changes) else run.plan.end
        if isinstance(until, date) and until < since:
            continue
        name = STATES[member].name_en if member in STATES else "-"
        rows.append(
            f"<tr><td>{escape(since.isoformat())}</td><td>{escape(until.isoformat())}"
            f"</td><td>{escape(member or '-')}</td><td>{escape(name)}</td></tr>"
        )
    return (
        '<table class="chairs"><tr><th>from</th><th>until</th><th>chair</th><th>state</th>'
        f"</tr>{''.join(rows)}</table>"
    )


_GLOSSARY = (
    ("support", "takes part and consents"),
    ("abstain", "takes part without consenting; does not block, and is bound if adopted"),
    ("object", "a formal objection: under consensus it blocks"),
    ("stand aside", "does not take part and lets the others adopt in limited format; not bound"),
    ("absent", "silent non-participation: what it means is the Rule 14 dispute"),
    ("adopted", "decided, and binding on those who took part"),
    ("adopted limited", "adopted by those who took part while others stood aside"),
    ("rejected", "blocked (by an objection, or a silence read as dissent) or no consent"),
    ("no quorum", "nobody, or too few under a quorum, took part"),
    ("inadmissible", "not for this body, or a request Article 4 does not cover"),
    ("signed", "an agreement, binding those who signed"),
    ("no decision", "the body ended without putting a draft to a decision"),
)


_SILENCE = {
    "dissent": "a member's silent absence counts as withheld consent (Rule 14 as quoted)",
    "no_objection": "only a formal objection blocks; an absent member may accede later",
    "consent": "silence counts as consent (a what-if)",
}
_ROTATION = {
    "host": "the host of each regular session chairs",
    "russian_alphabet": "the chair passes each 1 January in the order of the Russian names",
    "english_alphabet": "the chair passes each 1 January in the order of the English names "
    "(a what-if)",
    "order": "the chair passes each 1 January in the order the scenario gives",
}


def _plain_rules(rules: Any) -> str:
    """The rules of a date in plain words, for a header students read."""
    parts = [
        _SILENCE[rules.rule14.value],
        "members may stand aside and let the others adopt in limited format"
        if rules.limited_format
        else "no limited format: standing aside counts as absence",
        _ROTATION[rules.rotation.value],
        f"a quorum of {show_value(rules.quorum)} must take part" if rules.quorum else "no quorum",
    ]
    if rules.decision.value != "consensus":
        parts.insert(0, f"decisions by {rules.decision.value.replace('_', ' ')} (a reform)")
    return "; ".join(parts) + "."


def _glossary() -> str:
    rows = "".join(
        f"<div><dt>{escape(term)}</dt><dd>{escape(meaning)}</dd></div>"
        for term, meaning in _GLOSSARY
    )
    return f'<dl class="glossary">{rows}</dl>'


def _expectations(results: Sequence[ExpectResult]) -> str:
    if not results:
        return "<p>This scenario states no expectations.</p>"
    items = []
    for r in results:
        cls, word = (
            ("ok", "holds")
            if r.ok and not r.skipped
            else (
                ("meta", "not checked: written for other rules") if r.skipped else ("fail", "fails")
            )
        )
        items.append(f'<li><span class="{cls}">{word}</span> {escape(r.expectation)}</li>')
    return f"<ul>{''.join(items)}</ul>"


def to_html(
    run: Run, expectations: Sequence[ExpectResult] = (), readings: Readings | None = None
) -> str:
    """The run as one self-contained HTML page; ``readings`` fill each decision's table of
    what the other readings of Rule 14 give (from whole runs, ``whatif.compare.readings``)."""
    plan = run.plan
    rules = plan.rules_on(plan.start)
    rules_text = _plain_rules(rules)
    overrides = (
        "what-ifs set: " + ", ".join(f"{k}={show_value(v)}" for k, v in plan.overrides.items())
        if plan.overrides
        else "the rules in force on each date"
    )
    decisions = [r for r in run.trace if isinstance(r, DecisionRecord)]
    cards = (
        "".join(_card(r, readings or {}, plan) for r in decisions) or "<p>No item was decided.</p>"
    )
    lead = (
        f"{escape(plan.start.isoformat())} to {escape(plan.end.isoformat())}; {escape(overrides)}."
        f"\nOn {escape(plan.start.isoformat())}: {escape(rules_text)}"
    )
    return page(
        plan.name,
        f"{plan.name} - cstosim",
        lead,
        f"""<section id="description"><h2>The scenario</h2>
<div class="description">{escape(plan.description or "No description.")}</div></section>
<section id="decisions"><h2>Decisions ({len(decisions)})</h2>{cards}</section>
<section id="timeline"><h2>Timeline</h2>{_timeline(run)}</section>
<section id="chairs"><h2>The chair over time</h2>{_chairs(run)}</section>
<section id="glossary"><h2>Words used here</h2>{_glossary()}</section>
<section id="bodies"><h2>The bodies</h2><p>The bodies that decided in this run are
marked.</p><div class="graph">{to_svg({r.body.value for r in decisions})}</div></section>
<section id="authors"><details><summary>For scenario authors: the file's expectations
</summary>{_expectations(expectations)}</details></section>
""",
        "Every outcome cites the provision that produced it; provisions are paraphrased in"
        " cstosim's own words (cstosim explain ID).",
    )


def page(
    heading: str, title: str, lead_html: str, body_html: str, footer: str, css: str = ""
) -> str:
    """One self-contained HTML page in the reports' frame: no script, nothing loaded."""
    return clean(f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{_CSP}">
<title>{escape(title)}</title>
<style>{_CSS}{css}</style></head>
<body>
<header><h1>{escape(heading)}</h1>
<p>{lead_html}</p>
</header>
<main>
{body_html}
<footer>Made by cstosim {escape(__version__)}.{" " + escape(footer) if footer else ""}</footer>
</main></body></html>
""")
