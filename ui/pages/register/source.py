"""Pages of artisans for the register's table, read on a worker thread.

A typed query goes to the core's ``search`` (names in both scripts, CIN, NIA, phone), page by
page; the filters then keep the matching rows of each page. With no query, the register is
browsed newest first by the filters, page by page after the last id seen (keyset paging, so
page 5,000 costs what page 1 does).

TODO(lead): ``browse`` is a read-only listing that belongs with ``app/registry/search.py``;
it lives here only because that module was not this issue's to edit.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.registry.search import search

FILTER_COLUMNS = ("commune_code", "activity_code", "category", "status")
COLUMNS = (
    "id, uid, nia, provisional_ref, cin, first_name_ar, last_name_ar, first_name_lat,"
    " last_name_lat, birth_date, commune_code, activity_code, category, status, version"
)


@dataclass
class Page:
    rows: list[dict]
    done: bool  # no page after this one
    next_offset: int = 0
    after_id: int | None = None
    total: int | None = None
    capped: bool = False
    kind: str = "browse"
    cells: list = field(default_factory=list)


@dataclass
class Query:
    text: str = ""
    filters: dict = field(default_factory=dict)

    def active_filters(self) -> dict:
        return {k: v for k, v in self.filters.items() if v and k in FILTER_COLUMNS}


def _keep(row: dict, filters: dict) -> bool:
    return all(row.get(k) == v for k, v in filters.items())


def browse(conn, filters: dict, limit: int, after_id: int | None) -> Page:
    where, params = [], []
    for key, value in filters.items():
        where.append(f"{key} = ?")
        params.append(value)
    if after_id is not None:
        where.append("id < ?")
        params.append(after_id)
    sql = f"SELECT {COLUMNS} FROM artisan"  # noqa: S608 (column names are ours)
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY id DESC LIMIT ?"
    rows = [dict(r) for r in conn.execute(sql, [*params, limit + 1]).fetchall()]
    done = len(rows) <= limit
    rows = rows[:limit]
    return Page(rows, done, after_id=rows[-1]["id"] if rows else after_id)


def count(conn, filters: dict) -> int:
    where = " AND ".join(f"{k} = ?" for k in filters)
    sql = "SELECT count(*) FROM artisan" + (f" WHERE {where}" if where else "")  # noqa: S608
    return int(conn.execute(sql, list(filters.values())).fetchone()[0])


def fetch(ws, query: Query, limit: int, offset: int, after_id: int | None) -> Page:
    """One page for ``query``; call on a worker thread (it opens the thread's reader)."""
    conn = ws.store.read()
    filters = query.active_filters()
    if not query.text.strip():
        return browse(conn, filters, limit, after_id)  # the total is counted apart
    result = search(conn, query.text, limit=limit, offset=offset)
    got = len(result.items)
    rows = [r for r in result.items if _keep(r, filters)]
    return Page(
        rows,
        got < limit,
        next_offset=offset + got,
        total=None if filters else result.total,
        capped=result.total_capped,
        kind=result.kind,
    )
