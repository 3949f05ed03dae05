"""A self-contained HTML report of a run, for projecting in class.

Everything is inline (styles, the organisational graph as SVG); nothing is loaded from the
network, and every piece of scenario text is escaped, with any control character shown as a
visible \\uXXXX (``report.safe``).
"""

from __future__ import annotations

import string
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
from cstosim.i18n import N_, _, current, direction, format_date, ngettext, number
from cstosim.i18n import pgettext as p_
from cstosim.members import STATES
from cstosim.provisions import CATALOGUE, Provision, article, instrument, paraphrase, title
from cstosim.report.graph import to_svg
from cstosim.report.reasons import reason
from cstosim.report.safe import clean
from cstosim.report.safe import esc as escape
from cstosim.report.words import state_name, term, words
from cstosim.rules.ruleset import CONTESTED, reading_applies, show_value
from cstosim.vocabulary import ItemKind, RuleKey

__all__ = ["Readings", "auto", "chips", "code", "fill", "page", "to_html", "who"]

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
.description { background:#fff; border-inline-start:4px solid #64748b; padding:.6rem 1rem;
  white-space:pre-wrap; }
table { border-collapse:collapse; width:100%; background:#fff; }
th, td { border:1px solid var(--line); padding:.3rem .5rem; text-align:start;
  vertical-align:top; font-size:.92rem; }
th { background:#e2e8f0; }
.card { background:#fff; border:1px solid var(--line); border-radius:10px; padding:1rem 1.2rem;
  margin:1rem 0; box-shadow:0 1px 2px rgba(0,0,0,.05); }
.card h3 { margin:0 0 .3rem; font-size:1.15rem; }
.meta { color:var(--muted); font-size:.9rem; }
.badge { display:inline-block; padding:.1rem .6rem; border-radius:.7em; line-height:1.3;
  font-weight:700; font-size:.85rem; color:#fff; }
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
.cites dt { font-weight:700; margin-top:.3rem; }
.cites dd { margin:0 0 .2rem; margin-inline-start:1rem; }
.alternatives td.current { outline:3px solid #1e293b; outline-offset:-3px; }
.alternatives .value { color:var(--muted); font-size:.85rem; }
.alternatives tr.not-in-force { color:var(--muted); background:#f1f5f9; }
.alternatives caption { text-align:start; color:var(--muted); font-size:.85rem; }
.tag { display:inline-block; background:#1e293b; color:#fff; border-radius:4px;
  padding:0 .3rem; font-size:.75rem; margin-inline-start:.3rem; }
.sensitive { background:#fff7ed; border:1px solid #fdba74; border-radius:8px;
  padding:.4rem .8rem; margin-top:.6rem; overflow-x:auto; }
.ok { color:#15803d; font-weight:700; } .fail { color:#b91c1c; font-weight:700; }
.graph { background:#fff; border:1px solid var(--line); border-radius:10px; padding:.5rem;
  overflow-x:auto; }
.graph svg { max-width:100%; height:auto; }
footer { color:var(--muted); font-size:.85rem; margin-top:2rem; }
.glossary { display:grid; grid-template-columns:repeat(auto-fill, minmax(22rem, 1fr));
  gap:.3rem 1.2rem; }
.glossary dt { font-weight:700; } .glossary dd { margin:0 0 .4rem; color:var(--muted); }
table.timeline td:first-child, table.chairs td { white-space:nowrap; }
.scroll { overflow-x:auto; }
#authors summary { cursor:pointer; color:var(--muted); margin-top:2rem; }
@media (max-width:600px) { header { padding:1rem; } main { padding:.5rem 1rem 2rem; }
  .card { padding:.8rem; } }
bdi.code { unicode-bidi:isolate; }
[dir="rtl"] h1[dir="auto"], [dir="rtl"] h2[dir="auto"] { text-align:right; }
[dir="rtl"] td bdi, [dir="rtl"] th bdi { white-space:nowrap; }
[dir="rtl"] body { font-family: "Noto Sans Arabic", "Noto Naskh Arabic", "DejaVu Sans", system-ui,
  sans-serif; }
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
    return f'<span class="badge {escape(outcome)}">{escape(words("outcome", outcome))}</span>'


def _names(codes: Sequence[str]) -> str:
    return _(", ").join(
        f"{code(c)} ({escape(state_name(c))})" if c in STATES else code(c) for c in codes
    )


def fill(template: str, **parts: str) -> str:
    """A translated ``template`` escaped for HTML, each ``{name}`` in it replaced by the ready
    HTML of ``parts`` (so a sentence stays whole in every language)."""
    out = []
    for literal, field, _spec, _conv in string.Formatter().parse(template):
        out.append(escape(literal))
        if field is not None:
            out.append(parts[field])
    return "".join(out)


def auto() -> str:
    """``dir="auto"`` on a right-to-left page, for an element that shows text not translated
    (a scenario's own words, the reasons of a run): it then runs in its own direction."""
    return ' dir="auto"' if direction(current()) == "rtl" else ""


def code(text: object) -> str:
    """A code, id, number or date, escaped and isolated so that right-to-left text around it
    does not reorder it (``<bdi>``)."""
    return f"<bdi>{escape(text)}</bdi>" if direction(current()) == "rtl" else escape(text)


# What each contested key is called in the report, and the day before which it is no reading.
_KEY_NAMES = {
    RuleKey.RULE14: N_("Rule 14: what silence means"),
    RuleKey.LIMITED_FORMAT: N_("Limited format"),
    RuleKey.QUORUM: N_("Quorum (what-if)"),
    RuleKey.ARMED_ATTACK: N_("Article 4 covers armed attack"),
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
    this_run = escape(_("this run"))
    for key in CONTESTED:
        values = [v for (k, v) in readings if k == key]
        if not values or (key == RuleKey.ARMED_ATTACK and not request):
            continue  # armed attack turns requests only
        if not rec.positions and key != RuleKey.ARMED_ATTACK:
            continue  # decided without positions: only a request's admissibility can turn
        name = escape(_(_KEY_NAMES[key]))
        if not reading_applies(key, rec.date, set_keys):
            since = CONTESTED[key]
            when = format_date(since, current()) if since else ""
            said = fill(
                _("not in force on this date (from {date}); no other reading applied"),
                date=code(when),
            )
            rows.append(f'<tr class="not-in-force"><th>{name}</th><td colspan="3">{said}</td></tr>')
            continue
        cells = []
        for v in values:
            outcome = readings[(key, v)].get(rec.item, "not_decided")
            mine = getattr(own, key.value) == v
            mark = ' class="current" aria-current="true"' if mine else ""
            tag = f'<span class="tag">{this_run}</span>' if mine else ""
            cells.append(
                f'<td{mark}><span class="value">{code(show_value(v))}</span> '
                f"{_badge(outcome)}{tag}</td>"
            )
        rows.append(f"<tr><th>{name}</th>{''.join(cells)}</tr>")
    if not rows:
        return ""
    if keys:
        lead = (
            "<p><strong>"
            + escape(_("A contested reading decides this outcome:"))
            + "</strong> "
            + fill(_("other values of {keys} would change it."), keys=code(", ".join(keys)))
            + "</p>"
        )
    else:
        lead = (
            "<p>" + escape(_("No other reading of the rules would change this outcome.")) + "</p>"
        )
    caption = _(
        "The outcome under each reading, each a whole run of the scenario (one key changed at "
        "a time)"
    )
    return (
        f'<div class="sensitive">{lead}<table class="alternatives"><caption>{escape(caption)}'
        f"</caption>{''.join(rows)}</table></div>"
    )


def chips(rec: DecisionRecord) -> str:
    """Each member's position, by name (the code in the hover)."""
    return "".join(
        f'<span class="pos {escape(p)}" title="{escape(m)}">'
        + escape(
            _("{state}: {position}").format(state=state_name(m), position=words("position", p))
        )
        + "</span>"
        for m, p in rec.positions.items()
    )


def who(rec: DecisionRecord) -> str:
    """Who blocked, was overridden, is bound, may accede and stood aside, where anyone."""
    return "".join(
        f"<div><strong>{escape(_(label))}:</strong> {_names(codes)}</div>"
        for codes, label in (
            (rec.blockers, N_("Blocked by")),
            (rec.overridden, N_("Objection overridden (a reform, what-if)")),
            (rec.bound, N_("Binds")),
            (rec.may_accede, N_("May accede later")),
            (rec.stood_aside, N_("Stood aside")),
        )
        if codes
    )


def _where(p: Provision) -> str:
    """(instrument, article), in the language of the moment."""
    said = _("{instrument}, {article}").format(instrument=instrument(p), article=article(p))
    return f" <em>({escape(said)})</em>"


def _card(rec: DecisionRecord, readings: Readings, plan: Plan) -> str:
    chip_row = chips(rec)
    cites = "".join(
        f"<dt>{code(c)}: {escape(title(CATALOGUE[c])) if c in CATALOGUE else ''}</dt>"
        f"<dd>{escape(paraphrase(CATALOGUE[c])) if c in CATALOGUE else ''}"
        f"{_where(CATALOGUE[c]) if c in CATALOGUE else ''}</dd>"
        for c in rec.cites
    )
    item_id = escape(_("item id: {id}").format(id=rec.item))
    return (
        f'<article class="card decision" data-item="{escape(rec.item)}" '
        f'data-outcome="{escape(rec.outcome)}">'
        f'<h3><span title="{item_id}"{auto()}>'
        f"{escape(rec.title) if rec.title else code(rec.item)}</span> {_badge(rec.outcome)}</h3>"
        f'<div class="meta">{code(rec.date.isoformat())} - {code(rec.body)} - '
        f"{escape(words('item kind', rec.item_kind))}</div>"
        f'<p class="why"{auto()}>{escape(reason(rec.why))}</p>'
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
                subject, what, extra = rec.item, reason(rec.why), _badge(rec.outcome)
            case SessionRecord():
                subject = rec.id
                what = (
                    _("{body} session (extraordinary), chair {chair}")
                    if rec.extraordinary
                    else _("{body} session, chair {chair}")
                ).format(body=rec.body, chair=rec.chair or "-")
            case NoteRecord():
                subject, what = rec.item or "", reason(rec.text)
            case ChairRecord():
                subject, what = rec.member or "", reason(rec.why)
            case MembershipRecord() | AccessionRecord():
                subject = rec.item if isinstance(rec, AccessionRecord) else rec.member
                what = reason(rec.why)
            case DeploymentRecord():
                subject = rec.item
                troops = (
                    ", ".join(f"{m} {number(n)}" for m, n in rec.troops.items())
                    if rec.troops
                    else (
                        ngettext("{n} troop", "{n} troops", rec.total).format(n=number(rec.total))
                        if rec.total
                        else _("troops not given")
                    )
                )
                what = ngettext(
                    "{why} From {members} ({troops}), for {days} day.",
                    "{why} From {members} ({troops}), for {days} days.",
                    rec.mission_days,
                ).format(
                    why=reason(rec.why),
                    members=", ".join(rec.contributors),
                    troops=troops,
                    days=rec.mission_days,
                )
            case RequestRecord() | ConsultationRecord() | ReportRecord() | WithdrawalRecord():
                subject, what = rec.item, reason(rec.why)
            case _:  # pragma: no cover - a record class without a rendering
                raise TypeError(f"no rendering for {type(rec).__name__}")
        said = f"<span{auto()}>{escape(what)}</span>" if auto() else escape(what)
        rows.append(
            f'<tr class="ev {escape(kind)}"><td>{code(rec.date.isoformat())}</td>'
            f"<td>{escape(term('record kind', kind))}</td><td>{code(str(subject))}</td>"
            f"<td>{extra} {said}</td></tr>"
        )
    heads = "".join(
        f"<th>{escape(h)}</th>"
        for h in (
            p_("column", "date"),
            p_("column", "kind"),
            p_("column", "subject"),
            p_("column", "what happened"),
        )
    )
    return (
        f'<div class="scroll"><table class="timeline"><tr>{heads}</tr>{"".join(rows)}</table></div>'
    )


def _chairs(run: Run) -> str:
    rows = []
    changes = run.chairs
    for i, (since, member) in enumerate(changes):
        until = changes[i + 1][0] if i + 1 < len(changes) else run.plan.end
        if isinstance(until, date) and until < since:
            continue
        name = state_name(member) if member in STATES else "-"
        rows.append(
            f"<tr><td>{code(since.isoformat())}</td><td>{code(until.isoformat())}"
            f"</td><td>{code(member or '-')}</td><td>{escape(name)}</td></tr>"
        )
    heads = "".join(
        f"<th>{escape(h)}</th>"
        for h in (
            p_("column", "from"),
            p_("column", "until"),
            p_("column", "chair"),
            p_("column", "state"),
        )
    )
    return (
        f'<div class="scroll"><table class="chairs"><tr>{heads}</tr>{"".join(rows)}</table></div>'
    )


_GLOSSARY = (
    (N_("support"), N_("takes part and consents")),
    (
        N_("abstain"),
        N_("takes part without consenting; does not block, and is bound if adopted"),
    ),
    (N_("object"), N_("a formal objection: under consensus it blocks")),
    (
        N_("stand aside"),
        N_("does not take part and lets the others adopt in limited format; not bound"),
    ),
    (N_("absent"), N_("silent non-participation: what it means is the Rule 14 dispute")),
    (N_("adopted"), N_("decided, and binding on those who took part")),
    (N_("adopted limited"), N_("adopted by those who took part while others stood aside")),
    (
        N_("rejected"),
        N_("blocked (by an objection, or a silence read as dissent) or no consent"),
    ),
    (N_("no quorum"), N_("nobody, or too few under a quorum, took part")),
    (N_("inadmissible"), N_("not for this body, or a request Article 4 does not cover")),
    (N_("signed"), N_("an agreement, binding those who signed")),
    (N_("no decision"), N_("the body ended without putting a draft to a decision")),
)


_SILENCE = {
    "dissent": N_("a member's silent absence counts as withheld consent (Rule 14 as quoted)"),
    "no_objection": N_("only a formal objection blocks; an absent member may accede later"),
    "consent": N_("silence counts as consent (a what-if)"),
}
_ROTATION = {
    "host": N_("the host of each regular session chairs"),
    "russian_alphabet": N_("the chair passes each 1 January in the order of the Russian names"),
    "english_alphabet": N_(
        "the chair passes each 1 January in the order of the English names (a what-if)"
    ),
    "order": N_("the chair passes each 1 January in the order the scenario gives"),
}


def _plain_rules(rules: Any) -> str:
    """The rules of a date in plain words, for a header students read."""
    parts = [
        _(_SILENCE[rules.rule14.value]),
        _("members may stand aside and let the others adopt in limited format")
        if rules.limited_format
        else _("no limited format: standing aside counts as absence"),
        _(_ROTATION[rules.rotation.value]),
        _("a quorum of {quorum} must take part").format(quorum=show_value(rules.quorum))
        if rules.quorum
        else _("no quorum"),
    ]
    if rules.decision.value != "consensus":
        parts.insert(
            0,
            _("decisions by {rule} (a reform)").format(
                rule=term("decision rule", rules.decision.value).replace("_", " ")
            ),
        )
    return _("; ").join(parts) + "."


def _glossary() -> str:
    rows = "".join(
        f"<div><dt>{escape(_(word))}</dt><dd>{escape(_(meaning))}</dd></div>"
        for word, meaning in _GLOSSARY
    )
    return f'<dl class="glossary">{rows}</dl>'


def _expectations(results: Sequence[ExpectResult]) -> str:
    if not results:
        return "<p>" + escape(_("This scenario states no expectations.")) + "</p>"
    items = []
    for r in results:
        cls, word = (
            ("ok", _("holds"))
            if r.ok and not r.skipped
            else (
                ("meta", _("not checked: written for other rules"))
                if r.skipped
                else ("fail", _("fails"))
            )
        )
        items.append(f'<li><span class="{cls}">{escape(word)}</span> {code(r.expectation)}</li>')
    return f"<ul>{''.join(items)}</ul>"


def to_html(
    run: Run,
    expectations: Sequence[ExpectResult] = (),
    readings: Readings | None = None,
) -> str:
    """The run as one self-contained HTML page; ``readings`` fill each decision's table of
    what the other readings of Rule 14 give (from whole runs, ``whatif.compare.readings``)."""
    plan = run.plan
    rules = plan.rules_on(plan.start)
    rules_text = _plain_rules(rules)
    overrides = (
        _("what-ifs set: {overrides}").format(
            overrides=", ".join(f"{k}={show_value(v)}" for k, v in plan.overrides.items())
        )
        if plan.overrides
        else _("the rules in force on each date")
    )
    decisions = [r for r in run.trace if isinstance(r, DecisionRecord)]
    cards = "".join(_card(r, readings or {}, plan) for r in decisions) or (
        "<p>" + escape(_("No item was decided.")) + "</p>"
    )
    lead = (
        fill(
            _("{start} to {end}; {overrides}."),
            start=code(plan.start.isoformat()),
            end=code(plan.end.isoformat()),
            overrides=escape(overrides),
        )
        + "\n"
        + fill(_("On {date}: {rules}"), date=code(plan.start.isoformat()), rules=escape(rules_text))
    )
    n = len(decisions)
    h = {
        "scenario": escape(_("The scenario")),
        "decisions": escape(_("Decisions ({n})").format(n=n)),
        "timeline": escape(_("Timeline")),
        "chairs": escape(_("The chair over time")),
        "glossary": escape(_("Words used here")),
        "bodies": escape(_("The bodies")),
    }
    description = plan.description or _("No description.")
    bodies_lead = _("The bodies that decided in this run are marked.")
    authors = _("For scenario authors: the file's expectations")
    return page(
        plan.name,
        _("{scenario} - cstosim").format(scenario=plan.name),
        lead,
        f"""<section id="description"><h2>{h["scenario"]}</h2>
<div class="description"{auto()}>{escape(description)}</div></section>
<section id="decisions"><h2>{h["decisions"]}</h2>{cards}</section>
<section id="timeline"><h2>{h["timeline"]}</h2>{_timeline(run)}</section>
<section id="chairs"><h2>{h["chairs"]}</h2>{_chairs(run)}</section>
<section id="glossary"><h2>{h["glossary"]}</h2>{_glossary()}</section>
<section id="bodies"><h2>{h["bodies"]}</h2><p>{escape(bodies_lead)}</p>\
<div class="graph">{to_svg({r.body.value for r in decisions})}</div></section>
<section id="authors"><details><summary>{escape(authors)}
</summary>{_expectations(expectations)}</details></section>
""",
        _(
            "Every outcome cites the provision that produced it; provisions are paraphrased in"
            " cstosim's own words (cstosim explain ID)."
        ),
    )


def page(
    heading: str, title: str, lead_html: str, body_html: str, footer: str, css: str = ""
) -> str:
    """One self-contained HTML page in the reports' frame, in the language of the moment
    (``lang``, and ``dir="rtl"`` for Arabic): no script, nothing loaded."""
    lang = current()
    rtl = ' dir="rtl"' if direction(lang) == "rtl" else ""
    made = escape(_("Made by cstosim {version}.").format(version=__version__))
    return clean(f"""<!DOCTYPE html>
<html lang="{lang.value}"{rtl}><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{_CSP}">
<title>{escape(title)}</title>
<style>{_CSS}{css}</style></head>
<body>
<header><h1{auto()}>{escape(heading)}</h1>
<p>{lead_html}</p>
</header>
<main>
{body_html}
<footer>{made}{" " + escape(footer) if footer else ""}</footer>
</main></body></html>
""")
