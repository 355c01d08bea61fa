"""Which artisans to print: typed NIAs, references or CINs (several at once, as pasted from a
list), or the register's current selection. Keys are looked up on a worker."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
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
from app.model.artisan import full_name_ar, full_name_lat, reference
from app.registry import records
from ui import operations
from ui.errors import show_error
from ui.i18n import bind, t
from ui.widgets.fields_view import ltr

SEPARATORS = re.compile(r"[\s,;]+")


def lookup(ws, keys: list[str]) -> tuple[list[dict], list[str]]:
    """On a worker: the records named by ``keys``, and the keys that name none."""
    conn = ws.store.read()
    found, missing = [], []
    for key in keys:
        try:
            found.append(records.require(conn, key))
        except UserFacingError:
            missing.append(key)
    return found, missing


class Selection(QWidget):
    changed = Signal()

    def __init__(self, session, register_selection: Callable[[], list[str]] | None = None):
        super().__init__()
        self.session = session
        self.register_selection = register_selection or (lambda: [])
        self.records: list[dict] = []
        self.keys = bind(
            QLineEdit(), placeholder="ui.cards.keys_placeholder", tooltip="ui.cards.keys_tip"
        )
        self.keys.setObjectName("printKeys")
        self.keys.returnPressed.connect(self.add_typed)
        self.add_button = bind(QPushButton(), text="ui.cards.add")
        self.add_button.clicked.connect(self.add_typed)
        self.from_register = bind(
            QPushButton(), text="ui.cards.from_register", tooltip="ui.cards.from_register_tip"
        )
        self.from_register.setObjectName("fromRegister")
        self.from_register.clicked.connect(self.add_register_selection)
        self.error = QLabel()
        self.error.setObjectName("printKeysError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")
        self.error.hide()
        self.list = QListWidget()
        self.list.setObjectName("printArtisans")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.count = QLabel()
        self.remove_button = bind(QPushButton(), text="ui.cards.remove")
        self.remove_button.clicked.connect(self.remove_selected)
        self.clear_button = bind(QPushButton(), text="ui.cards.clear")
        self.clear_button.clicked.connect(self.clear)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.from_register, 1)
        below = QHBoxLayout()
        below.addWidget(self.count, 1)
        below.addWidget(self.remove_button)
        below.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.keys)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        layout.addWidget(self.list, 1)
        layout.addLayout(below)
        self.retranslate()

    def uids(self) -> tuple[str, ...]:
        return tuple(r["uid"] for r in self.records)

    def add_typed(self) -> None:
        keys = [k for k in SEPARATORS.split(self.keys.text().strip()) if k]
        if keys:
            self.add_keys(keys, typed=True)

    def add_register_selection(self) -> None:
        uids = self.register_selection()
        if uids:
            self.add_keys(uids)
        else:
            self._say("ui.cards.register_empty")

    def add_keys(self, keys: list[str], typed: bool = False, then=None) -> None:
        ws = self.session.ws

        def done(result) -> None:
            found, missing = result
            self._add(found)
            if missing:
                self._say("ui.cards.not_found", keys=", ".join(missing))
                if typed:
                    self.keys.setText(" ".join(missing))
            else:
                self.error.hide()
                if typed:
                    self.keys.clear()
            if then is not None:
                then()

        operations.run(self, lambda: lookup(ws, keys), done, lambda e: show_error(self, e))

    def set_keys(self, keys: list[str], then=None) -> None:
        self.records = []
        self.add_keys(keys, then=then)

    def _add(self, found: list[dict]) -> None:
        known = set(self.uids())
        for rec in found:
            if rec["uid"] not in known:
                self.records.append(rec)
                known.add(rec["uid"])
        self._fill()

    def _say(self, msgid: str, **params) -> None:
        bind(self.error, params, text=msgid)
        self.error.show()

    def remove_selected(self) -> None:
        rows = {self.list.row(item) for item in self.list.selectedItems()}
        self.records = [r for i, r in enumerate(self.records) if i not in rows]
        self._fill()

    def clear(self) -> None:
        self.records = []
        self.error.hide()
        self._fill()

    def _fill(self) -> None:
        self.list.clear()
        for rec in self.records:
            text = f"{ltr(reference(rec))}   {full_name_lat(rec)}   {full_name_ar(rec)}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, rec["uid"])
            self.list.addItem(item)
        self.count.setText(t("ui.cards.count", count=len(self.records)))
        self.remove_button.setEnabled(bool(self.records))
        self.clear_button.setEnabled(bool(self.records))
        self.changed.emit()

    def retranslate(self) -> None:
        self.count.setText(t("ui.cards.count", count=len(self.records)))
