"""The region's replica: server rows applied to the local store and its name index.

The central service is authoritative. A pulled row of a record with no pending local change
replaces the local row (and its FTS entry); a record with pending changes (an ``outbox`` row)
keeps its local row, and the server's copy goes to ``shadow`` instead. When the last pending
change of a record has been acknowledged, ``promote`` turns the shadow into the local row.
A pulled row that clashes with a local record on a unique key (the same CIN enrolled here
and not yet pushed) waits in ``pull_deferred`` until the clash is settled.

Call everything here inside ``Store.write()``: a page set or a snapshot is applied whole or
not at all.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from functools import lru_cache

import sqlcipher3

from app.model.artisan import RECORD_FIELDS
from app.registry.index import NAME_FIELDS, index_artisan, name_terms, reindex_artisan

COLUMNS = RECORD_FIELDS
_INSERT = (
    f"INSERT INTO artisan ({', '.join(COLUMNS)}) "  # noqa: S608  # nosec B608 # columns from the COLUMNS constant; values bound
    f"VALUES ({', '.join('?' * len(COLUMNS))})"
)
_BULK_INSERT = (
    f"INSERT INTO artisan (id, {', '.join(COLUMNS)}) "  # noqa: S608  # nosec B608 # columns from the COLUMNS constant; values bound
    f"VALUES (?, {', '.join('?' * len(COLUMNS))})"
)
_UPDATE = f"UPDATE artisan SET {', '.join(c + ' = ?' for c in COLUMNS)} WHERE id = ?"  # noqa: S608  # nosec B608 # columns from the COLUMNS constant; values bound


def _values(rec: dict) -> list:
    return [rec.get(c) for c in COLUMNS]  # booleans bind as 0/1


def pending(conn: sqlcipher3.Connection, uid: str) -> bool:
    return (
        conn.execute("SELECT 1 FROM outbox WHERE entity_uid = ? LIMIT 1", (uid,)).fetchone()
        is not None
    )


def upsert(conn: sqlcipher3.Connection, rec: dict) -> bool:
    """The server's row becomes the local row; False when a unique key clashes locally."""
    row = conn.execute("SELECT id, version FROM artisan WHERE uid = ?", (rec["uid"],)).fetchone()
    try:
        if row is None:
            cur = conn.execute(_INSERT, _values(rec))
            if rec.get("status") != "deleted":
                index_artisan(conn, cur.lastrowid, rec)
        else:
            if int(rec["version"]) < int(row[1]):
                return True  # older than what we hold: nothing to do
            conn.execute(_UPDATE, [*_values(rec), row[0]])
            reindex_artisan(conn, row[0], rec)
    except sqlcipher3.IntegrityError:
        return False
    _want_photo(conn, rec)
    return True


def _want_photo(conn: sqlcipher3.Connection, rec: dict) -> None:
    digest = rec.get("photo_sha256")
    if (
        digest
        and conn.execute("SELECT 1 FROM photo WHERE sha256 = ?", (digest,)).fetchone() is None
    ):
        conn.execute(
            "INSERT OR IGNORE INTO blob_queue (sha256, direction) VALUES (?, 'down')", (digest,)
        )


def keep_shadow(conn: sqlcipher3.Connection, rec: dict) -> None:
    """Keep the server's copy of a record with pending local changes (the newer one)."""
    conn.execute(
        "INSERT INTO shadow (uid, version, data) VALUES (?, ?, ?) ON CONFLICT (uid) DO UPDATE"
        " SET version = excluded.version, data = excluded.data"
        " WHERE excluded.version >= shadow.version",
        (rec["uid"], int(rec["version"]), json.dumps(rec, ensure_ascii=False)),
    )


def apply_row(conn: sqlcipher3.Connection, rec: dict) -> None:
    """One pulled row, wherever it belongs (local row, shadow, or deferred)."""
    if pending(conn, rec["uid"]):
        keep_shadow(conn, rec)
        return
    conn.execute("DELETE FROM shadow WHERE uid = ?", (rec["uid"],))
    if upsert(conn, rec):
        conn.execute("DELETE FROM pull_deferred WHERE uid = ?", (rec["uid"],))
    else:
        conn.execute(
            "INSERT INTO pull_deferred (uid, version, data) VALUES (?, ?, ?) ON CONFLICT (uid)"
            " DO UPDATE SET version = excluded.version, data = excluded.data"
            " WHERE excluded.version >= pull_deferred.version",
            (rec["uid"], int(rec["version"]), json.dumps(rec, ensure_ascii=False)),
        )


def apply_rows(conn: sqlcipher3.Connection, rows: Iterable[dict]) -> int:
    n = 0
    for rec in rows:
        apply_row(conn, rec)
        n += 1
    return n


def retry_deferred(conn: sqlcipher3.Connection) -> int:
    """Apply the deferred rows whose clash has gone; how many are still waiting."""
    for (data,) in conn.execute("SELECT data FROM pull_deferred").fetchall():
        apply_row(conn, json.loads(data))
    return int(conn.execute("SELECT count(*) FROM pull_deferred").fetchone()[0])


def promote(conn: sqlcipher3.Connection, uid: str) -> bool:
    """The record's changes are all acknowledged: its server copy becomes the local row."""
    if pending(conn, uid):
        return False
    row = conn.execute("SELECT data FROM shadow WHERE uid = ?", (uid,)).fetchone()
    if row is None:
        return False
    conn.execute("DELETE FROM shadow WHERE uid = ?", (uid,))
    apply_row(conn, json.loads(row[0]))
    return True


# Bulk path: a snapshot into a replica holding no artisan at all.

BULK_CACHE_KIB = 256 * 1024  # page cache while loading: the table's pages are written once
# FTS5 keeps this many bytes of new terms in memory before it writes a segment (default 1 MB):
# larger while loading means fewer segments to merge (about a quarter less time inserting).
BULK_FTS_HASHSIZE = 64 << 20
FTS_HASHSIZE = 1 << 20  # FTS5's own default, set again after the load


def is_empty(conn: sqlcipher3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM artisan LIMIT 1").fetchone() is None


def bulk_reader() -> sqlcipher3.Connection:
    """An SQLite in memory (nothing on disk) for ``bulk_batch``, in the parsing thread: it
    turns each batch's JSON text into SQLite's binary JSON there, leaving the GIL meanwhile,
    so the inserting thread reads the rows without parsing them again."""
    return sqlcipher3.connect(":memory:")


@dataclass
class BulkBatch:
    """Rows made ready for ``bulk_insert`` (no connection to the store needed: any thread may
    do it), each table's rows in one JSONB value (SQLite's binary JSON): SQLite reads them in
    one statement per table, during which the driver leaves the GIL (another thread parses
    the next batch meanwhile)."""

    rows_jsonb: bytes  # the batch's JSON arrays, as received, in one array
    first_id: int
    count: int
    fts_jsonb: bytes  # [[rowid, names, skel], ...]
    photos_json: str  # [sha256, ...]


def bulk_batch(
    reader: sqlcipher3.Connection,
    rows_json: bytes,
    rows: list[list],
    columns: Sequence[str],
    first_id: int,
) -> BulkBatch:
    """``rows`` (parsed from ``rows_json``, lists in ``columns`` order) with ids from
    ``first_id``, and their index terms; ``reader`` is the caller's ``bulk_reader``."""
    f1, f2, f3, f4 = (list(columns).index(f) for f in NAME_FIELDS)
    status, photo = list(columns).index("status"), list(columns).index("photo_sha256")
    fts = [[n, *name_terms((r[f1], r[f2], r[f3], r[f4]))]
           for n, r in enumerate(rows, first_id) if r[status] != "deleted"]  # fmt: skip
    photos = sorted({r[photo] for r in rows if r[photo]})
    jsonb = "SELECT jsonb(CAST(? AS TEXT))"
    return BulkBatch(
        reader.execute(jsonb, (rows_json,)).fetchone()[0],
        first_id,
        len(rows),
        reader.execute(jsonb, (json.dumps(fts, ensure_ascii=False),)).fetchone()[0],
        json.dumps(photos),
    )


@lru_cache(maxsize=8)
def _bulk_sql(columns: tuple[str, ...]) -> str:
    picks = ", ".join(f"value ->> {columns.index(c)}" for c in COLUMNS)
    return (
        f"INSERT INTO artisan (id, {', '.join(COLUMNS)}) SELECT ? + key, {picks}"  # noqa: S608  # nosec B608 # columns from COLUMNS, JSON paths from it too; values bound
        " FROM jsonb_each(?)"
    )


def bulk_insert(conn: sqlcipher3.Connection, batch: BulkBatch, columns: Sequence[str]) -> None:
    """Insert rows known to be new (an empty replica, inside ``bulk_load``). JSON values come
    out as the row-by-row path binds them: text, integers, NULL; true and false as 1 and 0."""
    conn.execute(_bulk_sql(tuple(columns)), (batch.first_id, batch.rows_jsonb))
    conn.execute(
        "INSERT INTO artisan_fts (rowid, names, skel)"
        " SELECT value ->> 0, value ->> 1, value ->> 2 FROM jsonb_each(?)",
        (batch.fts_jsonb,),
    )
    conn.execute(
        "INSERT OR IGNORE INTO blob_queue (sha256, direction)"
        " SELECT value, 'down' FROM json_each(?)",
        (batch.photos_json,),
    )


@contextmanager
def bulk_load(conn: sqlcipher3.Connection) -> Iterator[None]:
    """Inside a write transaction, around ``bulk_insert``: the artisan table's own indexes are
    dropped and made again at the end (sorting once beats inserting into them row by row),
    with a larger page cache and FTS5 term buffer meanwhile. An error leaves them to the
    transaction's rollback."""
    saved = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'artisan'"
        " AND sql IS NOT NULL"
    ).fetchall()
    cache = int(conn.execute("PRAGMA cache_size").fetchone()[0])
    conn.execute(f"PRAGMA cache_size = {-BULK_CACHE_KIB}")
    try:
        _fts_hashsize(conn, BULK_FTS_HASHSIZE)
        for name, _sql in saved:
            conn.execute(f'DROP INDEX "{name}"')
        yield
        for _name, sql in saved:
            conn.execute(sql)
        _fts_hashsize(conn, FTS_HASHSIZE)  # written in the index's config: part of the commit
    finally:
        conn.execute(f"PRAGMA cache_size = {cache}")


def _fts_hashsize(conn: sqlcipher3.Connection, size: int) -> None:
    with suppress(sqlcipher3.OperationalError):  # an SQLite without the option: only slower
        conn.execute("INSERT INTO artisan_fts (artisan_fts, rank) VALUES ('hashsize', ?)", (size,))
