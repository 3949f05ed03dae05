"""Bounds on what a client may send: request bodies, and joins and votes per client."""

from __future__ import annotations

import time
from collections import OrderedDict

__all__ = ["MAX_BODY", "Buckets"]

MAX_BODY = 4096  # bytes: a join, a vote or a change of reading is a few dozen


class Buckets:
    """Token buckets by key (a client address, a seat): ``burst`` requests at once, then
    ``rate`` a second. At most ``max_keys`` keys are kept (the least recently used go)."""

    def __init__(self, rate: float, burst: float, max_keys: int = 10_000) -> None:
        self.rate, self.burst, self.max_keys = rate, burst, max_keys
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def allow(self, key: str, now: float | None = None) -> bool:
        """Take one token from ``key``'s bucket; False if it is empty."""
        now = time.monotonic() if now is None else now
        tokens, then = self._buckets.pop(key, (self.burst, now))
        tokens = min(self.burst, tokens + (now - then) * self.rate)
        allowed = tokens >= 1.0
        self._buckets[key] = (tokens - 1.0 if allowed else tokens, now)
        while len(self._buckets) > self.max_keys:
            self._buckets.popitem(last=False)
        return allowed

    def wait(self, key: str) -> float:
        """Seconds until ``key`` has a token again."""
        tokens, _then = self._buckets.get(key, (self.burst, 0.0))
        return max(0.0, (1.0 - tokens) / self.rate)
