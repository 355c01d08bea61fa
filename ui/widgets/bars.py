"""A small bar chart drawn with QPainter: one labelled series, vertical or horizontal bars,
or groups of horizontal bars (several values per label, with a legend); mirrored for
Arabic (bars grow from the layout's leading edge). No chart library.

Horizontal labels are written in full: their column is as wide as the longest (up to
55 % of the chart), a label still too long wraps onto a second line when its row has
room, and is elided only as a last resort (hovering a row then shows it whole).
``shown_labels`` keeps what the last paint wrote, label by label."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

BAR = QColor("#0b6e4f")
SERIES = (BAR, QColor("#c8963e"), QColor("#3e7cb1"))  # the PDF reports' palette
TEXT = QColor("#202124")
MUTED = QColor("#5f6368")
ROW = 26.0  # the tallest row of one bar (a label on two lines may take more)
GROUP_BAR = 13.0  # the tallest bar of a group
WRAP = Qt.TextFlag.TextWordWrap


class BarChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title, self.empty = "", ""
        self.items: tuple[tuple[str, int], ...] = ()
        self.legend: tuple[str, ...] = ()
        self.values: tuple[tuple[int, ...], ...] = ()
        self.horizontal = False
        self.shown_labels: list[str] = []
        self.rows: list[tuple[QRectF, str]] = []  # each item's place and its words in full
        self.setMinimumSize(280, 190)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_data(self, title: str, items, horizontal: bool, empty: str, legend=(), values=()):
        """``legend`` and ``values`` (one tuple per item) make groups of horizontal bars."""
        self.title, self.items, self.horizontal, self.empty = title, tuple(items), horizontal, empty
        self.legend, self.values = tuple(legend), tuple(tuple(v) for v in values)
        if not self.legend:
            self.values = tuple((n,) for _, n in self.items)
        self.update()

    def paintEvent(self, event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        absolute = Qt.AlignmentFlag.AlignAbsolute  # the painter would mirror them again
        lead = (Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft) | absolute
        trail = (Qt.AlignmentFlag.AlignLeft if rtl else Qt.AlignmentFlag.AlignRight) | absolute
        w, h = self.width(), self.height()
        font = p.font()
        font.setBold(True)
        p.setFont(font)
        p.setPen(TEXT)
        p.drawText(QRectF(8, 4, w - 16, 22), lead | Qt.AlignmentFlag.AlignVCenter, self.title)
        font.setBold(False)
        p.setFont(font)
        area = QRectF(8, 30, w - 16, h - 36)
        top = max((max(v, default=0) for v in self.values), default=0)
        self.shown_labels, self.rows = [], []
        if not self.items or top == 0:
            p.setPen(MUTED)
            p.drawText(area, Qt.AlignmentFlag.AlignCenter, self.empty)
            p.end()
            return
        if self.legend:
            area = self._legend(p, area, rtl, lead)
        if self.horizontal or self.legend:
            self._hbars(p, area, top, rtl, lead, trail)
        else:
            self._vbars(p, area, top, rtl)
        p.end()

    def _tip(self, i: int) -> str:
        label, values = self.items[i][0], self.values[i]
        if not self.legend:
            return f"{label}: {values[0]}"
        return "\n".join([label, *(f"{n}: {v}" for n, v in zip(self.legend, values, strict=False))])

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            at = QPointF(event.pos())
            found = next((tip for rect, tip in self.rows if rect.contains(at)), "")
            if found:
                QToolTip.showText(event.globalPos(), found, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def _legend(self, p: QPainter, area: QRectF, rtl: bool, lead) -> QRectF:
        """The series' names along the bottom, from the leading edge; the area above."""
        fm = p.fontMetrics()
        y, x = area.bottom() - fm.height(), 0.0
        for color, name in zip(SERIES, self.legend, strict=False):
            width = fm.horizontalAdvance(name) + 18
            left = area.right() - x - width if rtl else area.left() + x
            square = left + width - 10 if rtl else left
            p.fillRect(QRectF(square, y + (fm.height() - 10) / 2, 10, 10), color)
            p.setPen(MUTED)
            text = QRectF(left if rtl else left + 14, y, width - 14, fm.height())
            p.drawText(text, lead | Qt.AlignmentFlag.AlignVCenter, name)
            x += width + 12
        return QRectF(area.left(), area.top(), area.width(), area.height() - fm.height() - 6)

    def _label(self, fm: QFontMetrics, label: str, box: QRectF) -> tuple[str, bool]:
        """The text to write in ``box`` and whether it wraps: whole if it can be."""
        if fm.horizontalAdvance(label) <= box.width():
            return label, False
        needed = fm.boundingRect(box.toRect(), int(WRAP), label)
        if box.height() >= 2 * fm.height() and needed.height() <= box.height():
            return label, True
        return fm.elidedText(label, Qt.TextElideMode.ElideRight, int(box.width())), False

    def _hbars(self, p, area: QRectF, top: int, rtl: bool, lead, trail) -> None:
        fm = p.fontMetrics()
        series = len(self.values[0])
        widest = max(fm.horizontalAdvance(label) for label, _ in self.items)
        label_w = min(widest + 10.0, area.width() * 0.55)
        tallest = ROW if widest + 10 <= label_w else 2 * fm.height() + 4  # room to wrap
        row = min(max(tallest, series * GROUP_BAR + 8), area.height() / len(self.items))
        number_w = fm.horizontalAdvance(str(top)) + 8.0
        bar_w = area.width() - label_w - number_w - 4
        thick = (row - 6) / series
        if series > 1:  # a group's numbers stand beside bars thinner than a line
            small = p.font()
            small.setPointSizeF(small.pointSizeF() * 0.85)
        flags = int(trail | Qt.AlignmentFlag.AlignVCenter)
        for i, ((label, _n), values) in enumerate(zip(self.items, self.values, strict=True)):
            y = area.top() + i * row
            x = area.right() - label_w if rtl else area.left()
            box = QRectF(x + (6 if rtl else 0), y, label_w - 6, row)
            text, wraps = self._label(fm, label, box)
            self.shown_labels.append(text)
            self.rows.append((QRectF(area.left(), y, area.width(), row), self._tip(i)))
            p.setPen(TEXT)
            p.drawText(box, flags | (int(WRAP) if wraps else 0), text)
            if series > 1:
                p.save()
                p.setFont(small)
            for k, n in enumerate(values):
                length = bar_w * n / top
                by = y + 3 + k * thick
                if rtl:
                    bar = QRectF(area.right() - label_w - length, by, length, thick - 1)
                    number_box = QRectF(bar.left() - number_w - 2, by, number_w, thick)
                else:
                    bar = QRectF(area.left() + label_w, by, length, thick - 1)
                    number_box = QRectF(bar.right() + 2, by, number_w, thick)
                p.fillRect(bar, SERIES[k % len(SERIES)])
                p.drawText(number_box, lead | Qt.AlignmentFlag.AlignVCenter, str(n))
            if series > 1:
                p.restore()

    def _vbars(self, p, area: QRectF, top: int, rtl: bool) -> None:
        count = len(self.items)
        slot = area.width() / count
        base = area.bottom() - 18
        height = base - area.top() - 16
        for i, (label, n) in enumerate(self.items):
            x = area.right() - (i + 1) * slot if rtl else area.left() + i * slot
            bar_h = height * n / top
            width = min(slot * 0.7, 56.0)
            bar = QRectF(x + (slot - width) / 2, base - bar_h, width, bar_h)
            p.fillRect(bar, BAR)
            p.setPen(TEXT)
            p.drawText(QRectF(x, bar.top() - 16, slot, 16), Qt.AlignmentFlag.AlignCenter, str(n))
            elided = p.fontMetrics().elidedText(label, Qt.TextElideMode.ElideRight, int(slot))
            self.shown_labels.append(elided)
            self.rows.append((QRectF(x, area.top(), slot, area.height()), self._tip(i)))
            p.setPen(MUTED)
            p.drawText(QRectF(x, base + 2, slot, 16), Qt.AlignmentFlag.AlignCenter, elided)
