"""The provisional badge: A6 portrait (105 x 148 mm), worn on a lanyard.

A6 rather than CR100: any office or portable printer takes A6 or A4 (four badges a
sheet), where CR100 needs a card printer that takes the oversize card; and A6 leaves room
for a 44 mm QR code (modules near 0.5 mm: a phone reads it at arm's length), the expiry
date in large type and a photo a person can be recognised by. Content keeps 6 mm from the
edge (office printers do not print to the edge); there is no bleed.
"""

from __future__ import annotations

from reportlab.lib.units import mm

from app.card_claims import short_name
from app.i18n import tr
from printing.card import b
from printing.draw import Painter
from printing.fit import Style
from printing.fonts import BOLD, REGULAR
from printing.model import ArtisanView, day
from printing.style import A6, GREEN, GREEN_PALE, INK, MUTED, RED, WHITE

W, H = A6
MARGIN = 6  # mm
PHOTO = b(6, 62, 36, 102)


def _lanyard(p: Painter) -> None:
    c = p.canvas
    c.saveState()
    c.setStrokeColor(MUTED)
    c.setLineWidth(0.6)
    c.setDash(2, 1.5)
    c.roundRect(W / 2 - 8 * mm, 139 * mm, 16 * mm, 3.6 * mm, 1.8 * mm, stroke=1, fill=0)
    c.restoreState()
    label = tr("print.badge.lanyard", "fr") + " · " + tr("print.badge.lanyard", "ar")
    p.text(label, b(30, 135.6, 75, 138.6), Style(REGULAR, 6, 5, color=MUTED, align="center"))


def _header(p: Painter, v: ArtisanView) -> None:
    p.fill(MARGIN * mm, 116 * mm, W - 2 * MARGIN * mm, 18.5 * mm, GREEN, radius=2 * mm)
    white = {"color": WHITE}
    p.text(v.chamber.name("fr"), b(8, 125.5, 52, 133), Style(BOLD, 8.5, 6, 2, 1.1, **white))
    p.text(
        v.chamber.name("ar"),
        b(53, 125.5, 97, 133),
        Style(BOLD, 9.5, 6.5, 2, 1.2, direction="rtl", **white),
    )
    p.text(tr("print.badge.title", "fr"), b(8, 117.5, 52, 124.5), Style(REGULAR, 8.5, 6, **white))
    p.text(
        tr("print.badge.title", "ar"),
        b(53, 117.5, 97, 124.5),
        Style(REGULAR, 9.5, 6.5, direction="rtl", **white),
    )


def _ribbon(p: Painter) -> None:
    p.fill(MARGIN * mm, 105.5 * mm, W - 2 * MARGIN * mm, 9 * mm, RED, radius=1.5 * mm)
    style = Style(BOLD, 20, 12, color=WHITE, align="center")
    p.text(tr("print.badge.provisional", "fr"), b(8, 106.3, 61, 113.8), style)
    p.text(tr("print.badge.provisional", "ar"), b(62, 106.3, 97, 113.8), style)


def draw_badge(p: Painter, v: ArtisanView) -> None:
    p.fill(0, 0, W, H, WHITE)
    _lanyard(p)
    _header(p, v)
    _ribbon(p)
    p.photo(v.photo, PHOTO, border=MUTED)
    p.text(
        v.name_lat(),
        b(39, 92, 99, 102),
        Style(BOLD, 15, 9, 2, 1.1, color=INK),
        short_name(v.first_lat, v.last_lat, arabic=False),
    )
    p.text(
        v.name_ar(),
        b(39, 82, 99, 91.6),
        Style(BOLD, 17, 10, 2, 1.2, direction="rtl"),
        short_name(v.first_ar, v.last_ar, arabic=True),
    )
    if v.org_name:
        p.text(v.org_name, b(39, 73, 99, 81.5), Style(BOLD, 9.5, 6.5, 2, 1.15))
    else:
        p.text(v.category["fr"], b(39, 77.6, 99, 81.5), Style(REGULAR, 9, 6.5, color=MUTED))
        p.text(
            v.category["ar"],
            b(39, 73, 99, 77.6),
            Style(REGULAR, 9.5, 6.5, color=MUTED, direction="rtl"),
        )
    p.text(v.activity["fr"], b(39, 67.8, 99, 72.6), Style(REGULAR, 9, 6.5, 2, 1.1))
    p.text(v.activity["ar"], b(39, 62, 99, 67.8), Style(REGULAR, 10, 7, 2, 1.15, direction="rtl"))
    label = "print.label.nia" if v.nia else "print.label.provisional_ref"
    muted = {"color": MUTED}
    p.text(tr(label, "fr"), b(6, 56.5, 50, 60), Style(REGULAR, 8, 6, **muted))
    p.text(tr(label, "ar"), b(55, 56.5, 99, 60), Style(REGULAR, 8.5, 6, direction="rtl", **muted))
    p.text(v.reference, b(6, 51.5, 99, 57), Style(BOLD, 15, 9, direction="ltr", align="center"))
    p.fill(MARGIN * mm, 22.5 * mm, 46 * mm, 27 * mm, GREEN_PALE, radius=2 * mm)
    p.text(
        tr("print.badge.valid_until", "fr"),
        b(8, 43.5, 50, 48.5),
        Style(REGULAR, 10, 7, align="center"),
    )
    p.text(
        tr("print.badge.valid_until", "ar"),
        b(8, 37.5, 50, 43.5),
        Style(REGULAR, 11, 7, direction="rtl", align="center"),
    )
    p.text(
        day(v.expires_at),
        b(8, 24, 50, 37),
        Style(BOLD, 26, 14, color=RED, direction="ltr", align="center"),
    )
    p.text(v.commune["fr"], b(6, 16.5, 52, 21), Style(REGULAR, 9, 6))
    p.text(v.commune["ar"], b(6, 12, 52, 16.5), Style(REGULAR, 10, 6.5, direction="rtl"))
    p.text(tr("print.badge.verify", "fr"), b(6, 9, 52, 11.6), Style(REGULAR, 6.5, 5, **muted))
    p.text(
        tr("print.badge.verify", "ar"),
        b(6, 6, 52, 9),
        Style(REGULAR, 7, 5, direction="rtl", **muted),
    )
    p.qr(v.qr_text, 55 * mm, 6 * mm, 44 * mm)
