"""Devices: an operator issues a one-time registration code for a region; the laptop
registers with it and its public key, and gets its delegation certificate, a secret, an NIA
lease. Revoking a device stops its tokens at once and puts its key on the revocation list."""

from __future__ import annotations

import base64
import datetime as dt

from app.credentials import issue_delegation
from app.credentials.keys import alg_for_raw, load_public_key
from app.wire import RegisterRequest, Registration
from central.errors import ApiError
from central.security import new_secret, secret_hash
from central.services import leases, trust
from central.services.accounts import audit

CODE_HOURS = 72


def issue_code(central, region: str, actor: str = "admin", hours: int = CODE_HOURS):
    """(device id, one-time code) for a new laptop of ``region``."""
    if region not in central.geo_regions():
        raise ApiError(422, "central.error.region_unknown", region=region)
    code = new_secret(12)
    with central.db.tx() as conn:
        conn.execute("SELECT pg_advisory_xact_lock(716002)")
        n = conn.execute(
            "SELECT count(*) + 1 AS n FROM device WHERE region_code = %s", (region,)
        ).fetchone()["n"]
        device_id = f"LAP-{region}-{n:04d}"
        conn.execute(
            "INSERT INTO device (id, region_code, code_hash, code_expires_at)"
            " VALUES (%s, %s, %s, now() + make_interval(hours => %s))",
            (device_id, region, secret_hash(code), hours),
        )
        audit(conn, actor, "device.code", region, device_id)
    return device_id, code


def register(central, req: RegisterRequest) -> Registration:
    root = central.keys.need_root()
    pub = bytes.fromhex(req.public_key)
    try:
        load_public_key(pub, alg_for_raw(pub))
    except ValueError:
        raise ApiError(422, "central.error.public_key_invalid") from None
    secret = new_secret()
    with central.db.tx() as conn:
        dev = conn.execute(
            "SELECT id, region_code FROM device WHERE code_hash = %s AND status = 'pending'"
            " AND code_expires_at > now() FOR UPDATE",
            (secret_hash(req.code),),
        ).fetchone()
        if dev is None:
            raise ApiError(403, "central.error.code_invalid")
        taken = conn.execute(
            "SELECT id FROM device WHERE client_id = %s", (req.client_id,)
        ).fetchone()
        if taken is not None:
            raise ApiError(409, "central.error.client_id_taken", client_id=req.client_id)
        now = dt.datetime.now(dt.UTC).replace(microsecond=0)
        conn.execute(
            "UPDATE device SET status = 'active', code_hash = NULL, client_id = %s,"
            " public_key = %s, secret_hash = %s, registered_at = %s, certified_at = %s"
            " WHERE id = %s",
            (req.client_id, pub, secret_hash(secret), now, now, dev["id"]),
        )
        lease = leases.grant(conn, dev["id"], dev["region_code"], central.settings.default_lease)
        cert = issue_delegation(
            root, pub, dev["id"], dev["region_code"], now=now,
            valid_for=dt.timedelta(days=central.settings.delegation_days),
        )  # fmt: skip
        audit(conn, dev["id"], "device.register", dev["region_code"], dev["id"])
        trust.publish(central, conn)
    return Registration(
        dev["id"], dev["region_code"], secret, base64.b64encode(cert).decode(),
        central.keys.root_public_hex(), lease,
    )  # fmt: skip


def revoke(central, device_id: str, actor: str = "admin") -> None:
    with central.db.tx() as conn:
        row = conn.execute(
            "UPDATE device SET status = 'revoked', revoked_at = now(), code_hash = NULL"
            " WHERE id = %s AND status != 'revoked' RETURNING region_code",
            (device_id,),
        ).fetchone()
        if row is None:
            raise ApiError(404, "central.error.device_unknown", device=device_id)
        conn.execute("UPDATE refresh_token SET used_at = now() WHERE device_id = %s", (device_id,))
        audit(conn, actor, "device.revoke", row["region_code"], device_id)
        trust.publish(central, conn)


def renew_certificate(central, device_id: str, agent_id: int) -> dict:
    """A fresh delegation certificate for a registered, active device's own key (the laptop
    asks at its sync when less than half of the one it holds is left)."""
    root = central.keys.need_root()
    with central.db.tx() as conn:
        dev = conn.execute(
            "SELECT d.id, d.region_code, d.public_key, d.status, a.active FROM device d,"
            " agent a WHERE d.id = %s AND a.id = %s FOR UPDATE OF d",
            (device_id, agent_id),
        ).fetchone()
        if dev is None or dev["public_key"] is None:
            raise ApiError(404, "central.error.device_unknown", device=device_id)
        if dev["status"] != "active":
            raise ApiError(403, "central.error.device_revoked", device=device_id)
        if not dev["active"]:
            raise ApiError(401, "central.error.token_revoked")
        now = dt.datetime.now(dt.UTC).replace(microsecond=0)
        cert = issue_delegation(
            root, bytes(dev["public_key"]), dev["id"], dev["region_code"], now=now,
            valid_for=dt.timedelta(days=central.settings.delegation_days),
        )  # fmt: skip
        conn.execute("UPDATE device SET certified_at = %s WHERE id = %s", (now, dev["id"]))
        audit(conn, dev["id"], "device.certificate", dev["region_code"], dev["id"])
        trust.publish(central, conn)  # the device's entry now runs with this certificate
    return {"device_id": dev["id"], "delegation": base64.b64encode(cert).decode()}
