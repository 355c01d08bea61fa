"""Who signs the QR codes this laptop issues: a device key and its delegation certificate.

Until device registration exists, a profile keeps a **demo trust** of its own, made once
on first print and clearly labelled as such, in ``<profile>/demo-trust/``:

- ``DEMO-root-key.pem``: a demo root key, PKCS#8 encrypted with a random passphrase that
  lives in the OS keyring (service ``mihani-demo-root``, the profile id), never on disk;
- the device key: in the OS keyring through ``KeyringKeyStore`` (``mihani-device-key``,
  the profile id), never on disk;
- ``delegation.cose``: the demo root's certificate letting this device sign provisional
  badges for the profile's region (30 days; renewed when less than half is left);
- ``root-public.hex``, ``trust-list.cose``, ``revocation-list.cose``: what a verifier on
  this laptop needs to check the codes (``demo_trust``).

A registered laptop (``mihani register``, ``sync/register.py``) uses what the central
service gave it instead, in ``<profile>/central/``: its device key in the keyring
(``mihani-device-key``, ``central:<profile id>``), ``delegation.cose`` signed by the real
root (renewed by each sync once less than half of its life is left, ``sync/upkeep.py``),
``root-public.hex``, ``trust-list.cose`` and ``revocation-list.cose`` (refreshed at
each sync). The demo path stays for profiles that never registered.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from pathlib import Path

import keyring
import keyring.errors

from app.credentials import (
    CardClaims,
    DelegationError,
    KeyringKeyStore,
    PrivateKey,
    RevocationList,
    Scope,
    Trust,
    TrustedKey,
    TrustList,
    device_key,
    generate_key,
    issue_delegation,
    issue_provisional_badge,
    kid_of,
    load_key_file,
    parse_delegation,
    raw_public_key,
    save_key_file,
)
from app.credentials.delegation import DEFAULT_VALIDITY
from app.credentials.keys import ALG_EDDSA
from app.errors import KeyringUnavailable, UserFacingError

DEMO_DIR = "demo-trust"
REGISTERED_DIR = "central"  # written by sync/ at registration
REGISTERED_KEY_PREFIX = "central:"
ROOT_KEY_FILE = "DEMO-root-key.pem"
PASSPHRASE_SERVICE = "mihani-demo-root"  # noqa: S105 (a keyring service name)
README = """DEMO TRUST - NOT A REAL ROOT OF TRUST
This folder holds a demonstration root key made by Mihani on this laptop so that it can
print provisional badges before device registration exists. Codes signed under it verify
only on verifiers that were given this folder's root-public.hex. Never use it in service.
"""


@dataclass(frozen=True)
class Issuer:
    """What signs this laptop's QR codes: its device key and its delegation certificate."""

    device_key: PrivateKey
    delegation: bytes
    device_id: str
    not_after: dt.datetime
    demo: bool = True

    def sign(self, claims: CardClaims) -> str:
        return issue_provisional_badge(claims, self.device_key, self.delegation)


def _folder(ws) -> Path:
    folder = Path(ws.profile.home) / DEMO_DIR
    folder.mkdir(parents=True, exist_ok=True)
    readme = folder / "README.txt"
    if not readme.exists():
        readme.write_text(README, encoding="utf-8")
    return folder


def _passphrase(profile_id: str, create: bool) -> str | None:
    try:
        value = keyring.get_password(PASSPHRASE_SERVICE, profile_id)
        if value is None and create:
            value = secrets.token_urlsafe(32)
            keyring.set_password(PASSPHRASE_SERVICE, profile_id, value)
    except keyring.errors.KeyringError as exc:
        raise KeyringUnavailable(str(exc)) from exc
    return value


def _root(ws, folder: Path) -> PrivateKey:
    path = folder / ROOT_KEY_FILE
    profile_id = ws.profile.profile_id
    if path.exists():
        passphrase = _passphrase(profile_id, create=False)
        if passphrase is None:
            raise UserFacingError("error.demo_trust_broken", path=str(folder))
        return load_key_file(path, passphrase)
    root = generate_key(ALG_EDDSA)
    save_key_file(path, root, _passphrase(profile_id, create=True) or "")
    (folder / "root-public.hex").write_text(raw_public_key(root).hex() + "\n", encoding="ascii")
    return root


def _current(path: Path, device: PrivateKey, now: dt.datetime):
    """The stored certificate if it is this device's and has more than half its life left."""
    if not path.exists():
        return None
    try:
        cert, _ = parse_delegation(path.read_bytes())
    except DelegationError:
        return None
    fresh = cert.not_after - now > DEFAULT_VALIDITY / 2 and cert.covers(now)
    if cert.device_kid != kid_of(device) or cert.scope is not Scope.PROVISIONAL or not fresh:
        return None
    return cert


def _publish(folder: Path, root: PrivateKey, device: PrivateKey, name: str, ws, now) -> None:
    """Trust and revocation lists signed by the demo root, for a verifier on this laptop."""
    entry = TrustedKey(
        raw_public_key(device),
        ALG_EDDSA,
        name,
        frozenset({Scope.PROVISIONAL}),
        now - dt.timedelta(days=1),
        now + dt.timedelta(days=3650),
        ws.profile.region_code,
    )
    path = folder / "trust-list.cose"
    version = 1
    if path.exists():  # versions count up: 1, 2, 3 (a verifier refuses an older list)
        version = TrustList.load(path.read_bytes(), root.public_key()).version + 1
    TrustList(version, now, (entry,)).save(path, root)
    if not (folder / "revocation-list.cose").exists():
        RevocationList(1, now).save(folder / "revocation-list.cose", root)


def registered_folder(ws) -> Path | None:
    """``<profile>/central`` when this laptop is registered with the central service."""
    folder = Path(ws.profile.home) / REGISTERED_DIR
    needed = ("delegation.cose", "root-public.hex", "trust-list.cose", "revocation-list.cose")
    return folder if all((folder / n).exists() for n in needed) else None


def registered_issuer(ws, folder: Path) -> Issuer:
    """The device key and delegation certificate the central service gave this laptop."""
    name = REGISTERED_KEY_PREFIX + ws.profile.profile_id
    device = device_key(KeyringKeyStore(), name, create=False)
    data = (folder / "delegation.cose").read_bytes()
    try:
        cert, _ = parse_delegation(data)
    except DelegationError:
        raise UserFacingError("error.trust_dir_missing", path=str(folder)) from None
    return Issuer(device, data, cert.device_id, cert.not_after, demo=False)


def demo_issuer(ws, now: dt.datetime | None = None) -> Issuer:
    """This laptop's issuer: the central service's once registered (``registered_issuer``),
    else the profile's demo issuer, made on first use, its certificate renewed when due."""
    folder = registered_folder(ws)
    if folder is not None:
        return registered_issuer(ws, folder)
    now = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    folder = _folder(ws)
    device = device_key(KeyringKeyStore(), ws.profile.profile_id)
    name = f"DEMO-{ws.profile.region_code}-{ws.profile.device_id}"
    path = folder / "delegation.cose"
    cert = _current(path, device, now)
    if cert is None:
        root = _root(ws, folder)
        data = issue_delegation(root, raw_public_key(device), name, ws.profile.region_code, now=now)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_bytes(data)
        tmp.replace(path)
        _publish(folder, root, device, name, ws, now)
        cert, _ = parse_delegation(data)
    return Issuer(device, path.read_bytes(), cert.device_id, cert.not_after, demo=True)


def demo_trust(ws) -> Trust:
    """What a verifier on this laptop trusts: the demo root and its lists."""
    return laptop_trust(ws)


def load_trust_dir(folder: Path) -> Trust:
    """A verifier's trust from a folder: ``root-public.hex`` (the pinned root key),
    ``trust-list.cose`` and ``revocation-list.cose``."""
    try:
        root_public = bytes.fromhex((folder / "root-public.hex").read_text(encoding="ascii"))
    except (OSError, ValueError):
        raise UserFacingError("error.trust_dir_missing", path=str(folder)) from None
    return Trust.load_files(
        root_public, folder / "trust-list.cose", folder / "revocation-list.cose"
    )


def laptop_trust(ws) -> Trust:
    """What a verifier on this laptop trusts: the central service's root and lists once the
    laptop is registered, else its demo trust."""
    registered = registered_folder(ws)
    if registered is not None:
        return load_trust_dir(registered)
    folder = Path(ws.profile.home) / DEMO_DIR
    if not (folder / "root-public.hex").exists():
        raise UserFacingError("error.demo_trust_missing", path=str(folder))
    return load_trust_dir(folder)
