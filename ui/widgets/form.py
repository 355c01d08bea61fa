"""A form of the core's fields, each with its label and, under it, its error in the UI's
language. The form never judges a value: it shows the ``FieldError``s the core returns.

Enter moves to the next field; on the last field it emits ``submitted`` (the wizard's
"next"). Tab order is the order of ``add``.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.errors import FieldError
from ui.i18n import bind

ERROR_STYLE = "color: #b3261e;"


class Form(QWidget):
    submitted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_ = QFormLayout(self)
        self.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.layout_.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.layout_.setLabelAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignTop)
        self.editors: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.labels: dict[str, QLabel] = {}
        self._order: list[QWidget] = []
        self._alias: dict[QObject, QWidget] = {}

    def add(self, name: str, editor: QWidget, label: str | None = None) -> QWidget:
        """Add the core field ``name`` (label ``field.<name>`` unless ``label`` is given)."""
        editor.setObjectName(f"field_{name}")
        if isinstance(editor, QComboBox):  # as wide as the line editors: names are long
            editor.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        cell = QWidget()
        box = QVBoxLayout(cell)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(editor)
        error = QLabel()
        error.setObjectName(f"error_{name}")
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        box.addWidget(error)
        caption = bind(QLabel(), text=label or f"field.{name}")
        caption.setBuddy(editor)
        self.layout_.addRow(caption, cell)
        self.editors[name], self.errors[name], self.labels[name] = editor, error, caption
        if self._order:
            QWidget.setTabOrder(self._order[-1], editor)
        self._order.append(editor)
        editor.installEventFilter(self)
        if isinstance(editor, QComboBox) and editor.isEditable():
            self._alias[editor.lineEdit()] = editor
            editor.lineEdit().installEventFilter(self)
        return editor

    def add_row(self, widget: QWidget) -> None:
        self.layout_.addRow(widget)

    def set_visible(self, name: str, visible: bool) -> None:
        self.layout_.setRowVisible(self.editors[name].parentWidget(), visible)

    # errors ---------------------------------------------------------------------------

    def clear_errors(self) -> None:
        for label in self.errors.values():
            label.setProperty("mihani_tr", {})
            label.clear()
            label.hide()

    def show_errors(self, errors: list[FieldError]) -> list[FieldError]:
        """Show the errors of this form's fields next to them; focus the first; return them."""
        self.clear_errors()
        mine = [e for e in errors if e.field in self.errors]
        for e in mine:
            label = self.errors[e.field]
            if label.isVisible() or label.text():
                continue  # one message per field, the first
            bind(label, dict(e.params), text=e.msgid)
            label.show()
        if mine:
            editor = self.editors[mine[0].field]
            editor.setFocus(Qt.FocusReason.OtherFocusReason)
        return mine

    def error_text(self, name: str) -> str:
        label = self.errors[name]
        return label.text() if not label.isHidden() else ""

    # keyboard -------------------------------------------------------------------------

    def _focusable(self) -> list[QWidget]:
        return [w for w in self._order if w.isVisibleTo(self) and w.isEnabled()]

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress:
            return False
        if not isinstance(event, QKeyEvent) or event.key() not in (
            Qt.Key.Key_Return,
            Qt.Key.Key_Enter,
        ):
            return False
        obj = self._alias.get(obj, obj)
        if isinstance(obj, QComboBox) and (
            obj.view().isVisible() or (obj.isEditable() and obj.completer().popup().isVisible())
        ):
            return False
        if isinstance(obj, QAbstractButton) and not obj.isCheckable():
            return False
        order = self._focusable()
        if obj in order and obj is not order[-1]:
            following = order[order.index(obj) + 1]
            following.setFocus(Qt.FocusReason.TabFocusReason)
            if isinstance(following, QLineEdit):
                following.selectAll()
        else:
            self.submitted.emit()
        return True
