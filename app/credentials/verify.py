"""``verify(text, trust)``: one verdict for one QR text, offline, never an exception.

Order of the checks, each stopping at the first failure: the text unwraps (else malformed);
the signing key is known (a central signer of the trust list, or the laptop key of the
badge's own delegation certificate; else untrusted key); the signature holds (else bad
signature); the certificate is the root's, of scope provisional, and the badge was signed
within it, or the central signer may sign final cards and did so within its validity (else
untrusted key); neither the key nor the card is revoked (else revoked); and now lies
within the validity of the card (and of the laptop's certificate, for a badge).
"""

from __future__ import annotations

import datetime as dt
import logging

from app.credentials.claims import CardClaims, CardKind, ClaimsError
from app.credentials.codec import Decoded, Malformed, decode_credential
from app.credentials.cose import verify_sign1
from app.credentials.delegation import DelegationError, Scope, check_delegation, parse_delegation
from app.credentials.trust import Trust
from app.credentials.verdict import Status, Verdict

log = logging.getLogger(__name__)

# Laptop and verifier clocks drift: "not before" checks allow this much.
CLOCK_SKEW = dt.timedelta(minutes=10)

Result = tuple[Status, str, dict[str, object]]


def verify(text: str, trust: Trust, now: dt.datetime | None = None) -> Verdict:
    """The verdict on one QR text, given what this verifier trusts, at ``now``."""
    now = now or dt.datetime.now(dt.UTC)
    if now.tzinfo is None:
        raise ValueError("verify needs a timezone-aware now")
    tl_age, rl_age = trust.ages(now)
    ages = {
        "trust_list_version": trust.trust_list.version,
        "trust_list_age": tl_age,
        "revocation_list_version": trust.revocation_list.version,
        "revocation_list_age": rl_age,
    }
    try:
        status, reason, params, extra = _verify(text, trust, now)
    except Exception:  # the last net: a verifier answers, it does not crash
        log.exception("credential verification failed unexpectedly")
        status, reason, params, extra = (
            Status.MALFORMED, "credentials.reason.unreadable", {}, {},
        )  # fmt: skip
    return Verdict(status, reason, params, **extra, **ages)


def _day(moment: dt.datetime) -> str:
    return moment.date().isoformat()


def _verify(text: str, trust: Trust, now: dt.datetime) -> tuple[Status, str, dict, dict]:
    try:
        decoded = decode_credential(text)
    except Malformed as exc:
        return Status.MALFORMED, exc.reason, exc.params, {}
    try:
        claims: CardClaims | None = decoded.claims()
        problem = ""
    except ClaimsError as exc:
        claims, problem = None, str(exc)
    extra: dict = {"claims": claims, "kid": decoded.message.kid}
    if decoded.delegation is not None:
        result = _check_badge(decoded, claims, trust, now, extra)
    else:
        result = _check_card(decoded, claims, trust, now, extra)
    if result is None:  # signature good, claims not: a broken issuer, not a forger
        result = Status.MALFORMED, "credentials.reason.bad_claims", {"detail": problem}
    return (*result, extra)


def _check_card(
    decoded: Decoded, claims: CardClaims | None, trust: Trust, now: dt.datetime, extra: dict
) -> Result | None:
    msg = decoded.message
    found = trust.signer(msg.kid)
    if found is None:
        return Status.UNTRUSTED_KEY, "credentials.reason.unknown_signer", {"kid": msg.kid.hex()}
    entry, public = found
    extra["signer"] = entry.name
    if not verify_sign1(msg, public):
        return Status.BAD_SIGNATURE, "credentials.reason.bad_signature", {}
    if claims is None:
        return None
    if claims.kind is not CardKind.FINAL:
        return Status.UNTRUSTED_KEY, "credentials.reason.no_delegation", {}
    if Scope.FINAL not in entry.scopes:
        return Status.UNTRUSTED_KEY, "credentials.reason.scope_mismatch", {"signer": entry.name}
    if not entry.covers(claims.issued_at, CLOCK_SKEW):
        params = {
            "signer": entry.name,
            "signed": _day(claims.issued_at),
            "not_before": _day(entry.not_before),
            "not_after": _day(entry.not_after),
        }
        return Status.UNTRUSTED_KEY, "credentials.reason.signed_outside_key_validity", params
    if trust.is_revoked_key(msg.kid):
        return Status.REVOKED, "credentials.reason.key_revoked", {"signer": entry.name}
    return _common(claims, trust, now, Status.VALID_FINAL, {"signer": entry.name})


def _check_badge(
    decoded: Decoded, claims: CardClaims | None, trust: Trust, now: dt.datetime, extra: dict
) -> Result | None:
    msg = decoded.message
    try:
        cert, cert_msg = parse_delegation(decoded.delegation or b"")
    except DelegationError:
        return Status.MALFORMED, "credentials.reason.delegation_malformed", {}
    extra["delegation"] = cert
    extra["signer"] = cert.device_id
    device = {"device": cert.device_id, "region": cert.region}
    if cert.device_kid != msg.kid:
        return Status.UNTRUSTED_KEY, "credentials.reason.delegation_key_mismatch", device
    if not verify_sign1(msg, cert.device_key()):
        return Status.BAD_SIGNATURE, "credentials.reason.bad_signature", {}
    if not check_delegation(cert_msg, trust.root, trust.root_kid):
        return Status.UNTRUSTED_KEY, "credentials.reason.delegation_not_root", device
    if claims is None:
        return None
    if claims.kind is CardKind.FINAL or cert.scope is not Scope.PROVISIONAL:
        return Status.UNTRUSTED_KEY, "credentials.reason.final_by_device", device
    window = {"not_before": _day(cert.not_before), "not_after": _day(cert.not_after)}
    if not cert.covers(claims.issued_at, CLOCK_SKEW):
        params = {**device, **window, "signed": _day(claims.issued_at)}
        return Status.UNTRUSTED_KEY, "credentials.reason.signed_outside_delegation", params
    if trust.is_revoked_key(msg.kid):
        return Status.REVOKED, "credentials.reason.device_revoked", device
    result = _common(claims, trust, now, Status.VALID_PROVISIONAL, device)
    if result[0] is Status.VALID_PROVISIONAL and now > cert.not_after:
        return Status.EXPIRED, "credentials.reason.delegation_expired", {**device, **window}
    return result


def _common(
    claims: CardClaims, trust: Trust, now: dt.datetime, valid: Status, params: dict
) -> Result:
    if trust.is_revoked_card(claims.card_number):
        return Status.REVOKED, "credentials.reason.card_revoked", {"card": claims.card_number}
    if now + CLOCK_SKEW < claims.not_before:
        return (
            Status.NOT_YET_VALID,
            "credentials.reason.not_yet_valid",
            {"not_before": claims.not_before.isoformat(timespec="minutes")},
        )
    if now >= claims.expires_at:
        return Status.EXPIRED, "credentials.reason.expired", {"expires": _day(claims.expires_at)}
    reason = "credentials.reason." + str(valid)
    return valid, reason, {**params, "expires": _day(claims.expires_at)}
