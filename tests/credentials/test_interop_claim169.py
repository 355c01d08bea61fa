"""Our QR texts decode and verify with MOSIP's own ``claim169`` package (Inji's decoder)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import claim169
import pytest

from app.credentials import (
    CardClaims,
    Status,
    issue_final_card,
    parse_delegation,
    raw_public_key,
    verify,
)

from .conftest import World, make_world


@pytest.fixture(scope="module")
def today() -> World:
    # claim169 checks exp and nbf against the real clock: a world made now.
    return make_world(dt.datetime.now(dt.UTC).replace(microsecond=0))


def same_fields(result: object, claims: CardClaims) -> None:
    c = result.claim169  # type: ignore[attr-defined]
    meta = result.cwt_meta  # type: ignore[attr-defined]
    assert result.is_verified() and result.verification_status == "verified"  # type: ignore[attr-defined]
    assert c.id == claims.card_number
    assert c.full_name == claims.name_latin
    assert c.date_of_birth == claims.birth_date.strftime("%Y%m%d")
    assert c.gender == int(claims.gender) == claim169.Gender.MALE
    assert c.secondary_full_name == claims.name_arabic
    assert c.secondary_language == "ara"
    assert meta.issuer == claims.issuer
    assert meta.issued_at == int(claims.issued_at.timestamp())
    assert meta.not_before == int(claims.not_before.timestamp())
    assert meta.expires_at == int(claims.expires_at.timestamp())


def test_final_card_verifies_with_claim169(today: World) -> None:
    result = claim169.decode(today.final, verify_with_ed25519=raw_public_key(today.signer))
    same_fields(result, today.final_claims)
    assert result.detected_compression == "zlib"


def test_provisional_badge_verifies_with_claim169(today: World) -> None:
    result = claim169.decode(today.badge, verify_with_ed25519=raw_public_key(today.device))
    cert, _ = parse_delegation(today.cert)
    same_fields(result, replace(today.badge_claims, expires_at=cert.not_after))


def test_es256_final_card_verifies_with_claim169(today: World) -> None:
    text = issue_final_card(today.final_claims, today.es256_signer)
    result = claim169.decode(text, verify_with_ecdsa_p256=raw_public_key(today.es256_signer))
    same_fields(result, today.final_claims)


def test_claim169_refuses_the_wrong_key(today: World) -> None:
    with pytest.raises(claim169.Claim169Exception):
        claim169.decode(today.final, verify_with_ed25519=raw_public_key(today.device))


def test_claim169_credentials_are_not_ours(today: World) -> None:
    """A Claim 169 QR made by MOSIP's encoder with a key we do not trust: a verdict, no crash."""
    data = claim169.Claim169Input(id="X-1", full_name="Jane Doe")
    now = int(dt.datetime.now(dt.UTC).timestamp())
    meta = claim169.CwtMetaInput(issuer="https://example.org", expires_at=now + 3600)
    text = claim169.encode_with_ed25519(data, meta, bytes(range(32)))
    verdict = verify(text, today.trust)
    assert (verdict.status, verdict.reason) == (
        Status.MALFORMED,
        "credentials.reason.not_canonical",
    )
