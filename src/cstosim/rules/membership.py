"""Membership rules: which membership events mean something in which state, and when a
withdrawal takes effect (charter.19). Pure functions."""

from __future__ import annotations

import calendar
from datetime import date

from cstosim.vocabulary import Change, Standing, Status

__all__ = [
    "MEANINGFUL",
    "NOTICE_MONTHS",
    "Standing",
    "after",
    "standing_of",
    "why_meaningless",
    "withdrawal_effective",
]

NOTICE_MONTHS = 6


def _add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day where it has no such day."""
    y, mo = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, mo + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def withdrawal_effective(notice: date, requested: date | None = None) -> date:
    """The date a withdrawal notified on ``notice`` takes effect (charter.19).

    A member leaves no earlier than six months after its notice: on the requested date if that is
    later, otherwise six calendar months after the notice.
    """
    earliest = _add_months(notice, NOTICE_MONTHS)
    return max(earliest, requested) if requested else earliest


# For each change, the standings in which it means something, and the standing it leads to.
# A member that has given notice of withdrawal (``withdrawing``) stays a member until it leaves.
MEANINGFUL: dict[Change, tuple[frozenset[Standing], Standing | None]] = {
    Change.JOIN: (frozenset({Standing.NOT_MEMBER}), Standing.VOTING),
    Change.WITHDRAW_NOTICE: (
        frozenset({Standing.VOTING, Standing.FROZEN, Standing.SUSPENDED}),
        None,  # the standing does not change until the withdrawal takes effect
    ),
    Change.WITHDRAW: (
        frozenset({Standing.VOTING, Standing.FROZEN, Standing.SUSPENDED}),
        Standing.NOT_MEMBER,
    ),
    Change.SUSPEND: (frozenset({Standing.VOTING, Standing.FROZEN}), Standing.SUSPENDED),
    Change.FREEZE: (frozenset({Standing.VOTING, Standing.FROZEN}), Standing.FROZEN),
    Change.UNFREEZE: (frozenset({Standing.FROZEN}), Standing.VOTING),
    Change.REINSTATE: (frozenset({Standing.SUSPENDED}), Standing.VOTING),
}

_WHY_NOT: dict[tuple[Change, Standing], str] = {
    (Change.JOIN, Standing.VOTING): "{m} is already a member",
    (Change.JOIN, Standing.FROZEN): "{m} is already a member (its participation is frozen)",
    (Change.JOIN, Standing.SUSPENDED): (
        "{m} is a suspended member: it cannot join again; to lift the suspension, use a "
        "reinstate event"
    ),
    (Change.REINSTATE, Standing.NOT_MEMBER): (
        "{m} is not a member, so there is no suspension to lift; a state that is not a member "
        "joins (a join event)"
    ),
    (Change.REINSTATE, Standing.VOTING): "{m} is not suspended",
    (Change.REINSTATE, Standing.FROZEN): (
        "{m} is not suspended (its participation is frozen: an unfreeze event ends that)"
    ),
    (Change.WITHDRAW_NOTICE, Standing.NOT_MEMBER): "{m} is not a member, so it cannot withdraw",
    (Change.WITHDRAW, Standing.NOT_MEMBER): "{m} is not a member, so it cannot withdraw",
    (Change.SUSPEND, Standing.NOT_MEMBER): "{m} is not a member, so it cannot be suspended",
    (Change.SUSPEND, Standing.SUSPENDED): "{m} is already suspended",
    (Change.FREEZE, Standing.NOT_MEMBER): "{m} is not a member, so it has nothing to freeze",
    (Change.FREEZE, Standing.SUSPENDED): (
        "{m} is suspended: it takes no part already, so a freeze changes nothing"
    ),
    (Change.UNFREEZE, Standing.NOT_MEMBER): "{m} is not a member",
    (Change.UNFREEZE, Standing.VOTING): "{m} has not frozen its participation",
    (Change.UNFREEZE, Standing.SUSPENDED): (
        "{m} is suspended: ending a freeze would not let it take part while the suspension lasts"
    ),
}


def standing_of(status: Status | None) -> Standing:
    """A member's standing from its status (None: not a member)."""
    return Standing.NOT_MEMBER if status is None else Standing(status.value)


def why_meaningless(change: Change, member: str, standing: Standing) -> str | None:
    """Why ``change`` means nothing for ``member`` in ``standing`` (None if it means something).

    The one place that says which membership events are meaningful in which state (design 2.4):
    a state joins only when it is not a member; a member gives notice, leaves, is suspended or
    freezes its participation; only a frozen member unfreezes.
    """
    allowed, _after = MEANINGFUL[change]
    if standing in allowed:
        return None
    return _WHY_NOT.get((change, standing), "{m}: " + f"{change} is not possible now").format(
        m=member
    )


def after(change: Change, standing: Standing) -> Standing:
    """The standing a meaningful ``change`` leads to."""
    return MEANINGFUL[change][1] or standing
