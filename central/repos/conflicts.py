"""Conflicts kept for a person: a field two laptops changed differently, or a person
enrolled twice (same CIN). Resolved by a supervisor, or by a later change of that field
made knowing the server's value."""

from __future__ import annotations

from typing import Any

import psycopg
from psycopg.types.json import Jsonb


def record(
    conn: psycopg.Connection,
    *,
    region: str,
    uid: str,
    kind: str,
    field: str,
    base: Any,
    server: Any,
    local: Any,
    client_id: str | None,
    mid: int | None,
    agent: str,
) -> int:
    row = conn.execute(
        "INSERT INTO conflict (region_code, artisan_uid, kind, field, base_value, server_value,"
        " local_value, client_id, mid, agent) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
        " RETURNING id",
        (region, uid, kind, field, Jsonb(base), Jsonb(server), Jsonb(local), client_id, mid,
         agent),
    ).fetchone()  # fmt: skip
    return int(row["id"])


def supersede(conn: psycopg.Connection, uid: str, fields: list[str], by: str, mid: int) -> None:
    """Open field conflicts of these fields are settled by a change made over the server value."""
    conn.execute(
        "UPDATE conflict SET status = 'resolved', resolved_by = %s, resolved_at = now(),"
        " resolution = %s WHERE artisan_uid = %s AND field = ANY(%s) AND status = 'open'"
        " AND kind = 'field'",
        (by, Jsonb({"superseded_by_mid": mid}), uid, fields),
    )


def listing(conn: psycopg.Connection, region: str, status: str, after: int, limit: int) -> list:
    rows = conn.execute(
        "SELECT id, region_code, artisan_uid::text AS artisan_uid, kind, field, base_value,"
        " server_value, local_value, client_id, mid, agent, created_at::text AS created_at,"
        " status, resolution, resolved_by FROM conflict"
        " WHERE region_code = %s AND status = %s AND id > %s ORDER BY id LIMIT %s",
        (region, status, after, limit),
    ).fetchall()
    return [dict(r) for r in rows]


_GET = (
    "SELECT id, region_code, artisan_uid::text AS artisan_uid, kind, field, base_value,"
    " server_value, local_value, status FROM conflict WHERE id = %s"
)
_GET_LOCKED = _GET + " FOR UPDATE"


def get(conn: psycopg.Connection, conflict_id: int, *, lock: bool = False) -> dict | None:
    query = _GET_LOCKED if lock else _GET
    row = conn.execute(
        query,
        (conflict_id,),
    ).fetchone()
    return dict(row) if row else None


def close(conn: psycopg.Connection, conflict_id: int, resolution: dict, by: str) -> None:
    conn.execute(
        "UPDATE conflict SET status = 'resolved', resolution = %s, resolved_by = %s,"
        " resolved_at = now() WHERE id = %s",
        (Jsonb(resolution), by, conflict_id),
    )
