"""The Sync page: is this laptop registered (if not, the form), what waits to be sent,
"Synchronise now" with its progress and Cancel, the last result in plain words, and a
blocked laptop (restored or cloned) explained with what to do. The runs themselves are the
``Syncer``'s (one at a time, off the UI thread)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserFacingError
from ui.i18n import bind, t
from ui.pages.sync.register_form import RegisterForm
from ui.pages.sync.state import SyncState, result_text, size_text
from ui.pages.sync.syncer import Run, Syncer
from ui.widgets.fields_view import ltr

STEPS = ("snapshot", "apply", "push", "photos_up", "pull", "cards", "photos_down")


def _label(name: str, wrap: bool = True) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(wrap)
    label.setAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class SyncPage(QWidget):
    def __init__(self, session, syncer: Syncer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.syncer = session, syncer
        self.setObjectName("syncPage")
        self.state = SyncState()
        self.last_error: BaseException | None = None
        self._step_name: str | None = None
        title = bind(QLabel(), text="ui.nav.sync")
        title.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.laptop = _label("laptopState")
        self.blocked = _label("blockedState")
        self.blocked.setStyleSheet(
            "background: #fdecea; color: #8c1d18; padding: 8px; border-radius: 4px;"
        )
        self.form = RegisterForm()
        self.form.submitted.connect(self._register)
        waiting = bind(QGroupBox(), title="ui.sync.waiting")
        self.waiting = {k: _label(f"waiting_{k}", False) for k in
                        ("creates", "updates", "statuses", "photos")}  # fmt: skip
        rows = QFormLayout(waiting)
        for key, label in self.waiting.items():
            label.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
            rows.addRow(bind(QLabel(), text=f"ui.sync.w.{key}"), label)
        self.snapshot_part = _label("snapshotPart")
        self.snapshot_part.hide()
        self.sync_button = bind(QPushButton(), text="ui.sync.now")
        self.sync_button.setObjectName("syncNow")
        self.sync_button.setStyleSheet("font-size: 12pt; padding: 6px 18px;")
        self.sync_button.clicked.connect(lambda: self.syncer.sync("button"))
        self.cancel_button = bind(QPushButton(), text="ui.cancel")
        self.cancel_button.setObjectName("syncCancel")
        self.cancel_button.clicked.connect(self.syncer.cancel)
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setObjectName("syncProgress")
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.step = _label("syncStep", False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.sync_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.progress, 1)
        buttons.addWidget(self.step)
        buttons.addStretch(1)  # the buttons keep their size while nothing runs
        self.login = QWidget()
        login = QHBoxLayout(self.login)
        login.setContentsMargins(0, 0, 0, 0)
        self.login_password = bind(QLineEdit(), placeholder="ui.sync.login_placeholder")
        self.login_password.setObjectName("loginPassword")
        self.login_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.login_password.returnPressed.connect(self._login)
        login_button = bind(QPushButton(), text="ui.sync.login_button")
        login_button.clicked.connect(self._login)
        login.addWidget(self.login_password, 1)
        login.addWidget(login_button)
        self.login.hide()
        last = bind(QGroupBox(), title="ui.sync.last")
        self.result = _label("lastResult")
        self.error = _label("lastError")
        self.error.setStyleSheet("color: #b3261e;")
        self.error.hide()
        box = QVBoxLayout(last)
        box.addWidget(self.result)
        box.addWidget(self.error)
        box.addWidget(self.login)
        self.when = bind(_label("syncWhen"), text="ui.sync.when")
        self.when.setStyleSheet("color: #5f6368;")
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.laptop)
        layout.addWidget(self.blocked)
        layout.addWidget(self.form)
        layout.addWidget(waiting)
        layout.addWidget(self.snapshot_part)
        layout.addLayout(buttons)
        layout.addWidget(last)
        layout.addWidget(self.when)
        layout.addStretch(1)
        syncer.state_changed.connect(self.show_state)
        syncer.started.connect(self._started)
        syncer.finished.connect(self._finished)
        self.show_state(syncer.state)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.syncer.refresh_state()

    # -- state -----------------------------------------------------------------------------

    def show_state(self, state: SyncState) -> None:
        self.state = state
        if state.registered:
            self.laptop.setText(
                t("ui.sync.registered", server=ltr(state.server), user=ltr(state.username),
                  device=ltr(state.device_id))
            )  # fmt: skip
        else:
            self.laptop.setText(t("ui.sync.not_registered"))
        self.blocked.setVisible(bool(state.blocked))
        if state.blocked:
            self.blocked.setText(t("ui.sync.blocked", reason=state.blocked))
        running = self.syncer.running
        self.form.setVisible(not state.registered or bool(state.blocked))
        self.form.set_busy(running)
        self.sync_button.setEnabled(not running and state.registered and not state.blocked)
        w = self.waiting
        w["creates"].setText(str(state.creates))
        w["updates"].setText(str(state.updates))
        w["statuses"].setText(str(state.statuses))
        size = size_text(state.photo_bytes)
        w["photos"].setText(t("ui.sync.photos", count=state.photos, size=size))
        self.snapshot_part.setVisible(state.snapshot_part > 0)
        self.snapshot_part.setText(t("ui.sync.snapshot_part", size=size_text(state.snapshot_part)))
        self.result.setText(result_text(state.last))
        self._show_error()

    def _show_error(self) -> None:
        exc = self.last_error
        self.error.setVisible(exc is not None)
        if exc is not None:
            text = exc.message() if isinstance(exc, UserFacingError) else t(
                "ui.sync.failed", kind=type(exc).__name__)  # fmt: skip
            self.error.setText(text)

    # -- runs ------------------------------------------------------------------------------

    def _started(self, run: Run) -> None:
        run.progress.connect(self._progress)
        self.last_error = None
        self.error.hide()
        self.sync_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.form.set_busy(True)
        self.progress.setRange(0, 0)
        self.progress.show()
        self._set_step("register" if run.kind == "register" else "start")

    def _set_step(self, name: str | None) -> None:
        """The step under way (None: no run), said again when the language changes."""
        self._step_name = name
        self.step.setText(t(f"ui.sync.step.{name}") if name else "")

    def _progress(self, step: str, done: int, total: int) -> None:
        if self._step_name is None:
            return  # the run's last reports arrived after its end
        if total > 0:
            self.progress.setRange(0, 1000)
            self.progress.setValue(min(1000, int(done * 1000 / total)))
        else:
            self.progress.setRange(0, 0)
        self._set_step(step if step in STEPS else "start")

    def _finished(self, run: Run, result, error) -> None:
        self.progress.hide()
        self._set_step(None)
        self.cancel_button.setEnabled(False)
        self.form.set_busy(False)
        if run.kind == "register":
            if error is None:
                self.form.done()
            else:
                self.form.show_error(self._message(error))
        elif error is not None and (run.kind == "button" or _msgid(error).endswith("login_needed")):
            self.last_error = error
        self.login.setVisible(_msgid(error) == "sync.error.login_needed")
        self.show_state(self.state)

    @staticmethod
    def _message(error: BaseException) -> str:
        if isinstance(error, UserFacingError):
            return error.message()
        return t("ui.sync.failed", kind=type(error).__name__)

    def _register(self, server: str, code: str, username: str, password: str) -> None:
        self.syncer.register(server, code, username, password)

    def _login(self) -> None:
        if self.login_password.text():
            self.syncer.password = self.login_password.text()
            self.login_password.clear()
            self.login.hide()
            self.syncer.sync("button")

    def retranslate(self) -> None:
        self._set_step(self._step_name)
        self.show_state(self.state)


def _msgid(error) -> str:
    return getattr(error, "msgid", "") if error is not None else ""
