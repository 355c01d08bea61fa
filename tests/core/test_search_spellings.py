"""Names spelled more than one way find each other: the Moroccan gaf (ڭ, ݣ, گ, often
written ك) and Latin names with an apostrophe (M'Barek, typed mbarek or m'barek); a
profile indexed before this rule is indexed again when it opens."""

from __future__ import annotations

from app.registry.search import search
from app.workspace import open_workspace
from tests.records import valid_record


def _uids(ws, query: str) -> set[str]:
    return {r["uid"] for r in search(ws.store.read(), query, limit=50).items}


def _enrol(ws, **changes) -> str:
    return ws.registry.enrol(valid_record(ws, **changes), "agent1").uid


def test_the_gaf_letters_and_kaf_find_each_other(ws):
    gaf = _enrol(ws, last_name_ar="الڭناوي", last_name_lat="Gnaoui")
    kaf = _enrol(ws, cin="EE654321", last_name_ar="الكناوي", last_name_lat="Knaoui",
                 birth_date="1990-01-01")  # fmt: skip
    for query in ("الكناوي", "الڭناوي", "كناوي", "ڭناو", "الگناوي", "الݣناوي"):
        assert _uids(ws, query) == {gaf, kaf}, query


def test_a_name_with_an_apostrophe_is_found_typed_with_or_without_it(ws):
    apostrophe = _enrol(ws, first_name_lat="M'Barek", first_name_ar="مبارك", sex="M")
    joined = _enrol(ws, cin="EE654321", first_name_lat="Mbarek", first_name_ar="امبارك",
                    sex="M", birth_date="1990-01-01")  # fmt: skip
    for query in ("mbarek", "m'barek", "M’Barek", "mbar", "M'BAR"):
        assert _uids(ws, query) == {apostrophe, joined}, query
    assert _uids(ws, "barek") == {apostrophe}  # the part after the apostrophe, too


def test_an_index_made_before_the_rule_is_made_again_when_the_profile_opens(ws):
    uid = _enrol(ws, last_name_ar="الڭناوي", first_name_lat="M'Barek", sex="M")
    home = ws.profile.home
    with ws.store.write() as w:  # the index as the first normalisation left it
        rowid = w.execute("SELECT id FROM artisan WHERE uid = ?", (uid,)).fetchone()[0]
        w.execute("DELETE FROM artisan_fts WHERE rowid = ?", (rowid,))
        w.execute(
            "INSERT INTO artisan_fts (rowid, names, skel) VALUES (?, ?, ?)",
            (rowid, "m barek el alaoui alaoui الڭناوي ڭناوي", "brk alw gnw"),
        )
        w.execute("DELETE FROM _sqlite_migrations WHERE name = 'm005_name_index_v2'")
    assert _uids(ws, "mbarek") == set() and _uids(ws, "الكناوي") == set()
    ws.close()
    with open_workspace(home) as again:
        assert _uids(again, "mbarek") == {uid}
        assert _uids(again, "الكناوي") == {uid}
        assert _uids(again, "alaoui") == {uid}
