"""The translation layer for everything outside Qt: messages by id, in Arabic or French.

Catalogues are JSON files in ``resources/i18n/<lang>.json`` mapping a message id to a
template with ``{name}`` placeholders. Each room may add its own catalogue file
(``<lang>.<room>.json``); all files of a language are merged. A missing id falls back
to French, then to the id itself, so a forgotten string is visible, never a crash.
"""

from __future__ import annotations

import json
import os
import threading
from functools import cache
from pathlib import Path

LANGUAGES = ("fr", "ar")
DEFAULT_LANGUAGE = "fr"
RESOURCES = Path(__file__).resolve().parent.parent / "resources"
_state = threading.local()
_process_language: str | None = None  # until set, MIHANI_LANG or French


@cache
def catalogue(lang: str) -> dict[str, str]:
    merged: dict[str, str] = {}
    for path in sorted((RESOURCES / "i18n").glob(f"{lang}*.json")):
        merged.update(json.loads(path.read_text(encoding="utf-8")))
    return merged


def default_language() -> str:
    """``MIHANI_LANG`` when it names a language we speak, else French."""
    lang = os.environ.get("MIHANI_LANG", DEFAULT_LANGUAGE)
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def set_language(lang: str) -> None:
    """Set the language of the whole process (the UI's switch calls this)."""
    global _process_language
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; use one of {LANGUAGES}")
    _process_language = lang


def current_language() -> str:
    return getattr(_state, "lang", None) or _process_language or default_language()


def tr(msgid: str, lang: str | None = None, /, **params: object) -> str:
    """The message ``msgid`` in ``lang`` (default: the current language), filled in."""
    lang = lang or current_language()
    template = catalogue(lang).get(msgid) or catalogue(DEFAULT_LANGUAGE).get(msgid) or msgid
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template


def is_rtl(lang: str | None = None) -> bool:
    return (lang or current_language()) == "ar"
