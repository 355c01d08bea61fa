from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from app.credentials import (
    Delegation,
    DelegationError,
    RevocationList,
    Scope,
    Trust,
    TrustList,
    generate_key,
    issue_delegation,
    kid_of,
    load_delegation,
    parse_delegation,
    raw_public_key,
)
from app.credentials.keys import PublicKey, load_public_key

from .conftest import DAY, NOW, World, raises_msgid


def root_public(world: World) -> PublicKey:
    return load_public_key(raw_public_key(world.root), -8)


def test_lists_round_trip_through_files(world: World, tmp_path: Path) -> None:
    revocations = RevocationList(7, NOW, frozenset({kid_of(world.device)}), frozenset({"C-1"}))
    world.trust_list.save(tmp_path / "trust.cbor", world.root)
    revocations.save(tmp_path / "revoked.cbor", world.root)
    trust = Trust.load_files(
        raw_public_key(world.root), tmp_path / "trust.cbor", tmp_path / "revoked.cbor"
    )
    assert trust.trust_list == world.trust_list
    assert trust.revocation_list == revocations
    assert trust.is_revoked_key(kid_of(world.device)) and trust.is_revoked_card("C-1")
    assert [k.name for k in trust.signers_for(Scope.FINAL)] == ["central-1", "central-hsm"]
    tl_age, rl_age = trust.ages(NOW + DAY)
    assert (tl_age, rl_age) == (3 * DAY, DAY)


def test_missing_list_file(world: World, tmp_path: Path) -> None:
    with raises_msgid("credentials.error.list_file_unreadable"):
        Trust.load_files(raw_public_key(world.root), tmp_path / "no", tmp_path / "none")


def test_lists_must_be_signed_by_the_root(world: World) -> None:
    impostor = generate_key()
    with raises_msgid("credentials.error.trust_list_not_root"):
        TrustList.load(world.trust_list.sign(impostor), root_public(world))
    with raises_msgid("credentials.error.revocation_list_not_root"):
        RevocationList.load(world.revocations.sign(impostor), root_public(world))
    signed = bytearray(world.trust_list.sign(world.root))
    signed[len(signed) // 2] ^= 1
    with pytest.raises(Exception) as caught:
        TrustList.load(bytes(signed), root_public(world))
    assert getattr(caught.value, "msgid", "").startswith("credentials.error.trust_list_")


def test_documents_cannot_be_read_as_each_other(world: World) -> None:
    trust_list = world.trust_list.sign(world.root)
    revocations = world.revocations.sign(world.root)
    with raises_msgid("credentials.error.trust_list_invalid"):
        TrustList.load(revocations, root_public(world))
    with raises_msgid("credentials.error.trust_list_invalid"):
        TrustList.load(world.cert, root_public(world))
    with raises_msgid("credentials.error.revocation_list_invalid"):
        RevocationList.load(trust_list, root_public(world))
    for data in (trust_list, revocations):
        with pytest.raises(DelegationError):
            parse_delegation(data)


def test_a_verifier_never_goes_back_to_an_older_list(world: World) -> None:
    newer = replace(world.trust_list, version=world.trust_list.version + 1)
    updated = world.trust.updated(trust_list=newer.sign(world.root))
    assert updated.trust_list.version == 4
    with raises_msgid("credentials.error.trust_list_not_newer"):
        updated.updated(trust_list=world.trust_list.sign(world.root))
    older = RevocationList(1, NOW - 9 * DAY)
    with raises_msgid("credentials.error.revocation_list_not_newer"):
        world.trust.updated(revocation_list=older.sign(world.root))


def test_bad_root_key(world: World) -> None:
    with raises_msgid("credentials.error.root_key_invalid"):
        Trust.load(b"short", world.trust_list.sign(world.root), world.revocations.sign(world.root))


def test_delegation_certificate(world: World) -> None:
    cert = load_delegation(world.cert, root_public(world), kid_of(world.root))
    assert cert.device_public_key == raw_public_key(world.device)
    assert cert.device_kid == kid_of(world.device)
    assert (cert.device_id, cert.region, cert.scope) == ("LAP-06-0007", "06", Scope.PROVISIONAL)
    assert cert.not_after - cert.not_before == 30 * DAY
    assert len(world.cert) < 160
    with pytest.raises(DelegationError):
        load_delegation(world.cert, root_public(world), kid_of(generate_key()))
    forged = issue_delegation(generate_key(), raw_public_key(world.device), "LAP-X", "06", now=NOW)
    with pytest.raises(DelegationError):
        load_delegation(forged, root_public(world), kid_of(world.root))


def test_delegation_refuses_garbage() -> None:
    for data in (b"", b"\xd2\x84", bytes(40)):
        with pytest.raises(DelegationError):
            parse_delegation(data)
    with pytest.raises(ValueError):
        Delegation(b"x" * 31, "LAP", "06", NOW, NOW + DAY).sign(generate_key())
