"""Errors, in Electrum's style: a ``UserFacingError`` is shown as it is, in the UI's language;
anything else is a bug, logged with its traceback to a rotating file in the profile's
``logs/`` and shown with a "copy details" button."""

from __future__ import annotations

import logging
import sys
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path

from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserFacingError
from ui.i18n import bind, t

log = logging.getLogger("mihani.ui")
LOG_FILE = "mihani-ui.log"
_log_path: Path | None = None


def setup_logging(home: Path) -> Path:
    """Log to ``<profile>/logs/mihani-ui.log`` (1 MB × 5) and catch uncaught exceptions."""
    global _log_path
    folder = home / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    _log_path = folder / LOG_FILE
    root = logging.getLogger("mihani")
    if not any(isinstance(h, RotatingFileHandler) for h in root.handlers):
        handler = RotatingFileHandler(
            _log_path, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
        )
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
        root.setLevel(logging.INFO)
    sys.excepthook = _excepthook
    return _log_path


def _excepthook(kind, value, tb) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, value, tb)
        return
    show_error(None, value)


def details_of(exc: BaseException) -> str:
    return "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))


class BugDialog(QDialog):
    """An unexpected error: a plain sentence, the log's place, and the details to copy."""

    def __init__(self, parent: QWidget | None, exc: BaseException) -> None:
        super().__init__(parent)
        self.setObjectName("bugDialog")
        bind(self, title="ui.error.title")
        self.details = details_of(exc)
        layout = QVBoxLayout(self)
        self.summary = bind(
            QLabel(),
            {"kind": type(exc).__name__, "log": str(_log_path or "")},
            text="ui.error.unexpected",
        )
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        box = QPlainTextEdit(self.details)
        box.setReadOnly(True)
        box.setMinimumHeight(160)
        layout.addWidget(box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = bind(QPushButton(), text="ui.error.copy")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, 360)

    def copy(self) -> None:
        QApplication.clipboard().setText(self.details)


def show_error(parent: QWidget | None, exc: BaseException) -> QDialog | None:
    """Show ``exc``: as is when it is meant for the user, else log it and offer details."""
    if isinstance(exc, UserFacingError):
        box = QMessageBox(
            QMessageBox.Icon.Warning, t("ui.error.title"), exc.message(), parent=parent
        )
        box.setObjectName("userError")
        box.open()
        return box
    log.error("unexpected error\n%s", details_of(exc))
    dialog = BugDialog(parent, exc)
    dialog.open()
    return dialog
