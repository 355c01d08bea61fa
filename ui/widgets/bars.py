"""A small bar chart drawn with QPainter: one labelled series, vertical or horizontal bars,
mirrored for Arabic (bars grow from the layout's leading edge). No chart library."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QSizePolicy, QWidget

BAR = QColor("#0b6e4f")
TEXT = QColor("#202124")
MUTED = QColor("#5f6368")


class BarChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title, self.empty = "", ""
        self.items: tuple[tuple[str, int], ...] = ()
        self.horizontal = False
        self.setMinimumSize(280, 190)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_data(self, title: str, items, horizontal: bool, empty: str) -> None:
        self.title, self.items, self.horizontal, self.empty = title, tuple(items), horizontal, empty
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
        top = max((n for _, n in self.items), default=0)
        if not self.items or top == 0:
            p.setPen(MUTED)
            p.drawText(area, Qt.AlignmentFlag.AlignCenter, self.empty)
            return
        if self.horizontal:
            self._hbars(p, area, top, rtl, lead, trail)
        else:
            self._vbars(p, area, top, rtl)
        p.end()

    def _hbars(self, p, area: QRectF, top: int, rtl: bool, lead, trail) -> None:
        row = min(26.0, area.height() / len(self.items))
        label_w, number_w = area.width() * 0.38, 44.0
        bar_w = area.width() - label_w - number_w - 8
        for i, (label, n) in enumerate(self.items):
            y = area.top() + i * row
            length = bar_w * n / top
            if rtl:
                label_box = QRectF(area.right() - label_w, y, label_w - 4, row)
                bar = QRectF(area.right() - label_w - length, y + 3, length, row - 6)
                number_box = QRectF(bar.left() - number_w - 2, y, number_w, row)
            else:
                label_box = QRectF(area.left(), y, label_w - 4, row)
                bar = QRectF(area.left() + label_w, y + 3, length, row - 6)
                number_box = QRectF(bar.right() + 2, y, number_w, row)
            p.setPen(TEXT)
            elided = p.fontMetrics().elidedText(
                label, Qt.TextElideMode.ElideRight, int(label_w) - 8
            )
            p.drawText(label_box, trail | Qt.AlignmentFlag.AlignVCenter, elided)
            p.fillRect(bar, BAR)
            p.drawText(number_box, lead | Qt.AlignmentFlag.AlignVCenter, str(n))

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
            p.setPen(MUTED)
            p.drawText(QRectF(x, base + 2, slot, 16), Qt.AlignmentFlag.AlignCenter, elided)
