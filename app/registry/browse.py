"""Browsing the register by filters, newest first, with keyset paging (page 5,000 costs what
page 1 does), and counting a filtered view.

The caravan-session filter (``session_uid``) keeps the artisans enrolled while that
session was open (its ``artisan.enrol`` events), as the reports count them."""

from __future__ import annotations

from collections.abc import Callable

import sqlcipher3

FILTER_COLUMNS = ("commune_code", "activity_code", "category", "status", "session_uid")
IN_SESSION = (
    "uid IN (SELECT artisan_uid FROM session_event"
    " WHERE session_uid = ? AND action = 'artisan.enrol')"
)
LIST_COLUMNS = (
    "id, uid, nia, provisional_ref, cin, first_name_ar, last_name_ar, first_name_lat,"
    " last_name_lat, birth_date, commune_code, activity_code, category, status, version"
)


def where_clause(filters: dict, after_id: int | None = None) -> tuple[str, list]:
    unknown = set(filters) - set(FILTER_COLUMNS)
    if unknown:
        raise ValueError(f"not a register filter: {sorted(unknown)}")
    clauses = [IN_SESSION if k == "session_uid" else f"{k} = ?" for k in filters]
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
    sql = f"SELECT {LIST_COLUMNS} FROM artisan{where} ORDER BY id DESC LIMIT ?"  # noqa: S608  # nosec B608 # where_clause admits only FILTER_COLUMNS; values bound
    rows = [dict(r) for r in conn.execute(sql, [*params, limit + 1]).fetchall()]
    return rows[:limit], len(rows) <= limit


def count(conn: sqlcipher3.Connection, filters: dict) -> int:
    where, params = where_clause(filters)
    return int(conn.execute(f"SELECT count(*) FROM artisan{where}", params).fetchone()[0])  # noqa: S608  # nosec B608 # where_clause admits only FILTER_COLUMNS; values bound


def session_members(conn: sqlcipher3.Connection, session_uid: str) -> set[str]:
    """The uids of the artisans enrolled during a caravan session."""
    rows = conn.execute(
        "SELECT artisan_uid FROM session_event WHERE session_uid = ? AND action = 'artisan.enrol'",
        (session_uid,),
    )
    return {r[0] for r in rows}


def matcher(conn: sqlcipher3.Connection, filters: dict) -> Callable[[dict], bool]:
    """Whether a row of the artisan's columns passes ``filters`` (a search's hits are
    kept by it, page after page, with the same rules as ``where_clause``)."""
    where_clause(filters)  # the same refusal of an unknown filter
    plain = {k: v for k, v in filters.items() if k != "session_uid"}
    members = session_members(conn, filters["session_uid"]) if "session_uid" in filters else None

    def keep(row: dict) -> bool:
        if members is not None and row.get("uid") not in members:
            return False
        return all(row.get(k) == v for k, v in plain.items())

    return keep
