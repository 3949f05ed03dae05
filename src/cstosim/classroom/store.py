"""The room on disk: one SQLite file (write-ahead log) holding everything a restart needs.

Every change is committed before the request that made it is answered, so ``kill -9`` loses
nothing that was acknowledged. ``synchronous=NORMAL`` under the write-ahead log keeps a commit
through a crash of the process (not through a power cut, which ``FULL`` would add at the cost
of an fsync per vote).
"""

from __future__ import annotations

import fcntl
import json
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from cstosim.errors import ClassroomError
from cstosim.i18n import _

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
        self._lock = _lock(path)
        try:
            # the file holds the teacher's and the seats' tokens: readable by its owner only
            # (SQLite gives its -wal and -shm files the same permissions)
            os.close(os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600))
            self.db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA busy_timeout=2000")
            self.db.executescript(_SCHEMA)
        except (sqlite3.DatabaseError, OSError) as e:
            self._lock.close()
            reason = e.strerror if isinstance(e, OSError) else str(e)
            raise ClassroomError(
                _("{path}: cannot keep the room there ({reason}); give another --db path").format(
                    path=path, reason=reason
                )
            ) from None
        found = self.meta("schema")
        if found is None:
            self.set_meta(schema=_VERSION)
        elif found != _VERSION:
            raise ClassroomError(
                _("{path}: a room of another cstosim version; use another --db").format(path=path)
            )

    def close(self) -> None:
        """Close the file and let another server open it."""
        self.db.close()
        self._lock.close()

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


def _lock(path: Path) -> IO[bytes]:
    """An exclusive lock on ``PATH.lock``: one server per room."""
    lock_path = Path(f"{path}.lock")
    try:
        fh = open(lock_path, "a+b")  # noqa: SIM115 - held open for the server's life
    except OSError as e:
        raise ClassroomError(
            _("{path}: cannot keep the room there ({reason}); give another --db path").format(
                path=path, reason=e.strerror
            )
        ) from None
    try:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        fh.close()
        raise ClassroomError(
            _(
                "{path}: another cstosim classroom is serving this room; stop it, or give "
                "another --db for a new room"
            ).format(path=path)
        ) from None
    return fh


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT (ROLLBACK on an exception)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: object, value: object, tb: object) -> None:
        self.db.execute("COMMIT" if kind is None else "ROLLBACK")
