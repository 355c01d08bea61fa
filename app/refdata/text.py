"""Folding of names for look-ups: Latin case and accents, Arabic letter forms.

``fold`` turns "Aït-Ourir", "AIT OURIR" and "ait ourir" into one key, and "أكادير",
"اكادير" into one key too, so a search matches whatever the agent typed.
"""

from __future__ import annotations

import re
import unicodedata

_ARABIC_MAP = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ة": "ه",
        "ى": "ي",
        "ؤ": "و",
        "ئ": "ي",
        "ڭ": "ك",
        "گ": "ك",
        "ک": "ك",
        "ی": "ي",
        "ـ": "",  # tatweel
    }
)
_TASHKEEL = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_APOSTROPHES = re.compile("['’`ʼ‘]")
_SEPARATORS = re.compile(r"[\s\-‐-―_.,;:/()«»\"]+")


def fold(text: str) -> str:
    """A search key: lower case, no accents, Arabic letter forms unified, one space."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _TASHKEEL.sub("", text).translate(_ARABIC_MAP)
    decomposed = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    text = unicodedata.normalize("NFC", text)
    text = _APOSTROPHES.sub("", text)
    return _SEPARATORS.sub(" ", text).strip()


def _is_arabic(ch: str) -> bool:
    return "\u0600" <= ch <= "\u06ff"


def is_arabic_text(text: str) -> bool:
    """True when every letter of ``text`` is Arabic script (and there is at least one)."""
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(_is_arabic(ch) or "\u0750" <= ch <= "\u077f" for ch in letters)


def is_latin_text(text: str) -> bool:
    """True when every letter of ``text`` is Latin script (and there is at least one)."""
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all("LATIN" in unicodedata.name(ch, "") for ch in letters)
