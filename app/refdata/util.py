"""Small helpers shared by the reference-data modules."""

from __future__ import annotations

from app.i18n import LANGUAGES, current_language


def check_lang(lang: str | None) -> str:
    """``lang``, or the current language when None; refuses a language we do not ship."""
    lang = lang or current_language()
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; use one of {LANGUAGES}")
    return lang
