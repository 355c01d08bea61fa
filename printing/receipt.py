"""The enrolment receipt: A5 (French and Arabic side by side) or an 80 mm thermal roll
(French then Arabic, the page as long as its content).

Laid out top-down by a ``Flow``: each block is fitted to the column (shrink, wrap,
abbreviate) and the cursor moves below its ink. On the roll, a first pass measures the
height and a second draws on a page of that height.
"""

from __future__ import annotations

from reportlab.lib.units import mm

from app.i18n import tr
from printing.benefits import load_benefits
from printing.draw import Mark, Painter
from printing.fit import Box, Style, block_height, fit
from printing.fonts import BOLD, REGULAR
from printing.model import ArtisanView, day
from printing.style import A5, GREEN, INK, MUTED, ROLL_MARGIN, ROLL_W, WHITE

TALL = 400 * mm  # room offered to one block before it is measured


class Flow:
    """A column filled from the top; draws only when given a painter."""

    def __init__(self, painter: Painter | None, x0: float, x1: float, top: float) -> None:
        self.p, self.x0, self.x1, self.y = painter, x0, x1, top

    def text(self, text: str, style: Style, gap: float = 1.2 * mm) -> None:
        box = Box(self.x0, self.y - TALL, self.x1 - self.x0, TALL)
        fitted = fit(text, box, style)
        if self.p is not None:
            self.p.fitted(fitted, box, style)
        depth = block_height(fitted, style)
        if fitted.lines:  # an even rhythm: at least a nominal descent below the last line
            nominal = (0.6 if fitted.lines[-1].rtl else 0.32) * fitted.size
            depth = max(depth, depth + nominal + min(fitted.lines[-1].bottom, 0) * fitted.size)
        self.y -= depth + gap

    def skip(self, d: float) -> None:
        self.y -= d


def _st(lang: str, font: str, size: float, lines: int = 6, **kw) -> Style:
    bump = 0.4 if lang == "ar" else 0.0  # Arabic reads small at the same size
    return Style(
        font,
        size + bump,
        size - 0.5 + bump,
        lines,
        1.3 if lang == "ar" else 1.2,
        direction="rtl" if lang == "ar" else "ltr",
        **kw,
    )


def details(f: Flow, v: ArtisanView, lang: str, size: float) -> None:
    name = v.name_ar() if lang == "ar" else v.name_lat()
    if v.org_name:
        name = f"{v.org_name} ({name})"
    rows = [
        ("name", name),
        ("cin", v.cin),
        ("date", day(v.enrolled_at)),
        ("agent", v.agent),
        ("chamber", v.chamber.name(lang)),
        ("category", v.category[lang]),
        ("activity", v.activity[lang]),
        ("commune", v.commune[lang]),
    ]
    sep = ": " if lang == "ar" else " : "
    for key, value in rows:
        f.text(
            tr("print.receipt." + key, lang) + sep + value, _st(lang, REGULAR, size, 3), 0.8 * mm
        )


def next_steps(f: Flow, v: ArtisanView, lang: str, size: float) -> None:
    f.text(tr("print.receipt.next_title", lang), _st(lang, BOLD, size + 1, color=GREEN))
    for n in (1, 2, 3):
        text = tr(f"print.receipt.next_{n}", lang, expires=day(v.expires_at))
        f.text(f"{n}. {text}", _st(lang, REGULAR, size), gap=0.8 * mm)


def benefits(f: Flow, lang: str, size: float) -> None:
    f.text(tr("print.receipt.benefits_title", lang), _st(lang, BOLD, size + 1, color=GREEN))
    for item in load_benefits().items:
        f.text("• " + item.label(lang), _st(lang, REGULAR, size, 3), gap=0.5 * mm)
    f.text(tr("print.receipt.benefits_note", lang), _st(lang, REGULAR, size - 0.5, color=MUTED))


def reference(f: Flow, v: ArtisanView, size: float) -> None:
    """The enrolment number, large, and what a provisional reference means."""
    label = tr("print.receipt.reference", "fr") + " · " + tr("print.receipt.reference", "ar")
    f.text(label, Style(REGULAR, size, size - 2, 2, color=MUTED, align="center"))
    f.text(v.reference, Style(BOLD, size + 9, size + 3, 1, direction="ltr", align="center"))
    if v.provisional:
        for lang in ("fr", "ar"):
            f.text(
                tr("print.receipt.nia_pending", lang), _st(lang, REGULAR, size - 0.5, color=MUTED)
            )


def draw_a5(canvas, v: ArtisanView, marks: list[Mark] | None = None) -> None:
    canvas.setPageSize(A5)
    p = Painter(canvas, marks)
    w, h = A5
    m = 12 * mm
    p.fill(0, h - 27 * mm, w, 27 * mm, GREEN)
    cols = {"fr": (m, w / 2 - 3 * mm), "ar": (w / 2 + 3 * mm, w - m)}
    for lang, (x0, x1) in cols.items():
        f = Flow(p, x0, x1, h - m)
        f.text(v.chamber.name(lang), _st(lang, BOLD, 9, 2, color=WHITE))
        f.text(tr("print.receipt.title", lang), _st(lang, REGULAR, 8, 2, color=WHITE))
    reference(Flow(p, m, w - m - 42 * mm, h - 34 * mm), v, 8)
    p.qr(v.qr_text, w - m - 36 * mm, h - 67 * mm, 36 * mm)
    for i, lang in enumerate(("fr", "ar")):
        p.text(
            tr("print.receipt.verify", lang),
            Box(w - m - 40 * mm, h - (70.5 + 3 * i) * mm, 40 * mm, 3 * mm),
            Style(REGULAR, 6, 5, align="center", color=MUTED),
        )
    footer = 12 * mm
    for scale in (1.0, 0.95, 0.9, 0.85, 0.8, 0.75, 0.7):  # shrink the body until it fits
        if _body(None, cols, v, h - 78 * mm, scale) >= footer:
            break
    _body(p, cols, v, h - 78 * mm, scale)
    p.text(
        tr("print.receipt.not_a_card", "fr") + " · " + tr("print.receipt.not_a_card", "ar"),
        Box(m, 6 * mm, w - 2 * m, 5 * mm),
        Style(BOLD, 7, 5, align="center", color=INK),
    )


def _body(p: Painter | None, cols: dict, v: ArtisanView, top: float, scale: float) -> float:
    """The two columns of the A5 receipt's body; returns the lowest point reached."""
    bottom = top
    for lang, (x0, x1) in cols.items():
        f = Flow(p, x0, x1, top)
        details(f, v, lang, 7.5 * scale)
        f.skip(2 * mm * scale)
        next_steps(f, v, lang, 7 * scale)
        f.skip(2 * mm * scale)
        benefits(f, lang, 6.5 * scale)
        bottom = min(bottom, f.y)
    return bottom


def _roll(p: Painter | None, v: ArtisanView, height: float) -> float:
    x0, x1 = ROLL_MARGIN, ROLL_W - ROLL_MARGIN
    f = Flow(p, x0, x1, height - ROLL_MARGIN)
    for lang in ("fr", "ar"):
        f.text(v.chamber.name(lang), _st(lang, BOLD, 9, 3))
        f.text(tr("print.receipt.title", lang), _st(lang, REGULAR, 8, 3))
    f.skip(2 * mm)
    reference(f, v, 8)
    size = 46 * mm
    if p is not None:
        p.qr(v.qr_text, (ROLL_W - size) / 2, f.y - size, size)
    f.skip(size + 1 * mm)
    f.text(
        tr("print.receipt.verify", "fr") + " · " + tr("print.receipt.verify", "ar"),
        Style(REGULAR, 6.5, 5, 2, align="center", color=MUTED),
    )
    for lang in ("fr", "ar"):
        f.skip(2 * mm)
        details(f, v, lang, 8)
        f.skip(2 * mm)
        next_steps(f, v, lang, 8)
    for lang in ("fr", "ar"):
        f.skip(2 * mm)
        benefits(f, lang, 7.5)
    f.skip(1 * mm)
    f.text(tr("print.receipt.not_a_card", "fr"), Style(BOLD, 8, 6, 2, align="center"))
    f.text(tr("print.receipt.not_a_card", "ar"), _st("ar", BOLD, 8, 2, align="center"))
    return height - f.y + ROLL_MARGIN


def draw_roll(canvas, v: ArtisanView, marks: list[Mark] | None = None) -> None:
    height = _roll(None, v, TALL)
    canvas.setPageSize((ROLL_W, height))
    _roll(Painter(canvas, marks), v, height)
