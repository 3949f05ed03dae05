"""The rules as pure functions: consensus, rotation, Article 4 admissibility, the rule set.

Nothing here knows of SimPy, files or the command line; the engine composes these functions.
Values come from ``cstosim.vocabulary`` (re-exported here where a rule speaks them).
"""

from cstosim.errors import RuleError
from cstosim.rules.article4 import THREATS, Admissibility, Request, admissibility
from cstosim.rules.consensus import (
    RULE14_READINGS,
    ConsensusResult,
    decide,
    sensitive_to,
)
from cstosim.rules.rotation import ROTATIONS, Handover, cycle, handover, next_in_turn
from cstosim.rules.ruleset import RULE_KEYS, RuleSet, parse_rule_value, rules_on
from cstosim.vocabulary import Outcome, Position

__all__ = [
    "ROTATIONS",
    "RULE14_READINGS",
    "RULE_KEYS",
    "THREATS",
    "Admissibility",
    "ConsensusResult",
    "Handover",
    "Outcome",
    "Position",
    "Request",
    "RuleError",
    "RuleSet",
    "admissibility",
    "cycle",
    "decide",
    "handover",
    "next_in_turn",
    "parse_rule_value",
    "rules_on",
    "sensitive_to",
]
