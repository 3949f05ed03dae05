"""The one-sentence reasons of a run's records, in the language of the moment.

A record's ``why`` is English and part of the trace (the JSON is the same in every language), so
the engine and the rules keep writing it as they do. To show it in Russian or Arabic, this
module recognises each sentence by the English template it was written from (each one a msgid
below, with named placeholders for codes, ids, dates and numbers), translates the template and
fills in the same values. A sentence may carry clauses after "; " that are recognised one by
one, and a prefix (a request's label) before " - ". A sentence no template matches is shown as
it is, in English: ``tests/test_i18n.py`` holds every reason of the bundled scenarios covered.
"""

from __future__ import annotations

import re
from functools import cache

from cstosim.i18n import N_, _, current
from cstosim.vocabulary import Lang

__all__ = ["reason"]

# Whole sentences (the final full stop included), as the engine and the rules write them.
_SENTENCES = (
    N_("Adopted: no objection."),
    N_("Adopted in limited format by {members}; {aside} stood aside and is not bound."),
    N_("Rejected: {members} objected."),
    N_(
        "Rejected: {members} was absent, which the 'dissent' reading of Rule 14 counts as "
        "withheld consent."
    ),
    N_(
        "Rejected: {members} were absent, which the 'dissent' reading of Rule 14 counts as "
        "withheld consent."
    ),
    N_(
        "Rejected: {objectors} objected and {absent} was absent, which the 'dissent' reading of "
        "Rule 14 counts as withheld consent."
    ),
    N_(
        "Rejected: {objectors} objected and {absent} were absent, which the 'dissent' reading "
        "of Rule 14 counts as withheld consent."
    ),
    N_("Rejected: no member consented; all who took part abstained."),
    N_("No member with a vote took part."),
    # a year of `cstosim chairs FILE` where the scenario's run differs from the built-in table
    N_("this run; the built-in table has {member}"),
    N_("this run"),
    N_("Only {n} of {voters} members took part, short of the quorum of {quorum}."),
    N_("No decision: the body ended its consideration without putting a draft to a decision."),
    N_("Adopted by written procedure: every member signed the draft."),
    N_(
        "Rejected by written procedure: {members} did not sign the draft, and a draft not "
        "returned signed blocks whatever the reading of Rule 14."
    ),
    N_("Signed by {members}, whom it binds; no member can veto an agreement."),
    N_(
        "Signed by {members}, whom it binds; {others} did not sign and may accede later; no "
        "member can veto an agreement."
    ),
    N_(
        "{member} may host {state}'s forces: no member officially objected; the silence of "
        "{silent} does not block."
    ),
    N_("{member} may host {state}'s forces: no member officially objected."),
    N_(
        "Rejected: {members} officially objected to {state}'s forces in {member}; under the "
        "2011 protocol only an official objection blocks."
    ),
    N_("Armed attack against {member} is admissible under Article 4."),
    N_("Aggression by {state} against {member} is admissible under Article 4."),
    N_(
        "Aggression by {state} against {member} is admissible under Article 4; the aggressor "
        "{aggressor} is itself a member and keeps its voice."
    ),
    N_("Unrest inside {member} is an internal matter, outside Article 4."),
    N_("A threat to {member} short of attack opens joint consultations under Article 2."),
    N_(
        "Until the 2010 protocol entered into force (19 Dec 2012), Article 4 covers aggression "
        "by a state only, not other armed attack."
    ),
    N_("{member}'s request opens joint consultations at once (Article 2)."),
    N_("The collective peacekeeping forces deploy to {member}."),
    N_("The rapid reaction force deploy to {member}."),
    N_(
        "The measures taken are reported to the UN Security Council at once, as Article 4 of "
        "the Treaty requires (in line with Article 51 of the UN Charter); the report describes "
        "the collective peacekeeping forces and the request they answer."
    ),
    N_(
        "The forces begin to withdraw: ended by the Council's decision {item}; the withdrawal "
        "takes {days} days."
    ),
    N_("The withdrawal is complete, {days} days after it began."),
    N_("{member} accedes to {item} and is bound by it from today."),
    N_("{member} cannot accede to {item}: it is rejected."),
    N_(
        "{member} takes the chair by the record: the record gives the year only; the date is "
        "approximate."
    ),
    # the record's own note (a catalogue message of history.py or members.py), translated too
    N_("{member} takes the chair by the record: {note}; the date is approximate."),
    N_("{member} takes the chair by the record: {note}."),
    N_(
        "By the record {member} takes the chair ({note}), but it has no vote in this run; the "
        "turn passes to the next member, {next}."
    ),
    N_("{member}: {note} (built-in history)."),
    N_("{member} follows {previous} in the order of the Russian names."),
    N_("{member} follows {previous} in the order of the English names (what-if)."),
    N_("{member} comes first in the rotation."),
    N_(
        "{member} keeps the chair by the Council's decision; the turn of {next}, next in the "
        "rotation, is passed over this year."
    ),
    N_(
        "From here the chair follows this run's rules, not the record: the Council decided "
        "otherwise on the chair ({item})."
    ),
    N_("Suspended by the Council's decision {item}."),
    N_("Admitted by the Council's decision {item}."),
    N_("{member} freezes its participation; unless it says otherwise it will be absent."),
    N_("{member} freezes its participation; unless it says otherwise it will stand aside."),
    N_("{member} takes part again."),
    N_("{member} joins."),
    N_("{member}'s withdrawal takes effect."),
    N_("The Council suspends {member}'s participation."),
)
# Clauses a sentence may end with (each after "; "), as the consensus rule adds them.
_CLAUSES = (
    N_("; {members} did not object and may accede later (Rule 14: no objection)"),
    N_("; the silence of {members} counts as consent"),
    N_("; standing aside by {members} counts as absence before the limited format"),
)
# Labels a request's decision starts with, the sentence after them in lower case.
_PREFIXES = (
    N_("Assistance for {member} - {sentence}"),
    N_("Article 2 measures for {member} - {sentence}"),
)
_FIELD = re.compile(r"\\\{(\w+)\\\}")
_CODES = re.compile(r"^[A-Z]{3}(?:(?:, | and )[A-Z]{3})*$")


# Placeholders that hold member codes read only codes, so that a shorter template cannot swallow
# a longer one's words ("{members} was absent" must not read "ARM objected and BLR was absent").
_LIST = r"[A-Z]{3}(?:(?:, | and )[A-Z]{3})*"
_READS = {
    "members": _LIST,
    "objectors": _LIST,
    "absent": _LIST,
    "aside": _LIST,
    "silent": _LIST,
    "others": _LIST,
}


@cache
def _pattern(template: str) -> re.Pattern[str]:
    """The regular expression that reads a sentence written from ``template``."""

    def field(m: re.Match[str]) -> str:
        return f"(?P<{m.group(1)}>{_READS.get(m.group(1), '.+?')})"

    return re.compile(_FIELD.sub(field, re.escape(template)) + r"\Z", re.S)


def _fill(template: str, found: dict[str, str]) -> str:
    """``template`` translated, with the values read from the English put back (lists of
    member codes joined as the language joins them, the record's notes translated)."""
    return _(template).format(
        **{k: _note(v) if k == "note" else _codes(v) for k, v in found.items()}
    )


def _codes(value: str) -> str:
    """A list of member codes ("ARM, BLR and KAZ") joined as the language of the moment does
    (in Arabic "ARM، BLR وKAZ")."""
    if _CODES.match(value):
        return value.replace(", ", _(", ")).replace(" and ", _(" and "))
    return value


def _note(value: str) -> str:
    """A note of the built-in record (a catalogue message) in the language of the moment; a
    note the catalogue does not hold stays as it is."""
    return _(value) if value else value


def _sentence(text: str) -> str | None:
    """A whole sentence translated, or None if no template reads it."""
    for template in _SENTENCES:
        m = _pattern(template).match(text)
        if m:
            return _fill(template, m.groupdict())
    head, sep, tail = text.rpartition("; ")
    if sep and text.endswith("."):
        for template in _CLAUSES:
            m = _pattern(template + ".").match("; " + tail)
            if m:
                first = _sentence(head + ".")
                if first is not None:
                    return first[:-1] + _fill(template, m.groupdict()) + first[-1]
    return None


def reason(text: str) -> str:
    """A record's reason in the language of the moment (as it is where no template reads it)."""
    if current() is Lang.EN:
        return text
    for template in _PREFIXES:
        m = _pattern(template).match(text)
        if m:
            rest = m["sentence"]
            said = _sentence(rest[:1].upper() + rest[1:])
            if said is not None:
                return _(template).format(member=m["member"], sentence=_lower_first(said))
    said = _sentence(text)
    return text if said is None else said


def _lower_first(text: str) -> str:
    """A translated sentence as it reads after a label (Russian: its first letter small)."""
    return text[:1].lower() + text[1:] if current() is Lang.RU else text
