"""COSE_Sign1 (RFC 9052), tag 18, the way Mihani writes it and nothing looser.

The protected header is exactly ``{1: alg, 4: kid}``; the unprotected header is empty; the
external AAD is empty. ``parse_sign1`` accepts only that shape, and only in the canonical
encoding ``sign1`` writes, so one signed message has exactly one byte string.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import cbor2

from app.credentials.keys import (
    ALGORITHMS,
    KID_BYTES,
    PrivateKey,
    PublicKey,
    alg_of,
    check_signature,
    kid_of,
    sign,
)

COSE_SIGN1_TAG = 18
HEADER_ALG = 1
HEADER_KID = 4


class CoseError(ValueError):
    """Not a COSE_Sign1 of Mihani's shape."""


@dataclass(frozen=True)
class Sign1:
    protected: bytes
    alg: int
    kid: bytes
    payload: bytes
    signature: bytes

    def to_be_signed(self) -> bytes:
        return _sig_structure(self.protected, self.payload)

    def encode(self) -> bytes:
        return _encode(self.protected, self.payload, self.signature)


def _sig_structure(protected: bytes, payload: bytes) -> bytes:
    return cbor2.dumps(["Signature1", protected, b"", payload])


def _encode(protected: bytes, payload: bytes, signature: bytes) -> bytes:
    return cbor2.dumps(cbor2.CBORTag(COSE_SIGN1_TAG, [protected, {}, payload, signature]))


def sign1(payload: bytes, key: PrivateKey) -> bytes:
    """``payload`` signed by ``key`` as a tagged COSE_Sign1 with alg and kid protected."""
    protected = cbor2.dumps({HEADER_ALG: alg_of(key), HEADER_KID: kid_of(key)}, canonical=True)
    return _encode(protected, payload, sign(key, _sig_structure(protected, payload)))


def parse_sign1(data: bytes) -> Sign1:
    """The parts of a COSE_Sign1 (signature not checked); ``CoseError`` if it is not one."""
    try:
        obj = cbor2.loads(data)
    except Exception as exc:  # cbor2 raises several kinds on hostile input
        raise CoseError(f"not CBOR: {exc}") from None
    return from_object(obj, data)


def from_object(obj: object, data: bytes | None = None) -> Sign1:
    if not (isinstance(obj, cbor2.CBORTag) and obj.tag == COSE_SIGN1_TAG):
        raise CoseError("not a tagged COSE_Sign1")
    value = obj.value  # cbor2 6 reads a tag's content immutable: a tuple, a frozendict
    if not (isinstance(value, list | tuple) and len(value) == 4):
        raise CoseError("COSE_Sign1 is not an array of four")
    protected, unprotected, payload, signature = value
    if not (isinstance(protected, bytes) and isinstance(payload, bytes)):
        raise CoseError("protected header or payload is not a byte string")
    if not isinstance(signature, bytes) or not isinstance(unprotected, Mapping) or unprotected:
        raise CoseError("bad signature field or non-empty unprotected header")
    try:
        header = cbor2.loads(protected)
    except Exception:
        raise CoseError("protected header is not CBOR") from None
    if not (isinstance(header, dict) and set(header) == {HEADER_ALG, HEADER_KID}):
        raise CoseError("protected header is not {alg, kid}")
    alg, kid = header[HEADER_ALG], header[HEADER_KID]
    if type(alg) is not int or alg not in ALGORITHMS:
        raise CoseError("unsupported algorithm")
    if not (isinstance(kid, bytes) and len(kid) == KID_BYTES):
        raise CoseError("bad key id")
    msg = Sign1(protected, alg, kid, payload, signature)
    if data is not None and msg.encode() != data:
        raise CoseError("not in canonical form")
    return msg


def verify_sign1(msg: Sign1, public: PublicKey) -> bool:
    """True when ``msg``'s signature is ``public``'s."""
    if msg.alg != alg_of(public):
        return False
    return check_signature(public, msg.signature, msg.to_be_signed())
