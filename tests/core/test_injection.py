"""SQL and FTS5 injection through what an agent types: search queries reach FTS5 only as
quoted word tokens, exact lookups and filters only as bound values, filter names only from
a fixed list. Run on the real encrypted store."""

from __future__ import annotations

import pytest

from app.demo.fill import fill_demo
from app.registry.browse import browse, count, where_clause
from app.registry.search import search

ATTACKS = [
    '" OR "a',
    "a* OR b*",
    "names : a",
    "NEAR(a b)",
    '"; DROP TABLE artisan; --',
    "' OR '1'='1",
    "x') UNION SELECT * FROM agent --",
    "AB123456' OR 1=1 --",
    "07-00000001-10' --",
]


@pytest.fixture
def demo(ws):
    fill_demo(ws, 300, seed=11)
    return ws


@pytest.mark.parametrize("query", ATTACKS)
def test_a_hostile_query_finds_only_what_its_words_find(demo, query):
    conn = demo.store.read()
    got = search(conn, query, limit=500)
    assert got.total <= 300 and len(got.items) < 300  # never "everything" by an OR
    words = [w for w in query.replace('"', " ").split() if w.isalpha() and len(w) > 1]
    if got.kind == "name" and not words:
        assert got.items == []
    assert conn.execute("SELECT count(*) FROM artisan").fetchone()[0] == 300
    assert conn.execute("SELECT count(*) FROM agent").fetchone()[0] >= 1


def test_filter_names_come_from_a_fixed_list_and_values_are_bound(demo):
    conn = demo.store.read()
    with pytest.raises(ValueError):
        where_clause({"status = 'pending' OR 1=1 --": "x"})
    assert count(conn, {"status": "pending' OR '1'='1"}) == 0
    rows, _ = browse(conn, {"commune_code": "x' OR 1=1 --"}, limit=10)
    assert rows == []
