"""From an artisan record to the claims its QR code carries."""

from __future__ import annotations

import datetime as dt

from app.credentials import ArtisanStatus, CardClaims, CardKind, Gender
from app.credentials.claims import MAX_TEXT
from app.credentials.issue import BADGE_VALIDITY
from app.model.artisan import full_name_ar, full_name_lat, reference

STATUS = {s.name.lower(): s for s in ArtisanStatus}


def initials(name: str) -> str:
    """``Fatima-Zahra Ben`` → ``F.-Z. B.``: each part of a Latin given name to its initial."""
    words = []
    for word in name.split():
        parts = [p for p in word.split("-") if p]
        words.append("-".join(p[0].upper() + "." for p in parts))
    return " ".join(words)


def short_name(first: str, last: str, arabic: bool) -> list[str]:
    """Shorter forms of a full name, the least shortened first: for Latin, the given names
    to initials; for Arabic (which has no initials), only the first given name."""
    first, last = " ".join(first.split()), " ".join(last.split())
    if arabic:
        head = first.split()[0] if first else ""
        return [f"{head} {last}".strip()] if head != first else []
    return [f"{initials(first)} {last}".strip()] if first else []


def claim_name(first: str, last: str, arabic: bool) -> str:
    """The full name as the QR carries it: the whole name if it fits the claim's limit
    (120 characters), else its short form, else cut."""
    full = f"{first} {last}".strip()
    if len(full) <= MAX_TEXT:
        return full
    for candidate in short_name(first, last, arabic):
        if len(candidate) <= MAX_TEXT:
            return candidate
    return full[: MAX_TEXT - 1] + "…"


def card_number(rec: dict, issued_at: dt.datetime) -> str:
    """The number of one printed credential: the artisan's reference and the minute of
    issue, so a lost badge can be revoked without revoking its reprint."""
    return f"{reference(rec)}-P{issued_at.astimezone(dt.UTC):%y%m%d%H%M}"


def provisional_claims(rec: dict, issued_at: dt.datetime, expires_at: dt.datetime) -> CardClaims:
    """The claims of a laptop-signed credential (badge, proof, receipt) for ``rec``."""
    name_lat = claim_name(rec.get("first_name_lat") or "", rec.get("last_name_lat") or "", False)
    name_ar = claim_name(rec.get("first_name_ar") or "", rec.get("last_name_ar") or "", True)
    return CardClaims(
        card_number=card_number(rec, issued_at),
        name_latin=name_lat or full_name_lat(rec),
        name_arabic=name_ar or full_name_ar(rec),
        birth_date=dt.date.fromisoformat(rec["birth_date"]),
        gender=Gender.from_sex(rec.get("sex") or ""),
        activity_code=rec["activity_code"],
        commune_code=rec["commune_code"],
        kind=CardKind.PROVISIONAL,
        status=STATUS.get(rec.get("status") or "pending", ArtisanStatus.PENDING),
        issued_at=issued_at,
        expires_at=expires_at,
        nia=rec.get("nia") or None,
    )


def sign_provisional(rec: dict, issuer, now: dt.datetime) -> tuple[str, dt.datetime]:
    """The QR text of a laptop-signed credential for ``rec`` issued at ``now``, and its expiry
    (never past the laptop's delegation certificate). Printing and ``mihani qr`` both use it."""
    expires = min(now + BADGE_VALIDITY, issuer.not_after)
    return issuer.sign(provisional_claims(rec, now, expires)), expires
