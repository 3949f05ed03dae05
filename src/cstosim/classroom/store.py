"""The room on disk: one SQLite file (write-ahead log) holding everything a restart needs.

Every change is committed before the request that made it is answered, so ``kill -9`` loses
nothing that was acknowledged. ``synchronous=NORMAL`` under the write-ahead log keeps a commit
through a crash of the process (not through a power cut, which ``FULL`` would add at the cost
of an fsync per vote).
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cstosim.errors import ClassroomError
from cstosim.i18n import _
from cstosim.io import OutputError, check_output

__all__ = ["Closed", "Store"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS seats (
    member TEXT PRIMARY KEY, token TEXT NOT NULL UNIQUE, client TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS votes (
    item TEXT NOT NULL, member TEXT NOT NULL, position TEXT NOT NULL,
    PRIMARY KEY (item, member));
CREATE TABLE IF NOT EXISTS closed (
    seq INTEGER PRIMARY KEY, item TEXT NOT NULL UNIQUE, positions TEXT NOT NULL,
    rules TEXT NOT NULL);
"""
_VERSION = "2"  # 2: seats keep the client address that took them


@dataclass(frozen=True, slots=True)
class Closed:
    """An item the class has decided: every voter's position and the readings it was under."""

    item: str
    positions: dict[str, str]
    rules: dict[str, Any]


class Store:
    """The room's SQLite file: meta values, seats, positions cast and items closed."""

    def __init__(self, path: Path) -> None:
        _refuse_foreign(path)
        try:
            # the file holds the teacher's and the seats' tokens: readable by its owner only
            # (SQLite gives its -wal file the same permissions)
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
            os.fchmod(fd, 0o600)
            os.close(fd)
            self.db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            # One server per room: the connection keeps the file locked while it lives (and the
            # system frees the lock when the process dies, even by kill -9). In this mode the
            # write-ahead log needs no shared-memory file.
            self.db.execute("PRAGMA locking_mode=EXCLUSIVE")
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.executescript(_SCHEMA)  # takes the lock: refused if another server has it
        except sqlite3.OperationalError as e:
            self._close_quietly()
            if "locked" in str(e):
                raise ClassroomError(_serving(path)) from None
            raise ClassroomError(_cannot(path, str(e))) from None
        except (sqlite3.DatabaseError, OSError) as e:
            self._close_quietly()
            raise ClassroomError(_cannot(path, getattr(e, "strerror", None) or str(e))) from None
        found = self.meta("schema")
        if found is None:
            self.set_meta(schema=_VERSION)
        elif found != _VERSION:
            self.db.close()
            raise ClassroomError(
                _("{path}: a room of another cstosim version; use another --db").format(path=path)
            )

    def _close_quietly(self) -> None:
        db = getattr(self, "db", None)
        if db is not None:
            with contextlib.suppress(sqlite3.Error):
                db.close()

    def close(self) -> None:
        """Close the file and let another server open it."""
        self.db.close()

    def meta(self, key: str) -> str | None:
        """A meta value, or None."""
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, **values: str) -> None:
        """Set meta values in one transaction."""
        with self._tx():
            self.db.executemany(
                "INSERT INTO meta (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                list(values.items()),
            )

    def seats(self) -> dict[str, tuple[str, str]]:
        """Member -> (seat token, the client address that took it)."""
        rows = self.db.execute("SELECT member, token, client FROM seats")
        return {m: (t, c) for m, t, c in rows}

    def add_seat(self, member: str, token: str, client: str) -> bool:
        """Give ``member`` a seat; False if it is taken."""
        try:
            with self._tx():
                self.db.execute(
                    "INSERT INTO seats (member, token, client) VALUES (?, ?, ?)",
                    (member, token, client),
                )
        except sqlite3.IntegrityError:
            return False
        return True

    def free_seat(self, member: str) -> None:
        """Free ``member``'s seat (its positions cast stay)."""
        with self._tx():
            self.db.execute("DELETE FROM seats WHERE member = ?", (member,))

    def votes(self, item: str) -> dict[str, str]:
        """Member -> position cast on ``item``."""
        rows = self.db.execute("SELECT member, position FROM votes WHERE item = ?", (item,))
        return {m: p for m, p in rows}

    def cast(self, item: str, member: str, position: str) -> None:
        """Record (or change) a member's position on ``item``."""
        with self._tx():
            self.db.execute(
                "INSERT INTO votes (item, member, position) VALUES (?, ?, ?) "
                "ON CONFLICT (item, member) DO UPDATE SET position = excluded.position",
                (item, member, position),
            )

    def closed(self) -> list[Closed]:
        """The items decided so far, in order."""
        rows = self.db.execute("SELECT item, positions, rules FROM closed ORDER BY seq")
        return [Closed(i, json.loads(p), json.loads(r)) for i, p, r in rows]

    def close_item(self, closed: Closed, **meta: str) -> None:
        """Record a decided item and the room's new phase in one transaction."""
        with self._tx():
            self.db.execute(
                "INSERT INTO closed (item, positions, rules) VALUES (?, ?, ?)",
                (closed.item, json.dumps(closed.positions), json.dumps(closed.rules)),
            )
            self.db.executemany(
                "INSERT INTO meta (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                list(meta.items()),
            )

    def _tx(self) -> _Transaction:
        return _Transaction(self.db)


def _cannot(path: Path, reason: str) -> str:
    return _("{path}: cannot keep the room there ({reason}); give another --db path").format(
        path=path, reason=reason
    )


def _serving(path: Path) -> str:
    return _(
        "{path}: another cstosim classroom is serving this room; stop it, or give another --db "
        "for a new room"
    ).format(path=path)


def _refuse_foreign(path: Path) -> None:
    """Refuse, before anything is written, a path that is not a regular file (a link, a
    folder...) or a file that holds something other than a cstosim room: only a missing or
    empty file, or a room, is opened for writing."""
    try:
        check_output(path)
    except OutputError as e:
        raise ClassroomError(str(e)) from None
    try:
        if os.stat(path).st_size == 0:
            return
    except FileNotFoundError:
        return
    except OSError as e:
        raise ClassroomError(_cannot(path, e.strerror or str(e))) from None
    try:
        with contextlib.closing(
            sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        ) as db:
            row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    except sqlite3.OperationalError as e:
        if "locked" in str(e):
            raise ClassroomError(_serving(path)) from None
        row = None
    except sqlite3.DatabaseError:
        row = None
    if row is None:
        raise ClassroomError(
            _(
                "{path} holds something other than a cstosim room, which the room would "
                "change; give another --db path (a new file, or a room's)"
            ).format(path=path)
        )


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT (ROLLBACK on an exception)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: object, value: object, tb: object) -> None:
        self.db.execute("COMMIT" if kind is None else "ROLLBACK")
