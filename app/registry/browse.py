"""Browsing the register by filters, newest first, with keyset paging (page 5,000 costs what
page 1 does), and counting a filtered view."""

from __future__ import annotations

import sqlcipher3

FILTER_COLUMNS = ("commune_code", "activity_code", "category", "status")
LIST_COLUMNS = (
    "id, uid, nia, provisional_ref, cin, first_name_ar, last_name_ar, first_name_lat,"
    " last_name_lat, birth_date, commune_code, activity_code, category, status, version"
)


def where_clause(filters: dict, after_id: int | None = None) -> tuple[str, list]:
    unknown = set(filters) - set(FILTER_COLUMNS)
    if unknown:
        raise ValueError(f"not a register filter: {sorted(unknown)}")
    clauses = [f"{k} = ?" for k in filters]
    params = list(filters.values())
    if after_id is not None:
        clauses.append("id < ?")
        params.append(after_id)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def browse(
    conn: sqlcipher3.Connection, filters: dict, limit: int, after_id: int | None = None
) -> tuple[list[dict], bool]:
    """Up to ``limit`` artisans matching ``filters`` with ids below ``after_id``, newest
    first, and whether this was the last page."""
    where, params = where_clause(filters, after_id)
    sql = f"SELECT {LIST_COLUMNS} FROM artisan{where} ORDER BY id DESC LIMIT ?"  # noqa: S608
    rows = [dict(r) for r in conn.execute(sql, [*params, limit + 1]).fetchall()]
    return rows[:limit], len(rows) <= limit


def count(conn: sqlcipher3.Connection, filters: dict) -> int:
    where, params = where_clause(filters)
    return int(conn.execute(f"SELECT count(*) FROM artisan{where}", params).fetchone()[0])  # noqa: S608
