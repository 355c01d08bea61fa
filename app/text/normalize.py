"""Normal forms of personal names, for search and comparison.

``normalize_arabic`` unifies the spellings an agent may type for the same Arabic name
(tashkeel, tatweel, hamza and alef forms, ta marbuta, alef maqsura, Eastern digits);
``fold_latin`` does the same for Latin script (case, accents, hyphens, apostrophes);
``normalize_name`` applies each to the characters of its script, so a name may mix both.
``name_tokens`` gives the terms of the full-text index, with article-stripped variants.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

TATWEEL = "\u0640"

# Blocks whose characters normalize_arabic handles (base, supplement, extended, the
# presentation forms, and the mathematical letters that NFKD turns into plain ones).
_ARABIC_RANGES = (
    (0x0600, 0x06FF),
    (0x0750, 0x077F),
    (0x0870, 0x08FF),
    (0xFB50, 0xFDFF),
    (0xFE70, 0xFEFF),
    (0x10E60, 0x10E7F),
    (0x1EC70, 0x1ECBF),
    (0x1ED00, 0x1ED4F),
    (0x1EE00, 0x1EEFF),
)

_ARABIC_MAP = {
    "\u0671": "ا",  # alef wasla; أ إ آ decompose to ا plus a mark that is dropped
    "\u0672": "ا",
    "\u0673": "ا",
    "\u0675": "ا",
    "\u06cc": "ي",  # Farsi yeh
    "\u06d2": "ي",  # yeh barree
    "\u06a9": "ك",  # keheh
    "\u06c1": "ه",  # heh goal
    "\u06d5": "ه",  # ae
    "\u0674": "",  # high hamza (left by the NFKD of ٵ ٶ ٷ ٸ)
}
_ARABIC_MAP.update({chr(0x0660 + d): str(d) for d in range(10)})
_ARABIC_MAP.update({chr(0x06F0 + d): str(d) for d in range(10)})
_LETTERS_TABLE = str.maketrans(_ARABIC_MAP)
# The Moroccan gaf (ڭ, ݣ) and the Persian one (گ) are written ك by many: one letter for search.
# The phonetic keys and the transliteration keep them (they read "g"): ``keep_endings``.
_ARABIC_TABLE = str.maketrans(
    {**_ARABIC_MAP, "ة": "ه", "ى": "ي", "\u06ad": "ك", "\u0763": "ك", "\u06af": "ك"}
)

_LATIN_TABLE = str.maketrans(
    {
        "ø": "o",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "ħ": "h",
        "ŧ": "t",
        "ı": "i",
        "ȷ": "j",
        "æ": "ae",
        "œ": "oe",
        "þ": "th",
        "ʼ": " ",
        "ʻ": " ",
        "ʽ": " ",
        "ˈ": " ",
        "`": " ",
    }
)


def _is_arabic(ch: str) -> bool:
    cp = ord(ch)
    return any(lo <= cp <= hi for lo, hi in _ARABIC_RANGES)


def _collapse(s: str) -> str:
    return " ".join(s.split())


def _invisible(ch: str) -> bool:
    """Format characters (bidi marks, ZWJ/ZWNJ, BOM) and combining marks."""
    return unicodedata.category(ch) in ("Cf", "Mn", "Me", "Mc")


@lru_cache(maxsize=4096)
def _arabic_char(ch: str) -> tuple[str | None, str]:
    """(what an Arabic character becomes or None for other scripts, its category)."""
    if not _is_arabic(ch):
        return None, unicodedata.category(ch)
    kept = (p for p in unicodedata.normalize("NFKD", ch) if p != TATWEEL and not _invisible(p))
    return "".join(kept), ""


def normalize_arabic(s: str, *, keep_endings: bool = False) -> str:
    """Arabic letters in one spelling: no tashkeel or tatweel, plain alef, ه for ة, ي for ى,
    و for ؤ, ي for ئ, ك for the gaf letters ڭ ݣ گ, ASCII digits; whitespace collapsed.
    Other scripts are left as they are.

    ``keep_endings`` keeps ة, ى and the gaf letters as they are (the phonetic keys and the
    transliteration need them).
    """
    if s.isascii():
        return _collapse(s)
    out = []
    after_arabic = False
    for ch in s:
        arabic, cat = _arabic_char(ch)
        if arabic is not None:
            out.append(arabic)
            after_arabic = True
        elif cat == "Cf" or (after_arabic and cat == "Mn"):
            continue  # bidi marks, and combining marks typed after an Arabic letter
        else:
            out.append(ch)
            after_arabic = False
    return _collapse("".join(out).translate(_LETTERS_TABLE if keep_endings else _ARABIC_TABLE))


def _fold_case(s: str) -> str:
    """NFKD and case folding until stable (each may undo the other's work)."""
    for _ in range(4):
        t = unicodedata.normalize("NFKD", s).casefold()
        if t == s:
            break
        s = t
    return s


def fold_latin(s: str) -> str:
    """Case, accents and punctuation folded: ``"Aït-Ben Haddou"`` -> ``"ait ben haddou"``.

    Meant for Latin script; other scripts only lose their combining marks and are
    case-folded. Hyphens, apostrophes, dots and every other punctuation become spaces.
    """
    s = _fold_case(s.translate(_LATIN_TABLE))
    out = []
    for ch in s.translate(_LATIN_TABLE):
        cat = unicodedata.category(ch)
        if cat in ("Mn", "Me", "Mc", "Cf"):
            continue
        if ch.isupper():  # Cherokee folds to capitals; circled capitals have no lowercase
            ch = ch.lower() if ch.lower() != ch else " "
        out.append(" " if cat[0] in "PZC" else ch)
    return _collapse("".join(out))


_APOSTROPHE_WORD = re.compile(r"\w+(?:['’ʼ‘`]\w+)+")
_APOSTROPHE = re.compile("['’ʼ‘`]")


def join_apostrophes(s: str) -> str:
    """Words joined across their apostrophes: ``"M'Barek Aït Ba'amrane"`` ->
    ``"MBarek Aït Baamrane"`` (how most agents type such names when they search)."""
    return _APOSTROPHE_WORD.sub(lambda m: _APOSTROPHE.sub("", m.group()), s)


def normalize_name(s: str) -> str:
    """A name in its search form, each character normalised by the rules of its script."""
    return fold_latin(normalize_arabic(s))


# --- index tokens -------------------------------------------------------------------

_ARABIC_LETTERS = "".join(
    chr(cp)
    for lo, hi in _ARABIC_RANGES[:3]
    for cp in range(lo, hi + 1)
    if unicodedata.category(chr(cp)) == "Lo"
)
_TOKEN_RE = re.compile(f"[a-z0-9]+|[{re.escape(_ARABIC_LETTERS)}]+")

# Separate article and particle tokens, joined to the next token as a variant.
LATIN_ARTICLES = frozenset({"el", "al", "l", "ez", "es", "et", "ed", "er", "en", "ech", "ej"})
LATIN_PARTICLES = LATIN_ARTICLES | {"ben", "bin", "ibn", "ait", "abd", "abdel", "ould", "bou"}
ARABIC_PARTICLES = frozenset({"ال", "بن", "ابن", "بنت", "ايت", "ابو", "عبد", "ولد", "اولاد"})
# Names that begin with ال but whose ال is not the article (hamza dropped by the typist).
ARABIC_NOT_ARTICLE = frozenset({"الياس", "الهام", "الاء", "الفة", "الفه"})
_SUN_ARTICLE = re.compile(r"^e(?:ch(?=ch)|([dlnrstz])(?=\1))")


def latin_variants(tok: str) -> list[str]:
    """The same Latin token without a fused article: elalaoui, ezzahra, lhoussaine..."""
    out = []
    m = _SUN_ARTICLE.match(tok)
    if m and len(tok) - m.end() >= 4:
        out.append(tok[m.end() :])
    rest = tok[2:]
    if tok.startswith("el") and rest and len(rest) >= (5 if rest[0] in "aeiouyw" else 3):
        out.append(rest)  # elalaoui, elfassi (not elias, elyas)
    if len(tok) >= 4 and tok[0] == "l" and tok[1] not in "aeiouywl":
        out.append(tok[1:])  # lhoussaine, lmahdi
    if len(tok) >= 6 and tok.startswith("la"):
        out.append(rest if rest[0] == "a" else tok[1:])  # laaroussi, lamrani, lazrak
    return out


def name_tokens(s: str) -> list[str]:
    """The full-text index terms of a name: normalised tokens and their variants.

    Arabic tokens with the article ال also give the token without it (العلوي -> علوي);
    Latin tokens with a fused article give the bare token (elalaoui -> alaoui, ezzahra ->
    zahra, lhoussaine -> houssaine); an article or particle written apart is also joined
    to the next token (el alaoui -> elalaoui, ben jelloun -> benjelloun, بن جلون -> بنجلون).

    A Latin word written with an apostrophe is indexed in parts and joined (m'barek ->
    m, barek, mbarek), so the name is found however the agent types it.

    Every token is made only of ``[a-z0-9]`` or Arabic letters, so it can be written
    into an FTS5 query as a bareword or a quoted string as is (append ``*`` for a prefix).
    Being lowercase, no token can be read as the FTS5 operators AND, OR, NOT or NEAR.
    """
    words = _TOKEN_RE.findall(normalize_name(s))
    if _APOSTROPHE_WORD.search(s):  # M'Barek: "m", "barek" and also "mbarek"
        words += [w for w in _TOKEN_RE.findall(normalize_name(join_apostrophes(s)))
                  if w not in words]  # fmt: skip
    out: list[str] = []
    for i, tok in enumerate(words):
        out.append(tok)
        nxt = words[i + 1] if i + 1 < len(words) else None
        if tok[0] < "\u0600":
            out.extend(latin_variants(tok))
            if nxt and tok in LATIN_PARTICLES and nxt[0] < "\u0600":
                out.append(tok + nxt)
        else:
            if tok.startswith("ال") and len(tok) > 3 and tok not in ARABIC_NOT_ARTICLE:
                out.append(tok[2:])
            if nxt and tok in ARABIC_PARTICLES and nxt[0] >= "\u0600":
                out.append(tok + nxt)
    return list(dict.fromkeys(out))
