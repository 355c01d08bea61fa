"""What a verifier says about one QR code: a status, a translatable reason, what it read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from app.credentials.claims import CardClaims
from app.credentials.delegation import Delegation
from app.i18n import is_rtl, tr


class Status(StrEnum):
    VALID_FINAL = "valid_final"
    VALID_PROVISIONAL = "valid_provisional"
    EXPIRED = "expired"
    NOT_YET_VALID = "not_yet_valid"
    REVOKED = "revoked"
    UNTRUSTED_KEY = "untrusted_key"
    BAD_SIGNATURE = "bad_signature"
    MALFORMED = "malformed"


VALID = frozenset({Status.VALID_FINAL, Status.VALID_PROVISIONAL})
WARNING = frozenset({Status.EXPIRED, Status.NOT_YET_VALID})


@dataclass(frozen=True)
class Verdict:
    """One verdict. ``claims`` are what the code says, shown even when it is not valid (in
    red: they are then not vouched for). The ages say how old the lists used are."""

    status: Status
    reason: str
    params: dict[str, object] = field(default_factory=dict)
    claims: CardClaims | None = None
    delegation: Delegation | None = None
    signer: str | None = None
    kid: bytes | None = None
    trust_list_version: int = 0
    trust_list_age: dt.timedelta = dt.timedelta(0)
    revocation_list_version: int = 0
    revocation_list_age: dt.timedelta = dt.timedelta(0)

    @property
    def valid(self) -> bool:
        return self.status in VALID

    @property
    def severity(self) -> str:
        """``ok`` (green), ``warning`` (amber: genuine but out of date) or ``error`` (red)."""
        if self.status in VALID:
            return "ok"
        return "warning" if self.status in WARNING else "error"

    def title(self, lang: str | None = None) -> str:
        return tr(f"credentials.status.{self.status}", lang)

    def message(self, lang: str | None = None) -> str:
        """The reason; in Arabic each parameter (dates, ids) is a first-strong isolate, so
        bidi never turns ``2026-12-22`` into ``22-12-2026``."""
        params = self.params
        if is_rtl(lang):
            params = {k: f"\u2068{v}\u2069" for k, v in params.items()}
        return tr(self.reason, lang, **params)

    def lists_summary(self, lang: str | None = None) -> str:
        """Which trust and revocation lists gave this verdict, and how old they are."""
        return tr(
            "credentials.lists_age",
            lang,
            trust_version=self.trust_list_version,
            trust_days=self.trust_list_age.days,
            revocation_version=self.revocation_list_version,
            revocation_days=self.revocation_list_age.days,
        )

    def as_dict(self, lang: str | None = None) -> dict[str, object]:
        """A plain summary (for ``--json`` output and logs)."""
        c = self.claims
        return {
            "status": str(self.status),
            "valid": self.valid,
            "title": self.title(lang),
            "reason": self.reason,
            "message": self.message(lang),
            "signer": self.signer,
            "kid": self.kid.hex() if self.kid else None,
            "claims": None
            if c is None
            else {
                "card_number": c.card_number,
                "nia": c.nia,
                "name_latin": c.name_latin,
                "name_arabic": c.name_arabic,
                "birth_date": c.birth_date.isoformat(),
                "gender": c.gender.name.lower(),
                "activity_code": c.activity_code,
                "commune_code": c.commune_code,
                "kind": c.kind.name.lower(),
                "status": c.status.name.lower(),
                "issued_at": c.issued_at.isoformat(),
                "not_before": c.not_before.isoformat(),
                "expires_at": c.expires_at.isoformat(),
                "issuer": c.issuer,
            },
            "trust_list": {
                "version": self.trust_list_version,
                "age_days": round(self.trust_list_age.total_seconds() / 86400, 1),
            },
            "revocation_list": {
                "version": self.revocation_list_version,
                "age_days": round(self.revocation_list_age.total_seconds() / 86400, 1),
            },
        }
