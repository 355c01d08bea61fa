from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from app.credentials import (
    CLOCK_SKEW,
    CardKind,
    Delegation,
    Scope,
    Status,
    Verdict,
    encode_credential,
    generate_key,
    issue_delegation,
    issue_final_card,
    issue_provisional_badge,
    kid_of,
    parse_delegation,
    raw_public_key,
    verify,
)

from .conftest import DAY, NOW, World, claims, raises_msgid, signer_entry


def check(verdict: Verdict, status: Status, reason: str) -> Verdict:
    assert (verdict.status, verdict.reason) == (status, f"credentials.reason.{reason}")
    for lang in ("fr", "ar"):
        assert not verdict.title(lang).startswith("credentials.")
        assert not verdict.message(lang).startswith("credentials.")
        assert "{" not in verdict.message(lang)
    return verdict


def test_valid_final_card(world: World) -> None:
    v = check(verify(world.final, world.trust, NOW), Status.VALID_FINAL, "valid_final")
    assert v.valid and v.severity == "ok"
    assert v.claims == world.final_claims and v.signer == "central-1"
    assert v.kid == kid_of(world.signer)
    assert (v.trust_list_version, v.trust_list_age) == (3, 2 * DAY)
    assert (v.revocation_list_version, v.revocation_list_age) == (2, DAY)
    assert "central-1" in v.message("fr") and "2030-11-30" in v.message("ar")
    assert "v3" in v.lists_summary("fr")
    summary = v.as_dict("fr")
    assert summary["status"] == "valid_final" and summary["valid"] is True
    assert summary["claims"]["name_arabic"] == "محمد أمين بنجلون الإدريسي"  # type: ignore[index]


def test_valid_provisional_badge(world: World) -> None:
    v = verify(world.badge, world.trust, NOW)
    check(v, Status.VALID_PROVISIONAL, "valid_provisional")
    assert v.delegation is not None and v.delegation.device_id == "LAP-06-0007"
    assert v.signer == "LAP-06-0007" and v.claims is not None
    assert v.claims.nia == "06-00012345-67" and v.claims.kind is CardKind.PROVISIONAL


def test_es256_final_card_is_accepted(world: World) -> None:
    text = issue_final_card(world.final_claims, world.es256_signer)
    v = check(verify(text, world.trust, NOW), Status.VALID_FINAL, "valid_final")
    assert v.signer == "central-hsm"


def test_expired_and_not_yet_valid(world: World) -> None:
    later = world.final_claims.expires_at
    v = check(verify(world.final, world.trust, later), Status.EXPIRED, "expired")
    assert v.severity == "warning" and v.claims == world.final_claims
    check(verify(world.final, world.trust, later - dt.timedelta(seconds=1)), Status.VALID_FINAL,
          "valid_final")  # fmt: skip
    early = NOW - CLOCK_SKEW - dt.timedelta(seconds=1)
    check(verify(world.final, world.trust, early), Status.NOT_YET_VALID, "not_yet_valid")
    check(verify(world.final, world.trust, NOW - CLOCK_SKEW), Status.VALID_FINAL, "valid_final")


def test_badge_ends_with_its_laptop_certificate(world: World) -> None:
    end = parse_delegation(world.cert)[0].not_after + dt.timedelta(seconds=1)
    check(verify(world.badge, world.trust, end), Status.EXPIRED, "expired")
    # Made by hand with an expiry beyond the certificate: still refused once it has ended.
    long = encode_credential(world.badge_claims, world.device, world.cert)
    check(verify(long, world.trust, end), Status.EXPIRED, "delegation_expired")
    check(verify(long, world.trust, NOW), Status.VALID_PROVISIONAL, "valid_provisional")


def test_device_key_used_past_its_certificate(world: World) -> None:
    late = claims(CardKind.PROVISIONAL, at=NOW + 40 * DAY)
    with raises_msgid("credentials.error.delegation_out_of_date"):
        issue_provisional_badge(late, world.device, world.cert)
    text = encode_credential(late, world.device, world.cert)
    v = verify(text, world.trust, NOW + 40 * DAY)
    check(v, Status.UNTRUSTED_KEY, "signed_outside_delegation")
    assert v.params["device"] == "LAP-06-0007"


def test_revoked_device(world: World) -> None:
    trust = world.trust_with(revoked_kids=frozenset({kid_of(world.device)}))
    check(verify(world.badge, trust, NOW), Status.REVOKED, "device_revoked")
    check(verify(world.final, trust, NOW), Status.VALID_FINAL, "valid_final")


def test_revoked_card(world: World) -> None:
    trust = world.trust_with(revoked_cards=frozenset({"2025-06-000123"}))
    v = check(verify(world.final, trust, NOW), Status.REVOKED, "card_revoked")
    assert v.severity == "error" and v.params == {"card": "2025-06-000123"}
    check(verify(world.badge, trust, NOW), Status.REVOKED, "card_revoked")


def test_revoked_central_signer(world: World) -> None:
    trust = world.trust_with(revoked_kids=frozenset({kid_of(world.signer)}))
    check(verify(world.final, trust, NOW), Status.REVOKED, "key_revoked")


def test_card_signed_by_an_untrusted_key(world: World) -> None:
    text = issue_final_card(world.final_claims, generate_key())
    check(verify(text, world.trust, NOW), Status.UNTRUSTED_KEY, "unknown_signer")


def test_badge_claiming_to_be_a_final_card(world: World) -> None:
    final = claims(CardKind.FINAL)
    with pytest.raises(ValueError):
        issue_provisional_badge(final, world.device, world.cert)
    text = encode_credential(final, world.device, world.cert)
    check(verify(text, world.trust, NOW), Status.UNTRUSTED_KEY, "final_by_device")
    # Without its certificate, the laptop key is no central signer either.
    text = encode_credential(final, world.device)
    check(verify(text, world.trust, NOW), Status.UNTRUSTED_KEY, "scope_mismatch")
    # A certificate of another scope is no way round it.
    cert = Delegation(raw_public_key(world.device), "LAP-06-0007", "06", NOW - DAY, NOW + DAY,
                      Scope.FINAL).sign(world.root)  # fmt: skip
    text = encode_credential(final, world.device, cert)
    check(verify(text, world.trust, NOW), Status.UNTRUSTED_KEY, "final_by_device")


def test_provisional_kind_needs_its_certificate(world: World) -> None:
    text = encode_credential(world.badge_claims, world.signer)
    check(verify(text, world.trust, NOW), Status.UNTRUSTED_KEY, "no_delegation")


def test_signer_used_outside_its_validity(world: World) -> None:
    entry = signer_entry(world.signer, "central-1", frozenset({Scope.FINAL}),
                         not_before=NOW + DAY)  # fmt: skip
    trust = world.trust_with(keys=(entry,))
    check(verify(world.final, trust, NOW), Status.UNTRUSTED_KEY, "signed_outside_key_validity")


def test_swapped_delegation_certificate(world: World) -> None:
    other = issue_delegation(world.root, raw_public_key(generate_key()), "LAP-06-0008", "06",
                             now=NOW - DAY)  # fmt: skip
    # The laptop's own signature over another laptop's certificate.
    text = encode_credential(world.badge_claims, world.device, other)
    check(verify(text, world.trust, NOW), Status.UNTRUSTED_KEY, "delegation_key_mismatch")
    # A certificate made by an impostor root for a key the forger holds.
    forger = generate_key()
    fake = issue_delegation(generate_key(), raw_public_key(forger), "LAP-06-0007", "06", now=NOW)
    text = encode_credential(world.badge_claims, forger, fake)
    check(verify(text, world.trust, NOW), Status.UNTRUSTED_KEY, "delegation_not_root")
    # A root-signed certificate replaced in a genuine badge, without re-signing it.
    genuine = issue_provisional_badge(world.badge_claims, world.device, world.cert)
    forged_cert = issue_delegation(world.root, raw_public_key(world.device), "LAP-06-0099", "01",
                                   now=NOW - DAY)  # fmt: skip
    swapped = _swap_delegation(genuine, forged_cert)
    check(verify(swapped, world.trust, NOW), Status.BAD_SIGNATURE, "bad_signature")


def _swap_delegation(text: str, cert: bytes) -> str:
    import cbor2

    from app.credentials.base45 import b45decode, b45encode
    from app.credentials.compress import compress, decompress
    from app.credentials.cose import Sign1, parse_sign1

    msg = parse_sign1(decompress(b45decode(text)))
    cwt = cbor2.loads(msg.payload)
    cwt[169][80] = cert
    payload = cbor2.dumps(cwt, canonical=True)
    forged = Sign1(msg.protected, msg.alg, msg.kid, payload, msg.signature)
    return b45encode(compress(forged.encode()))


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("\r\n", "not_base45"),
        ("A" * 100_000, "too_long"),
        ("hello world", "not_base45"),
        ("BB8", "not_compressed"),
        ("%69 VD92EX0", "not_compressed"),
        ("HC1:6BFOXN%TS3DH0YOJ58S S-W5HDC *M0II5XHC9B5G2+$N", "not_base45"),
    ],
)
def test_garbage(world: World, text: str, reason: str) -> None:
    check(verify(text, world.trust, NOW), Status.MALFORMED, reason)


def test_truncated(world: World) -> None:
    for text in (world.final[:-1], world.final[:-3], world.badge[:100], world.final[:2]):
        v = verify(text, world.trust, NOW)
        assert v.status is Status.MALFORMED and not v.valid


def test_huge_and_odd_inputs_never_raise(world: World) -> None:
    for text in (world.final * 10, world.final + world.badge, "\x00" * 50, "٣" * 10, None):
        v = verify(text, world.trust, NOW)  # type: ignore[arg-type]
        assert v.status is Status.MALFORMED


def test_default_clock_is_now(world: World) -> None:
    fresh = claims(CardKind.FINAL, at=dt.datetime.now(dt.UTC))
    assert verify(issue_final_card(fresh, world.signer), world.trust).valid


def test_unissuable_status(world: World) -> None:
    from app.credentials import ArtisanStatus

    with raises_msgid("credentials.error.status_not_issuable"):
        issue_final_card(replace(world.final_claims, status=ArtisanStatus.DELETED), world.signer)


def test_an_unexpected_failure_is_a_verdict_not_a_crash(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    trust = world.trust_with()

    def broken(kid: bytes) -> None:
        raise RuntimeError("bug")

    monkeypatch.setattr(trust, "signer", broken)
    check(verify(world.final, trust, NOW), Status.MALFORMED, "unreadable")


def test_naive_now_is_a_programming_error(world: World) -> None:
    with pytest.raises(ValueError):
        verify(world.final, world.trust, dt.datetime(2025, 12, 1))


def test_arabic_reason_keeps_dates_in_their_order(world):
    from app.credentials import verify as check

    verdict = check(world.badge, world.trust, now=NOW + DAY)
    ar, fr = verdict.message("ar"), verdict.message("fr")
    date = verdict.claims.expires_at.date().isoformat()
    assert f"\u2068{date}\u2069" in ar  # an isolated left-to-right run inside Arabic
    assert "\u2068" not in fr and date in fr
