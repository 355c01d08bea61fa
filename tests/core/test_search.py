"""Search as you type: names in either script, exact CIN/NIA/phone, ranking and paging."""

from __future__ import annotations

import pytest

from app.demo.fill import fill_demo
from app.registry.search import classify, search


@pytest.fixture
def demo(ws):
    fill_demo(ws, 3000, seed=7)
    return ws


def _family(rec):
    return rec["last_name_lat"], rec["last_name_ar"]


def test_arabic_and_latin_queries_find_the_same_artisans(demo):
    conn = demo.store.read()
    truth = {
        r[0]
        for r in conn.execute("SELECT uid FROM artisan WHERE last_name_ar = 'العلوي'").fetchall()
    }
    assert len(truth) >= 3
    ar = {r["uid"] for r in search(conn, "العلوي", limit=500).items}
    lat = {r["uid"] for r in search(conn, "alaoui", limit=500).items}
    assert truth <= ar and truth <= lat


def test_arabic_query_ignores_tashkeel_and_letter_forms(demo):
    conn = demo.store.read()
    plain = {r["uid"] for r in search(conn, "العلوي", limit=500).items}
    assert {r["uid"] for r in search(conn, "اَلْعَلَوِي", limit=500).items} == plain
    assert {r["uid"] for r in search(conn, "علوي", limit=500).items} >= plain


def test_latin_query_ignores_case_accents_and_hyphens(demo):
    conn = demo.store.read()
    a = {r["uid"] for r in search(conn, "FATIMA ZAHRA", limit=500).items}
    b = {r["uid"] for r in search(conn, "fatima-zahra", limit=500).items}
    assert a and a == b


def test_prefix_search_as_you_type(demo):
    conn = demo.store.read()
    res = search(conn, "moh", limit=10)
    assert len(res.items) == 10 and res.total >= 10
    assert all(
        any(
            t.startswith("moh")
            for t in (r["first_name_lat"] + " " + r["last_name_lat"])
            .lower()
            .replace("-", " ")
            .split()
        )
        for r in res.items
    )


def test_whole_word_matches_rank_before_prefix_matches(demo, valid):
    demo.registry.enrol(
        {
            **valid,
            "last_name_lat": "Ali",
            "last_name_ar": "علي",
            "first_name_lat": "Zakaria",
            "first_name_ar": "زكرياء",
            "sex": "M",
            "cin": "EE999111",
        },
        "agent1",
    )
    items = search(demo.store.read(), "zakaria ali", limit=5).items
    assert items[0]["last_name_lat"] == "Ali"


def test_paging_returns_disjoint_pages(demo):
    conn = demo.store.read()
    one = [r["uid"] for r in search(conn, "m", limit=20, offset=0).items]
    two = [r["uid"] for r in search(conn, "m", limit=20, offset=20).items]
    assert len(one) == len(two) == 20 and not set(one) & set(two)


def test_exact_lookups_by_cin_nia_and_phone(demo):
    conn = demo.store.read()
    rec = dict(conn.execute("SELECT * FROM artisan WHERE phone IS NOT NULL LIMIT 1").fetchone())
    assert [r["uid"] for r in search(conn, rec["cin"].lower()).items] == [rec["uid"]]
    assert [r["uid"] for r in search(conn, rec["nia"].replace("-", "")).items] == [rec["uid"]]
    local = "0" + rec["phone"][4:]
    assert rec["uid"] in [r["uid"] for r in search(conn, local).items]


@pytest.mark.parametrize(
    ("query", "kind"),
    [
        ("AB123456", "cin"),
        ("ab 123456", "cin"),
        ("07-00000001-10", "nia"),
        ("0612345678", "phone"),
        ("+212 6 12 34 56 78", "phone"),
        ("El Alaoui", "name"),
        ("العلوي", "name"),
        ("", "empty"),
        ("   ", "empty"),
    ],
)
def test_query_kinds(query, kind):
    assert classify(query)[0] == kind


def test_odd_queries_never_break_fts(demo):
    conn = demo.store.read()
    for q in ('"', "NEAR(", "a OR b", "*", "'; DROP TABLE artisan; --", "^", "((", "-"):
        search(conn, q)
    assert conn.execute("SELECT count(*) FROM artisan").fetchone()[0] == 3000
