"""The discrete-event engine: compile a scenario to a plan, run it on SimPy, check it."""

from cstosim.engine.expect import ExpectResult, check_expectations
from cstosim.engine.plan import Plan, PlanError, compile_scenario
from cstosim.engine.sim import Run, simulate

__all__ = [
    "ExpectResult",
    "Plan",
    "PlanError",
    "Run",
    "check_expectations",
    "compile_scenario",
    "simulate",
]
