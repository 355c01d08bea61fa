"""Fitting a text into a box: shrink, then wrap, then abbreviate; never overflow.

``fit`` tries the text at sizes from the style's size down to its minimum on one line;
then wrapped on up to ``max_lines`` lines, again from the largest size down; then each
shorter variant the caller offers (initials, dropped middle names, usual abbreviations)
the same way; and at last cuts words, then letters, and ends with "…". The ink of what it
returns (HarfBuzz glyph extents, not font-wide guesses) lies inside the box.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib.colors import Color, black

from printing.text import Line, is_rtl, ltr_run, shape_line

ELLIPSIS = "…"
STEP = 0.25  # points between the sizes tried
NOMINAL_ASCENT = 0.78  # baseline of the first line: this far below the top (per size), or lower


@dataclass(frozen=True)
class Box:
    """A rectangle in points, origin bottom-left."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def top(self) -> float:
        return self.y + self.h

    def inset(self, d: float) -> Box:
        return Box(self.x + d, self.y + d, self.w - 2 * d, self.h - 2 * d)


@dataclass(frozen=True)
class Style:
    font: str
    size: float
    min_size: float
    max_lines: int = 1
    leading: float = 1.25
    color: Color = black
    align: str = "start"  # start (the text's reading side), end, center, left, right
    direction: str = "auto"  # auto, ltr (numbers, NIAs, dates: one left-to-right run), rtl


@dataclass(frozen=True)
class Fitted:
    text: str
    lines: tuple[Line, ...]
    size: float
    abbreviated: bool = False


def _shape(text: str, style: Style) -> Line:
    if style.direction == "ltr":
        return ltr_run(text, style.font)
    return shape_line(text, style.font, True if style.direction == "rtl" else None)


def _span(line: Line) -> tuple[float, float]:
    return min(line.left, 0.0), max(line.right, line.advance)


def _first_baseline(lines: Sequence[Line], size: float) -> float:
    """Distance from the box's top to the first baseline."""
    return max(NOMINAL_ASCENT, lines[0].top) * size


def _fits(lines: Sequence[Line], size: float, box: Box, style: Style) -> bool:
    if any((hi - lo) * size > box.w for lo, hi in map(_span, lines)):
        return False
    last = _first_baseline(lines, size) + (len(lines) - 1) * style.leading * size
    return last - min(lines[-1].bottom, 0.0) * size <= box.h and all(
        _first_baseline(lines, size) + i * style.leading * size - ln.bottom * size <= box.h
        for i, ln in enumerate(lines)
    )


def _sizes(style: Style) -> list[float]:
    sizes, s = [], style.size
    while s >= style.min_size - 1e-9:
        sizes.append(round(s, 2))
        s -= STEP
    return sizes or [style.min_size]


def _wrap(words: list[str], size: float, box: Box, style: Style) -> list[Line] | None:
    lines: list[Line] = []
    current: list[str] = []
    for word in words:
        trial = _shape(" ".join([*current, word]), style)
        lo, hi = _span(trial)
        if current and (hi - lo) * size > box.w:
            lines.append(_shape(" ".join(current), style))
            current = [word]
            if len(lines) >= style.max_lines:
                return None
        else:
            current.append(word)
    if current:
        lines.append(_shape(" ".join(current), style))
    return lines if len(lines) <= style.max_lines else None


def _try(text: str, box: Box, style: Style) -> Fitted | None:
    one = _shape(text, style)
    sizes = _sizes(style)
    for size in sizes:
        if _fits([one], size, box, style):
            return Fitted(text, (one,), size)
    words = text.split()
    if style.max_lines > 1 and len(words) > 1:
        for size in sizes:
            lines = _wrap(words, size, box, style)
            if lines and _fits(lines, size, box, style):
                return Fitted(text, tuple(lines), size)
    return None


def _cut(text: str) -> list[str]:
    """Shorter and shorter cuts of ``text`` ending with an ellipsis: words, then letters."""
    words = text.split()
    out = [" ".join(words[:n]) + ELLIPSIS for n in range(len(words) - 1, 0, -1)]
    first = words[0] if words else ""
    out += [first[:n] + ELLIPSIS for n in range(len(first) - 1, 0, -1)]
    return [*out, ELLIPSIS]


def fit(text: str, box: Box, style: Style, variants: Sequence[str] = ()) -> Fitted:
    """The largest, least shortened way ``text`` fits ``box`` (see the module docstring)."""
    return _fit(text, box, style, tuple(variants))


@lru_cache(maxsize=8192)
def _fit(text: str, box: Box, style: Style, variants: tuple[str, ...]) -> Fitted:
    text = " ".join((text or "").split())
    if not text:
        return Fitted("", (), style.size)
    for index, candidate in enumerate([text, *variants]):
        found = _try(candidate, box, style)
        if found:
            return Fitted(found.text, found.lines, found.size, index > 0)
    last = variants[-1] if variants else text
    for candidate in _cut(last):
        found = _try(candidate, box, style)
        if found:
            return Fitted(found.text, found.lines, found.size, True)
    return Fitted("", (), style.min_size, True)


def placements(fitted: Fitted, box: Box, style: Style) -> list[tuple[Line, float, float]]:
    """Where each line's pen starts (x, baseline), given the box and the alignment."""
    out = []
    size = fitted.size
    if not fitted.lines:
        return out
    baseline = box.top - _first_baseline(fitted.lines, size)
    for line in fitted.lines:
        lo, hi = _span(line)
        align = style.align
        rtl = line.rtl if style.direction == "auto" else style.direction == "rtl"
        if align == "start":
            align = "right" if rtl else "left"
        elif align == "end":
            align = "left" if rtl else "right"
        if align == "left":
            x = box.x - lo * size
        elif align == "right":
            x = box.right - hi * size
        else:
            x = box.x + (box.w - (hi - lo) * size) / 2 - lo * size
        out.append((line, x, baseline))
        baseline -= style.leading * size
    return out


def ink_box(
    line: Line, x: float, baseline: float, size: float
) -> tuple[float, float, float, float]:
    lo, hi = _span(line)
    return (
        x + lo * size,
        baseline + min(line.bottom, 0.0) * size,
        x + hi * size,
        baseline + max(line.top, 0.0) * size,
    )


def text_direction(text: str) -> str:
    return "rtl" if is_rtl(text) else "ltr"


def block_height(fitted: Fitted, style: Style) -> float:
    """The height ``fitted`` takes from the top of its box to its lowest ink."""
    if not fitted.lines:
        return 0.0
    size = fitted.size
    depth = _first_baseline(fitted.lines, size) + (len(fitted.lines) - 1) * style.leading * size
    return depth - min(min(ln.bottom for ln in fitted.lines[-1:]), 0.0) * size
