"""Making cards and badges: the central signer signs final cards, a laptop provisional badges."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from app.credentials.claims import ArtisanStatus, CardClaims, CardKind
from app.credentials.codec import encode_credential
from app.credentials.delegation import DelegationError, Scope, parse_delegation
from app.credentials.keys import PrivateKey, kid_of
from app.errors import UserFacingError

FINAL_VALIDITY = dt.timedelta(days=5 * 365)
BADGE_VALIDITY = dt.timedelta(days=90)
ISSUABLE = frozenset({ArtisanStatus.PENDING, ArtisanStatus.VALIDATED, ArtisanStatus.SUSPENDED})


def _check(claims: CardClaims, kind: CardKind) -> None:
    if claims.kind is not kind:
        raise ValueError(f"claims are for a {claims.kind.name.lower()} credential")
    if claims.status not in ISSUABLE:
        raise UserFacingError(
            "credentials.error.status_not_issuable", status=claims.status.name.lower()
        )


def issue_final_card(claims: CardClaims, signer_key: PrivateKey) -> str:
    """The QR text of a final card, signed by a central signer key."""
    _check(claims, CardKind.FINAL)
    return encode_credential(claims, signer_key)


def issue_provisional_badge(claims: CardClaims, device_key: PrivateKey, delegation: bytes) -> str:
    """The QR text of a provisional badge signed by this laptop, carrying its certificate.

    Refused when the certificate is not this laptop's, is not for provisional badges, or
    does not cover the moment of issue; a badge never outlives its certificate (its expiry
    is cut to the certificate's ``not_after``)."""
    _check(claims, CardKind.PROVISIONAL)
    try:
        cert, _ = parse_delegation(delegation)
    except DelegationError:
        raise UserFacingError("credentials.error.delegation_invalid") from None
    if cert.device_kid != kid_of(device_key) or cert.scope is not Scope.PROVISIONAL:
        raise UserFacingError("credentials.error.delegation_not_for_this_device")
    if not cert.covers(claims.issued_at):
        raise UserFacingError(
            "credentials.error.delegation_out_of_date",
            not_before=cert.not_before.date().isoformat(),
            not_after=cert.not_after.date().isoformat(),
        )
    if claims.expires_at > cert.not_after:
        claims = replace(claims, expires_at=cert.not_after)
    return encode_credential(claims, device_key, delegation)
