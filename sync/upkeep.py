"""What each sync also keeps fresh: the NIA lease (refilled when it runs low), the trust
and revocation lists (kept only when they verify against the pinned root and are newer), and
the delegation certificate (renewed when less than half of its life is left)."""

from __future__ import annotations

import base64
import datetime as dt
from pathlib import Path

from app import central_lease
from app.clock import iso
from app.credentials import (
    DelegationError,
    KeyringKeyStore,
    Trust,
    device_key,
    key_id,
    kid_of,
    load_delegation,
    parse_delegation,
)
from app.credentials.keys import ALG_EDDSA, load_public_key
from app.credentials.trustlist import RevocationList, TrustList
from app.errors import UserFacingError
from app.wire import Lease
from sync import secrets
from sync.config import folder, write_atomic
from sync.errors import ServerRefused, SyncError
from sync.http import Transport

LOW_WATER = 200
LEASE_SIZE = 1000


def refill_lease(ws, http: Transport, low: int = LOW_WATER, size: int = LEASE_SIZE) -> int:
    """A new lease when fewer than ``low`` central serials are left; how many are left."""
    region = ws.profile.region_code
    left = central_lease.central_remaining(ws.store.read(), region)
    if left >= low:
        return left
    lease = Lease.from_json(http.post_json("/v1/leases", {"size": size}))
    with ws.store.write() as w:
        central_lease.adopt(w, lease, iso(ws.registry.clock()))
        return central_lease.central_remaining(w, region)


def refresh_trust(home: Path, http: Transport) -> tuple[int, int]:
    """Fetch, verify and keep the lists; their versions."""
    where = folder(home)
    root = bytes.fromhex((where / "root-public.hex").read_text(encoding="ascii").strip())
    tl = http.call("GET", "/v1/trust/list", expect_json=False).content
    rl = http.call("GET", "/v1/trust/revocations", expect_json=False).content
    fresh = Trust.load(root, tl, rl)  # refuses lists the root did not sign
    for name, data, version in (
        ("trust-list.cose", tl, fresh.trust_list.version),
        ("revocation-list.cose", rl, fresh.revocation_list.version),
    ):
        path = where / name
        held = _version(path, root, name)
        if held is None or version > held:
            write_atomic(path, data)
    return fresh.trust_list.version, fresh.revocation_list.version


def renew_certificate(ws, http: Transport, now: dt.datetime | None = None) -> str | None:
    """A new delegation certificate for the same device key when less than half of the held
    one's life is left (else nothing asked); when the held one ends (ISO), kept or renewed.
    A refusal (a revoked device) is a ``SyncError`` and the held certificate stays."""
    where = folder(ws.profile.home)
    path = where / "delegation.cose"
    try:
        held = parse_delegation(path.read_bytes())[0]
    except (OSError, DelegationError):
        held = None  # missing or damaged: ask for a new one
    now = now or ws.registry.clock()
    if held is not None and held.not_after - now > (held.not_after - held.not_before) / 2:
        return iso(held.not_after)
    try:
        answer = http.post_json("/v1/devices/me/certificate", {})
    except ServerRefused as exc:
        raise SyncError("sync.error.certificate_refused", message=exc.params["message"]) from exc
    data = base64.b64decode(str((answer or {}).get("delegation") or ""), validate=True)
    root = bytes.fromhex((where / "root-public.hex").read_text(encoding="ascii").strip())
    try:
        fresh = load_delegation(data, load_public_key(root, ALG_EDDSA), key_id(root))
    except (DelegationError, ValueError):
        raise SyncError("sync.error.certificate_bad") from None
    if fresh.device_kid != _device_kid(ws) or fresh.region != ws.profile.region_code:
        raise SyncError("sync.error.certificate_bad")
    if held is not None and fresh.not_after < held.not_after:
        raise SyncError("sync.error.certificate_bad")
    write_atomic(path, data)
    return iso(fresh.not_after)


def _device_kid(ws) -> bytes:
    """The key id of this laptop's registered device key (in the OS keyring)."""
    name = secrets.device_key_name(ws.profile.profile_id)
    key = device_key(KeyringKeyStore(), name, create=False)
    return kid_of(key)


def _version(path: Path, root: bytes, name: str) -> int | None:
    if not path.exists():
        return None
    try:
        key = load_public_key(root, ALG_EDDSA)
        kind = TrustList if name.startswith("trust") else RevocationList
        return kind.load(path.read_bytes(), key).version
    except (UserFacingError, ValueError):
        return None
