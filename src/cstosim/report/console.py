"""The width text output is laid out for."""

from __future__ import annotations

import os

__all__ = ["terminal_width"]

DEFAULT_WIDTH = 140


def terminal_width() -> int:
    """COLUMNS when it is a sensible number, else a width that suits a projector."""
    try:
        width = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        return DEFAULT_WIDTH
    return width if 40 <= width <= 1000 else DEFAULT_WIDTH
