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
from functools import lru_cache

import sqlcipher3

from app.model.artisan import RECORD_FIELDS
from app.registry.index import NAME_FIELDS, index_artisan, reindex_artisan
from app.text.normalize import name_tokens
from app.text.translit import skeleton

COLUMNS = RECORD_FIELDS
_INSERT = (
    f"INSERT INTO artisan ({', '.join(COLUMNS)}) "  # noqa: S608
    f"VALUES ({', '.join('?' * len(COLUMNS))})"
)
_UPDATE = f"UPDATE artisan SET {', '.join(c + ' = ?' for c in COLUMNS)} WHERE id = ?"  # noqa: S608


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


@lru_cache(maxsize=50_000)
def _tokens(name: str) -> tuple[str, ...]:
    return tuple(name_tokens(name))


@lru_cache(maxsize=100_000)
def _skel(token: str) -> str:
    return skeleton(token)


def _terms(names: list) -> tuple[str, str]:
    tokens = list(dict.fromkeys(t for name in names for t in _tokens(name or "")))
    skels = dict.fromkeys(s for s in map(_skel, tokens) if len(s) >= 2)
    return " ".join(tokens), " ".join(skels)


def is_empty(conn: sqlcipher3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM artisan LIMIT 1").fetchone() is None


def bulk_insert(conn: sqlcipher3.Connection, rows: list[list], columns: list[str], first_id: int):
    """Insert rows (lists in ``columns`` order) known to be new (an empty replica); ids from
    ``first_id``; returns the next id."""
    if list(columns) != list(COLUMNS):
        pick = [columns.index(c) for c in COLUMNS]
        rows = [[r[i] for i in pick] for r in rows]
    conn.executemany(
        f"INSERT INTO artisan (id, {', '.join(COLUMNS)}) "  # noqa: S608
        f"VALUES (?, {', '.join('?' * len(COLUMNS))})",
        [(first_id + n, *r) for n, r in enumerate(rows)],
    )
    names = [COLUMNS.index(f) for f in NAME_FIELDS]
    status, photo = COLUMNS.index("status"), COLUMNS.index("photo_sha256")
    conn.executemany(
        "INSERT INTO artisan_fts (rowid, names, skel) VALUES (?, ?, ?)",
        [(first_id + n, *_terms([r[i] for i in names])) for n, r in enumerate(rows)
         if r[status] != "deleted"],
    )  # fmt: skip
    digests = {r[photo] for r in rows if r[photo]}
    conn.executemany(
        "INSERT OR IGNORE INTO blob_queue (sha256, direction) VALUES (?, 'down')",
        [(d,) for d in digests],
    )
    return first_id + len(rows)
