"""Script-independent phonetic keys of names ("skeletons").

A name in Arabic or Latin script becomes a string of consonant classes, the same for
"El Alaoui" and "العلوي" ("alw"):

======  ==========================================  =====================================
symbol  Arabic                                      Latin (French style, as on CINs)
======  ==========================================  =====================================
a       word-initial ا أ إ آ ع ء                    word-initial vowel
b f     ب پ / ف ڤ                                   b p / f v ph
t d     ت ط ث / د ض ذ ظ                             t th / d dh
s z     س ص / ز                                     s, c before e i y / z
c       ش                                           ch sh sch
j g k   ج / ڭ ݣ گ / ك ق                             j dj, g before e i / hard g / k q c ck
x q     خ / غ                                       kh / gh, initial rh
h       ه ح                                         h
w y     و ي before a vowel letter, or initial       ou w / i y before a vowel
======  ==========================================  =====================================

The article (Arabic ال, Latin el, al, l- and the assimilated ez-, es-, ech-...) is left
out; particles (ben, ait, abd, بن, آيت, عبد...) are joined to the next word; letters
doubled in writing count once.

For the similarity, :func:`name_groups` keeps more: each symbol is followed by the class
of the vowel written after it (a, i, u, or '-': Arabic does not write short vowels and a
French e tells nothing), and optional symbols, uppercase and never in a skeleton: ``L``
the article, ``E`` a ع inside a word, ``I`` ``U`` a long ي و inside a word, ``H`` a final
ه or Latin -h, ``D`` the h of th and dh, ``T`` the t of a Latin final -at (ة).
"""

from __future__ import annotations

import re
from functools import lru_cache

from app.text.normalize import (
    ARABIC_NOT_ARTICLE,
    ARABIC_PARTICLES,
    LATIN_ARTICLES,
    LATIN_PARTICLES,
    fold_latin,
    normalize_arabic,
)

OPTIONAL = "LEHTIUD"
_PUBLIC = str.maketrans({"H": "h", **{c: None for c in "LETIUD"}})

_AR_CONSONANTS = {
    "ب": "b", "پ": "b", "ت": "t", "ث": "t", "ط": "t", "ج": "j", "ح": "h", "ه": "h",
    "ۀ": "h", "ہ": "h", "ە": "h", "خ": "x", "د": "d", "ذ": "d", "ض": "d", "ظ": "d",
    "ر": "r", "ز": "z", "ژ": "z", "س": "s", "ص": "s", "ش": "c", "چ": "c", "غ": "q",
    "ف": "f", "ڤ": "f", "ق": "k", "ك": "k", "ک": "k", "ڭ": "g", "ݣ": "g", "گ": "g",
    "ل": "l", "م": "m", "ن": "n",
}  # fmt: skip
_AR_ALEFS = "اٱٲٳٵء"
_AR_YEH = "يیۍې"
_AR_VOWEL_AFTER = "اٱىةيیوءع"  # a و or ي before one of these is a consonant
_AR_LETTERS = "".join(_AR_CONSONANTS) + _AR_ALEFS + _AR_YEH + "وعىة"
_TOKEN_RE = re.compile(f"[a-z]+|[{_AR_LETTERS}]+")

_LAT_VOWELS = "aeiou"
_LAT_DIGRAPHS = {
    "ch": "c", "sh": "c", "kh": "x", "gh": "q", "ph": "f", "th": "tD", "dh": "dD", "dj": "j",
}  # fmt: skip
_LAT_SIMPLE = {
    "b": "b", "p": "b", "d": "d", "f": "f", "v": "f", "h": "h", "j": "j", "k": "k",
    "q": "k", "l": "l", "m": "m", "n": "n", "r": "r", "s": "s", "t": "t", "z": "z",
}  # fmt: skip
_SUN_ARTICLE = re.compile(r"^e(?:ch(?=ch)|([dlnrstz])(?=\1))")


class _Group:
    """The units of one word group: a symbol and the vowel written after it ('a', 'i', 'u'
    or '-' for none or unknown). A letter written twice counts once, and so does a
    consonant repeated across a word boundary or the article ("Ait Taleb", "آيت الطالب").
    """

    def __init__(self) -> None:
        self.units: list[list[str]] = []
        self.last = self.letter = ""
        self.crossed = self.voweled = self.latin = False
        self.owner = -1  # the unit that takes the next vowel

    def add(self, sym: str, letter: str = "") -> None:
        if sym == "L":
            self.units.append([sym, "-"])
            self.crossed = True
            return
        if sym == self.last and (letter == self.letter or self.crossed):
            return
        if sym not in "aLEHTIUDwy":
            self.unvoiced()
        self.units.append([sym, "-"])
        self.last, self.letter = ("", "") if sym in "aEIU" else (sym, letter)
        if sym not in "LEHTIU":  # the D of th, dh takes the vowel after it (Thami)
            self.owner = len(self.units) - 1
        self.crossed = self.voweled = False

    def vowel(self, cls: str = "") -> None:
        """A vowel letter of class a, i or u: the last of a cluster wins. French e tells
        nothing, and after another vowel (ae, oe) it hides that one too."""
        self.last = ""
        if self.owner >= 0 and (cls or self.voweled):
            self.units[self.owner][1] = cls or "-"
        self.voweled = True

    def unvoiced(self) -> None:
        """Latin writes every vowel: a consonant with none after it gets class '0'."""
        if self.latin and not self.voweled and self.owner >= 0:
            unit = self.units[self.owner]
            if unit[0] != "a" and unit[1] == "-":
                unit[1] = "0"

    def glide(self, sym: str, letter: str) -> None:
        """A consonantal w or y; a vowel just before a y reads as a diphthong (Tayeb)."""
        if self.voweled and sym == "y":
            self.vowel("i")
        self.add(sym, letter)

    def boundary(self) -> None:
        self.crossed = True

    def text(self) -> str:
        return "".join(s + v for s, v in self.units)


_LAT_CLASS = {"a": "a", "e": "", "i": "i", "o": "u", "u": "u", "y": "i", "w": "u"}


def _latin_word(tok: str, g: _Group) -> None:
    g.latin = True
    _latin_letters(tok, g)
    g.unvoiced()


def _latin_letters(tok: str, g: _Group) -> None:
    n, i = len(tok), 0
    rest = tok[2:]
    sun = _SUN_ARTICLE.match(tok)
    if sun and n - sun.end() >= 4:
        g.add("L")
        i = sun.end()
    elif tok.startswith("el") and rest and len(rest) >= (5 if rest[0] in "aeiouyw" else 3):
        g.add("L")  # elalaoui, elfassi
        i = 2
    elif n >= 4 and tok[0] == "l" and tok[1] not in "aeiouywl":
        g.add("L")  # lhoussaine, lmahdi
        i = 1
    start = i
    if tok.startswith("rh") and n > 2 and tok[2] in _LAT_VOWELS:
        g.add("q", "rh")  # rhita, rhizlane (غ)
        i = 2
    while i < n:
        c, two = tok[i], tok[i : i + 2]
        nxt = tok[i + 1 : i + 2]
        if tok.startswith("sch", i):
            g.add("c", "ch")
            i += 3
        elif two in _LAT_DIGRAPHS:
            for sym in _LAT_DIGRAPHS[two]:
                g.add(sym, two)  # th, dh: t, d and an optional h (Othmane, Thami)
            i += 2
        elif two == "ou":
            after = tok[i + 2 : i + 3]
            if after and after in _LAT_VOWELS:
                g.glide("w", "w")
            else:
                if i == start:
                    g.add("a")
                g.vowel("u")
            i += 2
        else:
            i += 1
            if c in _LAT_VOWELS:
                if c == "i" and i - 1 > start and nxt and nxt in _LAT_VOWELS:
                    g.glide("y", "y")  # riad, soumia, mariam
                else:
                    if i - 1 == start:
                        g.add("a")
                    g.vowel(_LAT_CLASS[c])
            elif c in "yw":
                if (nxt and nxt in _LAT_VOWELS) or (c == "w" and i - 1 == start):
                    g.glide(c, c)
                else:
                    g.vowel(_LAT_CLASS[c])
            elif c == "c":
                if nxt == "k":
                    i += 1
                g.add("s" if nxt and nxt in "eiy" else "k", c)
            elif c == "g":
                if nxt == "u" and tok[i + 1 : i + 2] in ("e", "i", "y"):
                    i += 1  # gue, gui: hard g
                    g.add("g", c)
                else:
                    g.add("j" if nxt and nxt in "eiy" else "g", c)
            elif c == "x":
                g.add("k")
                g.add("s")
            elif c == "t" and n >= 4 and i == n - tok.endswith("ate") and tok[i - 2] == "a":
                g.add("T")  # hayat, najate: the ة of the Arabic spelling
            elif c == "h" and i == n and n >= 3 and tok[-2] in _LAT_VOWELS:
                g.add("H")  # sarah, salah, abdellah: ة, ح or ه
            elif c in _LAT_SIMPLE:
                g.add(_LAT_SIMPLE[c], c)


def _arabic_word(tok: str, g: _Group) -> None:
    g.latin = False
    if tok.startswith("عبدال") and len(tok) > 6:  # عبدالرحمن typed as one word
        _arabic_word("عبد", g)
        g.boundary()
        tok = tok[3:]
    stem = tok
    if tok.startswith("ال") and len(tok) > 3 and tok not in ARABIC_NOT_ARTICLE:
        g.add("L")
        stem = tok[2:]
    real_final_h = tok.endswith("لله")
    last = len(stem) - 1
    for i, c in enumerate(stem):
        nxt = stem[i + 1 : i + 2]
        if c in _AR_ALEFS and i == 0:
            g.add("a")
        elif c in _AR_ALEFS:
            g.vowel("a" if c != "ء" else "")
        elif c == "ع":
            g.add("a" if i == 0 else "E")
        elif c == "و" or c in _AR_YEH:
            if i == 0 or (nxt and nxt in _AR_VOWEL_AFTER):
                g.add("w" if c == "و" else "y", c)
            else:
                g.vowel("u" if c == "و" else "i")
                if i < last:  # a long vowel, or a consonant Latin may write: tayeb, anouar
                    g.add("U" if c == "و" else "I")
        elif c in "ىة":
            g.vowel("a")
        elif c == "ه" and i == last and i > 0 and not real_final_h:
            g.add("H")
        elif c in _AR_CONSONANTS:
            g.add(_AR_CONSONANTS[c], c)


@lru_cache(maxsize=65536)
def name_groups(name: str) -> tuple[str, ...]:
    """The phonetic symbols of a name, one string per word group (particles joined)."""
    words = _TOKEN_RE.findall(fold_latin(normalize_arabic(name, keep_endings=True)))
    groups: list[str] = []
    g = _Group()
    join = False
    for w in words:
        latin = w[0] < "\u0600"
        if not join and g.units:
            groups.append(g.text())
            g = _Group()
        g.boundary()
        if (latin and w in LATIN_ARTICLES) or w == "ال":
            g.add("L")
            join = True
            continue
        if latin:
            _latin_word(w, g)
        else:
            _arabic_word(w, g)
        join = w in (LATIN_PARTICLES if latin else ARABIC_PARTICLES)
    if g.units:
        groups.append(g.text())
    return tuple(s for s in groups if s[::2].strip(OPTIONAL))


def skeleton(name: str) -> str:
    """The phonetic key of a whole name in either script: lowercase ASCII letters only.

    ``skeleton("El Alaoui") == skeleton("العلوي") == "alw"``,
    ``skeleton("Fatima-Zahra") == skeleton("فاطمة الزهراء") == "ftmzhr"``. Words are joined,
    so ``"Ben Jelloun"`` and ``"Benjelloun"`` have the same key.
    """
    return "".join(name_groups(name))[::2].translate(_PUBLIC)
