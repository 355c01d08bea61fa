"""Tools for a bad day: a restored (or cloned) database must register again and never
replays its changes; a cursor too old takes a fresh snapshot."""

from __future__ import annotations

import shutil

import pytest

from sync.errors import MustReregister


def _copy(src, dst):
    dst.mkdir(parents=True, exist_ok=True)
    for f in src.glob("mihani.db*"):
        shutil.copy2(f, dst / f.name)


def test_restored_database_stops_and_registers_again(site, tmp_path):
    a = site.laptop("a")
    first = {a.enrol() for _ in range(2)}
    a.sync()
    a.ws.close()
    _copy(a.home, tmp_path / "backup")  # the backup
    a.reopen()
    later = {a.enrol() for _ in range(2)}
    a.sync()
    a.ws.close()
    _copy(tmp_path / "backup", a.home)  # the laptop is restored from it
    a.reopen()
    again = a.enrol()  # the same mid as a change the server knows, with other contents
    before = site.server_state()
    with pytest.raises(MustReregister) as err:
        a.sync()
    assert err.value.msgid == "sync.error.must_reregister"
    assert site.server_state() == before  # nothing replayed
    with pytest.raises(MustReregister):
        a.sync()  # and it stays stopped
    assert a.outbox() == 1
    a.register()
    a.sync()
    server = site.server_state()
    assert first | later | {again} <= set(server)
    assert a.state() == server


def test_restored_copy_caught_before_any_new_change(site, tmp_path):
    a = site.laptop("a")
    a.enrol()
    a.ws.close()
    _copy(a.home, tmp_path / "backup")
    a.reopen()
    a.enrol()
    a.enrol()
    a.sync()  # the server acknowledged mids 1 to 3
    a.ws.close()
    _copy(tmp_path / "backup", a.home)  # a copy that only ever issued mid 1
    a.reopen()
    before = site.server_state()
    with pytest.raises(MustReregister):
        a.sync()
    assert site.server_state() == before


def test_cursor_too_old_takes_a_snapshot(site):
    a, b = site.laptop("a"), site.laptop("b")
    with site.admin.db.tx() as conn:
        conn.execute("UPDATE region SET feed_epoch = feed_epoch + 1 WHERE code = %s", ("07",))
    uids = {b.enrol() for _ in range(3)}
    b.sync()
    res = a.sync()
    assert res.snapshot is not None and res.snapshot >= 3
    server = site.server_state()
    assert uids <= set(server)
    assert a.state() == server
