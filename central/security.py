"""Passwords (argon2id), signed access tokens, and secrets kept only as hashes."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError


class Passwords:
    def __init__(self, time_cost: int = 3, memory_kib: int = 65536) -> None:
        self.hasher = PasswordHasher(time_cost=time_cost, memory_cost=memory_kib, parallelism=1)
        self._dummy = self.hasher.hash("not a password of anyone")

    def hash(self, password: str) -> str:
        return self.hasher.hash(password)

    def verify(self, stored: str | None, password: str) -> bool:
        """Constant work whether or not the account exists."""
        try:
            return self.hasher.verify(stored or self._dummy, password) and stored is not None
        except (VerificationError, InvalidHashError):
            return False


def new_secret(nbytes: int = 32) -> str:
    return secrets.token_urlsafe(nbytes)


def secret_hash(value: str) -> str:
    """High-entropy secrets (codes, refresh tokens, device secrets) are kept as SHA-256."""
    return hashlib.sha256(value.encode()).hexdigest()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass(frozen=True)
class Principal:
    """Who calls: an agent, with the device it works on (``None`` off a device)."""

    agent_id: int
    username: str
    role: str
    region: str | None
    device_id: str | None
    expires: int

    @property
    def national(self) -> bool:
        return self.role == "operator"


class TokenSigner:
    """``v1.<payload>.<hmac>``: stateless access tokens, checked without the database."""

    def __init__(self, secret: bytes, ttl: int) -> None:
        self.secret, self.ttl = secret, ttl

    def _mac(self, payload: str) -> str:
        return _b64(hmac.new(self.secret, payload.encode(), hashlib.sha256).digest())

    def issue(
        self, agent_id: int, username: str, role: str, region: str | None, device: str | None
    ) -> str:
        body = {"a": agent_id, "u": username, "r": role, "g": region, "d": device}
        body["e"] = int(time.time()) + self.ttl
        payload = _b64(json.dumps(body, separators=(",", ":")).encode())
        return f"v1.{payload}.{self._mac(payload)}"

    def check(self, token: str) -> Principal | None:
        """The principal of a valid, unexpired token; ``None`` otherwise."""
        parts = token.split(".")
        if len(parts) != 3 or parts[0] != "v1" or len(token) > 2048:
            return None
        if not hmac.compare_digest(self._mac(parts[1]), parts[2]):
            return None
        try:
            body = json.loads(_unb64(parts[1]))
            principal = Principal(
                int(body["a"]), str(body["u"]), str(body["r"]), body["g"], body["d"], int(body["e"])
            )
        except (ValueError, KeyError, TypeError):
            return None
        return principal if principal.expires > time.time() else None
