"""Delegation certificates: the root lets one field laptop sign provisional badges.

A COSE_Sign1 signed by the root key whose payload is a small CBOR map:

===  ==========================  ==========================================
key  meaning                     encoding
===  ==========================  ==========================================
1    device public key           bytes, raw (32 for Ed25519)
2    device id                   text, e.g. ``LAP-06-0007``
3    region                      text, two digits
4    not after                   int, seconds since the epoch
5    not before                  int, seconds since the epoch
6    scope                       int: 1 provisional (``Scope``)
===  ==========================  ==========================================

Exactly these six keys: the root also signs trust and revocation lists, which carry a type
marker (key 0) and so can never be read as a certificate, nor one as them. A badge embeds
its certificate (claim 169 key 80), so a verifier holding only the root key checks it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

import cbor2

from app.credentials.claims import from_epoch, to_epoch
from app.credentials.cose import CoseError, Sign1, parse_sign1, sign1, verify_sign1
from app.credentials.keys import PrivateKey, PublicKey, alg_for_raw, key_id, load_public_key

DEFAULT_VALIDITY = dt.timedelta(days=30)
_PUB, _DEVICE, _REGION, _NOT_AFTER, _NOT_BEFORE, _SCOPE = 1, 2, 3, 4, 5, 6


class Scope(StrEnum):
    """What a key may sign."""

    PROVISIONAL = "provisional"
    FINAL = "final"


SCOPE_CODES = {Scope.PROVISIONAL: 1, Scope.FINAL: 2}
SCOPE_OF_CODE = {code: scope for scope, code in SCOPE_CODES.items()}


class DelegationError(ValueError):
    """Not a delegation certificate."""


@dataclass(frozen=True)
class Delegation:
    device_public_key: bytes
    device_id: str
    region: str
    not_before: dt.datetime
    not_after: dt.datetime
    scope: Scope = Scope.PROVISIONAL

    @property
    def device_kid(self) -> bytes:
        return key_id(self.device_public_key)

    def device_key(self) -> PublicKey:
        return load_public_key(self.device_public_key, alg_for_raw(self.device_public_key))

    def covers(self, moment: dt.datetime, skew: dt.timedelta = dt.timedelta(0)) -> bool:
        return self.not_before - skew <= moment <= self.not_after

    def sign(self, root_key: PrivateKey) -> bytes:
        alg_for_raw(self.device_public_key)
        payload = {
            _PUB: self.device_public_key,
            _DEVICE: self.device_id,
            _REGION: self.region,
            _NOT_AFTER: to_epoch(self.not_after),
            _NOT_BEFORE: to_epoch(self.not_before),
            _SCOPE: SCOPE_CODES[self.scope],
        }
        return sign1(cbor2.dumps(payload, canonical=True), root_key)


def issue_delegation(
    root_key: PrivateKey,
    device_public_key: bytes,
    device_id: str,
    region: str,
    *,
    now: dt.datetime | None = None,
    valid_for: dt.timedelta = DEFAULT_VALIDITY,
) -> bytes:
    """A certificate, signed by the root, letting a laptop sign provisional badges."""
    start = (now or dt.datetime.now(dt.UTC)).replace(microsecond=0)
    return Delegation(device_public_key, device_id, region, start, start + valid_for).sign(root_key)


def parse_delegation(data: bytes) -> tuple[Delegation, Sign1]:
    """The certificate in ``data`` and its COSE message, not yet checked against the root."""
    try:
        msg = parse_sign1(data)
        payload = cbor2.loads(msg.payload)
    except CoseError as exc:
        raise DelegationError(str(exc)) from None
    except Exception:
        raise DelegationError("payload is not CBOR") from None
    if not (isinstance(payload, dict) and set(payload) == {1, 2, 3, 4, 5, 6}):
        raise DelegationError("not a delegation certificate")
    pub, device, region = payload[_PUB], payload[_DEVICE], payload[_REGION]
    times, scope = (payload[_NOT_BEFORE], payload[_NOT_AFTER]), payload[_SCOPE]
    if not (isinstance(pub, bytes) and isinstance(device, str) and isinstance(region, str)):
        raise DelegationError("bad key, device id or region")
    if not all(type(t) is int and 0 <= t < 253_402_300_800 for t in times):
        raise DelegationError("bad validity")
    if type(scope) is not int or scope not in SCOPE_OF_CODE:
        raise DelegationError("unknown scope")
    try:
        alg_for_raw(pub)
    except ValueError:
        raise DelegationError("bad device key") from None
    cert = Delegation(
        pub, device, region, from_epoch(times[0]), from_epoch(times[1]), SCOPE_OF_CODE[scope]
    )
    return cert, msg


def check_delegation(msg: Sign1, root_public: PublicKey, root_kid: bytes) -> bool:
    """True when the certificate's signature is the root's."""
    return msg.kid == root_kid and verify_sign1(msg, root_public)


def load_delegation(data: bytes, root_public: PublicKey, root_kid: bytes) -> Delegation:
    """A certificate checked against the root; ``DelegationError`` if it is not the root's."""
    cert, msg = parse_delegation(data)
    if not check_delegation(msg, root_public, root_kid):
        raise DelegationError("not signed by the root")
    return cert
