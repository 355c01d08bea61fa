"""Signing keys: Ed25519 (COSE alg -8) to sign, ES256 (alg -7) also accepted to verify.

A public key travels as its *raw* bytes: 32 bytes for Ed25519, the 65-byte uncompressed
SEC1 point for P-256. Its key id (``kid``) is the first 8 bytes of the SHA-256 of those raw
bytes. COSE signatures are raw too: 64 bytes (Ed25519, or r||s for ES256).
"""

from __future__ import annotations

import hashlib

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.utils import (
    decode_dss_signature,
    encode_dss_signature,
)

ALG_EDDSA = -8
ALG_ES256 = -7
ALGORITHMS = (ALG_EDDSA, ALG_ES256)
KID_BYTES = 8

PrivateKey = Ed25519PrivateKey | ec.EllipticCurvePrivateKey
PublicKey = Ed25519PublicKey | ec.EllipticCurvePublicKey


def generate_key(alg: int = ALG_EDDSA) -> PrivateKey:
    """A new private key: Ed25519 by default, P-256 for ``ALG_ES256``."""
    if alg == ALG_EDDSA:
        return Ed25519PrivateKey.generate()
    if alg == ALG_ES256:
        return ec.generate_private_key(ec.SECP256R1())
    raise ValueError(f"unsupported COSE algorithm {alg}")


def alg_of(key: PrivateKey | PublicKey) -> int:
    if isinstance(key, Ed25519PrivateKey | Ed25519PublicKey):
        return ALG_EDDSA
    if isinstance(key, ec.EllipticCurvePrivateKey | ec.EllipticCurvePublicKey) and isinstance(
        key.curve, ec.SECP256R1
    ):
        return ALG_ES256
    raise ValueError(f"unsupported key type {type(key).__name__}")


def raw_public_key(key: PrivateKey | PublicKey) -> bytes:
    """The raw public bytes of a private or public key (see the module docstring)."""
    pub = (
        key.public_key() if isinstance(key, Ed25519PrivateKey | ec.EllipticCurvePrivateKey) else key
    )
    if isinstance(pub, Ed25519PublicKey):
        return pub.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    alg_of(pub)
    return pub.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )


def key_id(raw_public: bytes) -> bytes:
    """The kid of a raw public key: SHA-256, first 8 bytes."""
    return hashlib.sha256(raw_public).digest()[:KID_BYTES]


def kid_of(key: PrivateKey | PublicKey) -> bytes:
    return key_id(raw_public_key(key))


def load_public_key(raw: bytes, alg: int) -> PublicKey:
    """The public key object of raw bytes for ``alg``; ``ValueError`` if they are not one."""
    if alg == ALG_EDDSA and len(raw) == 32:
        return Ed25519PublicKey.from_public_bytes(raw)
    if alg == ALG_ES256 and len(raw) == 65 and raw[0] == 4:
        return ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), raw)
    raise ValueError(f"not a public key for COSE algorithm {alg}")


def alg_for_raw(raw: bytes) -> int:
    """The algorithm a raw public key belongs to, by its length."""
    if len(raw) == 32:
        return ALG_EDDSA
    if len(raw) == 65:
        return ALG_ES256
    raise ValueError("raw public key of unexpected length")


def sign(key: PrivateKey, data: bytes) -> bytes:
    """A raw COSE signature of ``data``."""
    if isinstance(key, Ed25519PrivateKey):
        return key.sign(data)
    alg_of(key)
    r, s = decode_dss_signature(key.sign(data, ec.ECDSA(hashes.SHA256())))
    return r.to_bytes(32, "big") + s.to_bytes(32, "big")


def check_signature(public: PublicKey, signature: bytes, data: bytes) -> bool:
    """True when ``signature`` (raw COSE form) is ``public``'s over ``data``."""
    if len(signature) != 64:
        return False
    try:
        if isinstance(public, Ed25519PublicKey):
            public.verify(signature, data)
        else:
            r = int.from_bytes(signature[:32], "big")
            s = int.from_bytes(signature[32:], "big")
            public.verify(encode_dss_signature(r, s), data, ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        return False
    return True
