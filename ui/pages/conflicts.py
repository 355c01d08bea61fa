"""Conflicts: a field two laptops changed differently, the server having kept its value.
For each: the artisan, the field's label, and the base, server and local values side by
side; the person keeps the server's, keeps this laptop's, or types a corrected value. The
choice goes up as a mutation (``app.conflicts.resolve``, one transaction with its outbox and
audit rows). A person enrolled twice is shown but settled at the centre by a supervisor."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app import conflicts
from app.conflicts import Conflict
from app.errors import UserFacingError
from ui import operations
from ui.i18n import bind, t
from ui.widgets.fields_view import ltr, shown

COLUMNS = (("base", "#5f6368"), ("server", "#0b57d0"), ("local", "#0b6e4f"))


class ConflictCard(QFrame):
    chosen = Signal(int, str, object)  # conflict id, choice, typed value

    def __init__(self, ws, c: Conflict, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.conflict = c
        self.setObjectName(f"conflict_{c.id}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(f"#conflict_{c.id} {{ background: #fffbf2; border: 1px solid #e6d9b8;"
                           " border-radius: 6px; }")  # fmt: skip
        who = QLabel(f"<b>{c.name or '—'}</b>  {ltr(c.reference)}")
        who.setObjectName("conflictWho")
        field = QLabel(t(f"field.{c.field}") if c.kind == "field" else t("ui.conflicts.duplicate"))
        field.setObjectName("conflictField")
        field.setStyleSheet("font-weight: 600;")
        grid = QGridLayout()
        for col, (name, color) in enumerate(COLUMNS):
            head = bind(QLabel(), text=f"ui.conflicts.{name}")
            head.setStyleSheet(f"color: {color}; font-size: 9pt;")
            value = getattr(c, name)
            text = shown(ws, c.field, value) if c.kind == "field" else _brief(value)
            cell = QLabel(text)
            cell.setObjectName(f"value_{name}")
            cell.setWordWrap(True)
            cell.setStyleSheet(f"font-size: 12pt; color: {color};")
            cell.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(head, 0, col)
            grid.addWidget(cell, 1, col)
            grid.setColumnStretch(col, 1)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(who, 1)
        top.addWidget(field)
        layout.addLayout(top)
        layout.addLayout(grid)
        if c.kind != "field":
            note = bind(QLabel(), text="ui.conflicts.duplicate_note")
            note.setWordWrap(True)
            layout.addWidget(note)
            return
        row = QHBoxLayout()
        self.keep_server = bind(QPushButton(), text="ui.conflicts.keep_server")
        self.keep_server.setObjectName("keepServer")
        self.keep_server.clicked.connect(lambda: self.chosen.emit(c.id, "server", None))
        self.keep_local = bind(QPushButton(), text="ui.conflicts.keep_local")
        self.keep_local.setObjectName("keepLocal")
        self.keep_local.clicked.connect(lambda: self.chosen.emit(c.id, "local", None))
        self.other = bind(QLineEdit(), placeholder="ui.conflicts.other_placeholder")
        self.other.setObjectName("otherValue")
        self.use_other = bind(QPushButton(), text="ui.conflicts.use_other")
        self.use_other.setObjectName("useOther")
        self.use_other.clicked.connect(self._other)
        self.other.returnPressed.connect(self._other)
        row.addWidget(self.keep_server)
        row.addWidget(self.keep_local)
        row.addWidget(self.other, 1)
        row.addWidget(self.use_other)
        layout.addLayout(row)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b3261e;")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)

    def _other(self) -> None:
        if self.other.text().strip():
            self.chosen.emit(self.conflict.id, "value", self.other.text().strip())

    def set_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()


def _brief(value) -> str:
    if isinstance(value, dict):
        names = [value.get(k) for k in ("first_name_lat", "last_name_lat", "cin")]
        return " ".join(str(n) for n in names if n) or "—"
    return "—" if value in (None, "") else str(value)


class ConflictsPage(QWidget):
    changed = Signal()  # a conflict was settled: the record and the outbox changed

    def __init__(self, session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.ws = session.ws
        self.setObjectName("conflictsPage")
        self.items: list[Conflict] = []
        self.cards: dict[int, ConflictCard] = {}
        title = bind(QLabel(), text="ui.nav.conflicts")
        title.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.intro = bind(QLabel(), text="ui.conflicts.intro")
        self.intro.setWordWrap(True)
        self.empty = bind(QLabel(), text="ui.conflicts.none")
        self.empty.setObjectName("conflictsNone")
        self.list = QWidget()
        self.rows = QVBoxLayout(self.list)
        self.rows.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.list)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.intro)
        layout.addWidget(self.empty)
        layout.addWidget(scroll, 1)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        ws = self.ws
        operations.run(self, lambda: conflicts.open_conflicts(ws.store.read()), self._show)

    def _show(self, items: list[Conflict]) -> None:
        self.items = items
        for card in self.cards.values():
            card.setParent(None)
            card.deleteLater()
        self.cards = {}
        for c in items:
            card = ConflictCard(self.ws, c)
            card.chosen.connect(self.settle)
            self.rows.insertWidget(self.rows.count() - 1, card)
            self.cards[c.id] = card
        self.empty.setVisible(not items)

    def settle(self, conflict_id: int, choice: str, value) -> None:
        ws, agent = self.ws, self.session.username
        operations.run(
            self,
            lambda: conflicts.resolve(ws, conflict_id, choice, agent, value),
            lambda _rec: self._settled(),
            lambda e: self._failed(conflict_id, e),
        )

    def _settled(self) -> None:
        self.refresh()
        self.changed.emit()

    def _failed(self, conflict_id: int, error: BaseException) -> None:
        card = self.cards.get(conflict_id)
        if card is None or not isinstance(error, UserFacingError):
            from ui.errors import show_error

            show_error(self, error)
            return
        card.set_error(error.message())

    def retranslate(self) -> None:
        self._show(self.items)
