"""First run: create a real profile (the chamber's region, the first agent and a password)
or a demo one filled with demo artisans (agent "demo", password "demo", shown here)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app import agents
from app.errors import UserFacingError
from app.i18n import current_language
from app.refdata import load_geo
from ui import operations
from ui.errors import show_error
from ui.i18n import bind
from ui.widgets.combo import CodeCombo

DEMO_ARTISANS = 2000
DEMO_REGION = "07"


def create_real(home: Path, region: str, username: str, name: str, password: str):
    from app.workspace import init_profile

    username = agents.check_new(username, password)
    ws = init_profile(home, region, username)
    agents.set_password(ws.store, username, password, by=username, display_name=name or None)
    return ws


def create_demo(home: Path, artisans: int = DEMO_ARTISANS):
    from app.demo.fill import fill_demo
    from app.workspace import init_profile

    ws = init_profile(home, DEMO_REGION, agents.DEMO_USER, demo=True)
    agents.ensure_demo_agent(ws.store, DEMO_REGION)
    fill_demo(ws, artisans, seed=1)
    return ws


class FirstRunDialog(QDialog):
    """``ws`` holds the created workspace once accepted."""

    def __init__(self, home: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.home, self.ws = home, None
        self.setObjectName("firstRunDialog")
        bind(self, title="ui.first.title")
        self.setMinimumWidth(520)
        intro = bind(QLabel(), text="ui.first.intro")
        intro.setWordWrap(True)
        self.real = bind(QRadioButton(), text="ui.first.real")
        self.demo = bind(QRadioButton(), text="ui.first.demo")
        self.real.setChecked(True)
        self.region = CodeCombo(searchable=False)
        geo = load_geo()
        self.region.set_items([(r.code, r.label(current_language())) for r in geo.regions])
        self.username = QLineEdit()
        self.username.setObjectName("firstUser")
        self.name = QLineEdit()
        self.password = QLineEdit()
        self.password.setObjectName("firstPassword")
        self.confirm = QLineEdit()
        for w in (self.password, self.confirm):
            w.setEchoMode(QLineEdit.EchoMode.Password)
        for w in (self.username, self.password, self.confirm):
            w.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.real_form = QWidget()
        form = QFormLayout(self.real_form)
        for msgid, editor in (
            ("field.region_code", self.region),
            ("ui.first.username", self.username),
            ("ui.first.name", self.name),
            ("ui.login.password", self.password),
            ("ui.login.confirm", self.confirm),
        ):
            form.addRow(bind(QLabel(), text=msgid), editor)
        self.demo_note = bind(QLabel(), {"count": DEMO_ARTISANS}, text="ui.first.demo_note")
        self.demo_note.setWordWrap(True)
        self.demo_note.setStyleSheet("background: #fff4ce; padding: 6px;")
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.hide()
        self.message = QLabel()
        self.message.setStyleSheet("color: #b3261e;")
        self.message.setWordWrap(True)
        self.message.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.create = bind(QPushButton(), text="ui.first.create")
        self.create.setDefault(True)
        buttons.addButton(self.create, QDialogButtonBox.ButtonRole.AcceptRole)
        self.create.clicked.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for w in (intro, self.real, self.real_form, self.demo, self.demo_note):
            layout.addWidget(w)
        layout.addWidget(self.message)
        layout.addWidget(self.progress)
        layout.addWidget(buttons)
        self.real.toggled.connect(self._mode)
        self._mode()

    def _mode(self) -> None:
        self.real_form.setVisible(self.real.isChecked())
        self.demo_note.setVisible(self.demo.isChecked())

    def submit(self) -> None:
        home = self.home
        if self.demo.isChecked():
            work = lambda: create_demo(home)  # noqa: E731
        else:
            if self.password.text() != self.confirm.text():
                self._fail(UserFacingError("ui.login.mismatch"))
                return
            region, user = self.region.code() or "", self.username.text()
            name, password = self.name.text().strip(), self.password.text()
            work = lambda: create_real(home, region, user, name, password)  # noqa: E731
        self.create.setEnabled(False)
        self.progress.show()
        self.message.hide()
        operations.run(self, work, self._done, self._fail)

    def _done(self, ws) -> None:
        self.ws = ws
        self.accept()

    def _fail(self, exc: BaseException) -> None:
        self.create.setEnabled(True)
        self.progress.hide()
        if not isinstance(exc, UserFacingError):
            show_error(self, exc)
            return
        bind(self.message, dict(exc.params), text=exc.msgid)
        self.message.show()
