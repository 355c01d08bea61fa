"""Charts as vectors: reportlab.graphics draws the bars and the pie; every word and number
is drawn by the ``Painter`` (HarfBuzz-shaped, bidi-ordered, fitted to its box), so Arabic
labels join and read right to left, and nothing overflows its slot.

In Arabic a chart is mirrored: horizontal bars grow from the right with their labels on
the right, vertical bars read from the right, the pie's legend sits on the left.
"""

from __future__ import annotations

from reportlab.graphics import renderPDF
from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, Group
from reportlab.lib.colors import HexColor
from reportlab.lib.units import mm

from app.i18n import tr
from app.reports import Chart
from printing.draw import Painter
from printing.fit import Box, Style
from printing.fonts import BOLD, REGULAR
from printing.style import GREEN, GREEN_PALE, INK, MUTED

PALETTE = [HexColor(c) for c in (
    "#0B5D4B", "#C8963E", "#3E7CB1", "#B3261E", "#6A4C93", "#5B8E7D", "#D4A373", "#8D99AE",
)]  # fmt: skip
TITLE_H = 7 * mm


def _style(lang: str, size: float, font: str = REGULAR, lines: int = 1, **kw) -> Style:
    return Style(font, size, max(size - 2.5, 4.5), lines, 1.15,
                 direction="rtl" if lang == "ar" else "auto", **kw)  # fmt: skip


def _number(p: Painter, n: int, box: Box, align: str = "center") -> None:
    p.text(str(n), box, Style(REGULAR, 7.5, 5, 1, color=INK, align=align, direction="ltr"))


def _frame(p: Painter, chart: Chart, box: Box, lang: str) -> Box:
    """The chart's title band and pale card; the plotting box left inside it."""
    p.fill(box.x, box.y, box.w, box.h, GREEN_PALE, radius=2 * mm)
    title = Box(box.x + 3 * mm, box.top - TITLE_H - 1 * mm, box.w - 6 * mm, TITLE_H)
    p.text(chart.title, title, _style(lang, 10, BOLD, color=GREEN, align="start"))
    return Box(box.x + 3 * mm, box.y + 3 * mm, box.w - 6 * mm, box.h - TITLE_H - 5 * mm)


def _empty(p: Painter, box: Box, lang: str) -> None:
    p.text(tr("field.chart.empty", lang), box, _style(lang, 9, color=MUTED, align="center"))


def _drawing(w: float, h: float) -> Drawing:
    d = Drawing(w, h)
    d.initialFontName = REGULAR  # else reportlab selects Helvetica, a font never embedded
    return d


def _draw(p: Painter, drawing: Drawing, x: float, y: float, mirror: bool) -> None:
    if mirror:
        group = Group(*drawing.contents)
        group.transform = (-1, 0, 0, 1, drawing.width, 0)
        drawing.contents = [group]
    renderPDF.draw(drawing, p.canvas, x, y)


def vertical_bars(p: Painter, chart: Chart, box: Box, lang: str) -> None:
    inner = _frame(p, chart, box, lang)
    items = list(chart.items)
    if not items or not chart.total:
        return _empty(p, inner, lang)
    label_h, value_h = 9 * mm, 4 * mm
    plot = Box(inner.x, inner.y + label_h, inner.w, inner.h - label_h - value_h)
    d = _drawing(plot.w, plot.h)
    bc = VerticalBarChart()
    bc.x, bc.y, bc.width, bc.height = 0, 0, plot.w, plot.h
    bc.data = [[n for _, n in items]]
    bc.valueAxis.valueMin, bc.valueAxis.valueMax = 0, max(n for _, n in items) * 1.05
    bc.valueAxis.visible = 0
    bc.categoryAxis.visibleTicks = 0
    bc.categoryAxis.labels.visible = 0
    bc.categoryAxis.strokeColor = MUTED
    bc.bars[0].fillColor, bc.bars[0].strokeColor = GREEN, None
    bc.barSpacing, bc.groupSpacing = 0, plot.w / len(items) * 0.25
    d.add(bc)
    _draw(p, d, plot.x, plot.y, lang == "ar")
    slot = plot.w / len(items)
    top = max(n for _, n in items) * 1.05
    for i, (label, n) in enumerate(items):
        k = len(items) - 1 - i if lang == "ar" else i
        x = plot.x + k * slot
        _number(p, n, Box(x, plot.y + plot.h * n / top + 0.5 * mm, slot, value_h - 0.5 * mm))
        p.text(label, Box(x + 0.5 * mm, inner.y, slot - 1 * mm, label_h - 1 * mm),
               _style(lang, 7.5, lines=2, color=INK, align="center"))  # fmt: skip
    return None


def horizontal_bars(p: Painter, chart: Chart, box: Box, lang: str) -> None:
    inner = _frame(p, chart, box, lang)
    items = list(chart.items)
    if not items or not chart.total:
        return _empty(p, inner, lang)
    rtl = lang == "ar"
    label_w, value_w = inner.w * 0.42, 9 * mm
    bars_w = inner.w - label_w - value_w
    bars_x = inner.x + (value_w if rtl else label_w)
    d = _drawing(bars_w, inner.h)
    bc = HorizontalBarChart()
    bc.x, bc.y, bc.width, bc.height = 0, 0, bars_w, inner.h
    bc.data = [[n for _, n in reversed(items)]]  # the category axis runs upwards
    top = max(n for _, n in items)
    bc.valueAxis.valueMin, bc.valueAxis.valueMax = 0, top
    bc.valueAxis.visible = 0
    bc.categoryAxis.visibleTicks = 0
    bc.categoryAxis.labels.visible = 0
    bc.categoryAxis.strokeColor = MUTED
    bc.bars[0].fillColor, bc.bars[0].strokeColor = GREEN, None
    slot = inner.h / len(items)
    bc.barSpacing, bc.groupSpacing = 0, slot * 0.3
    d.add(bc)
    _draw(p, d, bars_x, inner.y, rtl)
    for i, (label, n) in enumerate(items):
        y = inner.top - (i + 1) * slot
        length = bars_w * n / top
        label_x = inner.right - label_w + 1 * mm if rtl else inner.x
        band = min(slot, 4.6 * mm)
        p.text(label, Box(label_x, y + (slot - band) / 2, label_w - 2 * mm, band),
               _style(lang, 8, color=INK, align="start" if rtl else "end"))  # fmt: skip
        vx = bars_x + bars_w - length - value_w if rtl else bars_x + length + 0.8 * mm
        _number(p, n, Box(vx, y + (slot - band) / 2, value_w - 0.8 * mm, band),
                "right" if rtl else "left")  # fmt: skip
    return None


def pie(p: Painter, chart: Chart, box: Box, lang: str) -> None:
    inner = _frame(p, chart, box, lang)
    items = [(label, n) for label, n in chart.items if n]
    if not items:
        return _empty(p, inner, lang)
    rtl = lang == "ar"
    size = min(inner.h, inner.w * 0.45)
    pie_x = inner.right - size if rtl else inner.x
    d = _drawing(size, size)
    pc = Pie()
    pc.x, pc.y, pc.width, pc.height = 0, 0, size, size
    pc.data = [n for _, n in items]
    pc.labels = None
    pc.slices.strokeColor, pc.slices.strokeWidth = HexColor("#FFFFFF"), 0.8
    for i in range(len(items)):
        pc.slices[i].fillColor = PALETTE[i % len(PALETTE)]
    d.add(pc)
    renderPDF.draw(d, p.canvas, pie_x, inner.y + (inner.h - size) / 2)
    legend_w = inner.w - size - 4 * mm
    lx = inner.x if rtl else inner.x + size + 4 * mm
    row = min(7 * mm, inner.h / len(items))
    y = inner.y + (inner.h + row * len(items)) / 2
    total = sum(n for _, n in items)
    for i, (label, n) in enumerate(items):
        y -= row
        sq = 3 * mm
        sx = lx + legend_w - sq if rtl else lx
        p.fill(sx, y + (row - sq) / 2, sq, sq, PALETTE[i % len(PALETTE)])
        text_x = lx if rtl else lx + sq + 1.5 * mm
        num_w = 17 * mm
        text_w = legend_w - sq - 1.5 * mm - num_w
        nx = text_x if rtl else text_x + text_w
        tx = text_x + num_w if rtl else text_x
        p.text(label, Box(tx, y, text_w, row), _style(lang, 8, color=INK, align="start"))
        share = f"{n} ({round(100 * n / total)}%)"
        p.text(share, Box(nx, y, num_w, row),
               Style(REGULAR, 8, 5, 1, color=INK, align="left" if rtl else "right",
                     direction="ltr"))  # fmt: skip
    return None


def grouped_bars(p: Painter, chart: Chart, box: Box, lang: str) -> None:
    """Horizontal bars, one per value of each item (say, a session's enrolments, badges
    and handovers), in the palette's colours, the legend along the bottom."""
    inner = _frame(p, chart, box, lang)
    rows = list(zip((label for label, _ in chart.items), chart.values, strict=True))
    top = max((max(v) for _, v in rows if v), default=0)
    if not top:
        return _empty(p, inner, lang)
    rtl, legend_h = lang == "ar", 5 * mm
    cell = inner.w / len(chart.legend)
    for k, name in enumerate(chart.legend):
        x = inner.right - (k + 1) * cell if rtl else inner.x + k * cell
        sq = 3 * mm
        p.fill(x + cell - sq if rtl else x, inner.y + (legend_h - sq) / 2, sq, sq, PALETTE[k])
        text = Box(x if rtl else x + sq + 1.5 * mm, inner.y, cell - sq - 3 * mm, legend_h)
        p.text(name, text, _style(lang, 8, color=INK, align="start"))
    plot = Box(inner.x, inner.y + legend_h + 1 * mm, inner.w, inner.h - legend_h - 1 * mm)
    label_w, value_w = plot.w * 0.42, 9 * mm
    bars_w = plot.w - label_w - value_w
    bars_x = plot.x + (value_w if rtl else label_w)
    p.fill(bars_x + (bars_w if rtl else 0), plot.y, 0.4, plot.h, MUTED)  # the axis
    slot = plot.h / len(rows)
    thick = slot * 0.78 / len(chart.legend)
    for i, (label, values) in enumerate(rows):
        y = plot.top - (i + 1) * slot
        band = min(slot, 4.6 * mm)
        label_x = plot.right - label_w + 1 * mm if rtl else plot.x
        p.text(label, Box(label_x, y + (slot - band) / 2, label_w - 2 * mm, band),
               _style(lang, 8, lines=2, color=INK, align="start" if rtl else "end"))  # fmt: skip
        for k, n in enumerate(values):
            by = y + slot * 0.89 - (k + 1) * thick
            length = bars_w * n / top
            p.fill(bars_x + bars_w - length if rtl else bars_x, by + 0.3, length, thick - 0.6,
                   PALETTE[k % len(PALETTE)])  # fmt: skip
            vx = bars_x + bars_w - length - value_w if rtl else bars_x + length + 0.8 * mm
            _number(p, n, Box(vx, by, value_w - 0.8 * mm, thick), "right" if rtl else "left")
    return None


DRAW = {
    "bar": vertical_bars, "hbar": horizontal_bars, "pie": pie, "line": vertical_bars,
    "groups": grouped_bars,
}  # fmt: skip


def draw_chart(p: Painter, chart: Chart, box: Box, lang: str) -> None:
    DRAW[chart.kind](p, chart, box, lang)
