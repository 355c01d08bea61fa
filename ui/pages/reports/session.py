"""Opening a caravan session: name, commune of the laptop's region, first and last day.
The core (``app.caravan.open_session``) checks everything; its refusal is shown here."""

from __future__ import annotations

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app import caravan, i18n
from app.errors import UserFacingError
from ui import operations
from ui.errors import show_error
from ui.i18n import bind
from ui.widgets.combo import CodeCombo


class SessionDialog(QDialog):
    opened = Signal(object)  # the caravan.Session

    def __init__(self, session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("sessionDialog")
        bind(self, title="ui.session.open_title")
        ws = session.ws
        self.name = QLineEdit()
        self.name.setObjectName("sessionName")
        self.commune = CodeCombo()
        self.commune.setObjectName("sessionCommune")
        lang = i18n.current_language()
        communes = ws.geo.communes_in_region(ws.profile.region_code)
        self.commune.set_items([(c.code, c.label(lang)) for c in communes])
        today = QDate.currentDate()
        self.starts = QDateEdit(today)
        self.ends = QDateEdit(today)
        for d in (self.starts, self.ends):
            d.setCalendarPopup(True)
            d.setDisplayFormat("yyyy-MM-dd")
        self.error = QLabel()
        self.error.setObjectName("sessionError")
        self.error.setStyleSheet("color: #b3261e;")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(bind(QLabel(), text="ui.session.name"), self.name)
        form.addRow(bind(QLabel(), text="ui.session.commune"), self.commune)
        form.addRow(bind(QLabel(), text="ui.session.starts"), self.starts)
        form.addRow(bind(QLabel(), text="ui.session.ends"), self.ends)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        bind(self.buttons.button(QDialogButtonBox.StandardButton.Ok), text="ui.session.open")
        bind(self.buttons.button(QDialogButtonBox.StandardButton.Cancel), text="ui.cancel")
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def submit(self) -> None:
        ws, by = self.session.ws, self.session.username
        values = {
            "name": self.name.text(),
            "commune_code": self.commune.code() or "",
            "starts_on": self.starts.date().toString("yyyy-MM-dd"),
            "ends_on": self.ends.date().toString("yyyy-MM-dd"),
        }
        operations.run(
            self,
            lambda: caravan.open_session(ws, **values, agents=[by], by=by),
            self._opened,
            self._failed,
        )

    def _opened(self, s) -> None:
        self.opened.emit(s)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, UserFacingError):
            self.error.setText(exc.message())
            return
        show_error(self, exc)
