"""What a run keeps: each decision (its record built on demand without a trace), the
missions under way, and the run's result."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from cstosim.engine.deciding import cited, decision_record
from cstosim.engine.plan import Plan
from cstosim.engine.records import DecisionRecord, Record
from cstosim.vocabulary import Outcome, Status

__all__ = ["Decision", "Mission", "Run"]


@dataclass(slots=True)
class Decision:
    """What the world remembers of a decided item: its outcome, who is bound by now
    (accessions add members after the record was written), and its record.

    A traced run builds the record as it emits it; a run without a trace (sweeps) builds it
    only when asked for (``record``), from what the decision kept, so it is whole either way.
    """

    outcome: Outcome
    bound: tuple[str, ...]
    _record: DecisionRecord | None = None
    _fields: tuple[Any, ...] | None = None

    @property
    def record(self) -> DecisionRecord:
        """The decision record (built on first use in a run without a trace, where
        ``sensitive_to`` is not computed and stays empty)."""
        if self._record is None:
            assert self._fields is not None
            day, item, kind, title, body, session, res, pos, extra, prefix, ignored = self._fields
            cites, why = cited(res, extra, prefix)
            self._record = decision_record(
                day, item, kind, title, body, session, res.outcome, pos, res, cites, why, ignored
            )
            self._fields = None
        return self._record


@dataclass
class Mission:
    """A deployment under way, and the provision it rests on."""

    cites: tuple[str, ...]
    withdrawal_days: int = 0
    active: bool = True


@dataclass
class Run:
    """The result of one run: the trace and the final state."""

    plan: Plan
    seed: int
    traced: bool = True
    trace: list[Record] = field(default_factory=list)
    decisions: dict[str, Decision] = field(default_factory=dict)
    chairs: list[tuple[date, str | None]] = field(default_factory=list)
    status: dict[str, Status] = field(default_factory=dict)

    def chair_on(self, day: date) -> str | None:
        """The chair on ``day`` as the run had it."""
        current = None
        for since, member in self.chairs:
            if since <= day:
                current = member
        return current
