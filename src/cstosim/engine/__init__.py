"""The discrete-event engine: compile a scenario to a plan, run it on SimPy, check it."""

from cstosim.engine.compile import compile_scenario
from cstosim.engine.expect import ExpectResult, check_expectations
from cstosim.engine.plan import Plan
from cstosim.engine.run import simulate
from cstosim.engine.world import Decision, Run
from cstosim.errors import PlanError

__all__ = [
    "Decision",
    "ExpectResult",
    "Plan",
    "PlanError",
    "Run",
    "check_expectations",
    "compile_scenario",
    "simulate",
]
