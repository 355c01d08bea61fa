"""An altered code never passes: every layer, every byte."""

from __future__ import annotations

import cbor2
import pytest

from app.credentials import Status, verify
from app.credentials.base45 import ALPHABET, b45decode, b45encode
from app.credentials.compress import compress, decompress
from app.credentials.cose import Sign1, parse_sign1

from .conftest import NOW, World


def _layers(text: str) -> tuple[bytes, bytes, Sign1]:
    compressed = b45decode(text)
    raw = decompress(compressed)
    return compressed, raw, parse_sign1(raw)


def _wrap(msg: Sign1) -> str:
    return b45encode(compress(msg.encode()))


@pytest.fixture(params=["final", "badge"])
def text(request: pytest.FixtureRequest, world: World) -> str:
    return getattr(world, request.param)


def test_every_signature_byte_counts(world: World, text: str) -> None:
    _, _, msg = _layers(text)
    for i in range(len(msg.signature)):
        for mask in (0x01, 0x80):
            sig = bytearray(msg.signature)
            sig[i] ^= mask
            forged = Sign1(msg.protected, msg.alg, msg.kid, msg.payload, bytes(sig))
            assert verify(_wrap(forged), world.trust, NOW).status is Status.BAD_SIGNATURE


@pytest.mark.parametrize(
    ("key", "value"),
    [(4, "Mohamed Amine Benjellouk"), (1, "2025-06-000124"), (77, None), (78, None),
     (8, "19850315"), (19, "محمد أمين بنجلون الادريسي")],
)  # fmt: skip
def test_altered_claims_are_a_bad_signature(
    world: World, text: str, key: int, value: object
) -> None:
    _, _, msg = _layers(text)
    cwt = cbor2.loads(msg.payload)
    cwt[169][key] = 3 - cwt[169][key] if value is None else value  # None: switch 1 and 2
    forged = Sign1(msg.protected, msg.alg, msg.kid, cbor2.dumps(cwt, canonical=True), msg.signature)
    assert verify(_wrap(forged), world.trust, NOW).status is Status.BAD_SIGNATURE


def test_longer_validity_is_a_bad_signature(world: World, text: str) -> None:
    _, _, msg = _layers(text)
    cwt = cbor2.loads(msg.payload)
    cwt[4] += 10 * 365 * 86400
    forged = Sign1(msg.protected, msg.alg, msg.kid, cbor2.dumps(cwt, canonical=True), msg.signature)
    assert verify(_wrap(forged), world.trust, NOW).status is Status.BAD_SIGNATURE


def test_every_single_byte_change_of_the_compressed_data(world: World, text: str) -> None:
    """All 255 other values of every byte of the zlib stream, each made into QR text."""
    compressed = b45decode(text)
    assert verify(text, world.trust, NOW).valid
    seen: set[str] = set()
    for i in range(len(compressed)):
        # Only the base45 chunk holding byte i changes: splice it instead of re-encoding all.
        start = i - i % 2
        head, tail = text[: start // 2 * 3], text[start // 2 * 3 + 3 :]
        chunk = bytearray(compressed[start : start + 2])
        original = chunk[i - start]
        for value in range(256):
            if value == original:
                continue
            chunk[i - start] = value
            mutated = head + b45encode(bytes(chunk)) + tail
            verdict = verify(mutated, world.trust, NOW)
            assert not verdict.valid, (i, value)
            seen.add(verdict.status)
        chunk[i - start] = original
    assert Status.MALFORMED in seen


def test_every_bit_flip_of_the_signed_message(world: World, text: str) -> None:
    """Flip each bit of the COSE message, then compress and encode it properly."""
    _, raw, _ = _layers(text)
    statuses = set()
    for i in range(len(raw)):
        for bit in range(8):
            mutated = bytearray(raw)
            mutated[i] ^= 1 << bit
            verdict = verify(b45encode(compress(bytes(mutated))), world.trust, NOW)
            assert not verdict.valid, (i, bit)
            statuses.add(verdict.status)
    assert {Status.BAD_SIGNATURE, Status.MALFORMED} <= statuses


def test_every_character_change_of_the_text(world: World, text: str) -> None:
    for i, char in enumerate(text):
        for other in ALPHABET:
            if other != char:
                mutated = text[:i] + other + text[i + 1 :]
                assert not verify(mutated, world.trust, NOW).valid, (i, other)


def test_inserted_and_deleted_characters(world: World, text: str) -> None:
    for i in range(0, len(text) + 1, 7):
        assert not verify(text[:i] + "A" + text[i:], world.trust, NOW).valid
    for i in range(0, len(text), 7):  # (deleting past the end would change nothing)
        assert not verify(text[:i] + text[i + 1 :], world.trust, NOW).valid
    assert not verify(text[:-1], world.trust, NOW).valid  # the last character, always
