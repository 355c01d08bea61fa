from __future__ import annotations

import datetime as dt
import zlib
from dataclasses import replace

import cbor2
import pytest

from app.credentials import (
    CardKind,
    ClaimsError,
    Malformed,
    clean_scanned_text,
    decode_credential,
    encode_credential,
    parse_delegation,
    qr_version,
)
from app.credentials.base45 import b45decode, b45encode
from app.credentials.compress import CompressionError, compress, decompress
from app.credentials.cose import CoseError, parse_sign1

from .conftest import NOW, World, claims

# Issuer and verifier must deflate alike (see compress.py): this pins CPython's zlib output.
GOLDEN_IN = "Mihani محمد أمين 2025-06-000123 ".encode() * 3 + bytes(range(40))
GOLDEN_OUT = (
    "78daf3cdcc48cccb54b8d97a632d10af57b8b1f866ebcdae9b6d0a460646a6ba0666ba0606068646c60abe"
    "5456c7c0c8c4ccc2cac6cec1c9c5cdc3cbc72f2028242c222a262e2129252d232b27afa0a8a4aca2aaa60e00"
    "c75c35c5"
)


def test_deflate_is_the_reference_one() -> None:
    assert compress(GOLDEN_IN).hex() == GOLDEN_OUT
    assert decompress(bytes.fromhex(GOLDEN_OUT)) == GOLDEN_IN


def test_round_trip_final_and_badge(world: World) -> None:
    final = decode_credential(world.final)
    assert final.claims() == world.final_claims
    assert final.delegation is None
    badge = decode_credential(world.badge)
    cert, _ = parse_delegation(world.cert)
    # A badge never outlives its laptop's certificate: its expiry is cut to it.
    assert badge.claims() == replace(world.badge_claims, expires_at=cert.not_after)
    assert badge.delegation == world.cert


def test_claim_169_layout(world: World) -> None:
    cwt = decode_credential(world.badge).cwt
    assert set(cwt) == {1, 4, 5, 6, 169}
    assert cwt[6] == int(NOW.timestamp()) == cwt[5]
    identity = cwt[169]
    assert identity[1] == "2025-06-000123"
    assert identity[4] == "Mohamed Amine Benjelloun"
    assert identity[8] == "19850314"  # the spec's YYYYMMDD
    assert identity[9] == 1  # male, in the spec's numbering
    assert identity[19] == "محمد أمين بنجلون الإدريسي"
    assert identity[20] == "ara"
    assert identity[75] == "06-00012345-67"
    assert (identity[76], identity[77], identity[78], identity[79]) == (
        "P01.001", 1, 1, "06.261.01.03",
    )  # fmt: skip
    assert identity[80] == decode_credential(world.badge).delegation


def test_protected_header_has_alg_and_kid(world: World) -> None:
    msg = decode_credential(world.final).message
    assert cbor2.loads(msg.protected) == {1: -8, 4: msg.kid}
    assert len(msg.kid) == 8


def test_sizes_fit_the_qr_versions(world: World) -> None:
    final, badge = b45decode(world.final), b45decode(world.badge)
    print(f"\nfinal card: {len(final)} bytes, {len(world.final)} chars, v{qr_version(world.final)}")
    print(f"badge:      {len(badge)} bytes, {len(world.badge)} chars, v{qr_version(world.badge)}")
    assert len(final) <= 280 and qr_version(world.final) <= 12
    assert len(badge) <= 437 and qr_version(world.badge) <= 16


def test_nia_is_optional_for_provisional_references(world: World) -> None:
    c = claims(CardKind.PROVISIONAL, nia=None, card_number="PROV-06-7F3A21")
    text = encode_credential(c, world.signer)
    assert 75 not in decode_credential(text).cwt[169]
    assert decode_credential(text).claims() == c


def test_claims_are_checked_when_made() -> None:
    with pytest.raises(ValueError):
        claims(CardKind.FINAL, at=dt.datetime(2025, 1, 1))  # naive: refused
    with pytest.raises(ClaimsError):
        claims(CardKind.FINAL, name_latin="x" * 121).to_cwt()
    with pytest.raises(ClaimsError):
        claims(CardKind.FINAL, activity_code="").to_cwt()


def test_non_canonical_zlib_is_refused(world: World) -> None:
    raw = decompress(b45decode(world.final))
    for level in (1, 6):
        other = zlib.compress(raw, level)
        if other != compress(raw):
            with pytest.raises(CompressionError):
                decompress(other)
    with pytest.raises(CompressionError):
        decompress(compress(raw) + b"\x00")  # trailing data
    with pytest.raises(CompressionError):
        decompress(compress(raw)[:-1])  # truncated
    with pytest.raises(CompressionError):
        decompress(compress(bytes(100_000)))  # a bomb


def test_non_canonical_cose_is_refused(world: World) -> None:
    msg = parse_sign1(decompress(b45decode(world.final)))
    parts = [msg.protected, {}, msg.payload, msg.signature]
    variants = [
        cbor2.dumps(parts),  # untagged
        cbor2.dumps(cbor2.CBORTag(18, [msg.protected, {4: msg.kid}, msg.payload, msg.signature])),
        cbor2.dumps(cbor2.CBORTag(18, parts)) + b"\x00",
        cbor2.dumps(cbor2.CBORTag(61, cbor2.CBORTag(18, parts))),
        cbor2.dumps(cbor2.CBORTag(18, [*parts, b""])),
    ]
    for data in variants:
        with pytest.raises(CoseError):
            parse_sign1(data)
        with pytest.raises(Malformed):
            decode_credential(b45encode(compress(data)))


def test_malformed_reasons() -> None:
    cases = {
        "": "credentials.reason.empty",
        "A" * 5000: "credentials.reason.too_long",
        "bb8": "credentials.reason.not_base45",
        "BB8": "credentials.reason.not_compressed",
        b45encode(compress(b"hello")): "credentials.reason.not_cose",
    }
    for text, reason in cases.items():
        with pytest.raises(Malformed) as caught:
            decode_credential(text)
        assert caught.value.reason == reason


def test_scanner_line_endings_are_cleaned(world: World) -> None:
    assert clean_scanned_text(world.final + "\r\n") == world.final
    assert clean_scanned_text(" A ") == " A "  # spaces are base45
