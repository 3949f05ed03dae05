"""Hypothesis strategies shared by the tests."""

from __future__ import annotations

from hypothesis import strategies as st

from cstosim.rules.consensus import RULE14_READINGS, Position

CODES = ("ARM", "AZE", "BLR", "GEO", "KAZ", "KGZ", "RUS", "TJK", "UZB")
POSITIONS = tuple(Position)

member_sets = st.sets(st.sampled_from(CODES), min_size=1, max_size=len(CODES))


@st.composite
def profiles(draw: st.DrawFn, min_size: int = 1) -> dict[str, Position]:
    """A position for each member of a random council."""
    members = draw(st.sets(st.sampled_from(CODES), min_size=min_size, max_size=len(CODES)))
    return {m: draw(st.sampled_from(POSITIONS)) for m in sorted(members)}


rule_kwargs = st.fixed_dictionaries(
    {
        "rule14": st.sampled_from(RULE14_READINGS),
        "limited_format": st.booleans(),
        "quorum": st.one_of(st.none(), st.sampled_from([0.5, 0.67, 2 / 3, 0.75, 1.0])),
    }
)
