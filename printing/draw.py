"""A canvas with the few drawing acts the documents need, each one recorded.

The record (kind, box) of every text line, photo and QR code lets the tests check that
nothing lies outside the safe area without trusting the layout's own arithmetic.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from reportlab.lib.colors import Color

from printing import photo, qr
from printing.fit import Box, Fitted, Style, fit, ink_box, placements


@dataclass(frozen=True)
class Mark:
    kind: str  # text, photo, qr
    x0: float
    y0: float
    x1: float
    y1: float
    detail: str = ""


@dataclass
class Painter:
    canvas: object
    marks: list[Mark] | None = field(default=None)
    photos: photo.Prefetch | None = None

    def _mark(self, kind: str, box: tuple[float, float, float, float], detail: str = "") -> None:
        if self.marks is not None:
            self.marks.append(Mark(kind, *box, detail))

    def text(self, text: str, box: Box, style: Style, variants: Sequence[str] = ()) -> Fitted:
        """Fit ``text`` in ``box`` (shrink, wrap, abbreviate) and draw it."""
        fitted = fit(text, box, style, variants)
        self.fitted(fitted, box, style)
        return fitted

    def fitted(self, fitted: Fitted, box: Box, style: Style) -> None:
        """Draw a fitted text. The PDF operators of a field are kept per document and
        written again when the same text comes in the same box and style (labels, dates,
        activities, communes): reportlab formats a shaped string glyph by glyph, and a
        text object is self-contained (its own font, subset and matrix), so the bytes are
        the same as drawing it again."""
        c = self.canvas
        c.setFillColor(style.color)
        c.setFont(style.font, fitted.size)
        drawn = c.__dict__.setdefault("_mihani_text", {})
        key = (fitted, box, style)
        code = drawn.get(key)
        if code is None:
            start = len(c._code)
            for line, x, baseline in placements(fitted, box, style):
                c.drawString(x, baseline, line.shaped)
            drawn[key] = c._code[start:]
        else:
            c._code.extend(code)
        if self.marks is not None:
            for line, x, baseline in placements(fitted, box, style):
                self._mark("text", ink_box(line, x, baseline, fitted.size), fitted.text)

    def qr(self, text: str, x: float, y: float, size: float) -> float:
        module = qr.draw_qr(self.canvas, text, x, y, size)
        self._mark("qr", (x, y, x + size, y + size))
        return module

    def photo(self, data: bytes | None, box: Box, border: Color | None = None) -> None:
        """The artisan's photo (any size; cropped and resampled) or a silhouette."""
        ready = self.photos.get(data) if self.photos is not None and data else None
        if ready is not None:
            data = ready
        elif data:
            data = photo.print_jpeg(data, box.w, box.h)
        else:
            data = photo.silhouette(box.w, box.h)
        self.canvas.drawImage(photo.embed(self.canvas, data), box.x, box.y, box.w, box.h)
        if border is not None:
            self.canvas.setStrokeColor(border)
            self.canvas.setLineWidth(0.4)
            self.canvas.rect(box.x, box.y, box.w, box.h, stroke=1, fill=0)
        self._mark("photo", (box.x, box.y, box.right, box.top))

    def once(self, key: tuple, bbox: tuple[float, float, float, float], draw) -> None:
        """Run ``draw()`` once per document as a PDF form, then reuse the form: the parts
        of a card that every artisan shares cost their bytes and time once. When marks
        are recorded (tests), it simply draws."""
        c = self.canvas
        if self.marks is not None:
            draw()
            return
        forms = c.__dict__.setdefault("_mihani_forms", {})
        name = forms.get(key)
        if name is None:
            name = forms[key] = f"mihani{len(forms)}"
            c.beginForm(name, *bbox)
            draw()
            c.endForm()
        c.doForm(name)

    def fill(self, x: float, y: float, w: float, h: float, color: Color, radius: float = 0) -> None:
        c = self.canvas
        c.setFillColor(color)
        if radius:
            c.roundRect(x, y, w, h, radius, stroke=0, fill=1)
        else:
            c.rect(x, y, w, h, stroke=0, fill=1)
