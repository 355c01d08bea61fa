"""A small world of keys, lists and credentials, made once per test session."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, replace

import pytest

from app.credentials import (
    ArtisanStatus,
    CardClaims,
    CardKind,
    Gender,
    PrivateKey,
    RevocationList,
    Scope,
    Trust,
    TrustedKey,
    TrustList,
    generate_key,
    issue_delegation,
    issue_final_card,
    issue_provisional_badge,
    kid_of,
    raw_public_key,
)
from app.credentials.keys import alg_of
from app.errors import UserFacingError

NOW = dt.datetime(2025, 12, 1, 9, 0, tzinfo=dt.UTC)
DAY = dt.timedelta(days=1)


def claims(kind: CardKind, at: dt.datetime = NOW, **changes: object) -> CardClaims:
    """A holder with names of about 25 characters in each script, as on most cards."""
    final = kind is CardKind.FINAL
    base = CardClaims(
        card_number="2025-06-000123",
        name_latin="Mohamed Amine Benjelloun",
        name_arabic="محمد أمين بنجلون الإدريسي",
        birth_date=dt.date(1985, 3, 14),
        gender=Gender.MALE,
        activity_code="P01.001",
        commune_code="06.261.01.03",
        kind=kind,
        status=ArtisanStatus.VALIDATED if final else ArtisanStatus.PENDING,
        issued_at=at,
        expires_at=at + (5 * 365 * DAY if final else 90 * DAY),
        nia="06-00012345-67",
    )
    return replace(base, **changes) if changes else base


def signer_entry(key: PrivateKey, name: str, scopes: frozenset[Scope], **kw: object) -> TrustedKey:
    return TrustedKey(
        public_key=raw_public_key(key),
        alg=alg_of(key),
        name=name,
        scopes=scopes,
        not_before=kw.get("not_before", NOW - 400 * DAY),  # type: ignore[arg-type]
        not_after=kw.get("not_after", NOW + 3 * 365 * DAY),  # type: ignore[arg-type]
        region=str(kw.get("region", "")),
    )


@dataclass
class World:
    root: PrivateKey
    signer: PrivateKey
    es256_signer: PrivateKey
    device: PrivateKey
    cert: bytes
    trust_list: TrustList
    revocations: RevocationList
    trust: Trust
    final_claims: CardClaims
    badge_claims: CardClaims
    final: str
    badge: str

    def trust_with(
        self,
        revoked_kids: frozenset[bytes] = frozenset(),
        revoked_cards: frozenset[str] = frozenset(),
        keys: tuple[TrustedKey, ...] | None = None,
    ) -> Trust:
        tl = replace(self.trust_list, keys=keys) if keys is not None else self.trust_list
        rl = RevocationList(2, NOW - DAY, revoked_kids, revoked_cards)
        return Trust.load(raw_public_key(self.root), tl.sign(self.root), rl.sign(self.root))


def make_world(now: dt.datetime = NOW) -> World:
    root, signer, device = generate_key(), generate_key(), generate_key()
    es256 = generate_key(-7)
    device_two = generate_key()
    trust_list = TrustList(
        version=3,
        issued_at=now - 2 * DAY,
        keys=(
            signer_entry(signer, "central-1", frozenset({Scope.FINAL})),
            signer_entry(es256, "central-hsm", frozenset({Scope.FINAL})),
            signer_entry(device, "LAP-06-0007", frozenset({Scope.PROVISIONAL}), region="06"),
            signer_entry(device_two, "LAP-06-0008", frozenset({Scope.PROVISIONAL}), region="06"),
        ),
    )
    revocations = RevocationList(2, now - DAY)
    trust = Trust.load(raw_public_key(root), trust_list.sign(root), revocations.sign(root))
    cert = issue_delegation(root, raw_public_key(device), "LAP-06-0007", "06", now=now - 3 * DAY)
    final_claims = claims(CardKind.FINAL, now)
    badge_claims = claims(CardKind.PROVISIONAL, now)
    badge = issue_provisional_badge(badge_claims, device, cert)
    return World(
        root, signer, es256, device, cert, trust_list, revocations, trust,
        final_claims, badge_claims, issue_final_card(final_claims, signer), badge,
    )  # fmt: skip


@contextlib.contextmanager
def raises_msgid(msgid: str) -> Iterator[object]:
    """Like ``pytest.raises(UserFacingError)``, and the message id must be ``msgid``."""
    with pytest.raises(UserFacingError) as caught:
        yield caught
    assert caught.value.msgid == msgid


@pytest.fixture(scope="session")
def world() -> World:
    return make_world()


__all__ = ["DAY", "NOW", "World", "claims", "kid_of", "make_world", "raises_msgid", "signer_entry"]
