"""Consensus in the CSTO's councils and what non-participation means (design 2.1).

Implements Charter art. 12 (``charter.12``: one member, one voice, a single formal objection
blocks), RoP rule 14 para 1 (``rop.14.1``: the contested meaning of silent absence), the
limited format of December 2010 (``csc.2010.limited_format``) and an optional quorum
(``rop.quorum``, a what-if). Pure functions: no SimPy, no I/O.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction

from cstosim.errors import RuleError, words
from cstosim.vocabulary import Outcome, Position, Rule14, RuleKey

__all__ = [
    "QUORUM_ALTERNATIVES",
    "RULE14_READINGS",
    "ConsensusResult",
    "Outcome",
    "Position",
    "decide",
    "names",
    "sensitive_to",
]

RULE14_READINGS: tuple[Rule14, ...] = tuple(Rule14)
# The quorum values a what-if compares against (design 2.1): none, and two thirds, the
# attendance the Interstate Commission for Military-Economic Cooperation's own rules require.
QUORUM_ALTERNATIVES: tuple[float | None, ...] = (None, 2 / 3)

_READINGS = frozenset(RULE14_READINGS)
# Position by its text; a Position is a str, so either spelling finds its group.
_BY_VALUE: dict[str, Position] = {p.value: p for p in Position}


@dataclass(frozen=True, slots=True)
class ConsensusResult:
    """The outcome of one item with who blocked, who is bound, and why."""

    outcome: Outcome
    blockers: tuple[str, ...]
    bound: tuple[str, ...]
    may_accede: tuple[str, ...]
    took_part: tuple[str, ...]
    stood_aside: tuple[str, ...]
    absent: tuple[str, ...]
    cites: tuple[str, ...]
    why: str
    overridden: tuple[str, ...] = ()  # a reform: the blocker whose objection did not count


def names(codes: Iterable[str]) -> str:
    """A readable list of member codes: 'ARM', 'ARM and BLR', 'ARM, BLR and KAZ'."""
    items = sorted(codes)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _quorum_short(took_part: int, voters: int, quorum: float | None) -> bool:
    """Whether ``took_part`` of ``voters`` falls short of the quorum fraction (exact arithmetic)."""
    if quorum is None:
        return False
    return Fraction(took_part) < Fraction(str(quorum)) * voters


def decide(
    positions: Mapping[str, Position | str],
    *,
    rule14: Rule14 | str = Rule14.DISSENT,
    limited_format: bool = True,
    quorum: float | None = None,
) -> ConsensusResult:
    """Decide one agenda item by consensus from the positions of the members with a vote.

    Provisions: charter.12, rop.14.1, csc.2010.limited_format, rop.quorum (design 2.1). The
    steps are taken in the design's order: no quorum, blockers, no consent, limited format,
    adopted. ``positions`` must hold exactly the members with a vote on the date.
    """
    if not isinstance(rule14, str) or rule14 not in _READINGS:
        raise RuleError(f"rule14 must be one of {', '.join(RULE14_READINGS)}, not {words(rule14)}")
    if not isinstance(limited_format, bool):
        raise RuleError(f"limited_format must be true or false, not {words(limited_format)}")
    if quorum is not None and (
        isinstance(quorum, bool) or not isinstance(quorum, int | float) or not 0 < quorum <= 1
    ):
        raise RuleError(f"quorum must be none or a fraction in (0, 1], not {words(quorum)}")
    voters = len(positions)
    # One pass: sort each member into the groups design 2.1 names.
    groups: dict[Position, list[str]] = {p: [] for p in Position}
    try:
        for m in sorted(positions):
            groups[_BY_VALUE[positions[m]]].append(m)
    except KeyError as e:
        allowed = ", ".join(_BY_VALUE)
        raise RuleError(f"{words(e.args[0])} is not a position; allowed: {allowed}") from None
    objectors = groups[Position.OBJECT]
    supporters = groups[Position.SUPPORT]
    standing = groups[Position.STAND_ASIDE]
    took_part = sorted(supporters + groups[Position.ABSTAIN] + objectors)
    stood_aside = standing if limited_format else []
    absent = (
        groups[Position.ABSENT] if limited_format else sorted(groups[Position.ABSENT] + standing)
    )

    cites = ["charter.12"]
    if absent:
        cites.append("rop.14.1")
    if standing:
        cites.append("csc.2010.limited_format")
    if quorum is not None:
        cites.append("rop.quorum")
    aside_note = (
        f"; standing aside by {names(standing)} counts as absence before the limited format"
        if standing and not limited_format
        else ""
    )

    def result(
        outcome: Outcome,
        why: str,
        blockers: Iterable[str] = (),
        bound: Iterable[str] = (),
        may_accede: Iterable[str] = (),
    ) -> ConsensusResult:
        return ConsensusResult(
            outcome=outcome,
            blockers=tuple(sorted(blockers)),
            bound=tuple(sorted(bound)),
            may_accede=tuple(sorted(may_accede)),
            took_part=tuple(took_part),
            stood_aside=tuple(stood_aside),
            absent=tuple(absent),
            cites=tuple(cites),
            why=why + aside_note + ".",
        )

    # Step 1: nobody takes part, or too few for the quorum.
    if not took_part:
        return result(Outcome.NO_QUORUM, "No member with a vote took part")
    if _quorum_short(len(took_part), voters, quorum):
        return result(
            Outcome.NO_QUORUM,
            f"Only {len(took_part)} of {voters} members took part, short of the quorum of "
            f"{quorum:g}",
        )

    # Step 2: formal objections, and silent absence under the 'dissent' reading.
    absent_block = absent if rule14 == Rule14.DISSENT else []
    blockers = sorted(set(objectors) | set(absent_block))
    if blockers:
        parts = []
        if objectors:
            parts.append(f"{names(objectors)} objected")
        if absent_block:
            verb = "was" if len(absent_block) == 1 else "were"
            parts.append(
                f"{names(absent_block)} {verb} absent, which the 'dissent' reading of Rule 14 "
                "counts as withheld consent"
            )
        return result(Outcome.REJECTED, "Rejected: " + " and ".join(parts), blockers=blockers)

    # Step 3: somebody must consent (silence does so only under 'consent').
    if not supporters and not (rule14 == Rule14.CONSENT and absent):
        return result(
            Outcome.REJECTED, "Rejected: no member consented; all who took part abstained"
        )

    bound = list(took_part) + (absent if rule14 == Rule14.CONSENT else [])
    may_accede = absent if rule14 == Rule14.NO_OBJECTION else []
    tail = ""
    if absent and rule14 == Rule14.NO_OBJECTION:
        tail = f"; {names(absent)} did not object and may accede later (Rule 14: no objection)"
    elif absent and rule14 == Rule14.CONSENT:
        tail = f"; the silence of {names(absent)} counts as consent"

    # Step 4: those standing aside let the others adopt in limited format.
    if stood_aside:
        return result(
            Outcome.ADOPTED_LIMITED,
            f"Adopted in limited format by {names(took_part)}; {names(stood_aside)} stood "
            "aside and is not bound" + tail,
            bound=bound,
            may_accede=may_accede,
        )

    # Step 5.
    return result(
        Outcome.ADOPTED,
        "Adopted: no objection" + tail,
        bound=bound,
        may_accede=may_accede,
    )


def sensitive_to(
    positions: Mapping[str, Position | str],
    *,
    rule14: Rule14 | str = Rule14.DISSENT,
    limited_format: bool = True,
    quorum: float | None = None,
    rule: Callable[..., ConsensusResult] | None = None,
) -> tuple[RuleKey, ...]:
    """The rule keys whose other values would change the outcome of this item.

    Keys: ``rule14`` (the three readings of rop.14.1), ``limited_format`` (on or off) and
    ``quorum`` (none, or the two-thirds what-if of rop.quorum), each varied alone. ``rule`` is
    the rule function deciding the item (default: ``decide``, consensus), called with the same
    keyword arguments; a rule that ignores a key is never sensitive to it.
    """
    decide = rule or _consensus
    base = decide(positions, rule14=rule14, limited_format=limited_format, quorum=quorum).outcome
    keys: list[RuleKey] = []
    if any(
        decide(positions, rule14=r, limited_format=limited_format, quorum=quorum).outcome != base
        for r in RULE14_READINGS
        if r != rule14
    ):
        keys.append(RuleKey.RULE14)
    if (
        decide(positions, rule14=rule14, limited_format=not limited_format, quorum=quorum).outcome
        != base
    ):
        keys.append(RuleKey.LIMITED_FORMAT)
    if any(
        decide(positions, rule14=rule14, limited_format=limited_format, quorum=q).outcome != base
        for q in QUORUM_ALTERNATIVES
        if q != quorum
    ):
        keys.append(RuleKey.QUORUM)
    return tuple(keys)


_consensus = decide
