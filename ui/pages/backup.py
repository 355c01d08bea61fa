"""Backups (Settings): create an encrypted backup to a file (the passphrase typed twice,
with a strength hint), verify one, or restore one onto a new profile folder, which must then
be registered again before any sync. ``app.backups`` does the work on a worker."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.backups import MIN_PASSPHRASE, create_backup, restore_backup, verify_backup
from app.errors import UserFacingError
from ui import operations
from ui.i18n import bind, t
from ui.widgets.fields_view import ltr

MODES = ("create", "verify", "restore")


def strength(passphrase: str) -> str:
    """The hint's message id: too short, fair, or good (several words, or long)."""
    if len(passphrase) < MIN_PASSPHRASE:
        return "ui.backup.strength_short"
    words = len(passphrase.split())
    if words >= 4 or len(passphrase) >= 24:
        return "ui.backup.strength_good"
    return "ui.backup.strength_fair"


def counts_text(counts: dict) -> str:
    return t(
        "backup.counts",
        artisans=counts.get("artisan", 0),
        photos=counts.get("photo", 0),
        audit=counts.get("audit", 0),
        pending=counts.get("outbox", 0),
    )


def _path_row(edit: QLineEdit, browse) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(edit, 1)
    button = bind(QPushButton(), text="ui.export.browse")
    button.clicked.connect(browse)
    row.addWidget(button)
    return row


class BackupDialog(QDialog):
    def __init__(self, session, mode: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        assert mode in MODES
        self.session, self.mode = session, mode
        self.ws = session.ws
        self.busy = False
        self.info = None
        self.kdf = None  # app.backups.Kdf; tests give a cheap one
        self.setObjectName(f"backup_{mode}")
        bind(self, title=f"ui.backup.{mode}_title")
        intro = bind(QLabel(), text=f"ui.backup.{mode}_intro")
        intro.setWordWrap(True)
        self.file = QLineEdit()
        self.file.setObjectName("backupFile")
        if mode == "create":
            where = QStandardPaths.StandardLocation.DocumentsLocation
            docs = QStandardPaths.writableLocation(where)
            name = f"mihani-{self.ws.profile.region_code}-{date.today().isoformat()}.backup"
            self.file.setText(str(Path(docs or Path.home()) / name))
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("passphrase")
        self.again = QLineEdit()
        self.again.setObjectName("passphraseAgain")
        for edit in (self.passphrase, self.again):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.hint = QLabel()
        self.hint.setObjectName("strengthHint")
        self.target = QLineEdit()
        self.target.setObjectName("restoreTarget")
        form = QFormLayout()
        form.addRow(intro)
        form.addRow(bind(QLabel(), text="ui.backup.file"), _path_row(self.file, self._browse))
        form.addRow(bind(QLabel(), text="ui.backup.passphrase"), self.passphrase)
        if mode == "create":
            form.addRow(bind(QLabel(), text="ui.backup.again"), self.again)
            form.addRow(self.hint)
            self.passphrase.textChanged.connect(self._hint)
            self._hint("")
        if mode == "restore":
            form.addRow(bind(QLabel(), text="ui.backup.target"),
                        _path_row(self.target, self._browse_target))  # fmt: skip
            note = bind(QLabel(), text="ui.backup.restore_note")
            note.setWordWrap(True)
            note.setStyleSheet("color: #8c1d18;")
            form.addRow(note)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.status = QLabel()
        self.status.setObjectName("backupStatus")
        self.status.setWordWrap(True)
        self.run_button = bind(QPushButton(), text=f"ui.backup.{mode}_run")
        self.run_button.setObjectName("backupRun")
        self.run_button.setDefault(True)
        self.run_button.clicked.connect(self.start)
        self.close_button = bind(QPushButton(), text="ui.close")
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.setMinimumWidth(620)

    def _hint(self, text: str) -> None:
        key = strength(text)
        color = {"ui.backup.strength_short": "#b3261e", "ui.backup.strength_fair": "#a05a00",
                 "ui.backup.strength_good": "#137333"}[key]  # fmt: skip
        bind(self.hint, {"min": MIN_PASSPHRASE}, text=key)
        self.hint.setStyleSheet(f"color: {color};")

    def _browse(self) -> None:
        pattern = t("ui.backup.filter")
        ask = QFileDialog.getSaveFileName if self.mode == "create" else QFileDialog.getOpenFileName
        name, _ = ask(self, self.windowTitle(), self.file.text(), pattern)
        if name:
            self.file.setText(name)

    def _browse_target(self) -> None:
        name = QFileDialog.getExistingDirectory(self, self.windowTitle(), self.target.text())
        if name:
            self.target.setText(name)

    def _say(self, msgid: str, **params) -> None:
        self.status.setStyleSheet("color: #b3261e;")
        self.status.setText(t(msgid, **params))

    def start(self) -> None:
        if self.busy:
            return
        path = Path(self.file.text().strip()) if self.file.text().strip() else None
        secret = self.passphrase.text()
        if path is None or not secret:
            return self._say("ui.backup.missing")
        if self.mode == "create":
            if len(secret) < MIN_PASSPHRASE:
                return self._say("backup.error.passphrase_short", min=MIN_PASSPHRASE)
            if self.again.text() != secret:
                return self._say("backup.error.passphrase_mismatch")
            if path.exists():
                return self._say("ui.backup.exists", path=ltr(str(path)))
            ws, agent, kdf = self.ws, self.session.username, self.kdf
            work = lambda: create_backup(ws, path, secret, agent=agent, kdf=kdf)  # noqa: E731
        elif self.mode == "verify":
            work = lambda: verify_backup(path, secret)  # noqa: E731
        else:
            if not self.target.text().strip():
                return self._say("ui.backup.missing")
            target = Path(self.target.text().strip())
            work = lambda: restore_backup(path, target, secret)  # noqa: E731
        self.busy = True
        self.run_button.setEnabled(False)
        self.progress.show()
        self.status.setStyleSheet("")
        self.status.setText(t(f"ui.backup.{self.mode}_running"))
        operations.run(self, work, self._done, self._failed)

    def _done(self, result) -> None:
        self.busy = False
        self.progress.hide()
        self.run_button.setEnabled(True)
        self.passphrase.clear()
        self.again.clear()
        self.status.setStyleSheet("color: #137333;")
        if self.mode == "restore":
            info, profile = result
            self.info = info
            home, created = ltr(str(profile.home)), ltr(info.created_at)
            lines = [
                t("backup.restored", home=home, created=created),
                counts_text(info.counts),
                t("ui.backup.restored_register"),
            ]
        else:
            self.info = info = result
            if self.mode == "create":
                size = f"{info.size / 1_000_000:.1f}"
                head = t("ui.backup.created", path=ltr(self.file.text().strip()), size=size)
            else:
                head = t("ui.backup.verified", created=ltr(info.created_at), region=info.region)
            lines = [head, counts_text(info.counts)]
            if self.mode == "create":
                lines.append(t("backup.keep_passphrase"))
        self.status.setText("\n".join(lines))

    def _failed(self, error: BaseException) -> None:
        self.busy = False
        self.progress.hide()
        self.run_button.setEnabled(True)
        if not isinstance(error, UserFacingError):
            from ui.errors import show_error

            show_error(self, error)
            return
        self.status.setStyleSheet("color: #b3261e;")
        self.status.setText(error.message())
