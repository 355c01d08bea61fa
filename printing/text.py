"""Arabic and Latin text ready to draw: HarfBuzz shaping (reportlab's ``shapeStr``) and
word order by the Unicode bidi algorithm (``python-bidi``).

reportlab's own right-to-left path needs ``rlbidi`` and silently skips shaping without it,
so it is not used. Instead a line is cut into words; each word is replaced by one
placeholder character of the same bidi class (Arabic letter, Latin letter, neutral) and
``python-bidi`` orders the placeholders, which gives the visual order of the words. Each
word is then shaped on its own by HarfBuzz in its logical order, so Arabic letters join
and run right to left inside the word. Digits count as Latin: numbers, NIAs, CINs and
dates are left-to-right runs that bidi never turns around (``2024-00123`` stays so).
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from bidi import get_display
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import ShapedStr, shapeStr

from printing.fonts import register_fonts

_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
_LATIN = re.compile(r"[0-9A-Za-z\u00C0-\u024F\u0660-\u0669]")
_STRONG = re.compile(r"[A-Za-z\u00C0-\u024F\u0600-\u06FF\u0750-\u077F\uFB50-\uFEFF]")
_WORD = re.compile(r"\S+")
_SHAPE_SIZE = 10  # HarfBuzz advances are per 1000 units of size: shape once, draw at any size
_lock = threading.Lock()


def _pool(ranges: list[tuple[int, int]], klass: str) -> str:
    return "".join(
        chr(cp)
        for lo, hi in ranges
        for cp in range(lo, hi)
        if unicodedata.bidirectional(chr(cp)) == klass and not unicodedata.mirrored(chr(cp))
    )


_POOLS = {
    "R": _pool([(0x0621, 0x064B), (0x0671, 0x06D4)], "AL"),
    "L": _pool([(0x0041, 0x005B), (0x0061, 0x007B), (0x0100, 0x0250)], "L"),
    "N": _pool([(0x2600, 0x2700)], "ON"),
}


def has_arabic(text: str) -> bool:
    return bool(_ARABIC.search(text or ""))


def is_rtl(text: str) -> bool:
    """True when the first strong letter of ``text`` is Arabic."""
    m = _STRONG.search(text or "")
    return bool(m and _ARABIC.match(m.group(0)))


def _klass(word: str) -> str:
    if _ARABIC.search(word):
        return "R"
    return "L" if _LATIN.search(word) else "N"


_EDGE_PUNCT = re.compile(r"^([:;,.!?،؛«»()\"'·•\-]*)(.*?)([:;,.!?،؛«»()\"'·•\-]*)$")


def tokens(text: str, rtl: bool) -> list[tuple[str, bool]]:
    """The words of ``text`` as (token, space before). In a right-to-left line, the
    punctuation at the edges of a Latin word or a number becomes a token of its own, so
    that bidi places it (``MCMA:`` reads ``:MCMA`` in Arabic, as it should)."""
    out: list[tuple[str, bool]] = []
    for word in _WORD.findall(text):
        parts = [word]
        if rtl and _klass(word) == "L":
            m = _EDGE_PUNCT.match(word)
            if m and m.group(2):
                parts = [p for p in m.groups() if p]
        for i, part in enumerate(parts):
            out.append((part, i == 0 and bool(out)))
    return out


_MIRROR = str.maketrans("()[]{}«»<>", ")(][}{»«><")


def _mirror_neutrals(toks: list[tuple[str, bool]], rtl: bool) -> list[tuple[str, bool]]:
    """Brackets and quotes resolved to the other direction than their glyphs' (a neutral
    takes its neighbours' direction when both agree, else the line's) are mirrored."""
    classes = [_klass(t) for t, _ in toks]
    base = "R" if rtl else "L"
    out = []
    for i, (token, space) in enumerate(toks):
        if classes[i] == "N":
            before = next((k for k in reversed(classes[:i]) if k != "N"), base)
            after = next((k for k in classes[i + 1 :] if k != "N"), base)
            if (before if before == after else base) == "R":
                token = token.translate(_MIRROR)
        out.append((token, space))
    return out


def visual_tokens(toks: list[tuple[str, bool]], rtl: bool) -> list[tuple[str, bool]]:
    """``toks`` (logical order) as they appear from left to right, each with whether a
    space precedes it on the line."""
    if len(toks) < 2 or (not rtl and not any(_ARABIC.search(t) for t, _ in toks)):
        return list(toks)
    used = {"R": 0, "L": 0, "N": 0}
    marks: dict[str, str] = {}
    logical = []
    for token, space in _mirror_neutrals(toks, rtl):
        klass = _klass(token)
        pool = _POOLS[klass]
        if used[klass] >= len(pool):  # an absurdly long line: order it in two halves
            half = len(toks) // 2
            first, second = toks[:half], toks[half:]
            left, right = (second, first) if rtl else (first, second)
            return visual_tokens(left, rtl) + visual_tokens([(right[0][0], True), *right[1:]], rtl)
        mark = pool[used[klass]]
        used[klass] += 1
        marks[mark] = token
        logical.append((" " if space else "") + mark)
    shown = get_display("".join(logical), base_dir="R" if rtl else "L")
    out: list[tuple[str, bool]] = []
    space = False
    for ch in shown:
        if ch == " ":
            space = True
        elif ch in marks:
            out.append((marks[ch], space and bool(out)))
            space = False
    return out


def visual_words(words: list[str], rtl: bool) -> list[str]:
    """``words`` (logical order, space-separated) in their left-to-right order."""
    return [t for t, _ in visual_tokens([(w, i > 0) for i, w in enumerate(words)], rtl)]


_extents_cache: dict[str, object] = {}


def _hb_font(font: str):
    hb = _extents_cache.get(font)
    if hb is None:
        import uharfbuzz

        ttf = pdfmetrics.getFont(font)
        hb = _extents_cache[font] = uharfbuzz.Font(ttf.hbFace)
    return hb


@lru_cache(maxsize=8192)
def _shape_word(word: str, font: str) -> ShapedStr:
    with _lock:
        return shapeStr(word, font, _SHAPE_SIZE, force=True)


@dataclass(frozen=True)
class Line:
    """One line of text shaped and in visual order: draw ``shaped`` with ``drawString``.

    Measures are per point of size, relative to the pen at the start of the baseline:
    ``advance`` the pen's travel, ``left``/``right``/``top``/``bottom`` the ink's box."""

    shaped: ShapedStr
    advance: float
    rtl: bool
    left: float = 0.0
    right: float = 0.0
    top: float = 0.0
    bottom: float = 0.0

    def width(self, size: float) -> float:
        return self.advance * size


def _measure(shaped: ShapedStr, font: str, rtl: bool) -> Line:
    """The advance and the ink box of a shaped string (HarfBuzz glyph extents)."""
    face = pdfmetrics.getFont(font).face
    hb = _hb_font(font)
    pen = 0.0
    left, right, top, bottom = 0.0, 0.0, 0.0, 0.0
    first = True
    for ch, d in zip(shaped, shaped.__shapeData__, strict=False):
        gid = face.charToGlyph.get(ord(ch))
        if gid is not None and not ch.isspace():
            e = hb.get_glyph_extents(gid)
            if e is not None and e.width:
                x0 = pen + d.x_offset + e.x_bearing
                y0 = d.y_offset + e.y_bearing
                x1, y1 = x0 + e.width, y0 + e.height
                if first:
                    left, right, top, bottom, first = x0, x1, y0, y1, False
                else:
                    left, right = min(left, x0), max(right, x1)
                    top, bottom = max(top, y0), min(bottom, y1)
        pen += d.x_advance
    return Line(shaped, pen / 1000, rtl, left / 1000, right / 1000, top / 1000, bottom / 1000)


@lru_cache(maxsize=16384)
def shape_line(text: str, font: str, rtl: bool | None = None) -> Line:
    """``text`` as one drawable line in ``font``; ``rtl`` defaults to the text's own
    direction (its first strong letter)."""
    register_fonts()
    text = " ".join(text.split())
    rtl = is_rtl(text) if rtl is None else rtl
    toks = tokens(text, rtl)
    if not toks:
        return Line(ShapedStr("", []), 0.0, rtl)
    ordered = visual_tokens(toks, rtl)
    shaped = _shape_word(ordered[0][0], font)
    space = _shape_word(" ", font)
    for word, spaced in ordered[1:]:
        shaped = (shaped + space if spaced else shaped) + _shape_word(word, font)
    return _measure(shaped, font, rtl)


@lru_cache(maxsize=16384)
def ltr_run(text: str, font: str) -> Line:
    """A number, NIA, CIN or date: always one left-to-right run, never reordered."""
    register_fonts()
    return _measure(_shape_word(" ".join(text.split()), font), font, False)
