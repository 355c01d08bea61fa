"""The trust list and the revocation list: versioned documents signed by the root.

Each is a COSE_Sign1 (signed by the root key, kid in the protected header) over a CBOR map
whose key 0 names the document type, so that one can never be read as the other, nor as a
delegation certificate. They are kept and exchanged as files of those bytes.

Trust list: ``{0: "mihani-trust-list", 1: version, 2: issued (epoch s), 3: [entry, ...]}``,
entry ``{1: raw public key, 2: COSE alg, 3: name, 4: [scope codes], 5: not before,
6: not after, 7: region or ""}``.

Revocation list: ``{0: "mihani-revocation-list", 1: version, 2: issued, 3: [revoked kid
(8 bytes), ...], 4: [revoked card number, ...]}``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import cbor2

from app.credentials.claims import from_epoch, to_epoch
from app.credentials.cose import parse_sign1, sign1, verify_sign1
from app.credentials.delegation import SCOPE_CODES, SCOPE_OF_CODE, Scope
from app.credentials.keys import (
    KID_BYTES,
    PrivateKey,
    PublicKey,
    key_id,
    kid_of,
    load_public_key,
)
from app.errors import UserFacingError

TRUST_LIST_TYPE = "mihani-trust-list"
REVOCATION_LIST_TYPE = "mihani-revocation-list"
_MAX_TIME = 253_402_300_800


@dataclass(frozen=True)
class TrustedKey:
    """A key the root vouches for: a central signer (scope final) or a device (provisional)."""

    public_key: bytes
    alg: int
    name: str
    scopes: frozenset[Scope]
    not_before: dt.datetime
    not_after: dt.datetime
    region: str = ""

    @property
    def kid(self) -> bytes:
        return key_id(self.public_key)

    def covers(self, moment: dt.datetime, skew: dt.timedelta = dt.timedelta(0)) -> bool:
        return self.not_before - skew <= moment <= self.not_after

    def _encode(self) -> dict:
        return {
            1: self.public_key,
            2: self.alg,
            3: self.name,
            4: sorted(SCOPE_CODES[s] for s in self.scopes),
            5: to_epoch(self.not_before),
            6: to_epoch(self.not_after),
            7: self.region,
        }

    @classmethod
    def _decode(cls, obj: object) -> TrustedKey:
        if not (isinstance(obj, dict) and set(obj) == {1, 2, 3, 4, 5, 6, 7}):
            raise ValueError("bad trust list entry")
        scopes = obj[4]
        if not (isinstance(scopes, list) and all(s in SCOPE_OF_CODE for s in scopes)):
            raise ValueError("bad scopes")
        if not (isinstance(obj[3], str) and isinstance(obj[7], str)):
            raise ValueError("bad name or region")
        load_public_key(obj[1], obj[2])  # raises ValueError if it is not a key
        return cls(
            obj[1], obj[2], obj[3], frozenset(SCOPE_OF_CODE[s] for s in scopes),
            _time(obj[5]), _time(obj[6]), obj[7],
        )  # fmt: skip


@dataclass(frozen=True)
class TrustList:
    version: int
    issued_at: dt.datetime
    keys: tuple[TrustedKey, ...] = ()

    def sign(self, root_key: PrivateKey) -> bytes:
        body = [k._encode() for k in self.keys]
        return _sign(root_key, TRUST_LIST_TYPE, self.version, self.issued_at, {3: body})

    @classmethod
    def load(cls, data: bytes, root_public: PublicKey) -> TrustList:
        """The list in ``data``, checked against the root; ``UserFacingError`` otherwise."""
        version, issued, body = _open(data, root_public, TRUST_LIST_TYPE, {3})
        try:
            if not isinstance(body[3], list):
                raise ValueError("entries are not a list")
            keys = tuple(TrustedKey._decode(e) for e in body[3])
        except (ValueError, TypeError, KeyError):
            raise UserFacingError("credentials.error.trust_list_invalid") from None
        return cls(version, issued, keys)

    def save(self, path: Path | str, root_key: PrivateKey) -> None:
        _write(Path(path), self.sign(root_key))


@dataclass(frozen=True)
class RevocationList:
    version: int
    issued_at: dt.datetime
    revoked_kids: frozenset[bytes] = field(default_factory=frozenset)
    revoked_cards: frozenset[str] = field(default_factory=frozenset)

    def sign(self, root_key: PrivateKey) -> bytes:
        body = {3: sorted(self.revoked_kids), 4: sorted(self.revoked_cards)}
        return _sign(root_key, REVOCATION_LIST_TYPE, self.version, self.issued_at, body)

    @classmethod
    def load(cls, data: bytes, root_public: PublicKey) -> RevocationList:
        version, issued, body = _open(data, root_public, REVOCATION_LIST_TYPE, {3, 4})
        kids, cards = body[3], body[4]
        if not (
            isinstance(kids, list)
            and isinstance(cards, list)
            and all(isinstance(k, bytes) and len(k) == KID_BYTES for k in kids)
            and all(isinstance(c, str) for c in cards)
        ):
            raise UserFacingError("credentials.error.revocation_list_invalid")
        return cls(version, issued, frozenset(kids), frozenset(cards))

    def save(self, path: Path | str, root_key: PrivateKey) -> None:
        _write(Path(path), self.sign(root_key))


def _sign(root_key: PrivateKey, kind: str, version: int, issued: dt.datetime, body: dict) -> bytes:
    if type(version) is not int or version < 1:
        raise ValueError("a list version is a positive integer")
    payload = {0: kind, 1: version, 2: to_epoch(issued), **body}
    return sign1(cbor2.dumps(payload, canonical=True), root_key)


def _open(
    data: bytes, root_public: PublicKey, kind: str, body_keys: set[int]
) -> tuple[int, dt.datetime, dict]:
    msgid = {
        TRUST_LIST_TYPE: "credentials.error.trust_list_invalid",
        REVOCATION_LIST_TYPE: "credentials.error.revocation_list_invalid",
    }[kind]
    try:
        msg = parse_sign1(data)
    except ValueError:
        raise UserFacingError(msgid) from None
    if msg.kid != kid_of(root_public) or not verify_sign1(msg, root_public):
        raise UserFacingError(msgid.replace("_invalid", "_not_root"))
    try:
        payload = cbor2.loads(msg.payload)
    except Exception:
        raise UserFacingError(msgid) from None
    if not (isinstance(payload, dict) and set(payload) == {0, 1, 2} | body_keys):
        raise UserFacingError(msgid)
    version = payload[1]
    if payload[0] != kind or type(version) is not int or version < 1:
        raise UserFacingError(msgid)
    try:
        issued = _time(payload[2])
    except ValueError:
        raise UserFacingError(msgid) from None
    return version, issued, payload


def _time(value: object) -> dt.datetime:
    if type(value) is not int or not 0 <= value < _MAX_TIME:
        raise ValueError("bad time")
    return from_epoch(value)


def _write(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)


def read_list_file(path: Path | str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise UserFacingError(
            "credentials.error.list_file_unreadable", path=str(path), detail=exc.strerror or ""
        ) from None
