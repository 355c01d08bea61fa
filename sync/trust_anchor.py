"""What a laptop checks before it trusts a central service with an agent's password and its
own keys: the server's address is https (plain http only on this machine's loopback, for
tests and a pilot on one computer), and the root key the server hands over at registration
is the national root pinned in this installation, when one is pinned: the SHA-256 of its
raw public key in ``resources/trust/root-public.sha256`` (shipped with the installer) or in
``MIHANI_ROOT_SHA256``."""

from __future__ import annotations

import hashlib
import os
from urllib.parse import urlsplit

from app.i18n import RESOURCES
from sync.errors import SyncError

LOOPBACK = frozenset({"127.0.0.1", "::1", "localhost"})
PIN_FILE = RESOURCES / "trust" / "root-public.sha256"


def check_server(url: str) -> None:
    """Refuse an address the agent's password must not travel to."""
    parts = urlsplit(url.strip())
    host = parts.hostname or ""
    if parts.scheme == "https" and host:
        return
    if parts.scheme == "http" and host in LOOPBACK:
        return
    raise SyncError("sync.error.server_insecure", server=url)


def pinned_root() -> str | None:
    """The pinned fingerprint: the environment's, else the installation's file, else None."""
    pin = os.environ.get("MIHANI_ROOT_SHA256", "").strip()
    if not pin and PIN_FILE.exists():
        words = PIN_FILE.read_text(encoding="ascii").split()  # "<sha256>  [comment]"
        pin = words[0] if words else ""
    return pin.lower() or None


def check_root(root_public_hex: str) -> None:
    """Refuse a root key other than the pinned one (a rogue or mistaken server)."""
    pin = pinned_root()
    if pin is None:
        return
    try:
        got = hashlib.sha256(bytes.fromhex(root_public_hex)).hexdigest()
    except ValueError:
        got = ""
    if got != pin:
        raise SyncError("sync.error.root_unknown", expected=pin[:16], received=got[:16])
