"""The rows of a register view, in the order the register shows them, streamed.

The same rules as the register page (``app/registry/browse.py``): with no text, the
artisans the filters keep, newest first; with a text, the core's ``search`` (names in both
scripts, CIN, NIA, phone) page after page, and the filters keep the matching rows of each
page. ``search`` orders its hits in tiers whose concatenation does not depend on the page
size, so larger pages here give exactly the rows the register's pages of 100 give.

Everything is read inside one read transaction: a consistent snapshot even while the agent
goes on enrolling.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import sqlcipher3

from app.errors import UserFacingError
from app.registry.browse import FILTER_COLUMNS, matcher, where_clause
from app.registry.search import search

FILTER_KEYS = FILTER_COLUMNS
FIRST_PAGE = 500
MAX_PAGE = 16_000  # below SQLite's limit on bound variables (``search`` fetches by id list)


def clean_filters(filters: Mapping[str, str | None] | None) -> dict[str, str]:
    """The filters that are set, checked against the register's (``FILTER_KEYS``)."""
    out: dict[str, str] = {}
    for key, value in (filters or {}).items():
        if key not in FILTER_KEYS:
            raise UserFacingError("export.error.filter_unknown", name=key)
        if value:
            out[key] = str(value)
    return out


def iter_view(
    conn: sqlcipher3.Connection, query: str, filters: Mapping[str, str | None] | None
) -> Iterator[dict]:
    """Every row of the view, as dicts of the artisan's columns, one at a time."""
    kept = clean_filters(filters)
    conn.execute("BEGIN")
    try:
        if (query or "").strip():
            yield from _searched(conn, query, kept)
        else:
            yield from _browsed(conn, kept)
    finally:
        if conn.in_transaction:
            conn.execute("COMMIT")


def _browsed(conn: sqlcipher3.Connection, filters: dict[str, str]) -> Iterator[dict]:
    where, params = where_clause(filters)
    sql = f"SELECT * FROM artisan{where} ORDER BY id DESC"  # noqa: S608 (the register's order)  # nosec B608 # where_clause admits only FILTER_COLUMNS; values bound
    cursor = conn.execute(sql, params)  # a cursor streams: no fetchall
    for row in cursor:
        yield dict(row)


def _searched(conn: sqlcipher3.Connection, query: str, filters: dict[str, str]) -> Iterator[dict]:
    offset, page = 0, FIRST_PAGE
    keep = matcher(conn, filters)
    while True:
        result = search(conn, query, limit=page, offset=offset)
        for row in result.items:
            if keep(row):
                yield row
        if len(result.items) < page:
            return
        offset += len(result.items)
        page = min(page * 2, MAX_PAGE)
