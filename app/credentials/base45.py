"""Base45 (RFC 9285): bytes as text in the QR alphanumeric alphabet.

Decoding is strict so that one byte string has exactly one text: characters outside the
alphabet (lower case included), a dangling single character and chunks whose value does not
fit (``GGW`` is 65 535 + 1) are refused with ``ValueError``.
"""

from __future__ import annotations

import struct

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
_INVALID = 0xFF
_TABLE = bytes(ALPHABET.find(chr(b)) if chr(b) in ALPHABET else _INVALID for b in range(256))


def b45encode(data: bytes) -> str:
    full = len(data) // 2
    out = []
    for n in struct.unpack(f">{full}H", data[: full * 2]):
        n, c = divmod(n, 45)
        e, d = divmod(n, 45)
        out.append(ALPHABET[c] + ALPHABET[d] + ALPHABET[e])
    if len(data) % 2:
        d, c = divmod(data[-1], 45)
        out.append(ALPHABET[c] + ALPHABET[d])
    return "".join(out)


def b45decode(text: str) -> bytes:
    if not text.isascii():
        raise ValueError("base45 text is not ASCII")
    v = text.encode("ascii").translate(_TABLE)  # each character's value, 0xFF if none
    if _INVALID in v:
        raise ValueError("not a base45 character")
    full, rest = divmod(len(v), 3)
    if rest == 1:
        raise ValueError("base45 text has a dangling character")
    end = full * 3
    triples = zip(v[0:end:3], v[1:end:3], v[2:end:3], strict=True)
    chunks = [c + 45 * d + 2025 * e for c, d, e in triples]
    if chunks and max(chunks) > 0xFFFF:
        raise ValueError("base45 chunk out of range")
    out = struct.pack(f">{full}H", *chunks)
    if rest == 2:
        n = v[-2] + v[-1] * 45
        if n > 0xFF:
            raise ValueError("base45 chunk out of range")
        out += bytes((n,))
    return out
