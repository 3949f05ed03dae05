"""The registry of procedures: for each event type, how to compile it and how to run it.

A procedure module defines the typed spec of its events, a function compiling a scenario event
into that spec, and a SimPy process running it, and registers them here. Every event type of
``vocabulary.EventType`` must have a procedure: ``check_complete`` refuses to start otherwise,
and compiling an event whose type has none raises ``PlanError``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from cstosim.engine.plan import Context, EventSpec
from cstosim.engine.world import Process, World
from cstosim.errors import PlanError
from cstosim.vocabulary import EventType

__all__ = ["Compiler", "Runner", "check_complete", "compiler_for", "register", "runner_for"]

S = TypeVar("S", bound=EventSpec)
Compiler = Callable[[Any, int, Context], EventSpec]
Runner = Callable[[World, Any], Process]


_COMPILERS: dict[EventType, Compiler] = {}
_RUNNERS: dict[type[EventSpec], Runner] = {}


def register(
    spec: type[S],
    run: Callable[[World, S], Process],
    *,
    types: Iterable[EventType] = (),
    compile: Callable[[Any, int, Context], S] | None = None,
) -> None:
    """Register the process running ``spec`` events and, for ``types``, their compiler."""
    if spec in _RUNNERS:
        raise RuntimeError(f"{spec.__name__} has two procedures")
    _RUNNERS[spec] = run
    for t in types:
        if compile is None or t in _COMPILERS:
            raise RuntimeError(f"event type {t} needs exactly one compiler")
        _COMPILERS[t] = compile


def compiler_for(event_type: EventType) -> Compiler:
    """The compiler of ``event_type``; raises PlanError where none is registered."""
    try:
        return _COMPILERS[event_type]
    except KeyError:
        raise PlanError(f"no procedure runs events of type {event_type!r}") from None


def runner_for(spec: EventSpec) -> Runner:
    """The process that runs ``spec``."""
    return _RUNNERS[type(spec)]


def check_complete(types: Iterable[EventType] = EventType) -> None:
    """Raise RuntimeError unless every event type in ``types`` has a registered procedure."""
    missing = sorted(str(t) for t in types if t not in _COMPILERS)
    if missing:
        raise RuntimeError(f"event types without a procedure: {', '.join(missing)}")
