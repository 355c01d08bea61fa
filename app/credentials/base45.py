"""Base45 (RFC 9285): bytes as text in the QR alphanumeric alphabet.

Decoding is strict so that one byte string has exactly one text: characters outside the
alphabet (lower case included), a dangling single character and chunks whose value does not
fit (``GGW`` is 65 535 + 1) are refused with ``ValueError``.
"""

from __future__ import annotations

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"
_VALUE = {c: i for i, c in enumerate(ALPHABET)}


def b45encode(data: bytes) -> str:
    out: list[str] = []
    for i in range(0, len(data) - 1, 2):
        n = data[i] * 256 + data[i + 1]
        n, c = divmod(n, 45)
        e, d = divmod(n, 45)
        out += (ALPHABET[c], ALPHABET[d], ALPHABET[e])
    if len(data) % 2:
        d, c = divmod(data[-1], 45)
        out += (ALPHABET[c], ALPHABET[d])
    return "".join(out)


def b45decode(text: str) -> bytes:
    try:
        values = [_VALUE[c] for c in text]
    except KeyError as exc:
        raise ValueError(f"not a base45 character: {exc.args[0]!r}") from None
    full, rest = divmod(len(values), 3)
    if rest == 1:
        raise ValueError("base45 text has a dangling character")
    out = bytearray()
    for i in range(0, full * 3, 3):
        n = values[i] + values[i + 1] * 45 + values[i + 2] * 2025
        if n > 0xFFFF:
            raise ValueError("base45 chunk out of range")
        out += n.to_bytes(2, "big")
    if rest == 2:
        n = values[-2] + values[-1] * 45
        if n > 0xFF:
            raise ValueError("base45 chunk out of range")
        out.append(n)
    return bytes(out)
