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
from collections.abc import Iterable

import sqlcipher3

from app.model.artisan import RECORD_FIELDS
from app.registry.index import index_artisan, reindex_artisan

COLUMNS = RECORD_FIELDS
_INSERT = (
    f"INSERT INTO artisan ({', '.join(COLUMNS)}) "  # noqa: S608  # nosec B608 # columns from the COLUMNS constant; values bound
    f"VALUES ({', '.join('?' * len(COLUMNS))})"
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


def is_empty(conn: sqlcipher3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM artisan LIMIT 1").fetchone() is None
