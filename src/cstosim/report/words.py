"""The words renderers show for codes: outcomes, positions, kinds, states and bodies.

A code (``adopted_limited``, ``stand_aside``, ``ARM``) never changes in data; what a person
reads is its word in the language of the moment (``cstosim.i18n``). In English the word is the
code itself, as the reports have always shown it; the catalogues give the Russian and Arabic.
"""

from __future__ import annotations

from cstosim.bodies import BODIES
from cstosim.i18n import _, current
from cstosim.i18n import pgettext as p_
from cstosim.members import STATES

__all__ = ["body_name", "state_name", "term", "words"]

# Every code a renderer shows as a word, by context (extraction reads these calls).
_TERMS = (
    p_("outcome", "adopted"),
    p_("outcome", "adopted_limited"),
    p_("outcome", "rejected"),
    p_("outcome", "no_quorum"),
    p_("outcome", "inadmissible"),
    p_("outcome", "signed"),
    p_("outcome", "no_decision"),
    p_("outcome", "not_decided"),
    p_("position", "support"),
    p_("position", "abstain"),
    p_("position", "object"),
    p_("position", "stand_aside"),
    p_("position", "absent"),
    p_("item kind", "decision"),
    p_("item kind", "chair"),
    p_("item kind", "suspension"),
    p_("item kind", "admission"),
    p_("item kind", "end_mission"),
    p_("item kind", "agreement"),
    p_("item kind", "basing"),
    p_("item kind", "assistance"),
    p_("item kind", "article2_measures"),
    p_("record kind", "session"),
    p_("record kind", "decision"),
    p_("record kind", "chair"),
    p_("record kind", "request"),
    p_("record kind", "consultation"),
    p_("record kind", "deployment"),
    p_("record kind", "report"),
    p_("record kind", "withdrawal"),
    p_("record kind", "membership"),
    p_("record kind", "accession"),
    p_("record kind", "note"),
    p_("threat", "aggression"),
    p_("threat", "armed_attack"),
    p_("threat", "threat"),
    p_("threat", "internal_unrest"),
    p_("change", "join"),
    p_("change", "withdraw"),
    p_("change", "withdraw_notice"),
    p_("change", "suspend"),
    p_("change", "freeze"),
    p_("change", "unfreeze"),
    p_("change", "reinstate"),
    p_("decision rule", "consensus"),
    p_("decision rule", "consensus_minus_one"),
    p_("decision rule", "qualified_majority"),
    p_("invariants", "hold"),
    p_("column", "probability"),
    p_("column", "exact"),
    p_("column", "fixed to"),
    p_("column", "outcomes"),
)


def term(context: str, code: str) -> str:
    """The word for ``code`` (a value of the kind ``context`` names) in the language of the
    moment: in English, the code itself."""
    return p_(context, str(code))


def words(context: str, code: str) -> str:
    """The word for ``code`` with underscores as spaces (``adopted limited``)."""
    return term(context, code).replace("_", " ")


def state_name(code: str) -> str:
    """A state's short name in the language of the moment (the code when it is no state)."""
    state = STATES.get(code)
    return state.name(current().value) if state is not None else code


def body_name(code: str) -> str:
    """A body's name in the language of the moment (the code when it is no body)."""
    body = BODIES.get(code)
    return _(body.name) if body is not None else code
