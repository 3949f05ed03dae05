"""Sweep output files: rows as JSON Lines after a header, or CSV with a sidecar; resuming one.

The header (or sidecar) records the version, the resolved scenario and the settings; a file is
resumed only for the same scenario, seed and rules. A torn last line is dropped and redone.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from cstosim import __version__
from cstosim.engine import Plan
from cstosim.errors import SweepError
from cstosim.io import (
    MAX_LINE,
    InputError,
    LockedFile,
    OutputError,
    check_output,
    open_locked,
    open_regular,
    read_input,
    readline_bounded,
    write_text,
)
from cstosim.whatif.samples import RowFormat

__all__ = ["RowWriter", "read_rows", "sweep_header"]

Row = dict[str, Any]
MAX_HEADER = 16 * MAX_LINE  # the header line and sidecar hold the resolved scenario


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
    return (
        header.get("resolved"),
        header.get("seed"),
        s.get("overrides"),
        s.get("variants"),
        s.get("rows", "outcomes"),
    )


class RowWriter:
    """Appends rows to a JSONL or CSV file under an exclusive lock; knows how to resume one.

    ``acquire`` opens and locks the file (creating it if missing), ``existing`` reads back its
    complete rows, ``open`` starts writing, ``finish`` closes. The file is never replaced and
    never removed unless this writer created it.
    """

    def __init__(
        self,
        path: Path,
        header: dict[str, Any],
        items: list[str],
        variants: Sequence[str] = (),
        full: bool = False,
    ) -> None:
        self.path = path
        self.csv = path.suffix.lower() == ".csv"
        self.meta = path.with_name(path.name + ".meta.json") if self.csv else None
        self.header = header
        self.items = items
        self.variants = list(variants)  # each sample is a row per variant, in this order
        self.full = full  # rows also hold the positions drawn and the blockers
        self.file: LockedFile | None = None
        self.fh: IO[bytes] | None = None
        self.fresh = False  # the file was empty when writing began
        self.meta_created = False

    def acquire(self) -> None:
        """Open and lock the file, creating it (and its folder) if missing; raises OutputError
        (not a regular file, held by another process, cannot be created)."""
        check_output(self.path)
        if self.meta is not None:
            check_output(self.meta)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise OutputError(
                f"cannot write {self.path}: {e.strerror or e}", path=self.path
            ) from None
        self.file = open_locked(self.path)
        self.fresh = self.file.size() == 0

    def has_rows(self) -> bool:
        """Whether the file holds anything yet."""
        assert self.file is not None
        return self.file.size() > 0

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

    def _line(self, fh: IO[bytes], number: int, limit: int) -> bytes:
        try:
            return readline_bounded(fh, limit)
        except ValueError:
            raise SweepError(
                f"cannot resume {self.path}: line {number} is longer than {limit} bytes; "
                "allowed: a file written by cstosim sweep"
            ) from None

    def _existing(self) -> Iterator[dict[str, Any]]:
        assert self.file is not None
        if self.file.size() == 0:
            return
        if self.csv:
            assert self.meta is not None
            if not os.path.lexists(self.meta):
                raise SweepError(f"cannot resume {self.path}: its sidecar {self.meta} is missing")
            try:
                text = read_input(self.meta, limit=MAX_HEADER).decode("utf-8")
            except InputError as e:
                raise SweepError(
                    f"cannot resume {self.path}: its sidecar {e}; allowed: the sidecar "
                    "written by cstosim sweep"
                ) from None
            self._check_same(json.loads(text))
        good_bytes = 0
        expected = 0
        group: list[dict[str, Any]] = []  # the rows of a sample not yet whole
        group_bytes = 0
        fh = self.file.fh
        fh.seek(0)
        number = 0
        while True:
            number += 1
            raw = self._line(fh, number, MAX_HEADER if number == 1 else MAX_LINE)
            if not raw.endswith(b"\n"):
                break  # the end, or a torn last line: redo it
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            if number == 1:
                if self.csv:
                    if line.split(",") != self.columns:
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
            # a sample is a row per variant: only whole samples are kept
            per = len(self.variants) or 1
            if row["sample"] != expected // per or (
                self.variants and row.get("variant") != self.variants[expected % per]
            ):
                break
            expected += 1
            group.append(row)
            group_bytes += len(raw)
            if expected % per == 0:
                good_bytes += group_bytes
                yield from group
                group, group_bytes = [], 0
        fh.truncate(good_bytes)
        fh.seek(good_bytes)

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
        if len(cells) != len(self.columns):
            raise ValueError(line)
        first = 3 if self.variants else 2
        cells = cells[: first + len(self.items)]  # the outcomes: what a resume counts
        outcomes = {it: c for it, c in zip(self.items, cells[first:], strict=True) if c}
        parsed: dict[str, Any] = {"sample": int(cells[0]), "seed": int(cells[1])}
        if self.variants:
            parsed["variant"] = cells[2]
        parsed["outcomes"] = outcomes
        return parsed

    def open(self, append: bool) -> None:
        """Start writing after the rows kept; an empty file gets its header (and sidecar).
        Raises OutputError if that cannot be written."""
        assert self.file is not None
        self.fh = self.file.fh
        self.fh.seek(0, os.SEEK_END)
        self.fresh = not (append and self.fh.tell() > 0)
        if not self.fresh:
            return
        try:
            self.fh.seek(0)
            self.fh.truncate(0)
            if self.csv:
                assert self.meta is not None
                self.meta_created = not os.path.lexists(self.meta)
                write_text(self.meta, json.dumps(self.header, ensure_ascii=False) + "\n")
                self._put(",".join(self.columns) + "\n")
            else:
                self._put(json.dumps(self.header, ensure_ascii=False) + "\n")
            self.fh.flush()
        except OSError as e:
            if isinstance(e, OutputError):
                raise
            raise OutputError(
                f"cannot write {self.path}: {e.strerror or e}", path=self.path
            ) from None

    def _put(self, text: str) -> None:
        assert self.fh is not None
        self.fh.write(text.encode("utf-8"))

    @property
    def columns(self) -> list[str]:
        """The CSV header's columns."""
        extra = [f"{it}.{part}" for it in self.items for part in ("positions", "blockers")]
        return [
            "sample",
            "seed",
            *(["variant"] if self.variants else []),
            *self.items,
            *(extra if self.full else []),
        ]

    @property
    def format(self) -> RowFormat:
        """How this file's rows are encoded (workers encode them, ``write`` puts them)."""
        return RowFormat("csv" if self.csv else "jsonl", tuple(self.items), self.full)

    def write(self, data: bytes) -> None:
        """Write rows already encoded in this file's format."""
        assert self.fh is not None
        self.fh.write(data)

    def flush(self) -> None:
        """Flush to the operating system so a kill loses at most the rows being written."""
        assert self.fh is not None
        self.fh.flush()

    def finish(self, *, keep: bool = True) -> None:
        """Close (releasing the lock). With ``keep`` false, undo a start that wrote no row: a
        file (and sidecar) this writer created is removed, a file that was empty is emptied
        again; a file that held rows before is left as it is."""
        if self.file is None:
            return
        file, self.file, self.fh = self.file, None, None
        if keep or not self.fresh:
            with contextlib.suppress(OSError):
                file.close()
            return
        if file.created:
            file.discard()
        else:  # it was empty before this run: leave it empty
            with contextlib.suppress(OSError):
                file.fh.seek(0)
                file.fh.truncate(0)
            with contextlib.suppress(OSError):
                file.close()
        if self.meta is not None and self.meta_created:
            with contextlib.suppress(OSError):
                self.meta.unlink()


def read_rows(path: str | Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A sweep file's header and rows (JSONL, or CSV with its sidecar), each row as the JSONL
    row is: sample, seed, (variant,) outcomes, and with full rows positions and blockers.
    Raises SweepError for a file cstosim did not write (the header is checked)."""
    p = Path(path)
    is_csv = p.suffix.lower() == ".csv"
    try:
        fh = open_regular(p)
    except InputError as e:
        raise SweepError(str(e)) from None
    with fh:
        try:
            first = readline_bounded(fh, MAX_HEADER).decode("utf-8", "replace")
        except ValueError as e:
            raise SweepError(f"{p}:1: not a sweep file's header ({e})") from None
        if is_csv:
            meta = p.with_name(p.name + ".meta.json")
            try:
                header = json.loads(read_input(str(meta), limit=MAX_HEADER).decode("utf-8"))
            except (InputError, ValueError) as e:
                raise SweepError(
                    f"{p}: its sidecar {meta.name} is missing or unreadable ({e})"
                ) from None
            columns = next(csv.reader([first.rstrip("\r\n")]), [])
        else:
            try:
                header = json.loads(first)
            except ValueError:
                header = None
            columns = []
        if not isinstance(header, dict) or "cstosim_sweep" not in header:
            raise SweepError(
                f"{p} is not a sweep file: its header is missing; allowed: a file "
                "written by cstosim sweep --out"
            )
        if is_csv and columns[:2] != ["sample", "seed"]:
            raise SweepError(f"{p}: the columns are not a sweep's (sample, seed, items ...)")
        rows = []
        number = 1
        while True:
            number += 1
            try:
                raw = readline_bounded(fh, MAX_LINE)
            except ValueError as e:
                raise SweepError(f"{p}:{number}: not a sweep row ({e})") from None
            if not raw.endswith(b"\n"):
                break  # the end, or a torn last line (the sweep was stopped): left out
            try:
                line = raw.decode("utf-8")
                rows.append(_csv_row(columns, line) if is_csv else json.loads(line))
            except (ValueError, IndexError) as e:
                raise SweepError(f"{p}:{number}: not a sweep row ({e})") from None
    return header, rows


def _csv_row(columns: list[str], line: str) -> dict[str, Any]:
    cells = next(csv.reader([line.rstrip("\r\n")]))
    if len(cells) != len(columns):
        raise ValueError(f"{len(cells)} cells for {len(columns)} columns")
    row: dict[str, Any] = {"sample": int(cells[0]), "seed": int(cells[1])}
    outcomes: dict[str, str] = {}
    positions: dict[str, dict[str, str]] = {}
    blockers: dict[str, list[str]] = {}
    for col, cell in zip(columns[2:], cells[2:], strict=True):
        if col == "variant":
            row["variant"] = cell
        elif col.endswith(".positions"):
            pairs = (part.partition("=") for part in cell.split(";") if part)
            positions[col[: -len(".positions")]] = {m: p for m, _, p in pairs}
        elif col.endswith(".blockers"):
            blockers[col[: -len(".blockers")]] = [c for c in cell.split(";") if c]
        elif cell:
            outcomes[col] = cell
    row["outcomes"] = outcomes
    if positions or blockers:
        row["positions"], row["blockers"] = positions, blockers
    return row
