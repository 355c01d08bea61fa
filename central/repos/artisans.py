"""The artisan table (partitioned by region): reads, inserts, updates, the change feed.

Every write moves the row to the end of its region's feed: ``change_xid`` is the writing
transaction, ``change_seq`` a global sequence (see ``central/services/pull.py``).
"""

from __future__ import annotations

import uuid
from typing import Any

import psycopg
from psycopg import sql

from app.model.artisan import RECORD_FIELDS

COLUMNS = RECORD_FIELDS
_COLS = sql.SQL(", ").join(sql.Identifier(c) for c in COLUMNS)
_COL_LIST = ", ".join(COLUMNS)  # plain lower-case names: no quoting needed
_GET = f"SELECT {_COL_LIST} FROM artisan WHERE region_code = %s AND uid = %s"  # noqa: S608  # nosec B608 # column names from the COLUMNS constant; values bound
_GET_LOCKED = _GET + " FOR UPDATE"
_UPDATE = (
    "UPDATE artisan SET {}, version = version + 1, updated_at = %s, updated_by = %s,"
    " change_xid = pg_current_xact_id(), change_seq = nextval('artisan_change_seq')"
    " WHERE region_code = %s AND uid = %s RETURNING version"
)
# One JSON array per row, in the wire's column order, built by PostgreSQL.
JSON_ROW = sql.SQL("json_build_array({})::text").format(
    sql.SQL(", ").join(sql.Identifier(c) for c in COLUMNS)
)


def valid_uid(uid: object) -> bool:
    try:
        uuid.UUID(str(uid))
    except ValueError:
        return False
    return True


def plain(row: dict | None) -> dict | None:
    """A row as the wire sees it (uuid as text)."""
    if row is None:
        return None
    out = {c: row.get(c) for c in COLUMNS}
    out["uid"] = str(out["uid"])
    return out


def get(conn: psycopg.Connection, region: str, uid: str, *, lock: bool = False) -> dict | None:
    query = _GET_LOCKED if lock else _GET
    if not valid_uid(uid):
        return None
    return plain(conn.execute(query, (region, uid)).fetchone())


_INSERT_COLS = [*COLUMNS, "origin_device"]
_CREATE = (
    "WITH claim AS (INSERT INTO person_cin (cin, region_code, uid)"  # noqa: S608  # nosec B608 # column names from the COLUMNS constant; values bound
    " SELECT %(cin)s, %(region_code)s, %(uid)s::uuid WHERE %(claim)s"
    " ON CONFLICT (cin) DO NOTHING RETURNING cin),"
    " ins AS (INSERT INTO artisan (" + ", ".join(_INSERT_COLS) + ")"
    " SELECT "
    + ", ".join(f"%({c})s" + ("::uuid" if c == "uid" else "") for c in _INSERT_COLS)
    + " WHERE NOT %(claim)s OR EXISTS (SELECT 1 FROM claim)"
    " ON CONFLICT DO NOTHING RETURNING version)"
    " SELECT (SELECT count(*) FROM claim) AS claimed, (SELECT count(*) FROM ins) AS inserted"
)


def insert(
    conn: psycopg.Connection, rec: dict[str, Any], device: str | None, claim_cin: bool
) -> tuple[bool, bool]:
    """Insert a new artisan, claiming its CIN nationwide first when ``claim_cin``, in one
    round trip: (CIN refused, inserted). Not inserted with the CIN claimed means its uid,
    NIA or reference was taken: the caller releases the claim."""
    values = {c: rec.get(c) for c in COLUMNS}
    values.update(origin_device=device, claim=claim_cin)
    row = conn.execute(_CREATE, values).fetchone()
    return claim_cin and not row["claimed"], bool(row["inserted"])


def update(
    conn: psycopg.Connection, region: str, uid: str, changes: dict[str, Any], agent: str, now: str
) -> int:
    """Write ``changes``, bump the version, move the row in the feed; the new version."""
    sets = [sql.SQL("{} = %s").format(sql.Identifier(k)) for k in changes]
    query = sql.SQL(_UPDATE).format(sql.SQL(", ").join(sets))
    row = conn.execute(query, [*changes.values(), now, agent, region, uid]).fetchone()
    return int(row["version"])


def list_by_status(
    conn: psycopg.Connection, region: str, status: str, limit: int, after: str | None
) -> list[dict]:
    rows = conn.execute(
        sql.SQL(
            "SELECT {} FROM artisan WHERE region_code = %s AND status = %s"
            " AND (%s::uuid IS NULL OR uid > %s::uuid) ORDER BY uid LIMIT %s"
        ).format(_COLS),
        (region, status, after, after, limit),
    ).fetchall()
    return [plain(r) for r in rows]  # type: ignore[misc]


def by_nia(conn: psycopg.Connection, nia: str) -> dict | None:
    row = conn.execute(
        sql.SQL("SELECT {} FROM artisan WHERE region_code = %s AND nia = %s").format(_COLS),
        (nia[:2], nia),
    ).fetchone()
    return plain(row)
