"""The outbox: every local change, in order, until the central service acknowledges it.

A row carries the change's base version and the old values of the fields it changes
(``base_values``) so the server can do a per-field three-way merge. Written only inside
the transaction of the change itself.
"""

from __future__ import annotations

import json

import sqlcipher3


def enqueue(
    conn: sqlcipher3.Connection,
    *,
    entity: str,
    entity_uid: str,
    op: str,
    patch: dict,
    created_at: str,
    base_version: int | None = None,
    base_values: dict | None = None,
) -> int:
    cur = conn.execute(
        "INSERT INTO outbox (entity, entity_uid, op, base_version, base_values, patch, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            entity,
            entity_uid,
            op,
            base_version,
            None if base_values is None else json.dumps(base_values, ensure_ascii=False),
            json.dumps(patch, ensure_ascii=False, sort_keys=True),
            created_at,
        ),
    )
    return int(cur.lastrowid)


def pending(conn: sqlcipher3.Connection, limit: int = 500) -> list[dict]:
    rows = conn.execute("SELECT * FROM outbox ORDER BY mid LIMIT ?", (limit,)).fetchall()
    out = []
    for row in rows:
        item = dict(row)
        item["patch"] = json.loads(item["patch"])
        item["base_values"] = json.loads(item["base_values"]) if item["base_values"] else None
        out.append(item)
    return out


def count(conn: sqlcipher3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM outbox").fetchone()[0])
