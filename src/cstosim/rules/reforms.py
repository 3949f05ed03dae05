"""Reforms of the decision rule: what-ifs for analysts beside consensus (design 2.1c).

OpenFisca-style, a reform replaces the rule by which a body decides an item without touching
the base rule: ``decide`` in ``rules.consensus`` stays the law of the treaty, and a scenario's
``decision`` key (or ``--set decision=...``) chooses one of these instead.

- ``consensus_minus_one`` (provision ``whatif.consensus_minus_one``): consensus, except that a
  single blocker (under the scenario's reading of Rule 14) is overridden; it is bound. Two or
  more blockers reject. Modelled on the CSCE's "consensus minus one" of 1991-92.
- ``qualified_majority`` (provision ``whatif.qualified_majority``): adopted when the weight of
  the members who support reaches ``threshold`` of the total weight of the members with a vote;
  abstaining, objecting, standing aside and absence all count as not supporting (as an
  abstention does under the EU Council's qualified majority). Binds every member with a vote.

Both keep step 1 of design 2.1: nobody taking part, or too few for a quorum, is ``no_quorum``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from fractions import Fraction

from cstosim.errors import RuleError, words
from cstosim.rules.consensus import ConsensusResult, decide, names
from cstosim.vocabulary import Outcome, Position, Rule14

__all__ = ["consensus_minus_one", "qualified_majority", "weight_of"]

_TAKE_PART = frozenset({Position.SUPPORT, Position.ABSTAIN, Position.OBJECT})


def consensus_minus_one(
    positions: Mapping[str, Position | str],
    *,
    rule14: Rule14 | str = Rule14.DISSENT,
    limited_format: bool = True,
    quorum: float | None = None,
) -> ConsensusResult:
    """Decide by consensus, overriding a single blocker (what-if; design 2.1c)."""
    base = decide(positions, rule14=rule14, limited_format=limited_format, quorum=quorum)
    cites = (*base.cites, "whatif.consensus_minus_one")
    if base.outcome != Outcome.REJECTED or len(base.blockers) != 1:
        why = base.why
        if len(base.blockers) > 1:
            why = (
                f"{why[:-1]}; consensus minus one overrides one blocker, not {len(base.blockers)}."
            )
        return _with(base, cites=cites, why=why)
    (lone,) = base.blockers
    # The overridden member counts as taking part without consenting: it is bound.
    again = decide(
        {**positions, lone: Position.ABSTAIN},
        rule14=rule14,
        limited_format=limited_format,
        quorum=quorum,
    )
    if again.outcome not in (Outcome.ADOPTED, Outcome.ADOPTED_LIMITED):
        return _with(base, cites=cites, why=base.why)
    how = "Adopted in limited format" if again.outcome == Outcome.ADOPTED_LIMITED else "Adopted"
    blocked = "objected" if positions[lone] == Position.OBJECT else "was absent"
    why = (
        f"{how} by consensus minus one (what-if): {lone} {blocked} and blocked alone, so its "
        "objection is overridden and it is bound."
    )
    return _with(again, cites=cites, why=why, overridden=(lone,))


def _with(
    res: ConsensusResult,
    *,
    cites: tuple[str, ...],
    why: str,
    overridden: tuple[str, ...] = (),
) -> ConsensusResult:
    """``res`` with the reform's citations, reason and overridden member in place."""
    return replace(res, cites=cites, why=why, overridden=overridden)


def weight_of(member: str, weights: Mapping[str, float] | None) -> Fraction:
    """A member's weight as an exact fraction of the decimal given (1 if not named)."""
    if not weights or member not in weights:
        return Fraction(1)
    return Fraction(repr(float(weights[member])))


def qualified_majority(
    positions: Mapping[str, Position | str],
    *,
    threshold: float = 2 / 3,
    weights: Mapping[str, float] | None = None,
    quorum: float | None = None,
    **_: object,
) -> ConsensusResult:
    """Adopted when the supporters' weight reaches ``threshold`` of all voters' weight
    (what-if; design 2.1c). Other keys (rule14, limited_format) do not enter."""
    if isinstance(threshold, bool) or not isinstance(threshold, int | float):
        raise RuleError(f"threshold must be a fraction in (0, 1], not {words(threshold)}")
    if not 0 < threshold <= 1:
        raise RuleError(f"threshold must be a fraction in (0, 1], not {words(threshold)}")
    share = Fraction(threshold).limit_denominator(10**6)  # 2/3, not 0.666...6
    voters = sorted(positions)
    pos = {m: Position(positions[m]) for m in voters}
    took_part = [m for m in voters if pos[m] in _TAKE_PART]
    supporters = [m for m in voters if pos[m] == Position.SUPPORT]
    others = [m for m in voters if m not in supporters]
    cites = ("charter.12", "whatif.qualified_majority") + (("rop.quorum",) if quorum else ())

    def result(outcome: Outcome, why: str, bound: list[str]) -> ConsensusResult:
        return ConsensusResult(
            outcome=outcome,
            blockers=(),
            bound=tuple(bound),
            may_accede=(),
            took_part=tuple(took_part),
            stood_aside=tuple(m for m in voters if pos[m] == Position.STAND_ASIDE),
            absent=tuple(m for m in voters if pos[m] == Position.ABSENT),
            cites=cites,
            why=why,
        )

    if not took_part:
        return result(Outcome.NO_QUORUM, "No member with a vote took part.", [])
    if quorum is not None and len(took_part) < quorum * len(voters) - 1e-9:
        return result(
            Outcome.NO_QUORUM,
            f"Only {len(took_part)} of {len(voters)} members took part, short of the quorum of "
            f"{quorum:g}.",
            [],
        )
    total = sum((weight_of(m, weights) for m in voters), Fraction(0))
    yes = sum((weight_of(m, weights) for m in supporters), Fraction(0))
    needed = share * total
    said = (
        f"{_num(yes)} of {_num(total)}, {'at least' if yes >= needed else 'short of'} "
        f"the {_frac(share)} needed ({_num(needed)})"
    )
    if yes >= needed:
        not_yes = f"; {names(others)} did not support and are bound" if others else ""
        return result(
            Outcome.ADOPTED,
            f"Adopted by qualified majority (what-if): the supporters' weight is {said}{not_yes}.",
            voters,
        )
    return result(
        Outcome.REJECTED,
        f"Rejected by qualified majority (what-if): the supporters' weight is {said}.",
        [],
    )


def _num(x: Fraction) -> str:
    return str(x.numerator) if x.denominator == 1 else f"{float(x):.4g}"


def _frac(x: Fraction) -> str:
    return f"{x.numerator}/{x.denominator}" if x.denominator != 1 else str(x.numerator)
