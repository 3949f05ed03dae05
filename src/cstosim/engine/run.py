"""One run of a plan on SimPy: start the calendar and a process per event, run to the end.

Same-day order: membership changes, then chair handovers, then requests for assistance, then
sessions, then what earlier steps set in motion (deployments, reports, withdrawals), then
accessions; within each, the order of the file (or of being set in motion).
"""

from __future__ import annotations

import simpy

from cstosim.engine.plan import Plan
from cstosim.engine.procedures import runner_for
from cstosim.engine.procedures.council import calendar
from cstosim.engine.world import Run, World

__all__ = ["simulate"]


def simulate(plan: Plan, seed: int | None = None, *, trace: bool = True) -> Run:
    """Run ``plan`` once and return its trace and final state.

    With ``trace=False`` (sweeps) no trace is kept and ``sensitive_to`` is not computed; the
    decisions (each with its full record), chairs and state are the same.
    """
    seed = plan.seed if seed is None else seed
    env = simpy.Environment()
    w = World(env, plan, seed, tracing=trace)
    env.process(calendar(w))
    for spec in plan.events:
        env.process(runner_for(spec)(w, spec))
    env.run()
    return w.run
