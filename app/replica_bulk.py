"""The bulk path of the replica: a snapshot into a replica holding no artisan at all.

Two threads share the work (``sync/snapshot_bulk.py``). The parsing thread binds each batch's
rows, as parsed, into a table of a ``Stage``: an SQLite in memory of its own (nothing on
disk), shared in the process (``cache=shared``) and attached to the writer's connection for
the load. The writer then copies each batch with one ``INSERT … SELECT`` per table, during
which the driver leaves the GIL. Taking each value out of a JSON row in the writer cost
twelve times what this copy costs, and the writer is the load's narrowest point.

The stage holds ``SLOTS`` pairs of tables (rows, name-index terms), handed back and forth:
the parser fills a free pair while the writer copies another. The writer reads the stage in
``read_uncommitted`` mode, so the tables it has read are not locked against the parser until
its own transaction ends (shared-cache locks are per table). The stage is plain memory:
what it holds is what the parser holds in Python objects anyway.

Call ``load`` inside ``Store.write()``; ``Stage`` around that block (DETACH is refused inside
a transaction) and ``Stage.open`` inside it.
"""

from __future__ import annotations

import json
import queue
import threading
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass

import sqlcipher3

from app.registry.index import NAME_FIELDS, name_terms
from app.replica import COLUMNS

SLOTS = 5  # table pairs: the batches parsed ahead (3), the one being copied, one being filled
NAME = "bulk"  # the stage's name on the writer's connection
BULK_CACHE_KIB = 256 * 1024  # page cache while loading: the table's pages are written once
# FTS5 keeps this many bytes of new terms in memory before it writes a segment (default 1 MB):
# larger while loading means fewer segments to merge (about a quarter less time inserting).
BULK_FTS_HASHSIZE = 64 << 20
FTS_HASHSIZE = 1 << 20  # FTS5's own default, set again after the load


@dataclass
class Batch:
    """A batch in the stage: its tables' number, the ids its rows take, the photos it names."""

    slot: int
    first_id: int
    count: int
    photos_json: str  # [sha256, ...]


class Stage:
    """The in-memory tables between the parsing thread (``fill``) and the writer (``copy``).
    Made around the write transaction, opened inside it once the snapshot's columns are known
    (``open``), let go after it."""

    def __init__(self, store) -> None:
        self.store = store
        self.uri = f"file:mihani-bulk-{uuid.uuid4().hex}?mode=memory&cache=shared"
        self.conn = sqlcipher3.connect(
            self.uri, uri=True, isolation_level=None, check_same_thread=False
        )
        self.free: queue.Queue[int] = queue.Queue()
        self.attached = False

    def __enter__(self) -> Stage:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.attached:  # after the caller's transaction: the stage's tables are let go
            with self.store.between_transactions() as conn:
                conn.execute(f"DETACH DATABASE {NAME}")
                conn.execute("PRAGMA read_uncommitted = 0")
            self.attached = False
        self.conn.close()

    def open(self, conn: sqlcipher3.Connection, columns: Sequence[str]) -> None:
        """Tables for rows with the snapshot's ``columns`` (in its order: positional names
        here, so the header's names never reach SQL), attached to the writer's ``conn``
        inside its transaction (attached before ``BEGIN IMMEDIATE``, the stage would be
        locked for writing by the writer until it commits)."""
        self.columns = list(columns)
        cols = ", ".join(f"c{i}" for i in range(len(self.columns)))
        for slot in range(SLOTS):
            self.conn.execute(f"CREATE TABLE rows{slot} ({cols})")
            self.conn.execute(f"CREATE TABLE fts{slot} (n, names, skel)")
            self.free.put(slot)
        self._sql = [_statements(slot, self.columns) for slot in range(SLOTS)]
        self._ix = {f: self.columns.index(f) for f in (*NAME_FIELDS, "status", "photo_sha256")}
        conn.execute("PRAGMA read_uncommitted = 1")
        conn.execute(f"ATTACH DATABASE ? AS {NAME} KEY ''", (self.uri,))  # plain memory
        self.attached = True

    def fill(self, rows: list[list], first_id: int, stop: threading.Event) -> Batch | None:
        """The parsing thread: ``rows`` into a free pair of tables, with their name-index terms
        (none for a deleted row); None when ``stop`` is set while waiting for a free pair."""
        slot = self._take(stop)
        if slot is None:
            return None
        ix = self._ix
        f1, f2, f3, f4 = (ix[f] for f in NAME_FIELDS)
        status, photo = ix["status"], ix["photo_sha256"]
        fts = [(n, *name_terms((r[f1], r[f2], r[f3], r[f4])))
               for n, r in enumerate(rows, first_id) if r[status] != "deleted"]  # fmt: skip
        photos = sorted({r[photo] for r in rows if r[photo]})
        conn = self.conn
        conn.execute("BEGIN")
        try:
            sql = self._sql[slot]
            conn.execute(sql.clear_rows)
            conn.execute(sql.clear_fts)
            conn.executemany(sql.bind_rows, rows)
            conn.executemany(sql.bind_fts, fts)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            self.free.put(slot)
            raise
        return Batch(slot, first_id, len(rows), json.dumps(photos))

    def _take(self, stop: threading.Event) -> int | None:
        while not stop.is_set():
            with suppress(queue.Empty):
                return self.free.get(timeout=0.2)
        return None

    def copy(self, conn: sqlcipher3.Connection, batch: Batch) -> None:
        """The writer: the batch's rows and index terms into the replica, then its tables back
        to the parser. Values arrive as the row-by-row path binds them."""
        slot = batch.slot
        try:
            conn.execute(self._sql[slot].copy_rows, (batch.first_id,))
            conn.execute(self._sql[slot].copy_fts)
            conn.execute(
                "INSERT OR IGNORE INTO blob_queue (sha256, direction)"
                " SELECT value, 'down' FROM json_each(?)",
                (batch.photos_json,),
            )
        finally:
            self.free.put(slot)


@dataclass(frozen=True)
class _Slot:
    """The statements of one pair of stage tables (names made here from numbers and
    ``COLUMNS``; every value bound)."""

    clear_rows: str
    clear_fts: str
    bind_rows: str
    bind_fts: str
    copy_rows: str
    copy_fts: str


def _statements(slot: int, columns: list[str]) -> _Slot:
    marks = ", ".join("?" * len(columns))
    picks = ", ".join(f"c{columns.index(c)}" for c in COLUMNS)
    return _Slot(
        f"DELETE FROM rows{slot}",  # noqa: S608  # nosec B608 # a number
        f"DELETE FROM fts{slot}",  # noqa: S608  # nosec B608 # a number
        f"INSERT INTO rows{slot} VALUES ({marks})",  # noqa: S608  # nosec B608 # a number, marks
        f"INSERT INTO fts{slot} VALUES (?, ?, ?)",  # noqa: S608  # nosec B608 # a number
        f"INSERT INTO artisan (id, {', '.join(COLUMNS)}) SELECT ? + rowid - 1, {picks}"  # noqa: S608  # nosec B608 # names from COLUMNS and positions
        f" FROM {NAME}.rows{slot} ORDER BY rowid",
        "INSERT INTO artisan_fts (rowid, names, skel)"  # noqa: S608  # nosec B608 # a number
        f" SELECT n, names, skel FROM {NAME}.fts{slot} ORDER BY rowid",
    )


@contextmanager
def load(conn: sqlcipher3.Connection) -> Iterator[None]:
    """Inside a write transaction, around the copies: the artisan table's own indexes are
    dropped and made again at the end (sorting once beats inserting into them row by row),
    with a larger page cache and FTS5 term buffer meanwhile. An error leaves them to the
    transaction's rollback."""
    saved = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'artisan'"
        " AND sql IS NOT NULL"
    ).fetchall()
    cache = int(conn.execute("PRAGMA main.cache_size").fetchone()[0])
    conn.execute(f"PRAGMA main.cache_size = {-BULK_CACHE_KIB}")
    try:
        _fts_hashsize(conn, BULK_FTS_HASHSIZE)
        for name, _sql in saved:
            conn.execute(f'DROP INDEX main."{name}"')
        yield
        for _name, sql in saved:
            conn.execute(sql)
        _fts_hashsize(conn, FTS_HASHSIZE)  # written in the index's config: part of the commit
    finally:
        conn.execute(f"PRAGMA main.cache_size = {cache}")


def _fts_hashsize(conn: sqlcipher3.Connection, size: int) -> None:
    with suppress(sqlcipher3.OperationalError):  # an SQLite without the option: only slower
        conn.execute("INSERT INTO artisan_fts (artisan_fts, rank) VALUES ('hashsize', ?)", (size,))
