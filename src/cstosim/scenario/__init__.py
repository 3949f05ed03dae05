"""Scenario files: the pydantic models, safe YAML loading with positions, and the JSON Schema."""

from cstosim.errors import Problem, ScenarioError
from cstosim.scenario.load import load_scenario, parse_scenario
from cstosim.scenario.models import Scenario

__all__ = ["Problem", "Scenario", "ScenarioError", "load_scenario", "parse_scenario"]
