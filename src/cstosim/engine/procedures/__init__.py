"""The procedures of the engine, one module per family, each registered for its event types.

- ``council``: sessions deciding their items, and the chair's handovers (the calendar);
- ``membership``: join, withdraw, suspend, freeze, unfreeze, the built-in history, accessions;
- ``crisis``: requests for assistance, consultations, deployments, reports, withdrawals.

Importing this package registers them all and checks that every event type has one.
"""

from cstosim.engine.procedures import council, crisis, membership
from cstosim.engine.procedures.registry import check_complete, compiler_for, runner_for

check_complete()

__all__ = ["check_complete", "compiler_for", "council", "crisis", "membership", "runner_for"]
