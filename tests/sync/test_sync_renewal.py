"""The laptop's delegation certificate is renewed at the sync once half its life is gone;
a revoked laptop is refused, says so, and keeps the certificate it had."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import requests

from app.clock import iso
from app.credentials import (
    ArtisanStatus,
    CardClaims,
    CardKind,
    Gender,
    Trust,
    issue_delegation,
    parse_delegation,
    verify,
)
from app.issuer import demo_issuer
from central.services import devices, trust
from sync import upkeep
from sync.config import Registration, folder
from sync.errors import SyncError

DAY = dt.timedelta(days=1)


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def central_trust(server) -> Trust:
    get = lambda path: requests.get(f"{server.url}{path}", timeout=10)  # noqa: E731
    root = bytes.fromhex(get("/v1/trust/root").json()["root_public_key"])
    return Trust.load(root, get("/v1/trust/list").content, get("/v1/trust/revocations").content)


def short_certificate(site, lap, days_left: float = 1.0) -> bytes:
    """Replace the laptop's certificate by a root-signed one of 3 days with ``days_left``."""
    path = folder(lap.home) / "delegation.cose"
    cert, _ = parse_delegation(path.read_bytes())
    start = now() - dt.timedelta(days=3 - days_left)
    data = issue_delegation(
        site.admin.keys.root, cert.device_public_key, cert.device_id, cert.region,
        now=start, valid_for=3 * DAY,
    )  # fmt: skip
    path.write_bytes(data)
    return data


def badge(lap, at: dt.datetime) -> str:
    claims = CardClaims(
        card_number="2026-07-000042",
        name_latin="Khadija Amrani",
        name_arabic="خديجة العمراني",
        birth_date=dt.date(1990, 5, 2),
        gender=Gender.FEMALE,
        activity_code="P01.001",
        commune_code="07.001.01.01",
        kind=CardKind.PROVISIONAL,
        status=ArtisanStatus.PENDING,
        issued_at=at,
        expires_at=at + 90 * DAY,
        nia="07-00000042-17",
    )
    return demo_issuer(lap.ws).sign(claims)


def renewals(site, device: str) -> int:
    with site.admin.db.tx() as conn:
        sql = "SELECT count(*) AS n FROM audit WHERE action = %s AND subject = %s"
        return conn.execute(sql, ("device.certificate", device)).fetchone()["n"]


def test_a_fresh_certificate_is_kept_and_a_later_clock_renews_it(site):
    a = site.laptop("a")
    device = Registration.load(a.home).device_id
    path = folder(a.home) / "delegation.cose"
    first = path.read_bytes()
    held, _ = parse_delegation(first)
    assert a.sync().certificate_until == iso(held.not_after)
    assert path.read_bytes() == first and renewals(site, device) == 0  # nothing asked
    a.ws.registry.clock = lambda: now() + 16 * DAY  # past half of 30 days
    res = a.sync()
    assert renewals(site, device) == 1
    fresh, _ = parse_delegation(path.read_bytes())
    assert fresh.device_public_key == held.device_public_key
    assert (fresh.device_id, fresh.region) == (held.device_id, held.region)
    assert fresh.not_before >= held.not_before and fresh.not_after >= held.not_after
    assert res.certificate_until == iso(fresh.not_after)
    assert not list(folder(a.home).glob("*.tmp"))


def test_a_short_certificate_is_renewed_and_badges_verify_after_it_ends(site, server):
    a = site.laptop("a")
    old = short_certificate(site, a, days_left=1.0)
    old_cert, _ = parse_delegation(old)
    signed_before = badge(a, now())
    later = now() + 5 * DAY  # the short certificate has ended by then
    assert verify(signed_before, central_trust(server), later).status == "expired"
    a.sync()
    path = folder(a.home) / "delegation.cose"
    fresh, _ = parse_delegation(path.read_bytes())
    assert fresh.not_after > old_cert.not_after + 20 * DAY
    assert demo_issuer(a.ws).not_after == fresh.not_after  # what the issuer reads
    verdict = verify(badge(a, now()), central_trust(server), later)
    assert verdict.status == "valid_provisional"


def test_the_trust_list_entry_follows_the_renewed_certificate(site, server):
    a = site.laptop("a")
    device = Registration.load(a.home).device_id
    with site.admin.db.tx() as conn:  # as if registered 20 days ago
        conn.execute(
            "UPDATE device SET registered_at = registered_at - interval '20 days',"
            " certified_at = certified_at - interval '20 days' WHERE id = %s",
            (device,),
        )
        trust.publish(site.admin, conn)

    def entry():
        return next(k for k in central_trust(server).trust_list.keys if k.name == device)

    assert entry().not_after < now() + 11 * DAY
    short_certificate(site, a, days_left=1.0)  # renewed at the next sync
    a.sync()
    fresh, _ = parse_delegation((folder(a.home) / "delegation.cose").read_bytes())
    assert fresh.not_after > now() + 29 * DAY
    assert (entry().not_before, entry().not_after) == (fresh.not_before, fresh.not_after)


def test_a_revoked_device_is_refused_and_keeps_its_certificate(site, monkeypatch):
    a = site.laptop("a")
    old = short_certificate(site, a, days_left=1.0)
    device = Registration.load(a.home).device_id
    real = upkeep.refresh_trust

    def then_revoke(home, http):  # the operator revokes the laptop during its sync
        versions = real(home, http)
        devices.revoke(site.admin, device)
        return versions

    monkeypatch.setattr(upkeep, "refresh_trust", then_revoke)
    with pytest.raises(SyncError) as err:
        a.sync()
    assert err.value.msgid == "sync.error.certificate_refused"
    assert device in err.value.params["message"]
    assert (folder(a.home) / "delegation.cose").read_bytes() == old
    last = "SELECT outcome, summary FROM sync_run ORDER BY id DESC LIMIT 1"
    row = a.ws.store.read().execute(last).fetchone()
    summary = json.loads(row["summary"])
    assert row["outcome"] == "error"
    assert summary["error"] == "sync.error.certificate_refused"
    assert device in summary["params"]["message"]
    monkeypatch.setattr(upkeep, "refresh_trust", real)
    with pytest.raises(SyncError):  # later syncs are refused at login, certificate kept
        a.sync()
    assert (folder(a.home) / "delegation.cose").read_bytes() == old
