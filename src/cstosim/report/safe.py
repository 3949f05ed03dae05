"""Text made safe to print: no control character reaches a terminal, a browser or a file.

Scenario files are checked when they are read, but a plan or a record built in Python is not; so
every renderer passes what it is given through here. A control character (C0 and C1 controls
but tab and line feed, DEL, U+2028 and U+2029) is shown as a visible ``\\uXXXX``, never sent.
"""

from __future__ import annotations

import html
import re

from cstosim.scenario.yamlpos import CONTROL

__all__ = ["clean", "esc", "json_safe"]

# In JSON text these can only stand inside strings; json.dumps leaves them raw (ensure_ascii off).
_JSON_RAW = re.compile("[\x7f-\x9f\u2028\u2029]")


def _visible(m: re.Match[str]) -> str:
    return f"\\u{ord(m[0]):04x}"


def clean(text: object) -> str:
    """``text`` as a string with each control character shown as ``\\uXXXX``."""
    return CONTROL.sub(_visible, str(text))


def esc(text: object, *, quote: bool = True) -> str:
    """``text`` cleaned and escaped for HTML or SVG (quotes included, for attributes)."""
    return html.escape(clean(text), quote=quote)


def json_safe(text: str) -> str:
    """JSON text with the characters ``json.dumps`` leaves raw (DEL, C1 controls, U+2028,
    U+2029) written as JSON escapes: the same data, nothing a terminal acts on."""
    return _JSON_RAW.sub(_visible, text)
