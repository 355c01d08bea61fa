"""Updates carry their base version and the old values of what they change; deletion is a
status change; a stale edit is refused rather than silently overwriting."""

from __future__ import annotations

import json

import pytest

from app.errors import UserFacingError, ValidationFailed
from app.registry.search import search
from tests.core.conftest import counts


def _outbox(ws, uid):
    rows = (
        ws.store.read()
        .execute("SELECT * FROM outbox WHERE entity_uid = ? ORDER BY mid", (uid,))
        .fetchall()
    )
    return [dict(r) for r in rows]


def test_update_records_base_version_and_old_values(ws, valid):
    done = ws.registry.enrol(valid, "agent1")
    new = ws.registry.update(
        done.nia, {"phone": "+212 7 00 11 22 33", "years_practice": 14}, "agent1", base_version=1
    )
    assert new["version"] == 2 and new["phone"] == "+212700112233"
    row = _outbox(ws, done.uid)[-1]
    assert row["op"] == "update" and row["base_version"] == 1
    assert json.loads(row["base_values"]) == {"phone": "+212612345678", "years_practice": 12}
    assert json.loads(row["patch"]) == {"phone": "+212700112233", "years_practice": 14}


def test_stale_update_is_refused_and_nothing_written(ws, valid):
    done = ws.registry.enrol(valid, "agent1")
    ws.registry.update(done.uid, {"workplace": "Souk Semmarine"}, "agent1", base_version=1)
    before = counts(ws)
    with pytest.raises(UserFacingError) as err:
        ws.registry.update(done.uid, {"workplace": "Derb Dabachi"}, "agent1", base_version=1)
    assert err.value.msgid == "error.version_conflict"
    assert counts(ws) == before


def test_invalid_update_is_refused_and_record_unchanged(ws, valid):
    done = ws.registry.enrol(valid, "agent1")
    with pytest.raises(ValidationFailed):
        ws.registry.update(done.uid, {"category": "maalem", "years_practice": 4}, "agent1", 1)
    rec = ws.store.read().execute("SELECT * FROM artisan WHERE uid = ?", (done.uid,)).fetchone()
    assert rec["category"] == "experience" and rec["version"] == 1
    assert len(_outbox(ws, done.uid)) == 1


def test_name_change_is_searchable_at_once(ws, valid):
    done = ws.registry.enrol(valid, "agent1")
    ws.registry.update(
        done.uid,
        {"last_name_lat": "Benjelloun", "last_name_ar": "بنجلون"},
        "agent1",
        base_version=1,
    )
    conn = ws.store.read()
    assert [r["uid"] for r in search(conn, "benjelloun").items] == [done.uid]
    assert search(conn, "alaoui").items == []


def test_deletion_is_a_status_change_that_leaves_the_record(ws, valid):
    done = ws.registry.enrol(valid, "agent1")
    ws.registry.set_status(done.nia, "deleted", "agent1", reason="doublon papier")
    conn = ws.store.read()
    assert search(conn, "alaoui").items == []
    assert search(conn, done.nia).items[0]["status"] == "deleted"
    row = _outbox(ws, done.uid)[-1]
    assert row["op"] == "status" and json.loads(row["base_values"]) == {"status": "pending"}
    with pytest.raises(UserFacingError):
        ws.registry.update(done.uid, {"workplace": "x"}, "agent1", base_version=2)


def test_unknown_status_and_unknown_artisan_are_refused(ws, valid):
    done = ws.registry.enrol(valid, "agent1")
    with pytest.raises(UserFacingError):
        ws.registry.set_status(done.uid, "archived", "agent1")
    with pytest.raises(UserFacingError) as err:
        ws.registry.update("07-99999999-99", {"workplace": "x"}, "agent1", 1)
    assert "aucun artisan" in err.value.message("fr")
