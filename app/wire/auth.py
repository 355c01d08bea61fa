"""Registration, login and NIA leases: the small payloads around the sync.

A laptop registers once with the one-time code an operator gave its chamber, sending its
public key and its ``client_id`` (``sync_state.client_id``); it gets its device id, a
device secret (keep it in the OS keyring), its delegation certificate, an NIA lease and
the root public key. An agent logs in with username, password and the device's id and
secret; the access token is short-lived, the refresh token rotates at each use.
"""

from __future__ import annotations

import base64
from dataclasses import asdict, dataclass
from typing import Any

from app.wire import read
from app.wire.errors import WireError
from app.wire.sync import CLIENT_ID_PATTERN

HEX_KEY = r"([0-9a-f]{64}|04[0-9a-f]{128})"
MAX_LEASE = 10_000


@dataclass(frozen=True)
class Lease:
    lease_id: str
    region: str
    first_serial: int
    end_serial: int  # exclusive

    @property
    def size(self) -> int:
        return self.end_serial - self.first_serial

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: Any) -> Lease:
        d = read.as_object(data, "lease")
        return cls(
            read.text(d, "lease_id", "lease", max_len=64),  # type: ignore[arg-type]
            read.text(d, "region", "lease", max_len=2),  # type: ignore[arg-type]
            read.integer(d, "first_serial", "lease"),  # type: ignore[arg-type]
            read.integer(d, "end_serial", "lease"),  # type: ignore[arg-type]
        )


@dataclass(frozen=True)
class RegisterRequest:
    code: str
    public_key: str  # hex of the raw public key
    client_id: str

    @classmethod
    def from_json(cls, data: Any) -> RegisterRequest:
        d = read.as_object(data)
        read.only_keys(d, ("code", "public_key", "client_id"))
        return cls(
            read.text(d, "code", max_len=64),  # type: ignore[arg-type]
            read.text(d, "public_key", max_len=130, pattern=HEX_KEY),  # type: ignore[arg-type]
            read.text(d, "client_id", max_len=64, pattern=CLIENT_ID_PATTERN),  # type: ignore[arg-type]
        )


@dataclass(frozen=True)
class Registration:
    device_id: str
    region: str
    device_secret: str
    delegation: str  # base64 of the COSE certificate
    root_public_key: str  # hex
    lease: Lease

    def delegation_bytes(self) -> bytes:
        return base64.b64decode(self.delegation)

    def to_json(self) -> dict:
        return {**asdict(self), "lease": self.lease.to_json()}

    @classmethod
    def from_json(cls, data: Any) -> Registration:
        d = read.as_object(data)
        return cls(
            read.text(d, "device_id", max_len=64),  # type: ignore[arg-type]
            read.text(d, "region", max_len=2),  # type: ignore[arg-type]
            read.text(d, "device_secret", max_len=128),  # type: ignore[arg-type]
            read.text(d, "delegation", max_len=4096),  # type: ignore[arg-type]
            read.text(d, "root_public_key", max_len=130),  # type: ignore[arg-type]
            Lease.from_json(d.get("lease")),
        )


@dataclass(frozen=True)
class LoginRequest:
    username: str
    password: str
    device_id: str | None = None
    device_secret: str | None = None

    @classmethod
    def from_json(cls, data: Any) -> LoginRequest:
        d = read.as_object(data)
        read.only_keys(d, ("username", "password", "device_id", "device_secret"))
        req = cls(
            read.text(d, "username", max_len=64),  # type: ignore[arg-type]
            read.text(d, "password", max_len=256),  # type: ignore[arg-type]
            read.text(d, "device_id", max_len=64, required=False),
            read.text(d, "device_secret", max_len=128, required=False),
        )
        if (req.device_id is None) != (req.device_secret is None):
            raise WireError("wire.error.device_pair", "device_secret")
        return req


@dataclass(frozen=True)
class Tokens:
    access_token: str
    refresh_token: str
    expires_in: int
    username: str
    role: str
    region: str | None
    device_id: str | None

    def to_json(self) -> dict:
        return {**asdict(self), "token_type": "bearer"}

    @classmethod
    def from_json(cls, data: Any) -> Tokens:
        d = dict(read.as_object(data))
        d.pop("token_type", None)
        return cls(**{k: d.get(k) for k in cls.__dataclass_fields__})


def _obj(required: list[str], props: dict) -> dict:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": required,
        "properties": props,
    }


_S = {"type": "string", "minLength": 1, "maxLength": 64}
REGISTER_SCHEMA = _obj(
    ["code", "public_key", "client_id"],
    {
        "code": _S,
        "public_key": {"type": "string", "pattern": f"^{HEX_KEY}$"},
        "client_id": {"type": "string", "pattern": f"^{CLIENT_ID_PATTERN}$"},
    },
)
LOGIN_SCHEMA = _obj(
    ["username", "password"],
    {"username": _S, "password": {"type": "string", "maxLength": 256}, "device_id": _S,
     "device_secret": {"type": "string", "maxLength": 128}},
)  # fmt: skip
REFRESH_SCHEMA = _obj(["refresh_token"], {"refresh_token": {"type": "string", "maxLength": 128}})
LEASE_SCHEMA = _obj([], {"size": {"type": "integer", "minimum": 1, "maximum": MAX_LEASE}})
