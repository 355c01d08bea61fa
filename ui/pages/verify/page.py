"""Verify a card or badge, offline: the text a USB QR scanner types (it types like a keyboard
and ends with Enter: verified, then the field is cleared for the next scan), or every code
of an opened image or PDF. Each verdict joins the list; the chosen one fills the panel."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserFacingError
from ui import operations
from ui.errors import show_error
from ui.i18n import bind, t
from ui.pages.verify.panel import COLOURS, VerdictPanel
from ui.widgets.fields_view import ltr

MAX_RESULTS = 200  # the list keeps the latest verdicts of the session


def sources():
    """The worker's side, imported at the first verification (not when the window opens)."""
    from ui.pages.verify import sources

    return sources


class VerifyPage(QWidget):
    def __init__(self, session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("verifyPage")
        title = bind(QLabel(), text="ui.verify.title")
        title.setStyleSheet("font-size: 15pt; font-weight: 600;")
        hint = bind(QLabel(), text="ui.verify.hint")
        hint.setWordWrap(True)
        self.scan = bind(QLineEdit(), placeholder="ui.verify.scan_placeholder")
        self.scan.setObjectName("scanField")
        self.scan.setStyleSheet("font-size: 13pt; padding: 6px;")
        self.scan.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # base45 is Latin
        self.scan.returnPressed.connect(self.verify_scan)
        self.image_button = bind(QPushButton(), text="ui.verify.open_image")
        self.image_button.setObjectName("openImage")
        self.pdf_button = bind(QPushButton(), text="ui.verify.open_pdf")
        self.pdf_button.setObjectName("openPdf")
        self.image_button.clicked.connect(self.open_image)
        self.pdf_button.clicked.connect(self.open_pdf)
        self.results = QListWidget()
        self.results.setObjectName("verifyResults")
        self.results.setMinimumWidth(260)
        self.results.setIconSize(QSize(22, 22))
        self.results.setSpacing(2)
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the scanner keeps the keyboard
        self.results.currentRowChanged.connect(self._chosen)
        self.panel = VerdictPanel(session.ws)
        self.entries: list[tuple[tuple[str, str], object]] = []  # ((kind, where), verdict)
        row = QHBoxLayout()
        row.addWidget(self.scan, 1)
        row.addWidget(self.image_button)
        row.addWidget(self.pdf_button)
        body = QHBoxLayout()
        column = QVBoxLayout()
        column.addWidget(bind(QLabel(), text="ui.verify.results"))
        column.addWidget(self.results, 1)
        body.addLayout(column, 1)
        body.addWidget(self.panel, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addLayout(row)
        layout.addLayout(body, 1)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.scan.setFocus()

    def keyPressEvent(self, event) -> None:
        """A scan that starts while the focus is elsewhere on the page still lands in the
        field (the scanner types like a keyboard)."""
        if event.text() and event.text().isprintable() and not self.scan.hasFocus():
            self.scan.setFocus()
            self.scan.insert(event.text())
            return
        super().keyPressEvent(event)

    # sources ----------------------------------------------------------------------------

    def verify_scan(self) -> None:
        text = self.scan.text()
        self.scan.clear()
        self.scan.setFocus()
        if not text.strip():
            return
        where = ("scan", dt.datetime.now().strftime("%H:%M:%S"))
        ws = self.session.ws
        self._run(lambda: sources().check(ws, [("", text)]), where)

    def open_image(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, t("ui.verify.open_image"), "", f"{t('ui.verify.images')} (*.png *.jpg *.jpeg)"
        )
        if path:
            self.verify_image(Path(path))

    def open_pdf(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, t("ui.verify.open_pdf"), "", "PDF (*.pdf)")
        if path:
            self.verify_pdf(Path(path))

    def verify_image(self, path: Path) -> None:
        ws = self.session.ws
        self._run(lambda: sources().check(ws, sources().image_texts(path), path))

    def verify_pdf(self, path: Path) -> None:
        ws = self.session.ws
        self._run(lambda: sources().check(ws, sources().pdf_texts(path), path))

    # verdicts ---------------------------------------------------------------------------

    def _run(self, work, scan: tuple[str, str] | None = None) -> None:
        def done(found) -> None:
            entries = [(scan or ("file", where), verdict) for where, verdict in found]
            self.entries = (entries + self.entries)[:MAX_RESULTS]
            self._fill()
            self.results.setCurrentRow(0)
            self._chosen(0)
            self.scan.setFocus()

        def failed(exc: BaseException) -> None:
            if not isinstance(exc, UserFacingError):
                show_error(self, exc)
                return
            self.results.setCurrentRow(-1)
            self.panel.show_problem(exc)
            self.scan.setFocus()

        operations.run(self, work, done, failed)

    def _where(self, source: tuple[str, str]) -> str:
        kind, where = source
        return t("ui.verify.scanned_at", time=ltr(where)) if kind == "scan" else ltr(where)

    def _fill(self) -> None:
        self.results.blockSignals(True)
        current = self.results.currentRow()
        self.results.clear()
        for source, verdict in self.entries:
            item = QListWidgetItem(f"{self._where(source)}\n{verdict.title()}")
            item.setIcon(self._mark(verdict.severity))
            self.results.addItem(item)
        self.results.setCurrentRow(current)
        self.results.blockSignals(False)

    @staticmethod
    def _mark(severity: str) -> QIcon:
        """A square of the verdict's colour: still seen when the item is selected."""
        pixmap = QPixmap(22, 22)
        pixmap.fill(QColor(COLOURS[severity][0]))
        icon = QIcon(pixmap)
        icon.addPixmap(pixmap, QIcon.Mode.Selected)  # not tinted by the selection
        return icon

    def _chosen(self, row: int) -> None:
        if 0 <= row < len(self.entries):
            self.panel.show_verdict(self.entries[row][1])

    def verdicts(self):
        """The verdicts listed, newest first (tests, reports)."""
        return [verdict for _source, verdict in self.entries]

    def retranslate(self) -> None:
        self._fill()
