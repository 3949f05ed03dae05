"""Sweep output files: rows as JSON Lines after a header, or CSV with a sidecar; resuming one.

The header (or sidecar) records the version, the resolved scenario and the settings; a file is
resumed only for the same scenario, seed and rules. A torn last line is dropped and redone.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from cstosim import __version__
from cstosim.engine import Plan
from cstosim.errors import SweepError

__all__ = ["RowWriter", "sweep_header"]

Row = dict[str, Any]


def sweep_header(plan: Plan, settings: dict[str, Any], resolved: dict[str, Any]) -> dict[str, Any]:
    """The header line of a sweep file: version, scenario, seed, settings, resolved scenario."""
    return {
        "cstosim_sweep": 1,
        "version": __version__,
        "scenario": plan.name,
        "seed": plan.seed,
        "settings": settings,
        "resolved": resolved,
    }


def _fingerprint(header: dict[str, Any]) -> tuple[Any, ...]:
    s = header.get("settings", {})
    return (header.get("resolved"), header.get("seed"), s.get("overrides"))


class RowWriter:
    """Appends rows to a JSONL or CSV file; knows how to resume one."""

    def __init__(self, path: Path, header: dict[str, Any], items: list[str]) -> None:
        self.path = path
        self.csv = path.suffix.lower() == ".csv"
        self.meta = path.with_name(path.name + ".meta.json") if self.csv else None
        self.header = header
        self.items = items
        self.fh: io.TextIOBase | None = None

    def existing(self) -> Iterator[dict[str, Any]]:
        """The complete rows already in the file, in order; trims a torn last line."""
        try:
            yield from self._existing()
        except SweepError:
            raise
        except (OSError, ValueError, UnicodeDecodeError) as e:
            raise SweepError(
                f"cannot resume {self.path}: {type(e).__name__}: {e}; allowed: a file written "
                "by cstosim sweep"
            ) from None

    def _existing(self) -> Iterator[dict[str, Any]]:
        if not self.path.exists():
            return
        if self.path.is_dir():
            raise SweepError(f"cannot resume {self.path}: it is a directory")
        if self.csv:
            assert self.meta is not None
            if not self.meta.exists():
                raise SweepError(f"cannot resume {self.path}: its sidecar {self.meta} is missing")
            old = json.loads(self.meta.read_text(encoding="utf-8"))
            self._check_same(old)
        good_bytes = 0
        expected = 0
        with self.path.open("rb") as fh:
            first = True
            for raw in fh:
                if not raw.endswith(b"\n"):
                    break  # a torn last line: redo it
                line = raw.decode("utf-8", "replace").rstrip("\r\n")
                if first:
                    first = False
                    if self.csv:
                        if line.split(",") != ["sample", "seed", *self.items]:
                            raise SweepError(f"cannot resume {self.path}: other columns")
                    else:
                        try:
                            self._check_same(json.loads(line))
                        except json.JSONDecodeError:
                            raise SweepError(f"cannot resume {self.path}: no header") from None
                    good_bytes += len(raw)
                    continue
                try:
                    row = self._parse(line)
                except (ValueError, KeyError, IndexError):
                    break
                if row["sample"] != expected:
                    break
                expected += 1
                good_bytes += len(raw)
                yield row
        with self.path.open("r+b") as fh:
            fh.truncate(good_bytes)

    def _check_same(self, old: Any) -> None:
        if not isinstance(old, dict) or "cstosim_sweep" not in old:
            raise SweepError(
                f"cannot resume {self.path}: no sweep header; allowed: a file "
                "written by cstosim sweep"
            )
        if _fingerprint(old) != _fingerprint(self.header):
            raise SweepError(
                f"cannot resume {self.path}: it was written for another scenario, seed or rules"
            )

    def _parse(self, line: str) -> dict[str, Any]:
        if not self.csv:
            row = json.loads(line)
            ok = (
                isinstance(row, dict)
                and isinstance(row.get("sample"), int)
                and isinstance(row.get("seed"), int)
                and isinstance(row.get("outcomes"), dict)
                and all(
                    isinstance(k, str) and isinstance(v, str) for k, v in row["outcomes"].items()
                )
            )
            if not ok:
                raise ValueError(line)
            return dict(row)
        cells = next(csv.reader([line]))
        if len(cells) != 2 + len(self.items):
            raise ValueError(line)
        outcomes = {it: c for it, c in zip(self.items, cells[2:], strict=True) if c}
        return {"sample": int(cells[0]), "seed": int(cells[1]), "outcomes": outcomes}

    def open(self, append: bool) -> None:
        """Open for writing; a new file gets its header (and sidecar)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fresh = not (append and self.path.exists() and self.path.stat().st_size > 0)
        self.fh = self.path.open("w" if fresh else "a", encoding="utf-8", newline="")
        if fresh:
            if self.csv:
                assert self.meta is not None
                self.meta.write_text(
                    json.dumps(self.header, ensure_ascii=False) + "\n", encoding="utf-8"
                )
                self.fh.write(",".join(["sample", "seed", *self.items]) + "\n")
            else:
                self.fh.write(json.dumps(self.header, ensure_ascii=False) + "\n")
            self.fh.flush()

    def write(self, row: dict[str, Any]) -> None:
        """Write one row."""
        assert self.fh is not None
        if self.csv:
            cells = [str(row["sample"]), str(row["seed"])]
            cells += [row["outcomes"].get(it, "") for it in self.items]
            self.fh.write(",".join(cells) + "\n")
        else:
            self.fh.write(json.dumps(row, ensure_ascii=False) + "\n")

    def flush(self) -> None:
        """Flush to the operating system so a kill loses at most the rows being written."""
        assert self.fh is not None
        self.fh.flush()

    def discard(self) -> None:
        """Remove the file (and sidecar) this writer created."""
        for p in (self.path, self.meta):
            if p is not None:
                with contextlib.suppress(OSError):
                    p.unlink()

    def close(self) -> None:
        """Flush and close."""
        if self.fh is not None:
            self.fh.flush()
            os.fsync(self.fh.fileno())
            self.fh.close()
            self.fh = None
