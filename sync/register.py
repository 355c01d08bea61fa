"""Registering this laptop with the central service (``mihani register``).

With the one-time code an operator gave its chamber: a new Ed25519 key pair (the private key
in the OS keyring), the device id and secret (the secret in the keyring), the delegation
certificate letting it sign provisional badges, an NIA lease (the leases held before are retired),
the trust and revocation lists, the agent's login (refresh token in the keyring), then the
region's snapshot, downloaded resumably. A laptop whose database was restored or cloned
registers again the same way, under a new client id.
"""

from __future__ import annotations

import base64
import uuid

from app import audit, central_lease
from app.clock import iso
from app.credentials import KeyringKeyStore, generate_key, raw_public_key
from app.wire import Registration as WireRegistration
from sync import secrets, trust_anchor
from sync.client import Central
from sync.config import Registration, folder, write_atomic
from sync.errors import ServerRefused, SyncError
from sync.http import Backoff, Transport


def _client_id(ws) -> str:
    """Our client id: the profile's first one, a new one when registering again."""
    conn = ws.store.read()
    current, blocked = conn.execute("SELECT client_id, blocked FROM sync_state").fetchone()
    if Registration.load(ws.profile.home) is None and not blocked:
        return current
    return f"{ws.profile.device_id}-{uuid.uuid4().hex[:12]}"


def register_laptop(
    ws,
    server: str,
    code: str,
    username: str,
    password: str,
    *,
    progress=None,
    cancel=None,
    backoff: Backoff | None = None,
    snapshot: bool = True,
) -> Registration:
    from sync.engine import first_snapshot

    home, profile_id = ws.profile.home, ws.profile.profile_id
    trust_anchor.check_server(server)
    http = Transport(server, cancel=cancel, backoff=backoff)
    client_id = _client_id(ws)
    key = generate_key()
    body = {"code": code.strip(), "public_key": raw_public_key(key).hex(), "client_id": client_id}
    try:
        answer = WireRegistration.from_json(
            http.post_json("/v1/devices/register", body, auth=False)
        )
    except ServerRefused as exc:
        raise SyncError("sync.error.register_refused", message=exc.params["message"]) from exc
    if answer.region != ws.profile.region_code:
        raise SyncError(
            "sync.error.region_mismatch", server=answer.region, local=ws.profile.region_code
        )
    trust_anchor.check_root(answer.root_public_key)  # before any key, token or password
    KeyringKeyStore().set(secrets.device_key_name(profile_id), key)
    secrets.set_device_secret(profile_id, answer.device_secret)
    where = folder(home)
    write_atomic(where / "delegation.cose", base64.b64decode(answer.delegation))
    write_atomic(where / "root-public.hex", (answer.root_public_key + "\n").encode())
    now = iso(ws.registry.clock())
    with ws.store.write() as w:
        central_lease.retire_leases(w, answer.region, ws.profile.device_id, now, username)
        central_lease.adopt(w, answer.lease, now)
        w.execute("UPDATE sync_state SET client_id = ?, blocked = NULL", (client_id,))
        audit.append(
            w, at=now, agent=username, action="sync.register",
            details={"server": server, "device": answer.device_id, "client_id": client_id},
        )  # fmt: skip
    reg = Registration(server, answer.device_id, answer.region, client_id, username, now)
    reg.save(home)
    Central(http, profile_id, reg).login(password)
    from sync.upkeep import refresh_trust

    refresh_trust(home, http)
    if snapshot:
        first_snapshot(ws, http, username, progress)
    http.close()
    return reg
