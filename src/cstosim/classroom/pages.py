"""What the classroom's pages show, as plain values for the templates (no HTML here: the
templates escape everything they print)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cstosim.bodies import BODIES
from cstosim.classroom.room import SWITCHABLE, Phase, Room
from cstosim.engine.records import (
    ChairRecord,
    DecisionRecord,
    DeploymentRecord,
    NoteRecord,
    Record,
    SessionRecord,
)
from cstosim.members import STATES
from cstosim.provisions import CATALOGUE
from cstosim.rules.ruleset import CONTESTED, reading_applies, show_value
from cstosim.vocabulary import Position, RuleKey

__all__ = ["POSITIONS", "Gettext", "context", "rules_form"]

Gettext = Callable[[str], str]


def _(text: str) -> str:
    """Mark a string for the catalogue; the page translates it when it renders."""
    return text


# One large button per position, with its meaning in one line (design 2.1).
POSITIONS: tuple[tuple[Position, str, str], ...] = (
    (Position.SUPPORT, _("Support"), _("Take part and consent.")),
    (Position.ABSTAIN, _("Abstain"), _("Take part without consenting: you do not block.")),
    (Position.OBJECT, _("Object"), _("A formal objection: under consensus it blocks.")),
    (
        Position.STAND_ASIDE,
        _("Stand aside"),
        _("Let the others adopt it without you (limited format, from 2012)."),
    ),
    (
        Position.ABSENT,
        _("Stay away"),
        _("Do not take part: what that means depends on the reading of Rule 14."),
    ),
)
_POSITION_NAMES = {p.value: name for p, name, _meaning in POSITIONS}

_OUTCOMES = {
    "adopted": _("Adopted"),
    "adopted_limited": _("Adopted in limited format"),
    "rejected": _("Rejected"),
    "no_quorum": _("No quorum"),
    "inadmissible": _("Inadmissible"),
    "signed": _("Signed"),
    "no_decision": _("No decision"),
    "not_decided": _("Not decided"),
}
_KEYS = {
    RuleKey.RULE14: _("What a member's absence means (Rule 14)"),
    RuleKey.LIMITED_FORMAT: _("Standing aside allowed (limited format)"),
    RuleKey.QUORUM: _("Quorum"),
    RuleKey.ARMED_ATTACK: _("Article 4 covers armed attack"),
}
_VALUES = {
    "dissent": _("absence blocks (Belarus, 2009)"),
    "no_objection": _("only an objection blocks (Russia's foreign ministry, 2009)"),
    "consent": _("absence counts as consent"),
    "true": _("yes"),
    "false": _("no"),
    "none": _("none"),
    "2/3": _("two thirds"),
}


def name(code: str | None) -> str:
    """A member's name (its code if unknown)."""
    if code is None:
        return "-"
    state = STATES.get(code)
    return state.name_en if state is not None else code


def body_name(code: str) -> str:
    """A body's full name."""
    b = BODIES.get(code)
    return b.name if b is not None else code


@dataclass(frozen=True, slots=True)
class Line:
    """One event of the run, in words."""

    date: str
    what: str


def event_line(rec: Record) -> Line | None:
    """An event of the run worth showing between votes (decisions are shown apart)."""
    match rec:
        case DecisionRecord() if rec.positions:
            return None  # voted on: shown as a decision
        case DecisionRecord():
            label = _OUTCOMES.get(rec.outcome.value, rec.outcome.value)
            what = f"{rec.title or rec.item}: {label}. {rec.why}"
        case SessionRecord():
            what = f"{body_name(rec.body.value)}: " + (
                "extraordinary session" if rec.extraordinary else "session"
            )
            what += f", chaired by {name(rec.chair)}"
        case ChairRecord():
            what = rec.why
        case DeploymentRecord():
            what = f"{rec.why} From {', '.join(name(c) for c in rec.contributors)}."
        case NoteRecord():
            what = rec.text
        case _:
            what = str(getattr(rec, "why", "") or rec.kind.value)
    return Line(rec.date.isoformat(), what)


def decision_view(rec: DecisionRecord, t: Gettext) -> dict[str, Any]:
    """A decision as the board and the seats show it."""
    return {
        "item": rec.item,
        "title": rec.title or rec.item,
        "outcome": rec.outcome.value,
        "outcome_label": t(_OUTCOMES.get(rec.outcome.value, rec.outcome.value)),
        "why": rec.why,
        "positions": [
            (name(c), c, p.value, t(_POSITION_NAMES[p.value])) for c, p in rec.positions.items()
        ],
        "blockers": [name(c) for c in rec.blockers],
        "cites": [
            (pid, CATALOGUE[pid].title, CATALOGUE[pid].paraphrase)
            for pid in rec.cites
            if pid in CATALOGUE
        ],
        "sensitive": [t(_KEYS.get(k, k.value)) for k in rec.sensitive_to],
    }


def readings_table(room: Room, t: Gettext) -> list[dict[str, Any]]:
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
                    "value": t(_VALUES.get(shown, shown)),
                    "outcome": outcome,
                    "outcome_label": t(_OUTCOMES.get(outcome, outcome)),
                    "current": getattr(own, key.value) == val,
                }
            )
        rows.append({"key": t(_KEYS[key]), "cells": cells})
    return rows


def rules_form(room: Room, t: Gettext) -> list[dict[str, Any]]:
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
                "label": t(_KEYS[key]),
                "options": [(c, t(_VALUES.get(c, c)), c == current) for c in choices[key]],
            }
        )
    return out


def context(room: Room, t: Gettext, *, member: str | None = None) -> dict[str, Any]:
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
                "date": item.day.isoformat(),
                "voters": [(c, name(c), c in votes) for c in item.voters],
            }
            if item is not None
            else None
        ),
        "cast_count": len(votes),
        "voter_count": len(item.voters) if item is not None else 0,
        "seats": [(c, name(c), c in room.seats) for c in v.seatable],
        "last": decision_view(v.last, t) if v.last is not None else None,
        "readings": readings_table(room, t),
        "decisions": [decision_view(d, t) for d in v.decisions],
        "events": [line for rec in v.trace if (line := event_line(rec)) is not None][-8:],
        "member": member,
        "member_name": name(member) if member else "",
        "my_position": votes.get(member or "", ""),
        "has_vote": item is not None and member in item.voters,
        "positions": [(p.value, t(n), t(mean)) for p, n, mean in POSITIONS],
        "position_names": {k: t(n) for k, n in _POSITION_NAMES.items()},
    }
