"""What each sync also keeps fresh: the NIA lease (refilled when it runs low) and the trust
and revocation lists (kept only when they verify against the pinned root and are newer)."""

from __future__ import annotations

from pathlib import Path

from app import central_lease
from app.clock import iso
from app.credentials import Trust
from app.credentials.trustlist import RevocationList, TrustList
from app.errors import UserFacingError
from app.wire import Lease
from sync.config import folder, write_atomic
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


def _version(path: Path, root: bytes, name: str) -> int | None:
    if not path.exists():
        return None
    try:
        from app.credentials.keys import ALG_EDDSA, load_public_key

        key = load_public_key(root, ALG_EDDSA)
        kind = TrustList if name.startswith("trust") else RevocationList
        return kind.load(path.read_bytes(), key).version
    except (UserFacingError, ValueError):
        return None
