"""Validators of single fields: each returns the clean value or raises ``FieldProblem``."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

import phonenumbers

from app.nia import looks_like_nia, parse_nia


class FieldProblem(Exception):
    def __init__(self, msgid: str, **params: object) -> None:
        super().__init__(msgid)
        self.msgid = msgid
        self.params = params


CIN_RE = re.compile(r"^[A-Z]{1,2}[0-9]{1,6}$")
_EMAIL_RE = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,185}\.[A-Za-z]{2,24}$")
_ARABIC_LETTER = re.compile(r"[\u0621-\u064A\u0671-\u06D3\u06A9\u06AF\u06CC]")
_ARABIC_ALLOWED = re.compile(r"^[\u0621-\u065F\u0670-\u06D3\u06A9\u06AF\u06CC\u0640 \-]+$")
_LATIN_ALLOWED = re.compile(r"^[A-Za-z\u00C0-\u024F '\-.]+$")


def text(value: object, max_len: int = 200) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise FieldProblem("error.not_text")
    clean = " ".join(unicodedata.normalize("NFC", value).split())
    if len(clean) > max_len:
        raise FieldProblem("error.too_long", max=max_len)
    return clean or None


def cin(value: object) -> str:
    clean = (text(value, 16) or "").upper().replace(" ", "")
    if not CIN_RE.match(clean):
        raise FieldProblem("error.cin_format", value=str(value))
    return clean


def arabic_name(value: object) -> str:
    clean = text(value, 60)
    if not clean:
        raise FieldProblem("error.required")
    if not _ARABIC_ALLOWED.match(clean) or not _ARABIC_LETTER.search(clean):
        raise FieldProblem("error.name_arabic")
    return clean


def latin_name(value: object) -> str:
    clean = text(value, 60)
    if not clean:
        raise FieldProblem("error.required")
    if not _LATIN_ALLOWED.match(clean) or not re.search(r"[A-Za-z]", clean):
        raise FieldProblem("error.name_latin")
    return clean


def date(value: object) -> dt.date:
    raw = text(value, 10)
    if not raw or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
        raise FieldProblem("error.date_format", value=str(value))
    try:
        return dt.date.fromisoformat(raw)
    except ValueError as exc:
        raise FieldProblem("error.date_invalid", value=raw) from exc


def age_on(birth: dt.date, today: dt.date) -> int:
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def phone(value: object) -> str | None:
    raw = text(value, 24)
    if not raw:
        return None
    try:
        num = phonenumbers.parse(raw, "MA")
    except phonenumbers.NumberParseException as exc:
        raise FieldProblem("error.phone_invalid", value=raw) from exc
    if not phonenumbers.is_valid_number(num):
        raise FieldProblem("error.phone_invalid", value=raw)
    return phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164)


def email(value: object) -> str | None:
    raw = text(value, 254)
    if raw and not _EMAIL_RE.match(raw):
        raise FieldProblem("error.email_invalid", value=raw)
    return raw.lower() if raw else None


def integer(value: object, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise FieldProblem("error.not_integer")
    try:
        number = int(str(value).strip())
    except ValueError as exc:
        raise FieldProblem("error.not_integer") from exc
    if not low <= number <= high:
        raise FieldProblem("error.out_of_range", low=low, high=high)
    return number


def digits(value: object, max_len: int = 20) -> str | None:
    raw = text(value, max_len + 8)
    if not raw:
        return None
    clean = raw.replace(" ", "").replace("-", "")
    if not clean.isdigit() or not clean.isascii() or len(clean) > max_len:
        raise FieldProblem("error.digits_only", max=max_len)
    return clean


def nia(value: object) -> str:
    raw = text(value, 20) or ""
    parsed = parse_nia(raw)
    if parsed is None:
        raise FieldProblem(
            "error.nia_check" if looks_like_nia(raw) else "error.nia_format", value=raw
        )
    return parsed


def sha256_hex(value: object) -> str | None:
    raw = text(value, 64)
    if raw and not re.fullmatch(r"[0-9a-f]{64}", raw):
        raise FieldProblem("error.photo_format")
    return raw


def boolean(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "yes", "oui", "1"):
        return True
    if isinstance(value, str) and value.strip().lower() in ("false", "no", "non", "0", ""):
        return False
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    raise FieldProblem("error.not_boolean")
