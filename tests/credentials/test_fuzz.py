"""Property-based fuzzing of ``verify``: 10,000 generated and mutated inputs, every one
gets a verdict, never an exception, never a hang, and no mutated credential is ever valid."""

from __future__ import annotations

import datetime as dt

import cbor2
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.credentials import Status, Verdict, verify
from app.credentials.base45 import ALPHABET, b45decode, b45encode
from app.credentials.compress import compress, decompress
from app.credentials.cose import Sign1, parse_sign1

from .conftest import NOW, World, make_world

WORLD: World = make_world()
FUZZ = settings(
    max_examples=2000,
    deadline=dt.timedelta(seconds=1),  # a verify takes well under a millisecond: a hang fails
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
TEXTS = {"final": WORLD.final, "badge": WORLD.badge}


def judged(text: str) -> Verdict:
    verdict = verify(text, WORLD.trust, NOW)
    assert isinstance(verdict, Verdict) and isinstance(verdict.status, Status)
    # Every input takes a path made for it, never the last-resort net that hides a bug.
    assert verdict.reason != "credentials.reason.unreadable"
    return verdict


@settings(FUZZ, max_examples=3000)
@given(st.one_of(st.text(max_size=2000), st.text(alphabet=ALPHABET, max_size=900)))
def test_any_text(text: str) -> None:
    assert not judged(text).valid


@FUZZ
@given(st.binary(max_size=700), st.booleans())
def test_any_bytes_behind_base45_and_zlib(data: bytes, deflate: bool) -> None:
    assert not judged(b45encode(compress(data) if deflate else data)).valid


leaves = (
    st.none() | st.booleans() | st.integers(-(2**64), 2**64) | st.text(max_size=30)
    | st.binary(max_size=70) | st.sampled_from([1.5, float("nan")])
)  # fmt: skip
cbor_values = leaves | st.lists(leaves, max_size=4) | st.dictionaries(st.integers(0, 9), leaves)


@settings(FUZZ, max_examples=1000)
@given(
    st.dictionaries(st.integers(-2, 170), cbor_values, max_size=6),
    st.dictionaries(st.integers(0, 82), cbor_values, max_size=14),
    st.sampled_from(list(TEXTS.values())),
)
def test_cose_shaped_nonsense(cwt: dict, identity: dict, base: str) -> None:
    """Well-formed COSE around arbitrary claims, signed or not by the real header."""
    msg = parse_sign1(decompress(b45decode(base)))
    cwt = {**cwt, 169: identity}
    payload = cbor2.dumps(cwt)
    forged = Sign1(msg.protected, msg.alg, msg.kid, payload, msg.signature)
    assert not judged(b45encode(compress(forged.encode()))).valid


mutations = st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), min_size=1, max_size=6)


def mutate(data: bytes, edits: list[tuple[int, int]], cut: int, insert: bytes) -> bytes:
    out = bytearray(data)
    for position, value in edits:
        out[position % len(out)] = value
    if cut:
        del out[cut % len(out)]
    if insert:
        out[len(insert) % len(out) : len(insert) % len(out)] = insert
    return bytes(out)


@FUZZ
@given(st.sampled_from(list(TEXTS)), mutations, st.integers(0, 1000), st.binary(max_size=3))
def test_mutated_compressed_data(which: str, edits: list, cut: int, insert: bytes) -> None:
    original = b45decode(TEXTS[which])
    data = mutate(original, edits, cut, insert)
    verdict = judged(b45encode(data))
    assert data == original or not verdict.valid


@FUZZ
@given(st.sampled_from(list(TEXTS)), mutations, st.integers(0, 1000), st.binary(max_size=3))
def test_mutated_signed_message(which: str, edits: list, cut: int, insert: bytes) -> None:
    original = decompress(b45decode(TEXTS[which]))
    data = mutate(original, edits, cut, insert)
    verdict = judged(b45encode(compress(data)))
    assert data == original or not verdict.valid
