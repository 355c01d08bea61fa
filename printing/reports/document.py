"""The day report and the caravan session report as A4 PDFs, in Arabic or French, with
the same charts; fonts (Amiri) embedded. Plain functions returning PDF bytes.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from app.i18n import tr
from app.reports import Chart, Report, day_report, session_report
from printing.draw import Painter
from printing.fit import Box, Style
from printing.fonts import BOLD, REGULAR, register_fonts
from printing.reports.charts import draw_chart
from printing.style import A4, GREEN, GREEN_PALE, INK, MUTED, PAGE_MARGIN, WHITE

GAP = 5 * mm
HEADER_H = 34 * mm
FIGURES_H = 20 * mm
FOOTER_H = 8 * mm
HEIGHT = {"bar": 62 * mm, "line": 62 * mm, "pie": 62 * mm, "hbar": 70 * mm}
HALF = {"category", "pipeline"}  # charts that share a row
GROUP_ROW = 14 * mm  # a row of grouped bars (three bars and their numbers)


def chart_height(chart: Chart) -> float:
    """A chart's height on the page; grouped bars grow with their rows."""
    if chart.kind == "groups":
        return max(40 * mm, 20 * mm + GROUP_ROW * len(chart.items))
    return HEIGHT[chart.kind]


@dataclass(frozen=True)
class Placed:
    page: int
    chart: Chart
    box: Box


def _st(lang: str, size: float, font: str = REGULAR, **kw) -> Style:
    kw.setdefault("align", "start")
    return Style(font, size, size - 3, kw.pop("lines", 1), 1.2,
                 direction="rtl" if lang == "ar" else "auto", **kw)  # fmt: skip


def layout(report: Report) -> list[Placed]:
    """Where each chart goes: full-width rows, two half-width charts side by side; a new
    page when the next row does not fit. The first page starts below the figures."""
    w, h = A4
    x0, x1 = PAGE_MARGIN, w - PAGE_MARGIN
    top = h - PAGE_MARGIN - HEADER_H - FIGURES_H - GAP
    bottom = PAGE_MARGIN + FOOTER_H
    out: list[Placed] = []
    page, y = 0, top
    charts = list(report.charts)
    rows: list[list[Chart]] = []
    for c in charts:
        if c.key in HALF and rows and len(rows[-1]) == 1 and rows[-1][0].key in HALF:
            rows[-1].append(c)
        else:
            rows.append([c])
    for row in rows:
        height = max(chart_height(c) for c in row)
        if y - height < bottom:
            page, y = page + 1, h - PAGE_MARGIN
        cells = len(row) if len(row) > 1 or row[0].key not in HALF else 2
        cell_w = (x1 - x0 - GAP * (cells - 1)) / cells
        for i, c in enumerate(row):
            k = cells - 1 - i if report.lang == "ar" else i
            out.append(Placed(page, c, Box(x0 + k * (cell_w + GAP), y - height, cell_w, height)))
        y -= height + GAP
    return out


def _header(p: Painter, report: Report) -> None:
    w, h = A4
    lang = report.lang
    box = Box(PAGE_MARGIN, h - PAGE_MARGIN - HEADER_H, w - 2 * PAGE_MARGIN, HEADER_H)
    p.fill(box.x, box.y, box.w, box.h, GREEN, radius=3 * mm)
    inner = box.inset(4 * mm)
    p.text(report.chamber, Box(inner.x, inner.top - 5 * mm, inner.w, 5 * mm),
           _st(lang, 9, color=WHITE))  # fmt: skip
    p.text(report.title, Box(inner.x, inner.top - 13 * mm, inner.w, 8 * mm),
           _st(lang, 16, BOLD, color=WHITE))  # fmt: skip
    p.text(report.subtitle, Box(inner.x, inner.top - 19.5 * mm, inner.w, 6.5 * mm),
           _st(lang, 12, BOLD, color=WHITE))  # fmt: skip
    sep = ": " if lang == "ar" else " : "
    facts = "   ·   ".join(label + sep + value for label, value in report.facts)
    p.text(facts, Box(inner.x, inner.y, inner.w, 6 * mm), _st(lang, 9, color=WHITE))


def _figures(p: Painter, report: Report) -> None:
    w, h = A4
    lang = report.lang
    n = len(report.figures)
    y = h - PAGE_MARGIN - HEADER_H - GAP - FIGURES_H + GAP
    cell = (w - 2 * PAGE_MARGIN - GAP * (n - 1)) / n
    for i, (label, value) in enumerate(report.figures):
        k = n - 1 - i if lang == "ar" else i
        box = Box(PAGE_MARGIN + k * (cell + GAP), y, cell, FIGURES_H - GAP)
        p.fill(box.x, box.y, box.w, box.h, GREEN_PALE, radius=2 * mm)
        p.text(str(value), Box(box.x, box.y + 5.5 * mm, box.w, 8 * mm),
               Style(BOLD, 17, 10, 1, color=GREEN, align="center", direction="ltr"))  # fmt: skip
        p.text(label, Box(box.x + 1.5 * mm, box.y + 0.8 * mm, box.w - 3 * mm, 5 * mm),
               _st(lang, 8.5, color=INK, align="center"))  # fmt: skip


def _footer(p: Painter, report: Report, page: int, pages: int) -> None:
    w, _ = A4
    text = tr("field.report.footer", report.lang, chamber=report.chamber,
              at=report.generated_at, page=page, pages=pages)  # fmt: skip
    note = tr("field.report.indicative", report.lang)
    p.text(text + "  —  " + note, Box(PAGE_MARGIN, PAGE_MARGIN, w - 2 * PAGE_MARGIN, 5 * mm),
           _st(report.lang, 7, color=MUTED, align="center"))  # fmt: skip


def render_report(report: Report) -> bytes:
    """The report as PDF bytes (fonts embedded, page compression on)."""
    register_fonts()
    out = io.BytesIO()
    c = Canvas(out, pagesize=A4, pageCompression=1, invariant=1, initialFontName=REGULAR)
    c.setTitle(f"{report.title} — {report.subtitle}")
    c.setCreator("Mihani")
    p = Painter(c)
    placed = layout(report)
    pages = max((pl.page for pl in placed), default=0) + 1
    for page in range(pages):
        if page == 0:
            _header(p, report)
            _figures(p, report)
        for pl in placed:
            if pl.page == page:
                draw_chart(p, pl.chart, pl.box, report.lang)
        _footer(p, report, page + 1, pages)
        c.showPage()
    c.save()
    return out.getvalue()


def _stamp(ws, report: Report) -> Report:
    from dataclasses import replace

    from printing.model import chamber_of

    now = ws.registry.clock()
    chamber = chamber_of(ws)
    return replace(
        report,
        chamber=chamber.name(report.lang),
        generated_at=f"{now:%d/%m/%Y %H:%M}",
    )


def day_pdf(ws, day: str | dt.date, lang: str) -> bytes:
    return render_report(_stamp(ws, day_report(ws, str(day), lang)))


def session_pdf(ws, session_key: str, lang: str) -> bytes:
    return render_report(_stamp(ws, session_report(ws, session_key, lang)))
