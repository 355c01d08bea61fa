"""zlib, written at level 9 and read strictly.

Many zlib streams inflate to the same bytes (other header levels, set padding bits, a match
copied from another distance in a run...). To keep "one credential, one QR text", so that
no altered code can pass, the reader accepts a stream only if compressing what it inflates
to gives it back byte for byte. Issuer and verifier must therefore share the deflate
implementation: CPython's zlib (reference zlib, not zlib-ng). ``tests/credentials`` pins a
known stream so that a platform with another deflate is caught by the tests, not in the field.
"""

from __future__ import annotations

import zlib

LEVEL = 9
HEADER = b"\x78\xda"
MAX_INFLATED = 8192


class CompressionError(ValueError):
    """Not a zlib stream as Mihani writes them."""


class NotCanonical(CompressionError):
    """A sound zlib stream, but not the one Mihani's writer makes of its content."""


def compress(data: bytes) -> bytes:
    return zlib.compress(data, LEVEL)


def decompress(data: bytes) -> bytes:
    """The bytes inside ``data``; ``CompressionError`` unless it is in the writer's form."""
    if len(data) < 7:
        raise CompressionError("too short")
    d = zlib.decompressobj()
    try:
        out = d.decompress(data, MAX_INFLATED)
    except zlib.error:
        raise CompressionError("corrupted") from None
    if d.unconsumed_tail or not d.eof or d.unused_data:
        raise CompressionError("truncated, too large or followed by other data")
    if data[:2] != HEADER or zlib.compress(out, LEVEL) != data:
        raise NotCanonical("not in canonical form")
    return out
