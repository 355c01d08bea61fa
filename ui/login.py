"""Log-in, offline: the core checks the password (argon2id) and counts failures; this dialog
only asks and shows the answer. Also the lock screen after inactivity, and the first
password of an agent who has none yet."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import agents
from app.errors import UserFacingError
from ui import operations, settings
from ui.errors import show_error
from ui.i18n import bind


class LoginDialog(QDialog):
    """``agent`` holds the logged-in ``Agent`` once accepted. With ``locked_user`` it is
    the lock screen: the name is fixed (another agent may still log in by changing it)."""

    def __init__(self, ws, parent: QWidget | None = None, locked_user: str | None = None):
        super().__init__(parent)
        self.ws = ws
        self.agent: agents.Agent | None = None
        self.setting_password = False
        self.setObjectName("loginDialog")
        bind(self, title="ui.login.lock_title" if locked_user else "ui.login.title")
        self.setMinimumWidth(420)
        heading = bind(QLabel(), text="ui.login.locked" if locked_user else "ui.login.heading")
        heading.setWordWrap(True)
        heading.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.user = QLineEdit(locked_user or settings.get(settings.LAST_USER))
        self.user.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm = QLineEdit()
        self.confirm.setObjectName("confirm")
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(bind(QLabel(), text="ui.login.username"), self.user)
        form.addRow(bind(QLabel(), text="ui.login.password"), self.password)
        self.confirm_label = bind(QLabel(), text="ui.login.confirm")
        form.addRow(self.confirm_label, self.confirm)
        form.setRowVisible(self.confirm, False)
        self.form = form
        for w in (self.user, self.password, self.confirm):
            w.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.message = QLabel()
        self.message.setObjectName("loginMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b3261e;")
        self.message.hide()
        self.demo = bind(QLabel(), text="ui.login.demo_hint")
        self.demo.setObjectName("demoHint")
        self.demo.setStyleSheet("background: #fff4ce; padding: 6px;")
        self.demo.setVisible(bool(ws.profile.demo))
        self.ok = bind(QPushButton(), text="ui.login.submit")
        self.ok.setObjectName("loginButton")
        cancel = bind(QPushButton(), text="ui.cancel")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (cancel, self.ok):
            button.setAutoDefault(False)  # Enter is the fields' (below), never a double submit
            buttons.addWidget(button)
        self.ok.clicked.connect(self.submit)
        cancel.clicked.connect(self.reject)
        self.user.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self.submit)
        self.confirm.returnPressed.connect(self.submit)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.demo)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        (self.password if self.user.text() else self.user).setFocus()

    def submit(self) -> None:
        if not self.ok.isEnabled():
            return
        user, password = self.user.text(), self.password.text()
        store = self.ws.store
        self.ok.setEnabled(False)
        if self.setting_password:
            if password != self.confirm.text():
                self._fail(UserFacingError("ui.login.mismatch"))
                return
            work = lambda: self._set_and_verify(store, user, password)  # noqa: E731
        else:
            work = lambda: agents.verify(store, user, password)  # noqa: E731
        operations.run(self, work, self._done, self._fail)

    @staticmethod
    def _set_and_verify(store, user: str, password: str) -> agents.Agent:
        agents.set_password(store, user, password, by=agents.normalize_username(user))
        return agents.verify(store, user, password)

    def _done(self, agent: agents.Agent) -> None:
        self.agent = agent
        settings.put(settings.LAST_USER, agent.username)
        self.accept()

    def _fail(self, exc: BaseException) -> None:
        self.ok.setEnabled(True)
        if isinstance(exc, agents.PasswordNotSet):
            self.setting_password = True
            self.form.setRowVisible(self.confirm, True)
        if not isinstance(exc, UserFacingError):
            show_error(self, exc)
            return
        bind(self.message, dict(exc.params), text=exc.msgid)
        self.message.show()
        self.password.clear()
        self.confirm.clear()
        self.password.setFocus()
