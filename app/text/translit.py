"""Names across scripts: phonetic keys, similarity, and proposed transliterations.

``skeleton``, ``name_similarity`` and ``similar_names`` compare names whatever their
script; ``propose_latin`` and ``propose_arabic`` offer the other script's spelling for the
agent to accept or correct (the names dictionary first, then rules for Latin).
"""

from __future__ import annotations

import re

from app.text.names import NameEntry, lookup_arabic, lookup_latin
from app.text.normalize import (
    ARABIC_NOT_ARTICLE,
    LATIN_ARTICLES,
    fold_latin,
    latin_variants,
    normalize_arabic,
)
from app.text.phonetic import skeleton
from app.text.similarity import SIMILARITY_THRESHOLD, name_similarity, similar_names

__all__ = [
    "SIMILARITY_THRESHOLD",
    "name_similarity",
    "propose_arabic",
    "propose_latin",
    "similar_names",
    "skeleton",
]

_MAX_SPAN = 3  # the longest dictionary names: "Maa El Ainine", "Fatima Zahra"

_AR_TO_LAT = {
    "ب": "b", "پ": "p", "ت": "t", "ث": "t", "ج": "j", "ح": "h", "خ": "kh", "د": "d",
    "ذ": "d", "ر": "r", "ز": "z", "س": "s", "ش": "ch", "ص": "s", "ض": "d", "ط": "t",
    "ظ": "d", "غ": "gh", "ف": "f", "ڤ": "v", "ق": "k", "ك": "k", "ڭ": "g", "ݣ": "g",
    "گ": "g", "ل": "l", "م": "m", "ن": "n", "ه": "h",
}  # fmt: skip
_AR_VOWELS = {
    "ا": "a", "ٱ": "a", "أ": "a", "إ": "i", "آ": "a", "ى": "a", "ة": "a", "ئ": "i", "ؤ": "ou",
    "ء": "",
}  # fmt: skip
_SINGLE_S = re.compile(r"(?<=[aeiou])s(?=[aeiou])")
_AR_PARTICLES = {"بن": "Ben", "ابن": "Ibn", "ايت": "Ait", "ابو": "Abou", "ولد": "Ould"}


def _is_article(tok: str) -> bool:
    return tok.startswith("ال") and len(tok) > 3 and tok not in ARABIC_NOT_ARTICLE


def _without_article(lat: str) -> str:
    for art in ("El ", "Al ", "El-", "Al-"):
        if lat.startswith(art):
            return lat[len(art) :]
    return lat


def _spans(tokens: list[str], lookup) -> list[tuple[str, NameEntry | None]]:
    """Greedy longest match of consecutive tokens against the dictionary."""
    out: list[tuple[str, NameEntry | None]] = []
    i = 0
    while i < len(tokens):
        for j in range(min(len(tokens), i + _MAX_SPAN), i, -1):
            entry = lookup(" ".join(tokens[i:j]))
            if entry is not None:
                out.append((" ".join(tokens[i:j]), entry))
                i = j
                break
        else:
            out.append((tokens[i], None))
            i += 1
    return out


def _rule_latin(tok: str) -> str:
    """French-style transliteration of one Arabic word, short vowels guessed as 'a'."""
    out: list[str] = []
    prev_consonant = False
    for i, c in enumerate(tok):
        nxt = tok[i + 1 : i + 2]
        if c in "وي" and not (i == 0 or (nxt and nxt in "اىةيوء")):
            sound, vowel = ("ou" if c == "و" else "i"), True  # a long vowel
        elif c in _AR_VOWELS:
            sound, vowel = _AR_VOWELS[c], True
        elif c == "ع":
            sound, vowel = ("" if "ا" in (nxt, tok[i - 1 : i]) else "a"), True
        elif c == "ي" and i and prev_consonant:
            sound, vowel = "i", True  # شادية Chadia, رياض Riad
        else:
            sound, vowel = {"و": "ou", "ي": "y"}.get(c) or _AR_TO_LAT.get(c, ""), False
            if sound and prev_consonant:
                out.append("a")
        if sound:
            out.append(sound)
            prev_consonant = not vowel
    word = _SINGLE_S.sub("ss", "".join(out))  # a single s between vowels is said z in French
    return word[:1].upper() + word[1:]


def _latin_word(tok: str) -> str:
    entry = lookup_arabic(tok)
    if entry is not None:
        return entry.lat
    if _is_article(tok):
        stem = lookup_arabic(tok[2:])
        return "El " + (_without_article(stem.lat) if stem else _rule_latin(tok[2:]))
    with_article = lookup_arabic("ال" + tok)
    if with_article is not None:
        return _without_article(with_article.lat)
    return _AR_PARTICLES.get(tok) or _rule_latin(tok)


def propose_latin(arabic_name: str) -> str:
    """A proposed Latin spelling (French style, as on CINs) of an Arabic name.

    Dictionary spellings first (the whole name, then each word, with or without the
    article), else rules: ش ch, خ kh, غ gh, ج j, و ou, ي i/y, ة a, ال "El ", capitalised.
    """
    tokens = normalize_arabic(arabic_name, keep_endings=True).split()
    words = []
    for text, entry in _spans(tokens, lookup_arabic):
        words.append(entry.lat if entry else _latin_word(text))
    return " ".join(w for w in words if w)


def propose_arabic(latin_name: str) -> str | None:
    """The Arabic spelling of a Latin name from the names dictionary, or None when any word
    of it is unknown (no rule-based guess: Latin spellings lose too much)."""
    tokens = fold_latin(latin_name).split()
    if not tokens:
        return None
    words = []
    article = False
    for text, entry in _spans(tokens, lookup_latin):
        if entry is None and text in LATIN_ARTICLES:
            article = True
            continue
        if entry is None:  # a fused article: ezzahra, elalaoui, lhoussaine
            found = [e for e in map(lookup_latin, latin_variants(text)) if e is not None]
            if not found:
                return None
            entry, article = found[0], True
        ar = entry.ar
        if article and not ar.startswith("ال"):
            ar = "ال" + ar
        words.append(ar)
        article = False
    return " ".join(words) if words and not article else None
