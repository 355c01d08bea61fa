"""The audit log is append-only and hash-chained; verification names the first broken entry."""

from __future__ import annotations

import pytest

from app import audit
from app.store.connection import DatabaseError


def test_chain_verifies_after_enrolments(ws, valid):
    ws.registry.enrol(valid, "agent1")
    ws.registry.enrol({**valid, "cin": "EE000001", "birth_date": "1960-06-06"}, "agent1")
    report = audit.verify_chain(ws.store.read())
    assert report.ok and report.entries == 3  # init + two enrolments


def test_update_and_delete_are_refused_by_the_store(ws, valid):
    ws.registry.enrol(valid, "agent1")
    for sql in ("UPDATE audit SET agent = 'mallory'", "DELETE FROM audit"):
        with pytest.raises(DatabaseError, match="append-only"), ws.store.write() as conn:
            conn.execute(sql)
    assert audit.verify_chain(ws.store.read()).ok


def test_tampering_is_found_at_the_first_broken_entry(ws, valid):
    for i in range(5):
        ws.registry.enrol(
            {**valid, "cin": f"EE00000{i}", "birth_date": f"19{60 + i}-01-01"}, "agent1"
        )
    with ws.store.write() as conn:  # someone with the key bypasses the triggers
        conn.execute("DROP TRIGGER audit_no_update")
        conn.execute("UPDATE audit SET agent = 'mallory' WHERE seq = 4")
    report = audit.verify_chain(ws.store.read())
    assert not report.ok and report.first_broken == 4 and report.reason == "hash"


def test_a_removed_entry_is_found(ws, valid):
    for i in range(3):
        ws.registry.enrol(
            {**valid, "cin": f"EE00001{i}", "birth_date": f"19{70 + i}-01-01"}, "agent1"
        )
    with ws.store.write() as conn:
        conn.execute("DROP TRIGGER audit_no_delete")
        conn.execute("DELETE FROM audit WHERE seq = 2")
    report = audit.verify_chain(ws.store.read())
    assert report.first_broken == 2 and report.reason == "missing"
