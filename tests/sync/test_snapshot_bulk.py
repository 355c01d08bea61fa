"""The snapshot's bulk load (empty replica) against the row-by-row path: the same rows, the
same NULLs, the same secondary indexes, the same search answers; a damaged snapshot or a
clash leaves the replica empty with its indexes. No server needed: the file is made here in
the wire's format (``app/wire/pull.py``)."""

from __future__ import annotations

import datetime as dt
import gzip
import json

import pytest

from app import replica, replica_bulk
from app.demo.people import PeopleFactory
from app.model.artisan import RECORD_FIELDS
from app.refdata import load_geo, load_nomenclature
from app.registry.index import index_terms
from app.registry.search import search
from app.wire import ARTISAN_COLUMNS, SNAPSHOT_FORMAT, page_checksum
from app.workspace import init_profile
from sync import snapshot
from sync.errors import SyncError

NOW = dt.datetime(2025, 12, 15, 9, 30, tzinfo=dt.UTC)
CURSOR = "1.100.0"


def _records(n: int) -> list[dict]:
    factory = PeopleFactory("07", load_geo(), load_nomenclature(), 3, NOW.date())
    recs = []
    for i in range(n):
        rec = factory.artisan(i, "2025-12-15T09:30:00.000Z", "central")
        rec["consent_given"] = bool(rec.get("consent_given"))
        recs.append({c: rec.get(c) for c in RECORD_FIELDS})
    recs[1]["status"] = "deleted"  # kept as a row, never in the name index
    recs[2]["first_name_lat"] = 'Ba\\ha "Ou"'  # escapes survive the trip
    return recs


def _file(path, recs: list[dict], *, checksum: str | None = None) -> None:
    rows = [[r[c] for c in ARTISAN_COLUMNS] for r in recs]
    lines = [{"format": SNAPSHOT_FORMAT, "region": "07", "cursor": CURSOR,
              "columns": list(ARTISAN_COLUMNS)}, *rows,
             {"count": len(rows), "checksum": checksum or page_checksum(rows)}]  # fmt: skip
    path.write_bytes(gzip.compress("".join(json.dumps(x) + "\n" for x in lines).encode()))


def _indexes(conn) -> list[tuple]:
    return conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE tbl_name = 'artisan' ORDER BY name"
    ).fetchall()


def _writer_settings(ws) -> tuple:
    """What the bulk path changes on the writer's connection for the load, and must undo:
    the stage attached, its read mode, the log's automatic copy, the sync level."""
    w = ws.store.writer
    return (
        [r[1] for r in w.execute("PRAGMA database_list").fetchall()],
        w.execute("PRAGMA read_uncommitted").fetchone()[0],
        w.execute("PRAGMA wal_autocheckpoint").fetchone()[0],
        w.execute("PRAGMA synchronous").fetchone()[0],
    )


def _fts_config(conn) -> dict:
    return dict(conn.execute("SELECT k, v FROM artisan_fts_config").fetchall())


def _rows(conn) -> list[tuple]:
    cols = ", ".join(f"{c}, typeof({c})" for c in RECORD_FIELDS)
    return [tuple(r) for r in conn.execute(f"SELECT {cols} FROM artisan ORDER BY uid")]  # noqa: S608


@pytest.fixture
def profiles(tmp_path):
    made = [init_profile(tmp_path / name, "07", "agent1") for name in ("bulk", "rows")]
    yield made
    for ws in made:
        ws.close()


def test_bulk_load_matches_the_row_by_row_path(profiles, tmp_path, monkeypatch):
    monkeypatch.setattr(snapshot, "BULK", 70)  # several batches
    bulk, rows = profiles
    recs = _records(300)
    before = _indexes(bulk.store.read())
    settings = _writer_settings(bulk)
    assert settings == (["main"], 0, 1000, 2)
    _file(tmp_path / "s.part", recs)
    assert snapshot.apply(bulk, tmp_path / "s.part", "07", "agent1") == 300
    with rows.store.write() as w:
        replica.apply_rows(w, recs)
    a, b = bulk.store.read(), rows.store.read()
    assert _indexes(a) == before
    assert _fts_config(a).get("hashsize") == replica_bulk.FTS_HASHSIZE  # its bulk size undone
    assert _rows(a) == _rows(b)
    nulls = sum(v is None for r in recs for v in r.values())
    assert nulls > 300  # NULLs were there to bind, and _rows compared their types
    assert a.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert a.execute("SELECT pull_cursor FROM sync_state").fetchone()[0] == CURSOR
    queries = {r[f][:k] for r in recs[:40] for f in ("first_name_lat", "last_name_ar")
               for k in (2, 4, 50)}  # fmt: skip
    queries |= {recs[0]["cin"], recs[5]["nia"], "El Alaoui", "العلوي"}
    for q in sorted(queries):
        got = [(x["uid"]) for x in search(a, q, limit=500).items]
        want = [(x["uid"]) for x in search(b, q, limit=500).items]
        assert sorted(got) == sorted(want), q
    uid_deleted = recs[1]["uid"]
    rowid = a.execute("SELECT id FROM artisan WHERE uid = ?", (uid_deleted,)).fetchone()[0]
    names, _ = index_terms(recs[1])
    hits = a.execute(
        "SELECT rowid FROM artisan_fts WHERE artisan_fts MATCH ?", (f'"{names.split()[0]}"',)
    ).fetchall()
    assert rowid not in {h[0] for h in hits}
    assert not (tmp_path / "s.part").exists()
    assert _writer_settings(bulk) == settings
    # the log was copied into the database file after the commit, by a thread of its own
    bulk.store.settle()
    pages, size = (int(a.execute(f"PRAGMA {p}").fetchone()[0]) for p in ("page_count", "page_size"))
    assert bulk.store.path.stat().st_size >= pages * size


@pytest.mark.parametrize("fault", ["checksum", "clash", "cut", "nested"])
def test_a_bad_snapshot_leaves_the_replica_empty_and_indexed(profiles, tmp_path, fault):
    ws = profiles[0]
    before = _indexes(ws.store.read())
    config = _fts_config(ws.store.read())
    recs = _records(120)
    settings = _writer_settings(ws)
    if fault == "clash":
        recs[7]["cin"] = recs[3]["cin"] = "ZZ999999"
        recs[7]["category"] = recs[3]["category"] = "maalem"
    if fault == "nested":  # a value no column can hold
        recs[9]["address"] = {"street": "Derb A"}
    _file(tmp_path / "s.part", recs, checksum="0" * 64 if fault == "checksum" else None)
    if fault == "cut":
        data = gzip.decompress((tmp_path / "s.part").read_bytes())
        (tmp_path / "s.part").write_bytes(gzip.compress(data[: len(data) // 2]))
    with pytest.raises((SyncError, replica.sqlcipher3.IntegrityError)):
        snapshot.apply(ws, tmp_path / "s.part", "07", "agent1")
    conn = ws.store.read()
    assert conn.execute("SELECT count(*) FROM artisan").fetchone()[0] == 0
    assert conn.execute("SELECT pull_cursor FROM sync_state").fetchone()[0] is None
    assert _indexes(conn) == before
    assert _fts_config(conn) == config
    assert int(conn.execute("PRAGMA cache_size").fetchone()[0]) == -32000
    assert int(ws.store.writer.execute("PRAGMA cache_size").fetchone()[0]) == -32000
    assert _writer_settings(ws) == settings


@pytest.mark.parametrize("held", [0, 5], ids=["empty replica", "replica holding rows"])
@pytest.mark.parametrize("name", [12345, ["Ali"], True], ids=["number", "list", "boolean"])
def test_a_name_that_is_not_text_refuses_the_snapshot_as_damaged(profiles, tmp_path, held, name):
    """Both paths (bulk into an empty replica, row by row into one holding rows) say the
    snapshot is damaged, in words, and keep what the replica held."""
    ws = profiles[0]
    recs = _records(60)
    if held:
        with ws.store.write() as w:
            replica.apply_rows(w, recs[:held])
    before = _rows(ws.store.read())
    recs[30]["last_name_ar"] = name
    _file(tmp_path / "s.part", recs)
    with pytest.raises(SyncError) as caught:
        snapshot.apply(ws, tmp_path / "s.part", "07", "agent1")
    assert caught.value.msgid == "sync.error.snapshot_damaged"
    assert "abîmé" in caught.value.message("fr")
    assert _rows(ws.store.read()) == before
    assert ws.store.read().execute("SELECT pull_cursor FROM sync_state").fetchone()[0] is None
