"""From claims to QR text and back: CWT → COSE_Sign1 → zlib → base45.

``encode_credential`` signs; ``decode_credential`` only unwraps (no signature is checked:
use ``verify`` for that) and says why a text is not a credential with a message id.
"""

from __future__ import annotations

from dataclasses import dataclass

import cbor2

from app.credentials.base45 import b45decode, b45encode
from app.credentials.claims import CardClaims, ClaimsError, delegation_of
from app.credentials.compress import CompressionError, NotCanonical, compress, decompress
from app.credentials.cose import CoseError, Sign1, parse_sign1, sign1
from app.credentials.keys import PrivateKey

# The most a QR code holds in alphanumeric mode (version 40, level L).
MAX_TEXT = 4296


class Malformed(ValueError):
    """Not a credential; ``reason`` is a message id, ``params`` its parameters."""

    def __init__(self, reason: str, **params: object) -> None:
        super().__init__(reason)
        self.reason = reason
        self.params = params


@dataclass(frozen=True)
class Decoded:
    """A credential unwrapped but not verified."""

    message: Sign1
    cwt: dict
    delegation: bytes | None

    def claims(self) -> CardClaims:
        """The claims; ``ClaimsError`` if one is missing or wrong."""
        return CardClaims.from_cwt(self.cwt)


def encode_credential(claims: CardClaims, key: PrivateKey, delegation: bytes | None = None) -> str:
    """The QR text of ``claims`` signed by ``key`` (with a badge's delegation certificate)."""
    payload = cbor2.dumps(claims.to_cwt(delegation), canonical=True)
    return b45encode(compress(sign1(payload, key)))


def decode_credential(text: str) -> Decoded:
    """Unwrap a QR text down to its signed message; ``Malformed`` if it is not one."""
    if not isinstance(text, str) or not text:
        raise Malformed("credentials.reason.empty")
    if len(text) > MAX_TEXT:
        raise Malformed("credentials.reason.too_long", length=len(text))
    try:
        data = b45decode(text)
    except ValueError:
        raise Malformed("credentials.reason.not_base45") from None
    try:
        raw = decompress(data)
    except NotCanonical:
        raise Malformed("credentials.reason.not_canonical") from None
    except CompressionError:
        raise Malformed("credentials.reason.not_compressed") from None
    try:
        message = parse_sign1(raw)
    except CoseError:
        raise Malformed("credentials.reason.not_cose") from None
    try:
        cwt = cbor2.loads(message.payload)
    except Exception:  # cbor2 raises several kinds on hostile input
        raise Malformed("credentials.reason.bad_claims", detail="CBOR") from None
    if not isinstance(cwt, dict):
        raise Malformed("credentials.reason.bad_claims", detail="CWT")
    try:
        delegation = delegation_of(cwt)
    except ClaimsError as exc:
        raise Malformed("credentials.reason.bad_claims", detail=str(exc)) from None
    return Decoded(message, cwt, delegation)


def clean_scanned_text(text: str) -> str:
    """What a USB scanner typed, less the line ending it adds (base45 has spaces: kept)."""
    return text.strip("\r\n")
