"""An artisan's record: the fields, the photo, the history from the audit log, editing with
the base version kept for sync, and the supervisor's status decisions."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app import activity_log
from app.errors import ValidationFailed
from app.registry import records
from ui import operations
from ui.errors import show_error
from ui.i18n import bind, t
from ui.pages.enrol.review import REVIEW_FIELDS, photo_label
from ui.pages.register.card_box import CardBox
from ui.widgets.fields_view import FieldsView, ltr
from ui.widgets.form import Form

SHOWN = ("nia", "provisional_ref", "status", *REVIEW_FIELDS, "version", "updated_at")
EDITABLE = (
    "first_name_ar", "last_name_ar", "first_name_lat", "last_name_lat",
    "birth_place", "phone", "email", "address", "workplace", "amo_number",
)  # fmt: skip
DECISIONS = ("validated", "rejected", "suspended")


def load(ws, uid: str) -> dict:
    """On a worker: the record, its photo and its history."""
    conn = ws.store.read()
    rec = records.require(conn, uid)
    photo = records.load_photo(conn, rec["photo_sha256"]) if rec.get("photo_sha256") else None
    return {
        "record": rec,
        "photo": photo[1] if photo else None,
        "history": activity_log.history(conn, rec["uid"]),
    }


class RecordDialog(QDialog):
    changed = Signal(dict)
    print_requested = Signal(str)  # uid: the Cards page, this artisan chosen

    def __init__(self, session, uid: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.uid = session, uid
        self.record: dict = {}
        self.setObjectName("recordDialog")
        bind(self, title="ui.record.title")
        self.resize(820, 640)
        self.tabs = QTabWidget()
        self.view = FieldsView(session.ws, SHOWN)
        self.photo_holder = QVBoxLayout()
        self.photo = photo_label(None)
        self.photo_holder.addWidget(self.photo)
        self.photo_holder.addStretch(1)
        page = QWidget()
        row = QHBoxLayout(page)
        row.addWidget(self.view, 1)
        row.addLayout(self.photo_holder)
        self.tabs.addTab(page, "")
        self.form = Form()
        for name in EDITABLE:
            self.form.add(name, QLineEdit())
        self.tabs.addTab(self.form, "")
        self.history = QTableWidget(0, 3)
        self.history.setObjectName("historyTable")
        self.history.horizontalHeader().setStretchLastSection(True)
        self.history.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.history.verticalHeader().hide()
        self.tabs.addTab(self.history, "")
        self.card_box = CardBox(session)
        self.card_box.changed.connect(lambda: self.changed.emit(self.record))
        self.tabs.addTab(self.card_box, "")
        self.save_button = bind(QPushButton(), text="ui.record.save")
        self.save_button.setObjectName("saveRecord")
        self.save_button.clicked.connect(self.save)
        self.form.submitted.connect(self.save)
        buttons = QHBoxLayout()
        self.decisions = []
        for status in DECISIONS:
            b = bind(QPushButton(), text=f"ui.record.set_{status}")
            b.setObjectName(f"set_{status}")
            b.clicked.connect(lambda _=False, s=status: self.set_status(s))
            b.setVisible(session.agent.is_supervisor)
            buttons.addWidget(b)
            self.decisions.append(b)
        buttons.addStretch(1)
        close = bind(QPushButton(), text="ui.close")
        close.clicked.connect(self.accept)
        self.print_button = bind(QPushButton(), text="ui.record.print")
        self.print_button.setObjectName("printRecord")
        self.print_button.clicked.connect(self._print)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addLayout(buttons)
        self.tabs.currentChanged.connect(lambda i: self.save_button.setVisible(i == 1))
        self.save_button.setVisible(False)
        self.retranslate()
        self.reload()

    def reload(self) -> None:
        ws, uid = self.session.ws, self.uid
        operations.run(self, lambda: load(ws, uid), self._loaded)

    def _loaded(self, found: dict) -> None:
        self.record = found["record"]
        self.uid = self.record["uid"]
        self.view.show_record(self.record)
        new = photo_label(found["photo"])
        self.photo_holder.replaceWidget(self.photo, new)
        self.photo.hide()
        self.photo.deleteLater()
        self.photo = new
        for name in EDITABLE:
            self.form.editors[name].setText(self.record.get(name) or "")
        self.history_rows = found["history"]
        self._fill_history()
        for b in self.decisions:
            b.setEnabled(self.record["status"] != "deleted")
        self.card_box.load(self.record)

    def _fill_history(self) -> None:
        rows = getattr(self, "history_rows", [])
        self.history.setRowCount(len(rows))
        for i, entry in enumerate(rows):
            action = t(f"ui.action.{entry['action']}")
            if action.startswith("ui.action."):
                action = entry["action"]
            for col, text in enumerate(
                (ltr(entry["at"][:19].replace("T", " ")), entry["agent"], action)
            ):
                self.history.setItem(i, col, QTableWidgetItem(text))
        self.history.resizeColumnsToContents()

    def _print(self) -> None:
        self.accept()
        self.print_requested.emit(self.uid)

    def save(self) -> None:
        if not self.record:
            return
        changes = {}
        for name in EDITABLE:
            value = self.form.editors[name].text().strip()
            if value != (self.record.get(name) or ""):
                changes[name] = value or None
        ws, agent = self.session.ws, self.session.username
        key, base = self.uid, self.record["version"]
        operations.run(
            self, lambda: ws.registry.update(key, changes, agent, base), self._saved, self._failed
        )

    def set_status(self, status: str) -> None:
        ws, agent, key = self.session.ws, self.session.username, self.uid
        operations.run(
            self, lambda: ws.registry.set_status(key, status, agent), self._saved, self._failed
        )

    def _saved(self, new: dict) -> None:
        self.form.clear_errors()
        self.changed.emit(new)
        self.tabs.setCurrentIndex(0)
        self.reload()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ValidationFailed) and self.form.show_errors(exc.errors):
            self.tabs.setCurrentIndex(1)
            return
        show_error(self, exc)

    def retranslate(self) -> None:
        for i, key in enumerate(
            (
                "ui.record.tab_record",
                "ui.record.tab_edit",
                "ui.record.tab_history",
                "ui.record.tab_card",
            )
        ):
            self.tabs.setTabText(i, t(key))
        self.history.setHorizontalHeaderLabels(
            [t("ui.record.h_time"), t("ui.record.h_agent"), t("ui.record.h_action")]
        )
        self._fill_history()
