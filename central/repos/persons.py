"""National de-duplication: one row per person's CIN, whatever the region (not partitioned,
so a CIN is unique nationwide by a primary key, even under concurrent pushes)."""

from __future__ import annotations

import psycopg


def claim(conn: psycopg.Connection, cin: str, region: str, uid: str) -> dict | None:
    """Claim ``cin`` for ``uid``; ``None`` if done, else the region and uid already holding it."""
    row = conn.execute(
        "INSERT INTO person_cin (cin, region_code, uid) VALUES (%s, %s, %s)"
        " ON CONFLICT (cin) DO NOTHING RETURNING cin",
        (cin, region, uid),
    ).fetchone()
    if row is not None:
        return None
    return holder(conn, cin)


def holder(conn: psycopg.Connection, cin: str) -> dict | None:
    """Who holds ``cin``: region, uid and reference."""
    return conn.execute(
        "SELECT p.region_code, p.uid::text AS uid, a.nia, a.provisional_ref FROM person_cin p"
        " LEFT JOIN artisan a ON a.region_code = p.region_code AND a.uid = p.uid"
        " WHERE p.cin = %s",
        (cin,),
    ).fetchone()


def release(conn: psycopg.Connection, cin: str, uid: str) -> None:
    conn.execute("DELETE FROM person_cin WHERE cin = %s AND uid = %s", (cin, uid))
