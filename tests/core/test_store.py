"""The local store is encrypted at rest, its key lives in the keyring, and without a keyring
the app stops with a clear message instead of falling back to a plain key file."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import pytest
import sqlcipher3

from app.demo.fill import fill_demo
from app.errors import UserFacingError
from app.store.store import Store


def test_database_file_holds_no_plaintext(ws):
    fill_demo(ws, 300, seed=3)
    conn = ws.store.read()
    rows = conn.execute("SELECT cin, last_name_lat, first_name_ar, phone FROM artisan").fetchall()
    ws.store.writer.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    blob = b"".join(p.read_bytes() for p in ws.profile.home.glob("mihani.db*"))
    needles = {v for row in rows for v in row if v and len(v) >= 5}
    assert len(needles) > 300
    leaked = [n for n in needles if n.encode() in blob]
    assert leaked == []
    assert b"SQLite format 3" not in blob[:100]


def test_plain_sqlite_cannot_read_it(ws):
    plain = sqlite3.connect(ws.profile.db_path)
    with pytest.raises(sqlite3.DatabaseError):
        plain.execute("SELECT count(*) FROM sqlite_master").fetchone()
    plain.close()


def test_a_wrong_key_is_refused_clearly(ws):
    with pytest.raises(UserFacingError) as err:
        Store(ws.profile.db_path, "ab" * 32)
    assert "ne peut pas être lue" in err.value.message("fr")


def test_settings_are_wal_full_sync_and_migrated(ws):
    conn = ws.store.writer
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    names = {r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations")}
    assert "m001_core" in names


def test_no_key_file_in_the_profile(ws):
    files = {p.name for p in ws.profile.home.iterdir()}
    assert files <= {"profile.json", "mihani.db", "mihani.db-wal", "mihani.db-shm"}
    assert ws.store._key not in (ws.profile.home / "profile.json").read_text()


def test_without_a_keyring_the_app_says_so_and_stops(tmp_path):
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    home = tmp_path / "p"
    out = subprocess.run(
        [sys.executable, "-m", "app.cli.main", "--home", str(home), "init", "--region", "07"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 1
    assert "trousseau" in out.stderr and "PYTHON_KEYRING_BACKEND" in out.stderr
    assert not (home / "profile.json").exists()
    assert not (home / "mihani.db").exists()


def test_a_commit_that_fails_leaves_no_transaction_open(ws):
    """A COMMIT SQLite refuses (here a deferred foreign key; on a laptop, a full disk) is
    rolled back: the next write starts a transaction of its own instead of joining one that
    never ends, and nothing of the failed one stays."""
    w = ws.store.writer
    w.execute("CREATE TEMP TABLE parent (id INTEGER PRIMARY KEY)")
    w.execute("CREATE TEMP TABLE child (pid INTEGER REFERENCES parent(id)"
              " DEFERRABLE INITIALLY DEFERRED)")  # fmt: skip
    with pytest.raises(sqlcipher3.IntegrityError), ws.store.write() as conn:
        conn.execute("INSERT INTO child VALUES (7)")
        conn.execute("UPDATE sync_state SET pull_cursor = 'half-written'")
    assert not w.in_transaction
    with ws.store.write() as conn:
        conn.execute("INSERT INTO temp.parent VALUES (1)")
    assert not w.in_transaction
    read = ws.store.read()
    assert read.execute("SELECT pull_cursor FROM sync_state").fetchone()[0] != "half-written"
    assert w.execute("SELECT count(*) FROM temp.child").fetchone()[0] == 0
