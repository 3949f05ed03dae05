"""A day-and-rank agenda on top of a SimPy environment.

Processes wait for ``agenda.at(day, rank)``; one dispatcher process wakes them in the order
(day, rank, order of asking), so that what happens on one day happens in a documented,
deterministic order whatever the order the processes were started in. The ranks of one day
are ``vocabulary.Rank``: membership, handover, request, session, follow-up, accession.
"""

from __future__ import annotations

import heapq
from collections.abc import Generator
from typing import Any

import simpy

from cstosim.vocabulary import Rank

__all__ = ["Agenda"]


class Agenda:
    """Wakes waiting processes in (day, rank, sequence) order."""

    def __init__(self, env: simpy.Environment, last_day: int) -> None:
        self.env = env
        self.last_day = last_day
        self._heap: list[tuple[int, int, int, simpy.Event]] = []
        self._seq = 0
        env.process(self._dispatch())

    def at(self, day: int, rank: Rank) -> simpy.Event:
        """An event that fires on ``day`` (days from the start) in the slot of ``rank``."""
        ev = self.env.event()
        day = max(day, int(self.env.now))
        if day <= self.last_day:
            heapq.heappush(self._heap, (day, rank, self._seq, ev))
            self._seq += 1
        return ev  # a day past the end never fires: nothing happens outside start..end

    def _dispatch(self) -> Generator[simpy.Event, Any, None]:
        env = self.env
        while True:
            # let processes started in the last step ask for their first slot
            yield env.timeout(0)
            if not self._heap:
                return
            day, _rank, _seq, ev = heapq.heappop(self._heap)
            if day > env.now:
                yield env.timeout(day - env.now)
            ev.succeed()
            yield ev  # the waiting process runs to its next wait before we go on
