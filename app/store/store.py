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
        self._checkpoint: threading.Thread | None = None
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
                self._conn.execute("COMMIT")
            except BaseException:  # a failed COMMIT (disk full) may leave it open: not kept
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise

    @contextlib.contextmanager
    def between_transactions(self) -> Iterator[sqlcipher3.Connection]:
        """The writer's connection under the write lock, outside any transaction: for what
        SQLite refuses inside one (``DETACH``)."""
        with self._lock:
            if self._conn.in_transaction:
                raise RuntimeError("inside a write transaction")
            yield self._conn

    @contextlib.contextmanager
    def large_write(self) -> Iterator[None]:
        """Around a ``write()`` that fills the log with much more than usual, and only for what
        can be fetched again (a snapshot into an empty replica). Its commit neither copies the
        log into the database file (SQLite's automatic checkpoint) nor waits for the disk
        (``synchronous = NORMAL``): together about half a second for 200,000 artisans. A
        thread of its own copies the log after, on a connection at ``FULL`` (which syncs the
        log first), while the caller goes on. A power cut before that copy can undo this one
        transaction, whole (the log's checksums see to it), never damage the file."""
        with self._lock:
            saved = int(self._conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0])
            level = int(self._conn.execute("PRAGMA synchronous").fetchone()[0])
            self._conn.execute("PRAGMA wal_autocheckpoint = 0")
            self._conn.execute("PRAGMA synchronous = NORMAL")
        try:
            yield
        finally:
            with self._lock:
                self._conn.execute(f"PRAGMA synchronous = {level}")
                self._conn.execute(f"PRAGMA wal_autocheckpoint = {saved}")
                if self._checkpoint is None or not self._checkpoint.is_alive():
                    self._checkpoint = threading.Thread(
                        target=self._copy_log, name="store-checkpoint", daemon=True
                    )
                    self._checkpoint.start()

    def _copy_log(self) -> None:
        """PASSIVE: it waits for nobody, and whoever writes meanwhile is not held up."""
        with contextlib.suppress(sqlcipher3.Error):
            conn = connect(self.path, self._key)
            try:
                conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
            finally:
                conn.close()

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

    def settle(self) -> None:
        """Wait for the log's copy started by ``large_write``, if one runs."""
        if self._checkpoint is not None:
            self._checkpoint.join()

    def close(self) -> None:
        self.settle()
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
