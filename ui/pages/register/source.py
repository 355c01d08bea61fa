"""Pages of artisans for the register's table, read on a worker thread.

A typed query goes to the core's ``search`` (names in both scripts, CIN, NIA, phone), page by
page; the filters then keep the matching rows of each page. With no query, the register is
browsed newest first by the filters, page by page after the last id seen (keyset paging, so
page 5,000 costs what page 1 does).

The listing and the counting themselves are the core's (``app/registry/browse.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.registry.browse import FILTER_COLUMNS, matcher
from app.registry.browse import browse as registry_browse
from app.registry.search import search


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
    names: dict = field(default_factory=dict)  # how a filter's value reads, when not a code

    def active_filters(self) -> dict:
        return {k: v for k, v in self.filters.items() if v and k in FILTER_COLUMNS}


def browse(conn, filters: dict, limit: int, after_id: int | None) -> Page:
    rows, done = registry_browse(conn, filters, limit, after_id)
    return Page(rows, done, after_id=rows[-1]["id"] if rows else after_id)


def fetch(ws, query: Query, limit: int, offset: int, after_id: int | None) -> Page:
    """One page for ``query``; call on a worker thread (it opens the thread's reader)."""
    conn = ws.store.read()
    filters = query.active_filters()
    if not query.text.strip():
        return browse(conn, filters, limit, after_id)  # the total is counted apart
    result = search(conn, query.text, limit=limit, offset=offset)
    got = len(result.items)
    keep = matcher(conn, filters)
    rows = [r for r in result.items if keep(r)]
    return Page(
        rows,
        got < limit,
        next_offset=offset + got,
        total=None if filters else result.total,
        capped=result.total_capped,
        kind=result.kind,
    )
