"""Safe YAML loading that remembers where every key and value stands in the file.

Only plain data is built (mappings, sequences, strings, numbers, booleans, null, dates). Tags
that construct objects, aliases (the means of alias bombs), duplicate keys and nesting deeper
than ``MAX_DEPTH`` are refused with the line and column of the offence. So are control
characters that YAML escapes put into text (``"\\e[2J"``), and the plain scalars YAML 1.1 reads
in a way an author does not expect (``1:30`` is 90, ``NO`` is false, ``0x10`` is 16, ``~`` is
null): only ``true``/``false``, ``null`` and plain decimal numbers are taken as written.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any, Protocol

import yaml
from yaml.events import AliasEvent, Event
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from cstosim.errors import Pos
from cstosim.i18n import N_, _

__all__ = [
    "CONTROL",
    "CONTROL_ONE_LINE",
    "MAX_BYTES",
    "MAX_DEPTH",
    "Located",
    "Pos",
    "YamlError",
    "control_message",
    "load",
    "non_latin",
    "shown",
]

MAX_BYTES = 1_048_576  # 1 MiB: the largest scenario file accepted
MAX_DEPTH = 32  # nesting of mappings and sequences
MAX_NODES = 200_000  # scalars, mappings and sequences in one file
MAX_DIGITS = 30  # the longest integer literal accepted

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}

Path = tuple[str | int, ...]

# Characters no text in a scenario may hold: C0 and C1 controls (tab and line feed apart), DEL
# and the Unicode line and paragraph separators. A terminal or a browser would act on them.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
# The same, for one-line text (a name, a title): no tab or line feed either.
CONTROL_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")

_DECIMAL_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_DECIMAL_FLOAT = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
# Plain words YAML 1.1 (or 1.2) reads otherwise than PyYAML: y/n as booleans, 0o17 as a number.
_AMBIGUOUS_WORDS = {"y": "true", "Y": "true", "n": "false", "N": "false"}
_OCTAL_12 = re.compile(r"[-+]?0o[0-7]+")
# The escapes of a double-quoted YAML scalar, to find the one that gave a control character.
_ESCAPE = re.compile(r"\\(?:x([0-9A-Fa-f]{2})|u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))", re.S)
_ESCAPES = {
    "0": "\x00",
    "a": "\x07",
    "b": "\x08",
    "t": "\t",
    "\t": "\t",
    "n": "\n",
    "v": "\x0b",
    "f": "\x0c",
    "r": "\r",
    "e": "\x1b",
    "N": "\x85",
    "_": "\xa0",
    "L": "\u2028",
    "P": "\u2029",
}


def _u(ch: str) -> str:
    return f"\\u{ord(ch):04x}" if ord(ch) <= 0xFFFF else f"\\U{ord(ch):08x}"


def control_message(ch: str) -> str:
    """What to say of a control character found in text, naming it as \\uXXXX."""
    if ch == "\n":
        return "a line break \\u000a is not allowed here (one line of text); remove it"
    if ch == "\t":
        return "a tab \\u0009 is not allowed here (one line of text); remove it"
    return f"a control character {_u(ch)} is not allowed in text; remove it"


def shown(value: Any) -> str:
    """A value as a scenario author reads it in a message: text in quotes with anything that
    is not printable ASCII as \\uXXXX (so a Cyrillic look-alike does not pass for Latin), a
    number with all its digits, ``true``/``false``, ``nothing (null)``, a date as YYYY-MM-DD."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "not-a-number (.nan)"
        if math.isinf(value):
            return "infinity" if value > 0 else "minus infinity"
        return repr(value)
    if isinstance(value, str):
        return "'" + "".join(c if " " <= c <= "~" else _u(c) for c in value) + "'"
    if isinstance(value, list | tuple):
        if not value:
            return "an empty list"
        more = ", ..." if len(value) > 10 else ""
        return "[" + ", ".join(shown(v) for v in value[:10]) + more + "]"
    if isinstance(value, dict):
        return "a mapping" if value else "an empty mapping"
    isoformat = getattr(value, "isoformat", None)
    if callable(isoformat):
        return str(value.isoformat(sep=" ") if hasattr(value, "hour") else isoformat())
    return f"a {type(value).__name__}"


def non_latin(text: str) -> str:
    """' (it has non-Latin letters)' when ``text`` has letters outside ASCII, else ''."""
    if any(c.isalpha() and ord(c) > 127 for c in text):
        return " " + _("(it has non-Latin letters)")
    return ""


class YamlError(ValueError):
    """A file that is not acceptable YAML, with where the problem is."""

    def __init__(self, message: str, pos: Pos | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.pos = pos or Pos(1, 1)


@dataclass
class Located:
    """Loaded data plus the position of each path's key and value."""

    data: Any
    keys: dict[Path, Pos] = field(default_factory=dict)
    values: dict[Path, Pos] = field(default_factory=dict)

    def where(self, path: Path, *, key: bool = False) -> Pos:
        """The position of ``path`` (its key when ``key``), or of its nearest known ancestor."""
        p = tuple(path)
        while True:
            table = self.keys if key else self.values
            if p in table:
                return table[p]
            if p in self.values:
                return self.values[p]
            if not p:
                return Pos(1, 1)
            p = p[:-1]


class _Mark(Protocol):
    line: int
    column: int


def _pos(node: Node | _Mark | None) -> Pos:
    """The 1-based position where a node (or a mark) starts."""
    mark = node.start_mark if isinstance(node, Node) else node
    return Pos(mark.line + 1, mark.column + 1) if mark is not None else Pos(1, 1)


class _Loader(yaml.SafeLoader):
    """A SafeLoader that refuses aliases and deep nesting while composing."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0
        self.source = stream

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        """Compose one node, refusing aliases and nesting past MAX_DEPTH."""
        if self.check_event(AliasEvent):
            event: Event = self.peek_event()  # type: ignore[no-untyped-call]
            raise YamlError(
                _("aliases (*name) are not allowed in scenario files; write the value out"),
                _pos(event.start_mark),
            )
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise YamlError(
                f"nesting deeper than {MAX_DEPTH} levels; scenario files are shallow",
                _pos(self.peek_event().start_mark),  # type: ignore[no-untyped-call]
            )
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _advance(text: str, start: Node, index: int) -> Pos:
    """The position of ``text[index]``, counting lines as YAML does from ``start``'s mark."""
    mark = start.start_mark
    line, col = mark.line, mark.column
    i = mark.index
    while i < index and i < len(text):
        ch = text[i]
        if ch in "\n\x85\u2028\u2029" or (ch == "\r" and text[i + 1 : i + 2] != "\n"):
            line, col = line + 1, 0
        else:
            col += 1
        i += 1
    return Pos(line + 1, col + 1)


def _control_at(loader: _Loader, node: ScalarNode, ch: str) -> Pos:
    """Where in the file the control character ``ch`` of a scalar was written: its escape in a
    double-quoted scalar, or the character itself; the scalar's start if neither is found."""
    text = loader.source
    begin, end = node.start_mark.index, node.end_mark.index
    raw = text[begin:end]
    if node.style == '"':
        for m in _ESCAPE.finditer(raw):
            hexa = m.group(1) or m.group(2) or m.group(3)
            got = chr(int(hexa, 16)) if hexa else _ESCAPES.get(m.group(4), "")
            if got == ch:
                return _advance(text, node, begin + m.start())
    at = raw.find(ch)
    return _advance(text, node, begin + at) if at >= 0 else _pos(node)


def _refuse_controls(loader: _Loader, node: ScalarNode, value: str) -> None:
    """Refuse text holding a control character (tab and line feed apart: a field that must be
    one line refuses those when the scenario is checked)."""
    bad = CONTROL.search(value)
    if bad:
        ch = bad.group()
        raise YamlError(control_message(ch), _control_at(loader, node, ch))


def _strict(loader: _Loader, node: ScalarNode) -> None:
    """Refuse a plain scalar that YAML 1.1 reads in a way its author would not expect."""
    if node.style is not None:  # quoted or block: always text
        return
    text, tag = node.value, node.tag
    where = _pos(node)
    if tag == "tag:yaml.org,2002:bool":
        if text not in ("true", "false"):
            word = "true" if loader.construct_object(node) else "false"
            said = _("{text} was read as {word}; write {word}, or quote it")
            raise YamlError(said.format(text=text, word=word), where)
    elif tag == "tag:yaml.org,2002:null":
        if text not in ("null", ""):
            raise YamlError(
                _(
                    "{text} was read as nothing (null); write null, or quote it if you mean text"
                ).format(text=text),
                where,
            )
    elif tag == "tag:yaml.org,2002:int":
        if not _DECIMAL_INT.fullmatch(text):
            number = loader.construct_object(node)
            bare = text.lstrip("+-")
            if ":" in bare:
                how = N_("base 60, as YAML 1.1 reads times")
            elif bare[:2] in ("0x", "0X"):
                how = N_("hexadecimal")
            elif bare[:2] in ("0b", "0B"):
                how = N_("binary")
            elif "_" in bare:
                how = N_("the _ ignored")
            else:
                how = N_("octal, for its leading 0")
            raise YamlError(
                _(
                    "{text} was read as the number {number} ({how}); write {number}, or quote it "
                    "if you mean text"
                ).format(text=text, number=number, how=_(how)),
                where,
            )
    elif tag == "tag:yaml.org,2002:float":
        number = loader.construct_object(node)
        if math.isnan(number) or math.isinf(number):
            raise YamlError(
                f"{text} was read as {shown(number)}; allowed: a finite number written "
                "with digits, or quote it if you mean text",
                where,
            )
        if not _DECIMAL_FLOAT.fullmatch(text):
            how = N_("base 60, as YAML 1.1 reads times") if ":" in text else N_("the _ ignored")
            raise YamlError(
                _(
                    "{text} was read as the number {number} ({how}); write {number}, or quote it "
                    "if you mean text"
                ).format(text=text, number=repr(number), how=_(how)),
                where,
            )
    elif tag == "tag:yaml.org,2002:str":
        if text in _AMBIGUOUS_WORDS:
            word = _AMBIGUOUS_WORDS[text]
            raise YamlError(
                _(
                    "{text} may be read as {word} (YAML 1.1) or as text; write {word}, or quote "
                    "it if you mean text"
                ).format(text=text, word=word),
                where,
            )
        if _OCTAL_12.fullmatch(text):
            number = int(text.replace("0o", ""), 8)
            raise YamlError(
                f"{text} may be read as the number {number} (octal, YAML 1.2) or as text; "
                f"write {number}, or quote it if you mean text",
                where,
            )


def _scalar(loader: _Loader, node: ScalarNode) -> Any:
    """A scalar's value, refused if it holds control characters or reads as a surprise."""
    _strict(loader, node)
    try:
        value = loader.construct_object(node)
    except (ValueError, OverflowError) as e:  # e.g. a timestamp like 2022-02-30
        raise YamlError(
            _("{value} is not a valid date ({error}); dates are YYYY-MM-DD").format(
                value=shown(node.value), error=e
            ),
            _pos(node),
        ) from None
    if isinstance(value, str):
        _refuse_controls(loader, node, value)
    return value


def _build(loader: _Loader, node: Node, path: Path, out: Located, budget: list[int]) -> Any:
    """Turn a composed node into plain data, recording positions."""
    budget[0] -= 1
    if budget[0] < 0:
        raise YamlError(f"more than {MAX_NODES} values in one file", _pos(node))
    if node.tag not in _PLAIN_TAGS:
        raise YamlError(
            f"tag {shown(node.tag)} is not allowed; only plain YAML data (no tags)", _pos(node)
        )
    out.values[path] = _pos(node)
    if node.tag == "tag:yaml.org,2002:int" and len(node.value) > MAX_DIGITS:
        raise YamlError(
            f"a number with {len(node.value)} characters; allowed: at most {MAX_DIGITS}", _pos(node)
        )
    if isinstance(node, MappingNode):
        result: dict[str, Any] = {}
        for knode, vnode in node.value:
            if not isinstance(knode, ScalarNode):
                said = _("a key must be a plain word, not a list or mapping")
                raise YamlError(said, _pos(knode))
            key = _scalar(loader, knode)
            if not isinstance(key, str):
                key = str(key).lower() if isinstance(key, bool) else str(key)
            if key in result:
                first = out.keys[(*path, key)]
                raise YamlError(
                    _("duplicate key {key} (first at line {line}); each key once").format(
                        key=shown(key), line=first.line
                    ),
                    _pos(knode),
                )
            out.keys[(*path, key)] = _pos(knode)
            result[key] = _build(loader, vnode, (*path, key), out, budget)
        return result
    if isinstance(node, SequenceNode):
        return [_build(loader, v, (*path, i), out, budget) for i, v in enumerate(node.value)]
    if not isinstance(node, ScalarNode):  # pragma: no cover - YAML has no other kind of node
        raise YamlError("not plain YAML data", _pos(node))
    return _scalar(loader, node)


def load(text: str) -> Located:
    """Parse YAML ``text`` into plain data with positions; raises YamlError."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise YamlError(f"the file is larger than {MAX_BYTES // 1024} KiB")
    loader = None
    try:
        loader = _Loader(text)
        node = loader.get_single_node()
        out = Located(None)
        if node is None:
            raise YamlError(_("the file is empty; a scenario needs at least name, start and end"))
        out.data = _build(loader, node, (), out, [MAX_NODES])
        return out
    except YamlError:
        raise
    except yaml.reader.ReaderError as e:
        line = text.count("\n", 0, e.position) + 1
        col = e.position - (text.rfind("\n", 0, e.position) + 1) + 1
        code = ord(e.character) if isinstance(e.character, str) else int(e.character)
        raise YamlError(control_message(chr(code)), Pos(line, col)) from None
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        what = (e.problem or e.context or "not valid YAML").strip()
        said = _("YAML syntax: {problem}").format(problem=what)
        raise YamlError(said, _pos(mark) if mark else None) from None
    except yaml.YAMLError as e:
        raise YamlError(f"YAML: {e}") from None
    except (ValueError, OverflowError) as e:  # e.g. a timestamp like 2022-13-45
        raise YamlError(f"bad value: {e}") from None
    finally:
        if loader is not None:
            loader.dispose()
