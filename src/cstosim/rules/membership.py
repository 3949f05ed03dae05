"""Membership rules: when a withdrawal takes effect (charter.19). Pure functions."""

from __future__ import annotations

import calendar
from datetime import date

__all__ = ["NOTICE_MONTHS", "withdrawal_effective"]

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
