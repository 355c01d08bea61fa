"""The print preview: the rendered pages one under the other, in a scrollable view."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from ui.i18n import bind
from ui.widgets.fields_view import ltr


class PreviewView(QScrollArea):
    """Pages are rendered wider than shown and scaled to the view's width (never above
    their rendered size), so they stay sharp and need no horizontal scrolling."""

    MARGIN = 40

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.images: list[QImage] = []
        self.fit_timer = QTimer(self)
        self.fit_timer.setSingleShot(True)
        self.fit_timer.setInterval(60)
        self.fit_timer.timeout.connect(self.fit)
        self.setObjectName("printPreview")
        self.setWidgetResizable(True)
        self.setStyleSheet("QScrollArea#printPreview { background: #5f6368; }")
        self.pages: list[QLabel] = []
        self.note = QLabel()
        self.note.setObjectName("previewNote")
        self.note.setWordWrap(True)
        self.note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.note.setStyleSheet("color: white; padding: 8px;")
        self.clear()

    def _holder(self) -> QVBoxLayout:
        holder = QWidget()
        holder.setStyleSheet("background: #5f6368;")
        layout = QVBoxLayout(holder)
        layout.setSpacing(14)
        layout.addWidget(self.note)
        self.setWidget(holder)  # deletes the previous holder and its pages
        return layout

    def clear(self) -> None:
        self.note.setParent(None)
        layout = self._holder()
        bind(self.note, text="ui.cards.preview_empty")
        layout.addStretch(1)
        self.pages, self.images = [], []

    def show_pages(self, images: list[QImage], pages: int) -> None:
        self.note.setParent(None)
        layout = self._holder()
        if len(images) < pages:
            bind(self.note, {"shown": len(images), "pages": pages}, text="ui.cards.preview_first")
        else:
            bind(self.note, {"pages": pages}, text="ui.cards.preview_all")
        self.pages, self.images = [], list(images)
        for number, _image in enumerate(images, start=1):
            page = QLabel()
            page.setObjectName("previewPage")
            page.setFrameShape(QFrame.Shape.Box)
            page.setStyleSheet("border: 1px solid #202124; background: white;")
            page.setToolTip(ltr(f"{number} / {pages}"))
            layout.addWidget(page, 0, Qt.AlignmentFlag.AlignHCenter)
            self.pages.append(page)
        layout.addStretch(1)
        self.fit()

    def fit(self) -> None:
        width = max(120, self.viewport().width() - self.MARGIN)
        for page, image in zip(self.pages, self.images, strict=True):
            pixmap = QPixmap.fromImage(image)
            if pixmap.width() > width:
                pixmap = pixmap.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
            page.setPixmap(pixmap)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.pages:
            self.fit_timer.start()
