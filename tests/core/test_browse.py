"""Browsing the register by filters: newest first, keyset pages that never repeat a row,
counts that agree with the pages, and nothing but the register's own filters accepted."""

from __future__ import annotations

import pytest

from app.demo.fill import fill_demo
from app.registry.browse import browse, count


def test_pages_cover_a_filtered_view_exactly_once(ws):
    fill_demo(ws, 600, seed=11)
    conn = ws.store.read()
    filters = {"category": "maalem", "status": "validated"}
    seen, after, done = [], None, False
    while not done:
        rows, done = browse(conn, filters, 25, after)
        assert all(r["category"] == "maalem" and r["status"] == "validated" for r in rows)
        seen += [r["id"] for r in rows]
        after = rows[-1]["id"] if rows else after
    assert seen == sorted(seen, reverse=True) and len(seen) == len(set(seen))
    assert len(seen) == count(conn, filters) > 25


def test_unknown_filter_is_refused(ws):
    with pytest.raises(ValueError):
        browse(ws.store.read(), {"cin; DROP TABLE artisan": "x"}, 10)
