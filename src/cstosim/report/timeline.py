"""The run as a readable timeline table (Rich), for the terminal."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from cstosim.engine import ExpectResult, Run
from cstosim.engine.records import (
    AccessionRecord,
    ChairRecord,
    ConsultationRecord,
    DecisionRecord,
    DeploymentRecord,
    MembershipRecord,
    NoteRecord,
    Record,
    ReportRecord,
    RequestRecord,
    SessionRecord,
    WithdrawalRecord,
)
from cstosim.i18n import _, ngettext, number
from cstosim.i18n import pgettext as p_
from cstosim.report.console import terminal_width
from cstosim.report.reasons import reason
from cstosim.report.safe import clean
from cstosim.report.text import expectation_line
from cstosim.report.words import term, words
from cstosim.rules.ruleset import show_value
from cstosim.vocabulary import ItemKind, Outcome, Position

__all__ = ["to_text"]

# item kinds the timeline names for themselves (the others are decisions of the body)
_OWN_LABEL = frozenset({ItemKind.AGREEMENT, ItemKind.BASING})
_OUTCOME_STYLE = {
    Outcome.ADOPTED: "bold green",
    Outcome.ADOPTED_LIMITED: "bold cyan",
    Outcome.REJECTED: "bold red",
    Outcome.NO_QUORUM: "bold yellow",
    Outcome.INADMISSIBLE: "bold magenta",
    Outcome.SIGNED: "bold blue",
    Outcome.NO_DECISION: "bold",
}


def _positions(pos: Mapping[str, Position]) -> str:
    groups: dict[Position, list[str]] = {}
    for member, p in pos.items():
        groups.setdefault(p, []).append(member)
    return _("; ").join(
        _("{position}: {members}").format(
            position=words("position", p), members=" ".join(groups[p])
        )
        for p in Position
        if p in groups
    )


def _cited(why: str, cites: Sequence[str]) -> str:
    return f"{reason(why)} [{', '.join(cites)}]"


Row = tuple[str, str, str, str, Text, str]


def _row(rec: Record) -> Row:
    """Date, what, item, positions, outcome and reason of one record."""
    day = rec.date.isoformat()
    match rec:
        case DecisionRecord(outcome=Outcome.INADMISSIBLE):
            outcome = Text(
                term("outcome", Outcome.INADMISSIBLE), style=_OUTCOME_STYLE[Outcome.INADMISSIBLE]
            )
            what = p_("timeline", "admissibility")
            return day, what, rec.item, "", outcome, _cited(rec.why, rec.cites)
        case DecisionRecord():
            outcome = Text(term("outcome", rec.outcome), style=_OUTCOME_STYLE.get(rec.outcome, ""))
            extra = []
            if rec.blockers:
                extra.append(_("blocked by {members}").format(members=" ".join(rec.blockers)))
            if rec.overridden:
                extra.append(_("overridden: {members}").format(members=" ".join(rec.overridden)))
            if rec.sensitive_to:
                extra.append(_("decided by: {keys}").format(keys=", ".join(rec.sensitive_to)))
            if extra:
                outcome.append("\n" + "\n".join(extra), style="dim")
            if rec.item_kind in _OWN_LABEL:
                what = _("{body} {kind}").format(
                    body=rec.body, kind=term("item kind", rec.item_kind)
                )
            else:
                what = _("{body} decision").format(body=rec.body)
            return (
                day,
                what,
                rec.item,
                _positions(rec.positions),
                outcome,
                _cited(rec.why, rec.cites),
            )
        case SessionRecord():
            what = (
                _("{body} session (extraordinary)") if rec.extraordinary else _("{body} session")
            ).format(body=rec.body)
            why = (_("chair {chair}, host {host}") if rec.host else _("chair {chair}")).format(
                chair=rec.chair or "-", host=rec.host
            )
            return day, what, ", ".join(rec.items), "", Text(""), why
        case ChairRecord():
            what = term("record kind", "chair")
            return day, what, rec.member or "-", "", Text(""), _cited(rec.why, rec.cites)
        case MembershipRecord():
            what = _("membership: {change}").format(change=words("change", rec.change))
            return day, what, rec.member, "", Text(""), _cited(rec.why, rec.cites)
        case RequestRecord():
            outcome = Text(
                _("admissible") if rec.admissible else term("outcome", Outcome.INADMISSIBLE),
                style="green" if rec.admissible else "magenta",
            )
            who = _("{member} ({threat})").format(member=rec.by, threat=words("threat", rec.threat))
            what = term("record kind", "request")
            return day, what, rec.item, who, outcome, _cited(rec.why, rec.cites)
        case DeploymentRecord():
            who = ", ".join(rec.contributors)
            if rec.total:
                who = ngettext("{members}; {n} troop", "{members}; {n} troops", rec.total).format(
                    members=who, n=number(rec.total)
                )
            what = term("record kind", "deployment")
            return day, what, rec.item, who, Text(""), _cited(rec.why, rec.cites)
        case AccessionRecord():
            what = term("record kind", "accession")
            return day, what, rec.item, rec.member, Text(""), _cited(rec.why, rec.cites)
        case ConsultationRecord() | ReportRecord() | WithdrawalRecord():
            what = term("record kind", rec.kind.value)
            return day, what, rec.item, "", Text(""), _cited(rec.why, rec.cites)
        case NoteRecord():
            return day, term("record kind", "note"), rec.item or "", "", Text(""), reason(rec.text)
    raise TypeError(f"no rendering for {type(rec).__name__}")  # pragma: no cover


def to_text(run: Run, expectations: Sequence[ExpectResult] = (), width: int | None = None) -> str:
    """A readable timeline: date, body, item, positions, outcome and reason."""
    plan = run.plan
    if width is None:
        width = terminal_width()
    buf = io.StringIO()
    console = Console(
        file=buf, width=width, force_terminal=False, color_system=None, highlight=False
    )
    rules = plan.rules_on(plan.start)
    console.print(
        Text(clean(plan.name), style="bold"),
        Text(
            " "
            + _("{start} to {end}, seed {seed}").format(
                start=plan.start.isoformat(), end=plan.end.isoformat(), seed=run.seed
            )
        ),
    )
    over = ", ".join(f"{k}={show_value(v)}" for k, v in plan.overrides.items()) or _(
        "none (dated defaults)"
    )
    settings = (
        f"rule14={rules.rule14}, limited_format={str(rules.limited_format).lower()}, "
        f"rotation={rules.rotation}, quorum={show_value(rules.quorum)}"
    )
    console.print(
        clean(
            _("Rules on {date}: {settings}; overrides: {overrides}").format(
                date=plan.start.isoformat(), settings=settings, overrides=over
            )
        ),
        markup=False,
    )
    table = Table(show_lines=False, expand=True)
    table.add_column(p_("column", "date"), no_wrap=True)
    table.add_column(p_("column", "what"), ratio=2, overflow="fold")
    table.add_column(p_("column", "item"), ratio=2, overflow="fold")
    table.add_column(p_("column", "positions"), ratio=3)
    table.add_column(p_("column", "outcome"), ratio=2, overflow="fold")
    table.add_column(p_("column", "why"), ratio=6)
    for rec in run.trace:
        table.add_row(*(_cell(c) for c in _row(rec)))
    console.print(table)
    if expectations:
        console.print(_("Expectations:"))
        for e in expectations:
            console.print("  " + clean(expectation_line(e)), markup=False)
    return clean(buf.getvalue())


def _cell(c: str | Text) -> Text:
    """A table cell with any control character shown as \\uXXXX (the width then is right)."""
    if isinstance(c, Text):
        plain = c.plain
        return c if clean(plain) == plain else Text(clean(plain), style=c.style)
    return Text(clean(c))
