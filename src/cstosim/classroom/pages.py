"""What the classroom's pages show, as plain values for the templates (no HTML here: the
templates escape everything they print)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from cstosim.classroom.room import SWITCHABLE, Phase, Room
from cstosim.engine.records import (
    ChairRecord,
    DecisionRecord,
    DeploymentRecord,
    NoteRecord,
    Record,
    SessionRecord,
)
from cstosim.i18n import N_, _, current, format_date
from cstosim.provisions import CATALOGUE, paraphrase, title
from cstosim.report.reasons import reason
from cstosim.report.words import body_name, state_name
from cstosim.rules.ruleset import CONTESTED, reading_applies, show_value
from cstosim.vocabulary import Position, RuleKey

__all__ = ["POSITIONS", "context", "rules_form"]


# One large button per position, with its meaning in one line (design 2.1).
POSITIONS: tuple[tuple[Position, str, str], ...] = (
    (Position.SUPPORT, N_("Support"), N_("Take part and consent.")),
    (Position.ABSTAIN, N_("Abstain"), N_("Take part without consenting: you do not block.")),
    (Position.OBJECT, N_("Object"), N_("A formal objection: under consensus it blocks.")),
    (
        Position.STAND_ASIDE,
        N_("Stand aside"),
        N_("Let the others adopt it without you (limited format, from 2012)."),
    ),
    (
        Position.ABSENT,
        N_("Stay away"),
        N_("Do not take part: what that means depends on the reading of Rule 14."),
    ),
)
_POSITION_NAMES = {p.value: name for p, name, _meaning in POSITIONS}

_OUTCOMES = {
    "adopted": N_("Adopted"),
    "adopted_limited": N_("Adopted in limited format"),
    "rejected": N_("Rejected"),
    "no_quorum": N_("No quorum"),
    "inadmissible": N_("Inadmissible"),
    "signed": N_("Signed"),
    "no_decision": N_("No decision"),
    "not_decided": N_("Not decided"),
}
_KEYS = {
    RuleKey.RULE14: N_("What a member's absence means (Rule 14)"),
    RuleKey.LIMITED_FORMAT: N_("Standing aside allowed (limited format)"),
    RuleKey.QUORUM: N_("Quorum"),
    RuleKey.ARMED_ATTACK: N_("Article 4 covers armed attack"),
}
_VALUES = {
    "dissent": N_("absence blocks (Belarus, 2009)"),
    "no_objection": N_("only an objection blocks (Russia's foreign ministry, 2009)"),
    "consent": N_("absence counts as consent"),
    "true": N_("yes"),
    "false": N_("no"),
    "none": N_("none"),
    "2/3": N_("two thirds"),
}


def name(code: str | None) -> str:
    """A member's name in the language of the page (its code if unknown)."""
    return "-" if code is None else state_name(code)


def day(d: date) -> str:
    """A date as the page's language writes it."""
    return format_date(d, current())


@dataclass(frozen=True, slots=True)
class Line:
    """One event of the run, in words."""

    date: str
    what: str


def event_line(rec: Record) -> Line | None:
    """An event of the run worth showing between votes (decisions voted on are shown apart)."""
    match rec:
        case DecisionRecord() if rec.positions:
            return None
        case DecisionRecord():
            what = _("{item}: {outcome}. {why}").format(
                item=rec.title or rec.item,
                outcome=_(_OUTCOMES.get(rec.outcome.value, rec.outcome.value)),
                why=reason(rec.why),
            )
        case SessionRecord():
            template = (
                N_("{body}: extraordinary session, chaired by {chair}")
                if rec.extraordinary
                else N_("{body}: session, chaired by {chair}")
            )
            what = _(template).format(body=body_name(rec.body.value), chair=name(rec.chair))
        case ChairRecord():
            what = reason(rec.why)
        case DeploymentRecord():
            what = _("{why} From {members}.").format(
                why=reason(rec.why), members=", ".join(name(c) for c in rec.contributors)
            )
        case NoteRecord():
            what = reason(rec.text)
        case _:
            what = reason(str(getattr(rec, "why", "") or rec.kind.value))
    return Line(day(rec.date), what)


def decision_view(rec: DecisionRecord) -> dict[str, Any]:
    """A decision as the board and the seats show it."""
    return {
        "item": rec.item,
        "title": rec.title or rec.item,
        "outcome": rec.outcome.value,
        "outcome_label": _(_OUTCOMES.get(rec.outcome.value, rec.outcome.value)),
        "why": reason(rec.why),
        "positions": [
            (name(c), c, p.value, _(_POSITION_NAMES[p.value])) for c, p in rec.positions.items()
        ],
        "blockers": [name(c) for c in rec.blockers],
        "cites": [
            (pid, title(CATALOGUE[pid]), paraphrase(CATALOGUE[pid]))
            for pid in rec.cites
            if pid in CATALOGUE
        ],
        "sensitive": [_(_KEYS.get(k, k.value)) for k in rec.sensitive_to],
    }


def readings_table(room: Room) -> list[dict[str, Any]]:
    """What each reading would give for the item revealed last: per contested key in force,
    each value's outcome (whole runs), the one the item was decided under marked."""
    v = room.view
    rec, plan = v.last, v.plan
    if rec is None or plan is None or not v.readings:
        return []
    own = plan.rules_for(rec.date, rec.item)
    set_keys = {**plan.overrides, **plan.item_rules.get(rec.item, {})}
    rows = []
    for key in CONTESTED:
        values = [val for (k, val) in v.readings if k == key]
        if not values or key == RuleKey.ARMED_ATTACK:
            continue
        if not reading_applies(key, rec.date, set_keys):
            continue  # not in force on the day: nothing to compare
        cells = []
        for val in values:
            outcome = v.readings[(key, val)].get(rec.item, "not_decided")
            shown = show_value(val)
            cells.append(
                {
                    "value": _(_VALUES.get(shown, shown)),
                    "outcome": outcome,
                    "outcome_label": _(_OUTCOMES.get(outcome, outcome)),
                    "current": getattr(own, key.value) == val,
                }
            )
        rows.append({"key": _(_KEYS[key]), "cells": cells})
    return rows


def rules_form(room: Room) -> list[dict[str, Any]]:
    """The readings the teacher may switch, each with its choices and the one in force."""
    now = room.rules_now()
    choices: dict[RuleKey, tuple[str, ...]] = {
        RuleKey.RULE14: ("dissent", "no_objection", "consent"),
        RuleKey.LIMITED_FORMAT: ("true", "false"),
        RuleKey.QUORUM: ("none", "2/3"),
    }
    out = []
    for key in SWITCHABLE:
        current = show_value(now.get(key.value)) if now else ""
        out.append(
            {
                "key": key.value,
                "label": _(_KEYS[key]),
                "options": [(c, _(_VALUES.get(c, c)), c == current) for c in choices[key]],
            }
        )
    return out


def context(room: Room, *, member: str | None = None) -> dict[str, Any]:
    """Everything a page of the room may show; ``member`` is the seat looking at it."""
    v = room.view
    item = v.item if room.phase is Phase.VOTING else None
    votes = room.votes if room.phase is Phase.VOTING else {}
    return {
        "scenario": room.scenario.name,
        "code": room.code,
        "phase": room.phase.value,
        "stage": room.stage(),
        "item": (
            {
                "id": item.id,
                "title": item.title,
                "body": body_name(item.body.value),
                "date": day(item.day),
                "voters": [(c, name(c), c in votes) for c in item.voters],
            }
            if item is not None
            else None
        ),
        "cast_count": len(votes),
        "voter_count": len(item.voters) if item is not None else 0,
        "seats": [(c, name(c), c in room.seats) for c in v.seatable],
        "last": decision_view(v.last) if v.last is not None else None,
        "readings": readings_table(room),
        "decisions": [decision_view(d) for d in v.decisions],
        "events": [line for rec in v.trace if (line := event_line(rec)) is not None][-8:],
        "member": member,
        "member_name": name(member) if member else "",
        "my_position": votes.get(member or "", ""),
        "has_vote": item is not None and member in item.voters,
        "positions": [(p.value, _(n), _(mean)) for p, n, mean in POSITIONS],
        "position_names": {k: _(n) for k, n in _POSITION_NAMES.items()},
    }
