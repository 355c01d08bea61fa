"""Registration and plain sync runs: what goes up comes down to the other laptops."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.nia import parse_nia
from sync.config import Registration, folder
from sync.engine import run_sync
from sync.errors import SyncError


def test_register_then_sync_round_trip(site):
    a = site.laptop("a")
    b = site.laptop("b")
    reg = Registration.load(a.home)
    assert reg is not None and reg.region == "07"
    text = (folder(a.home) / "registration.json").read_text()
    assert "secret" not in text and "token" not in text and "password" not in text
    for name in ("delegation.cose", "root-public.hex", "trust-list.cose", "revocation-list.cose"):
        assert (folder(a.home) / name).exists()
    uids = [a.enrol() for _ in range(5)]
    assert a.outbox() == 5
    res = a.sync()
    assert res.pushed == {"applied": 5}
    assert a.outbox() == 0
    b.sync()
    server = site.server_state()
    assert set(uids) <= set(server)
    for uid in uids:
        assert a.state()[uid] == server[uid] == b.state()[uid]
        assert parse_nia(server[uid]["nia"])


def test_provisional_reference_gets_its_nia(site):
    a = site.laptop("a")
    with a.ws.store.write() as w:
        w.execute("UPDATE nia_lease SET next_serial = end_serial")
    uid = a.enrol()
    row = a.row(uid)
    assert row["nia"] is None and row["provisional_ref"]
    a.sync()
    row = a.row(uid)
    assert parse_nia(row["nia"]) and row["provisional_ref"]
    assert site.server_state()[uid]["nia"] == row["nia"]


def test_edits_merge_and_clash(site):
    a, b = site.laptop("a"), site.laptop("b")
    uid = a.enrol()
    a.sync()
    b.sync()
    a.edit(uid, phone="0661111111", address="Derb 1")
    b.edit(uid, phone="0662222222", workplace="Souk Semmarine")
    a.sync()
    res = b.sync()
    assert res.pushed == {"conflict": 1}
    a.sync()
    server = site.server_state()[uid]
    assert server["phone"] == "+212661111111"
    assert server["address"] == "Derb 1" and server["workplace"] == "Souk Semmarine"
    assert a.state()[uid] == server == b.state()[uid]
    conflicts = b.ws.store.read().execute("SELECT * FROM conflicts").fetchall()
    assert [(c["field"], c["kind"]) for c in conflicts] == [("phone", "field")]


def test_not_registered_and_unreachable(site, tmp_path):
    lap = site.laptop("lonely", register=False)
    with pytest.raises(SyncError) as err:
        run_sync(lap.ws)
    assert err.value.msgid == "sync.error.not_registered"
    a = site.laptop("a")
    a.enrol()
    with pytest.raises(SyncError) as err:
        a.sync(url="http://127.0.0.1:9")
    assert err.value.msgid == "sync.error.unreachable"
    assert a.outbox() == 1
    assert not any(Path(a.home).glob("**/*token*"))


def test_registered_laptop_signs_badges_the_real_root_trusts(site):
    import datetime as dt

    from app.card_claims import sign_provisional
    from app.credentials import Status, verify
    from app.issuer import demo_issuer, laptop_trust

    a = site.laptop("a")
    uid = a.enrol()
    issuer = demo_issuer(a.ws)
    assert issuer.demo is False
    now = dt.datetime.now(dt.UTC)
    text, _ = sign_provisional(a.row(uid), issuer, now)
    trust = laptop_trust(a.ws)
    root = (folder(a.home) / "root-public.hex").read_text().strip()
    assert trust.root_public_key.hex() == root
    assert verify(text, trust, now).status is Status.VALID_PROVISIONAL
    assert not (Path(a.home) / "demo-trust" / "DEMO-root-key.pem").exists()
