"""A backup restores onto a new home with every record, photo and audit entry; the restored
profile is a new device, flagged for the sync; a wrong passphrase or a cut file restores
nothing; the file leaks no personal data; a restore never overwrites a profile."""

from __future__ import annotations

import json

import keyring
import pytest
from ops_helpers import CHEAP_KDF, PASSPHRASE, enrol_some

from app import audit
from app.backups import REQUIRES_REGISTRATION, RESTORED_FROM, create_backup, restore_backup
from app.errors import UserFacingError
from app.issuer import demo_issuer
from app.nia import lease_remaining
from app.registry.search import search
from app.store.keys import SERVICE
from app.workspace import open_workspace

TABLES = ("artisan", "photo", "outbox", "agent", "sync_state", "nia_lease", "sqlite_sequence")


def snapshot_of(ws) -> dict:
    conn = ws.store.read()
    rows = {t: [tuple(r) for r in conn.execute(f"SELECT * FROM {t}")] for t in TABLES}  # noqa: S608
    rows["audit"] = [tuple(r) for r in conn.execute("SELECT * FROM audit ORDER BY seq")]
    rows["schema"] = sorted(
        (r[0], r[1] or "") for r in conn.execute("SELECT name, sql FROM sqlite_master")
    )
    rows["search"] = [r["uid"] for r in search(conn, "fatima", limit=50).items]
    rows["search_ar"] = [r["uid"] for r in search(conn, "العلوي", limit=50).items]
    rows["search_cin"] = [r["uid"] for r in search(conn, "EE900002").items]
    return rows


def test_round_trip_gives_back_everything_on_a_new_device(demo_ws, tmp_path):
    ws = demo_ws
    demo_issuer(ws)  # the demo trust: files in the profile, a passphrase in the keyring
    for name in ("logs/mihani.log", "central/delegation.cose"):  # this laptop's own
        (ws.profile.home / name).parent.mkdir(exist_ok=True)
        (ws.profile.home / name).write_text("this laptop only")
    before = snapshot_of(ws)
    assert before["outbox"] and before["photo"] and before["search"] and before["search_cin"]
    out = tmp_path / "usb" / "mihani.backup"
    out.parent.mkdir()
    info = create_backup(ws, out, PASSPHRASE, agent="agent1", kdf=CHEAP_KDF)
    assert info.counts["artisan"] == 604 and info.counts["photo"] == 4
    assert (
        ws.store.read().execute("SELECT action FROM audit ORDER BY seq DESC").fetchone()[0]
        == "backup.create"
    )

    new_home = tmp_path / "new-laptop" / "profile"
    restored_info, profile = restore_backup(out, new_home, PASSPHRASE)
    assert restored_info.backup_id == info.backup_id and profile.home == new_home
    with open_workspace(new_home) as new:
        after = snapshot_of(new)
        entries = before.pop("audit")
        restored_entries = after.pop("audit")
        # the lost device's identity and NIA serials are not reused; the rest is identical
        for table in ("sync_state", "nia_lease"):
            assert len(after.pop(table)) == len(before.pop(table))
        assert after == before
        assert restored_entries[: len(entries)] == entries
        assert restored_entries[-1][3] == "backup.restore"
        assert audit.verify_chain(new.store.read()).ok
        assert new.profile.profile_id != ws.profile.profile_id
        assert new.profile.device_id != ws.profile.device_id
        assert new.store.integrity_check() == "ok"
        meta = dict(new.store.read().execute("SELECT key, value FROM meta").fetchall())
        assert meta[REQUIRES_REGISTRATION] == "1"
        origin = json.loads(meta[RESTORED_FROM])
        assert origin["device_id"] == ws.profile.device_id
        assert origin["client_id"] == ws.profile.device_id
        assert origin["pending_mutations"] == len(before["outbox"])
        assert origin["backup_id"] == info.backup_id
        columns = {r[1] for r in new.store.read().execute("PRAGMA table_info(sync_state)")}
        if "blocked" in columns:  # the sync's stop, cleared only by registering again
            blocked = new.store.read().execute("SELECT blocked FROM sync_state").fetchone()[0]
            assert blocked == "restored"
        assert lease_remaining(new.store.read(), "07") == 0  # voided: the old laptop had them
        # a new enrolment gets a provisional reference of the new device, never an old NIA
        (uid,) = enrol_some(new, 1, start=7)
        ref = (
            new.store.read()
            .execute("SELECT nia, provisional_ref FROM artisan WHERE uid = ?", (uid,))
            .fetchone()
        )
        assert ref[0] is None and ref[1].startswith(f"P07-{new.profile.device_id[:6]}-")
        demo_issuer(new)  # the demo trust still signs (its passphrase came along)
    assert (new_home / "demo-trust" / "root-public.hex").read_bytes() == (
        ws.profile.home / "demo-trust" / "root-public.hex"
    ).read_bytes()
    assert not (new_home / "logs").exists() and not (new_home / "central").exists()
    assert keyring.get_password(SERVICE, profile.profile_id)
    assert sorted(p.name for p in new_home.parent.iterdir()) == ["profile"]  # no staging left


def test_the_backup_file_holds_no_personal_data_in_clear(demo_ws, tmp_path):
    conn = demo_ws.store.read()
    rows = conn.execute("SELECT cin, last_name_lat, first_name_ar, phone FROM artisan").fetchall()
    needles = {v for row in rows for v in row if v and len(v) >= 5}
    out = tmp_path / "b.backup"
    create_backup(demo_ws, out, PASSPHRASE, agent="agent1", kdf=CHEAP_KDF)
    blob = out.read_bytes()
    assert len(needles) > 600
    assert [n for n in needles if n.encode() in blob] == []
    assert b"SQLite format 3" not in blob and PASSPHRASE.encode() not in blob


def test_wrong_passphrase_restores_nothing(demo_ws, tmp_path):
    out = tmp_path / "b.backup"
    create_backup(demo_ws, out, PASSPHRASE, agent="agent1", kdf=CHEAP_KDF)
    target = tmp_path / "restore" / "home"
    with pytest.raises(UserFacingError) as err:
        restore_backup(out, target, PASSPHRASE + "!")
    assert err.value.msgid == "backup.error.passphrase"
    assert "Phrase secrète incorrecte" in err.value.message("fr")
    assert list((tmp_path / "restore").iterdir()) == []


@pytest.mark.parametrize("keep", [0, 5, 30, 500, -1, -17, -100_000])
def test_a_cut_file_restores_nothing(demo_ws, tmp_path, keep):
    out = tmp_path / "b.backup"
    create_backup(demo_ws, out, PASSPHRASE, agent="agent1", kdf=CHEAP_KDF)
    data = out.read_bytes()
    out.write_bytes(data[:keep] if keep >= 0 else data[: len(data) + keep])
    target = tmp_path / "restore" / "home"
    with pytest.raises(UserFacingError) as err:
        restore_backup(out, target, PASSPHRASE)
    assert err.value.msgid in (
        "backup.error.truncated",
        "backup.error.not_a_backup",
        "backup.error.damaged",
    )
    assert list((tmp_path / "restore").iterdir()) == []


def test_bytes_after_the_end_are_refused(demo_ws, tmp_path):
    out = tmp_path / "b.backup"
    create_backup(demo_ws, out, PASSPHRASE, agent="agent1", kdf=CHEAP_KDF)
    with out.open("ab") as fh:
        fh.write(b"\x00")
    with pytest.raises(UserFacingError) as err:
        restore_backup(out, tmp_path / "home", PASSPHRASE)
    assert err.value.msgid == "backup.error.damaged"
    assert not (tmp_path / "home").exists()


def test_restore_never_overwrites_a_profile(demo_ws, tmp_path):
    out = tmp_path / "b.backup"
    create_backup(demo_ws, out, PASSPHRASE, agent="agent1", kdf=CHEAP_KDF)
    home = demo_ws.profile.home
    before = (home / "profile.json").read_bytes()
    with pytest.raises(UserFacingError) as err:
        restore_backup(out, home, PASSPHRASE)
    assert err.value.msgid == "backup.error.profile_exists"
    assert (home / "profile.json").read_bytes() == before
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "notes.txt").write_text("mine")
    with pytest.raises(UserFacingError) as err:
        restore_backup(out, busy, PASSPHRASE)
    assert err.value.msgid == "backup.error.target_not_empty"
    assert [p.name for p in busy.iterdir()] == ["notes.txt"]
    empty = tmp_path / "empty"
    empty.mkdir()
    restore_backup(out, empty, PASSPHRASE)  # an empty folder is a fine new home
    assert (empty / "profile.json").exists()


def test_backup_refuses_a_short_passphrase_and_an_existing_file(demo_ws, tmp_path):
    out = tmp_path / "b.backup"
    with pytest.raises(UserFacingError) as err:
        create_backup(demo_ws, out, "short", agent="agent1", kdf=CHEAP_KDF)
    assert err.value.msgid == "backup.error.passphrase_short"
    out.write_bytes(b"an older backup")
    with pytest.raises(UserFacingError) as err:
        create_backup(demo_ws, out, PASSPHRASE, agent="agent1", kdf=CHEAP_KDF)
    assert err.value.msgid == "backup.error.out_exists"
    assert out.read_bytes() == b"an older backup"
    create_backup(demo_ws, out, PASSPHRASE, agent="agent1", kdf=CHEAP_KDF, overwrite=True)
    assert out.read_bytes().startswith(b"MIHANIBK")
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []
