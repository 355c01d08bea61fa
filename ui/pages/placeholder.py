"""Pages whose module comes with a later issue: they say what will be there."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.i18n import bind


class PlaceholderPage(QWidget):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"{name}Page")
        title = bind(QLabel(), text=f"ui.nav.{name}")
        title.setStyleSheet("font-size: 15pt; font-weight: 600;")
        text = bind(QLabel(), text=f"ui.{name}.coming")
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeading)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(text)
        layout.addStretch(1)
