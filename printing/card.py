"""The card proof (épreuve): ISO/IEC 7810 ID-1, front and back.

Both faces draw at the origin, trim box (0, 0, CARD_W, CARD_H); the background runs
``bleed`` beyond the trim so an imposed sheet can be cut without a white edge. Every text,
the photo and the QR code stay inside the safe area, 3 mm inside the trim.
"""

from __future__ import annotations

from reportlab.lib.units import mm

from app.card_claims import short_name
from app.i18n import tr
from printing.benefits import load_benefits
from printing.draw import Painter
from printing.fit import Box, Style, block_height, fit
from printing.fonts import BOLD, REGULAR
from printing.model import ArtisanView, day
from printing.style import CARD_H, CARD_W, GREEN, INK, MUTED, RED, SAND, WHITE

HEADER_Y = 42.3 * mm  # the front's green band starts here
BACK_HEADER_Y = 45.6 * mm


def b(x0: float, y0: float, x1: float, y1: float) -> Box:
    """A box from corners in millimetres."""
    return Box(x0 * mm, y0 * mm, (x1 - x0) * mm, (y1 - y0) * mm)


PHOTO = b(3, 19.2, 19.5, 41.2)


def _s(font: str, size: float, low: float, lines: int = 1, **kw) -> Style:
    return Style(font, size, low, lines, **kw)


def _background(p: Painter, band_y: float, bleed: float) -> None:
    p.fill(-bleed, -bleed, CARD_W + 2 * bleed, CARD_H + 2 * bleed, SAND)
    p.fill(-bleed, band_y, CARD_W + 2 * bleed, CARD_H + bleed - band_y, GREEN)


def _bbox(bleed: float) -> tuple[float, float, float, float]:
    return (-bleed, -bleed, CARD_W + bleed, CARD_H + bleed)


def _header(p: Painter, v: ArtisanView, y0: float, title_id: str) -> None:
    white = {"color": WHITE}
    top = CARD_H / mm - 3
    mid = (y0 + top) / 2 + 0.6
    p.text(v.chamber.name("fr"), b(3, mid, 42, top), _s(BOLD, 6, 4.2, 2, leading=1.1, **white))
    p.text(
        v.chamber.name("ar"), b(43.6, mid, 82.6, top), _s(BOLD, 6.5, 4.4, 2, leading=1.2, **white)
    )
    p.text(tr(title_id, "fr"), b(3, y0, 42, mid - 0.2), _s(REGULAR, 5.5, 4.2, **white))
    p.text(tr(title_id, "ar"), b(43.6, y0, 82.6, mid - 0.2), _s(REGULAR, 6, 4.4, **white))


def _stamp(p: Painter) -> None:
    """The unmistakable proof mark, in red under the photo."""
    c = p.canvas
    c.setStrokeColor(RED)
    c.setLineWidth(0.8)
    c.roundRect(3 * mm + 0.5, 3 * mm + 0.5, 16.5 * mm - 1, 14.4 * mm - 1, 1.2 * mm, stroke=1)
    red = {"color": RED, "align": "center"}
    p.text(tr("print.proof.mark", "fr"), b(4, 12.2, 18.5, 16.6), _s(BOLD, 8, 4.5, **red))
    p.text(tr("print.proof.mark", "ar"), b(4, 8.0, 18.5, 12.2), _s(BOLD, 7.5, 4.5, **red))
    p.text(tr("print.proof.check", "fr"), b(4, 5.9, 18.5, 8.0), _s(REGULAR, 4.5, 3.6, **red))
    p.text(tr("print.proof.check", "ar"), b(4, 3.5, 18.5, 5.9), _s(REGULAR, 4.8, 3.6, **red))


def _front_static(p: Painter, v: ArtisanView, bleed: float) -> None:
    _background(p, HEADER_Y, bleed)
    _header(p, v, HEADER_Y / mm + 1.0, "print.card.title")
    _stamp(p)


def draw_front(p: Painter, v: ArtisanView, bleed: float = 0.0) -> None:
    p.once(("front", v.chamber, bleed), _bbox(bleed), lambda: _front_static(p, v, bleed))
    p.photo(v.photo, PHOTO, border=MUTED)
    name_lat = _s(BOLD, 9, 5.5, 2, leading=1.1, color=INK)
    p.text(
        v.name_lat(),
        b(21.5, 36.4, 82.6, 41.2),
        name_lat,
        short_name(v.first_lat, v.last_lat, arabic=False),
    )
    name_ar = _s(BOLD, 10, 6, 2, leading=1.25, color=INK, direction="rtl")
    p.text(
        v.name_ar(),
        b(21.5, 30.6, 82.6, 36.2),
        name_ar,
        short_name(v.first_ar, v.last_ar, arabic=True),
    )
    if v.org_name:
        p.text(v.org_name, b(21.5, 26.8, 82.6, 30.4), _s(BOLD, 6.5, 4.4, 2, leading=1.1))
    else:
        p.text(v.category["fr"], b(21.5, 26.8, 51.5, 30.4), _s(REGULAR, 6, 4.4, color=MUTED))
        p.text(
            v.category["ar"],
            b(52.6, 26.8, 82.6, 30.4),
            _s(REGULAR, 6.5, 4.4, color=MUTED, direction="rtl"),
        )
    label = "print.label.nia" if v.nia else "print.label.provisional_ref"
    muted = {"color": MUTED}
    p.text(tr(label, "fr"), b(21.5, 24.2, 39.3, 26.4), _s(REGULAR, 4.8, 3.8, **muted))
    p.text(
        tr(label, "ar"), b(39.8, 24.2, 57.6, 26.4), _s(REGULAR, 5, 3.8, direction="rtl", **muted)
    )
    p.text(v.reference, b(21.5, 20.4, 57.6, 24.2), _s(BOLD, 9, 5.5, direction="ltr"))
    p.text(v.activity["fr"], b(21.5, 16.6, 57.6, 20.2), _s(REGULAR, 6, 4.4, 2, leading=1.1))
    p.text(
        v.activity["ar"],
        b(21.5, 12.6, 57.6, 16.5),
        _s(REGULAR, 6.5, 4.4, 2, leading=1.2, direction="rtl"),
    )
    p.text(v.commune["fr"], b(21.5, 8.6, 39.3, 12.4), _s(REGULAR, 5.5, 4.2, 2, leading=1.1))
    p.text(
        v.commune["ar"],
        b(39.8, 8.6, 57.6, 12.4),
        _s(REGULAR, 6, 4.4, 2, leading=1.2, direction="rtl"),
    )
    dates = {"issued": day(v.issued_at), "expires": day(v.expires_at)}
    p.text(tr("print.card.dates", "fr", **dates), b(21.5, 5.8, 57.6, 8.4), _s(REGULAR, 5, 3.8))
    p.text(
        tr("print.card.dates", "ar", **dates),
        b(21.5, 3, 57.6, 5.7),
        _s(REGULAR, 5.2, 3.8, direction="rtl"),
    )
    p.qr(v.qr_text, 59.1 * mm, 3 * mm, 23.5 * mm)


def draw_back(p: Painter, v: ArtisanView, bleed: float = 0.0) -> None:
    """The back says nothing of the artisan: one form per chamber, reused on every card."""
    p.once(("back", v.chamber, bleed), _bbox(bleed), lambda: _back(p, v, bleed))


def _back(p: Painter, v: ArtisanView, bleed: float) -> None:
    _background(p, BACK_HEADER_Y, bleed)
    white = {"color": WHITE}
    top = CARD_H / mm - 3
    y0 = BACK_HEADER_Y / mm + 1.0
    p.text(tr("print.back.verify_title", "fr"), b(3, y0, 41.8, top), _s(BOLD, 6.5, 4.5, **white))
    p.text(
        tr("print.back.verify_title", "ar"),
        b(43.8, y0, 82.6, top),
        _s(BOLD, 7, 4.5, direction="rtl", **white),
    )
    columns = {"fr": (3, 41.8), "ar": (43.8, 82.6)}
    benefits = load_benefits()
    shown = benefits.on_card()
    for lang, (x0, x1) in columns.items():
        d = "rtl" if lang == "ar" else "ltr"
        bump = 0.3 if lang == "ar" else 0.0
        p.text(
            tr("print.back.verify_text", lang),
            b(x0, 36, x1, 44.8),
            _s(REGULAR, 5 + bump, 3.8, 4, leading=1.15, direction=d),
        )
        p.text(
            tr("print.back.benefits_title", lang),
            b(x0, 32.2, x1, 35.8),
            _s(BOLD, 5.5 + bump, 4.2, color=GREEN, direction=d),
        )
        y = _benefit_list(p, [item.label(lang) for item in shown], x0, x1, d, bump)
        more = tr("print.back.more_benefits", lang, count=len(benefits.items) - len(shown))
        p.text(more, b(x0, y - 2.6, x1, y), _s(REGULAR, 4.5 + bump, 3.6, color=MUTED, direction=d))
        p.text(
            v.chamber.name(lang) + " · " + v.chamber.contact(lang),
            b(x0, 3, x1, 7.2),
            _s(BOLD, 5 + bump, 3.6, 2, leading=1.1, color=GREEN, direction=d),
        )


def _benefit_list(p: Painter, labels: list[str], x0: float, x1: float, d: str, bump: float):
    """The benefits one under the other, each as tall as its lines (one or two), with the
    same gap between them, the gap shrinking when many wrap; the y (mm) below the last."""
    top, floor, slot = 32.0, 11.4, 3.6  # floor: room for "+ N more" above the footer
    style = _s(REGULAR, 4.8 + bump, 4.2, 2, leading=1.05, direction=d)
    fitted = [fit("• " + label, b(x0, top - slot, x1, top), style) for label in labels]
    heights = [block_height(f, style) / mm for f in fitted]
    gap = min(1.4, max(0.4, (top - floor - sum(heights)) / max(len(labels), 1)))
    y = top
    for f, h in zip(fitted, heights, strict=True):
        p.fitted(f, b(x0, y - slot, x1, y), style)
        y -= h + gap
    return y
