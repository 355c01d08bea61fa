"""The encrypted local store: one writer behind a lock, ``BEGIN IMMEDIATE``; readers per thread.

Every domain change, its outbox row and its audit row are written inside one ``write()``
block, so they commit together or not at all.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path

import sqlcipher3
from sqlite_utils import Database

from app.store.connection import connect
from app.store.schema import migrations


class Store:
    def __init__(self, path: Path, key_hex: str) -> None:
        self.path = path
        self._key = key_hex
        self._conn = connect(path, key_hex)
        self.db = Database(self._conn)
        self._lock = threading.RLock()
        self._local = threading.local()
        self._readers: list[sqlcipher3.Connection] = []
        with self._lock:
            migrations.apply(self.db)

    @contextlib.contextmanager
    def write(self) -> Iterator[sqlcipher3.Connection]:
        """The one way to write: ``BEGIN IMMEDIATE`` … ``COMMIT``, rolled back on any error."""
        with self._lock:
            if self._conn.in_transaction:  # nested: join the outer transaction
                yield self._conn
                return
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def read(self) -> sqlcipher3.Connection:
        """A read connection owned by the calling thread (the writer's, on the writer's thread)."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = connect(self.path, self._key, readonly=True)
            self._local.conn = conn
            with self._lock:
                self._readers.append(conn)
        return conn

    @property
    def writer(self) -> sqlcipher3.Connection:
        return self._conn

    def integrity_check(self) -> str:
        return self._conn.execute("PRAGMA integrity_check").fetchone()[0]

    def close(self) -> None:
        with self._lock:
            for conn in self._readers:
                with contextlib.suppress(Exception):
                    conn.close()
            self._readers.clear()
            self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
