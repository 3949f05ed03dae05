"""Safe YAML loading that remembers where every key and value stands in the file.

Only plain data is built (mappings, sequences, strings, numbers, booleans, null, dates). Tags
that construct objects, aliases (the means of alias bombs), duplicate keys and nesting deeper
than ``MAX_DEPTH`` are refused with the line and column of the offence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

import yaml
from yaml.events import AliasEvent, Event
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from cstosim.errors import Pos

__all__ = ["MAX_BYTES", "MAX_DEPTH", "Located", "Pos", "YamlError", "load"]

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

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        """Compose one node, refusing aliases and nesting past MAX_DEPTH."""
        if self.check_event(AliasEvent):
            event: Event = self.peek_event()  # type: ignore[no-untyped-call]
            raise YamlError(
                "aliases (*name) are not allowed in scenario files; write the value out",
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


def _build(loader: _Loader, node: Node, path: Path, out: Located, budget: list[int]) -> Any:
    """Turn a composed node into plain data, recording positions."""
    budget[0] -= 1
    if budget[0] < 0:
        raise YamlError(f"more than {MAX_NODES} values in one file", _pos(node))
    if node.tag not in _PLAIN_TAGS:
        raise YamlError(
            f"tag {node.tag!r} is not allowed; only plain YAML data (no tags)", _pos(node)
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
                raise YamlError("a key must be a plain word, not a list or mapping", _pos(knode))
            key = loader.construct_object(knode)
            if not isinstance(key, str):
                key = str(key).lower() if isinstance(key, bool) else str(key)
            if key in result:
                first = out.keys[(*path, key)]
                raise YamlError(
                    f"duplicate key {key!r} (first at line {first.line}); each key once",
                    _pos(knode),
                )
            out.keys[(*path, key)] = _pos(knode)
            result[key] = _build(loader, vnode, (*path, key), out, budget)
        return result
    if isinstance(node, SequenceNode):
        return [_build(loader, v, (*path, i), out, budget) for i, v in enumerate(node.value)]
    try:
        return loader.construct_object(node)
    except (ValueError, OverflowError) as e:  # e.g. a timestamp like 2022-02-30
        raise YamlError(
            f"{node.value!r} is not a valid date ({e}); dates are YYYY-MM-DD", _pos(node)
        ) from None


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
            raise YamlError("the file is empty; a scenario needs at least name, start and end")
        out.data = _build(loader, node, (), out, [MAX_NODES])
        return out
    except YamlError:
        raise
    except yaml.reader.ReaderError as e:
        line = text.count("\n", 0, e.position) + 1
        col = e.position - (text.rfind("\n", 0, e.position) + 1) + 1
        code = ord(e.character) if isinstance(e.character, str) else int(e.character)
        raise YamlError(
            f"a control character (code {code:#04x}) is not allowed in YAML; remove it",
            Pos(line, col),
        ) from None
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        what = (e.problem or e.context or "not valid YAML").strip()
        raise YamlError(f"YAML syntax: {what}", _pos(mark) if mark else None) from None
    except yaml.YAMLError as e:
        raise YamlError(f"YAML: {e}") from None
    except (ValueError, OverflowError) as e:  # e.g. a timestamp like 2022-13-45
        raise YamlError(f"bad value: {e}") from None
    finally:
        if loader is not None:
            loader.dispose()
