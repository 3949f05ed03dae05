"""One run of a plan on SimPy: start the calendar and a process per event, run to the end.

Same-day order: membership changes, then chair handovers, then requests for assistance, then
sessions, then what earlier steps set in motion (deployments, reports, withdrawals), then
accessions; within each, the order of the file (or of being set in motion).
"""

from __future__ import annotations

import simpy

from cstosim.engine.deciding import Chooser
from cstosim.engine.plan import Plan
from cstosim.engine.procedures import runner_for
from cstosim.engine.procedures.council import calendar
from cstosim.engine.sensitivity import Sensitivity
from cstosim.engine.world import Run, World
from cstosim.errors import ArgumentError, words
from cstosim.vocabulary import Outcome

__all__ = ["MAX_SEED", "check_seed", "simulate"]


def simulate(
    plan: Plan, seed: int | None = None, *, trace: bool = True, chooser: Chooser | None = None
) -> Run:
    """Run ``plan`` once and return its trace and final state.

    With ``trace=False`` (sweeps) no trace is kept and ``sensitive_to`` is not computed; the
    decisions (each with its full record), chairs and state are the same. A traced run works
    out each record's ``sensitive_to`` as whole runs would (``engine.sensitivity``). A
    ``chooser`` picks each item's positions in place of the random draws (exact odds
    enumerate runs with one).
    """
    seed = plan.seed if seed is None else check_seed(seed)
    sensitivity = (
        Sensitivity(plan, lambda other: _outcomes(other, seed))
        if trace and chooser is None
        else None
    )
    env = simpy.Environment()
    w = World(env, plan, seed, tracing=trace, chooser=chooser, sensitivity=sensitivity)
    if plan.end.year > plan.start.year or not plan.follows_record:
        env.process(calendar(w))  # (no 1 January within the run, nothing to say: no process)
    for spec in plan.events:
        env.process(runner_for(spec)(w, spec))
    env.run()
    return w.run


def _outcomes(plan: Plan, seed: int) -> dict[str, Outcome]:
    """Each item's outcome in a whole run of ``plan`` without a trace."""
    run = simulate(plan, seed, trace=False)
    return {item: dec.outcome for item, dec in run.decisions.items()}


MAX_SEED = 2**63 - 1


def check_seed(seed: object) -> int:
    """``seed`` if it is a whole number from 0 to 2**63 - 1; raises ArgumentError otherwise."""
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= MAX_SEED:
        raise ArgumentError(f"a seed is a whole number from 0 to 2**63 - 1, not {words(seed)}")
    return seed
