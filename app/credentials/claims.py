"""The claims of a card or badge, laid out per MOSIP ID Claim 169 (spec 1.2.2).

CWT claims: 1 iss, 4 exp, 5 nbf, 6 iat (seconds since the epoch) and 169, the identity map:

====  =========================================  ======================================
key   meaning                                    encoding
====  =========================================  ======================================
1     card number (Claim 169 "ID")               text
4     full name, Latin script                    text
8     date of birth                              text ``YYYYMMDD`` (as the spec says)
9     gender                                     int: 1 male, 2 female, 3 other
19    full name, secondary language (Arabic)     text
20    secondary language                         text ``ara`` (ISO 639-3)
75    NIA (absent while provisional)             text ``RR-SSSSSSSS-CC``
76    craft activity code (nomenclature)         text, e.g. ``P01.001``
77    card kind                                  int: 1 provisional badge, 2 final card
78    artisan status                             int: see ``ArtisanStatus``
79    commune code                               text, e.g. ``06.261.01.03``
80    delegation certificate (badges only)       bytes: COSE_Sign1 signed by the root
====  =========================================  ======================================

Keys 75-99 are unassigned in Claim 169 and usable in a closed ecosystem; generic Claim 169
readers ignore them. Unknown keys are ignored on reading.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import IntEnum

ISS, EXP, NBF, IAT, IDENTITY = 1, 4, 5, 6, 169
ID, FULL_NAME, BIRTH_DATE, GENDER, SECONDARY_NAME, SECONDARY_LANG = 1, 4, 8, 9, 19, 20
NIA, ACTIVITY, KIND, STATUS, COMMUNE, DELEGATION = 75, 76, 77, 78, 79, 80
ARABIC = "ara"
DEFAULT_ISSUER = "MA-RNA"
MAX_TEXT = 120
MAX_TIME = 253_402_300_800  # 10000-01-01, the first moment datetime cannot hold


class ClaimsError(ValueError):
    """Claims missing, of the wrong type, or out of range."""


class CardKind(IntEnum):
    PROVISIONAL = 1
    FINAL = 2


class Gender(IntEnum):
    """Claim 169 numbering."""

    MALE = 1
    FEMALE = 2
    OTHER = 3

    @classmethod
    def from_sex(cls, sex: str) -> Gender:
        """From the register's ``M``/``F``."""
        return {"M": cls.MALE, "F": cls.FEMALE}.get(sex, cls.OTHER)


class ArtisanStatus(IntEnum):
    """The artisan record's status (the register's ``STATUSES``, numbered)."""

    PENDING = 1
    VALIDATED = 2
    REJECTED = 3
    SUSPENDED = 4
    DELETED = 5


def to_epoch(moment: dt.datetime) -> int:
    if moment.tzinfo is None:
        raise ValueError("timestamps must be timezone-aware")
    return int(moment.timestamp())


def from_epoch(seconds: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(seconds, dt.UTC)


@dataclass(frozen=True)
class CardClaims:
    """What a card or badge says about its holder, and when it is valid."""

    card_number: str
    name_latin: str
    name_arabic: str
    birth_date: dt.date
    gender: Gender
    activity_code: str
    commune_code: str
    kind: CardKind
    status: ArtisanStatus
    issued_at: dt.datetime
    expires_at: dt.datetime
    nia: str | None = None
    not_before: dt.datetime = field(default=None)  # type: ignore[assignment]
    issuer: str = DEFAULT_ISSUER

    def __post_init__(self) -> None:
        for name in ("issued_at", "expires_at"):
            value = getattr(self, name)
            to_epoch(value)
            object.__setattr__(self, name, value.astimezone(dt.UTC).replace(microsecond=0))
        nbf = self.not_before if self.not_before is not None else self.issued_at
        to_epoch(nbf)
        object.__setattr__(self, "not_before", nbf.astimezone(dt.UTC).replace(microsecond=0))

    def to_cwt(self, delegation: bytes | None = None) -> dict:
        identity: dict[int, object] = {
            ID: self.card_number,
            FULL_NAME: self.name_latin,
            BIRTH_DATE: self.birth_date.strftime("%Y%m%d"),
            GENDER: int(self.gender),
            SECONDARY_NAME: self.name_arabic,
            SECONDARY_LANG: ARABIC,
            ACTIVITY: self.activity_code,
            KIND: int(self.kind),
            STATUS: int(self.status),
            COMMUNE: self.commune_code,
        }
        if self.nia:
            identity[NIA] = self.nia
        if delegation is not None:
            identity[DELEGATION] = delegation
        for key, value in identity.items():
            if isinstance(value, str) and not 0 < len(value) <= MAX_TEXT:
                raise ClaimsError(f"claim {key} is empty or too long")
        return {
            ISS: self.issuer,
            EXP: to_epoch(self.expires_at),
            NBF: to_epoch(self.not_before),
            IAT: to_epoch(self.issued_at),
            IDENTITY: identity,
        }

    @classmethod
    def from_cwt(cls, cwt: object) -> CardClaims:
        """The claims of a decoded CWT map; ``ClaimsError`` if any is missing or wrong."""
        if not isinstance(cwt, dict):
            raise ClaimsError("payload is not a map")
        identity = cwt.get(IDENTITY)
        if not isinstance(identity, dict):
            raise ClaimsError("claim 169 missing")
        if identity.get(SECONDARY_LANG) != ARABIC:
            raise ClaimsError("secondary language is not ara")
        nia = identity.get(NIA)
        return cls(
            card_number=_text(identity, ID),
            name_latin=_text(identity, FULL_NAME),
            name_arabic=_text(identity, SECONDARY_NAME),
            birth_date=_date(_text(identity, BIRTH_DATE)),
            gender=_enum(Gender, identity, GENDER),
            activity_code=_text(identity, ACTIVITY),
            commune_code=_text(identity, COMMUNE),
            kind=_enum(CardKind, identity, KIND),
            status=_enum(ArtisanStatus, identity, STATUS),
            issued_at=from_epoch(_time(cwt, IAT)),
            expires_at=from_epoch(_time(cwt, EXP)),
            nia=None if nia is None else _text(identity, NIA),
            not_before=from_epoch(_time(cwt, NBF)),
            issuer=_text(cwt, ISS),
        )


def delegation_of(cwt: object) -> bytes | None:
    """The delegation certificate a badge carries (claim 169, key 80), if any."""
    identity = cwt.get(IDENTITY) if isinstance(cwt, dict) else None
    value = identity.get(DELEGATION) if isinstance(identity, dict) else None
    if value is not None and not isinstance(value, bytes):
        raise ClaimsError("delegation certificate is not a byte string")
    return value


def _text(claims: dict, key: int) -> str:
    value = claims.get(key)
    if not isinstance(value, str) or not 0 < len(value) <= MAX_TEXT:
        raise ClaimsError(f"claim {key} missing or not a short text")
    return value


def _time(claims: dict, key: int) -> int:
    value = claims.get(key)
    if type(value) is not int or not 0 <= value < MAX_TIME:
        raise ClaimsError(f"claim {key} missing or not a time")
    return value


def _enum(kind: type[IntEnum], claims: dict, key: int):
    value = claims.get(key)
    if type(value) is not int or value not in kind._value2member_map_:
        raise ClaimsError(f"claim {key} missing or unknown")
    return kind(value)


def _date(text: str) -> dt.date:
    if len(text) != 8 or not text.isascii() or not text.isdigit():
        raise ClaimsError("date of birth is not YYYYMMDD")
    try:
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        raise ClaimsError("date of birth does not exist") from None
