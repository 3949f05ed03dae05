"""Build and run scenarios from Python data in tests."""

from __future__ import annotations

from typing import Any

import yaml

from cstosim.engine import Run, compile_scenario, simulate
from cstosim.scenario import parse_scenario


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


def run_data(
    data: dict[str, Any], overrides: dict[str, Any] | None = None, seed: int | None = None
) -> Run:
    """Validate, compile and run a scenario given as data."""
    sc, _ = parse_scenario(yaml.dump(data, Dumper=_NoAliases, sort_keys=False), "<test>")
    return simulate(compile_scenario(sc, overrides=overrides, seed=seed))


def records(run: Run, kind: str) -> list[dict[str, Any]]:
    """The trace records of one kind, as the JSON objects of the trace."""
    return [r.to_json() for r in run.trace if r.kind == kind]


def trace(run: Run) -> list[dict[str, Any]]:
    """The whole trace as the JSON objects of ``--format jsonl``."""
    return [r.to_json() for r in run.trace]
