"""The "Register this laptop" form: the central service's address, the one-time code an
operator gave the chamber, and the agent's user name and password at the centre (the
password is used to log in once, then forgotten; the centre's token goes to the keyring)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLineEdit, QPushButton, QWidget

from ui import settings
from ui.i18n import bind


class RegisterForm(QGroupBox):
    submitted = Signal(str, str, str, str)  # server, code, username, password

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("registerForm")
        bind(self, title="ui.sync.reg.title")
        self.intro = bind(QLabel(), text="ui.sync.reg.intro")
        self.intro.setWordWrap(True)
        self.server = bind(QLineEdit(settings.get(settings.CENTRAL_URL)),
                           placeholder="ui.settings.central_placeholder")  # fmt: skip
        self.server.setObjectName("regServer")
        self.code = QLineEdit()
        self.code.setObjectName("regCode")
        self.username = QLineEdit()
        self.username.setObjectName("regUsername")
        self.password = QLineEdit()
        self.password.setObjectName("regPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.button = bind(QPushButton(), text="ui.sync.reg.button")
        self.button.setObjectName("registerButton")
        self.button.clicked.connect(self._submit)
        self.error = QLabel()
        self.error.setObjectName("regError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")
        self.error.hide()
        form = QFormLayout(self)
        form.addRow(self.intro)
        for msgid, editor in (
            ("ui.sync.reg.server", self.server),
            ("ui.sync.reg.code", self.code),
            ("ui.sync.reg.username", self.username),
            ("ui.sync.reg.password", self.password),
        ):
            form.addRow(bind(QLabel(), text=msgid), editor)
            editor.returnPressed.connect(self._submit)
        form.addRow(self.error)
        form.addRow(self.button)

    def _submit(self) -> None:
        values = [w.text().strip() for w in (self.server, self.code, self.username)]
        if not all(values) or not self.password.text():
            self.show_error_id("ui.sync.reg.missing")
            return
        self.error.hide()
        self.submitted.emit(*values, self.password.text())

    def show_error_id(self, msgid: str) -> None:
        bind(self.error, text=msgid)
        self.error.show()

    def show_error(self, text: str) -> None:
        self.error.setProperty("mihani_tr", {})
        self.error.setText(text)
        self.error.show()

    def set_busy(self, busy: bool) -> None:
        for w in (self.server, self.code, self.username, self.password, self.button):
            w.setEnabled(not busy)

    def done(self) -> None:
        self.password.clear()
        self.code.clear()
        self.error.hide()
