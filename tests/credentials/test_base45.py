from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.credentials.base45 import ALPHABET, b45decode, b45encode

# RFC 9285, section 4.
VECTORS = [(b"AB", "BB8"), (b"Hello!!", "%69 VD92EX0"), (b"base-45", "UJCLQE7W581"), (b"", "")]


@pytest.mark.parametrize(("raw", "text"), VECTORS)
def test_rfc_vectors(raw: bytes, text: str) -> None:
    assert b45encode(raw) == text
    assert b45decode(text) == raw


def test_rfc_decode_example() -> None:
    assert b45decode("QED8WEX0") == b"ietf!"


@pytest.mark.parametrize(
    "text",
    ["GGW", "GG", "A", "ABCD", "bb8", "BB8\n", "HC1:", "é", "\x00\x00"],
)
def test_strict_decoding_refuses(text: str) -> None:
    with pytest.raises(ValueError):
        b45decode(text)


def test_largest_chunks_are_accepted() -> None:
    assert b45decode("FGW") == b"\xff\xff"
    assert b45decode("U5") == b"\xff"


@given(st.binary(max_size=300))
def test_round_trip(data: bytes) -> None:
    text = b45encode(data)
    assert set(text) <= set(ALPHABET)
    assert b45decode(text) == data


@given(st.text(alphabet=ALPHABET, max_size=60))
def test_one_text_per_byte_string(text: str) -> None:
    try:
        data = b45decode(text)
    except ValueError:
        return
    assert b45encode(data) == text
