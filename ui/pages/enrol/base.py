"""What every step of the enrolment wizard shares: a title, a form of core fields, the
values it contributes to the record, and editors that speak the keyboard."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QLabel, QLineEdit, QScrollArea, QVBoxLayout, QWidget

from ui.context import Session
from ui.i18n import bind
from ui.widgets.form import Form


def line(
    pattern: str | None = None,
    mask: str | None = None,
    ltr: bool = False,
    rtl: bool = False,
    upper: bool = False,
) -> QLineEdit:
    """A line editor; ``pattern`` restricts what can be typed (never what is valid: the
    core says that), ``ltr`` keeps numbers and codes left to right in an Arabic layout."""
    edit = QLineEdit()
    if pattern:
        edit.setValidator(QRegularExpressionValidator(QRegularExpression(pattern), edit))
    if mask:
        edit.setInputMask(mask)
    if ltr:
        edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    if rtl:
        edit.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    if upper:
        edit.textEdited.connect(
            lambda text, e=edit: e.setText(text.upper()) if text != text.upper() else None
        )
    return edit


def text_of(edit: QLineEdit) -> str:
    """The typed text; a mask's separators alone count as empty."""
    text = edit.text().strip()
    if edit.inputMask() and not any(ch.isalnum() for ch in text):
        return ""
    return text


class Step(QWidget):
    title_id = ""
    fields: tuple[str, ...] = ()
    submitted = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName(f"step_{type(self).__name__}")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.heading = bind(QLabel(), text=self.title_id)
        self.heading.setObjectName("stepHeading")
        self.heading.setStyleSheet("font-size: 15pt; font-weight: 600; padding: 4px 0 8px 0;")
        outer.addWidget(self.heading)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget()
        self.body = QVBoxLayout(body)
        self.form = Form()
        self.form.submitted.connect(self.submitted)
        self.body.addWidget(self.form)
        self.body.addStretch(1)
        scroll.setWidget(body)
        outer.addWidget(scroll)

    # what the wizard asks of a step -----------------------------------------------------

    def values(self) -> dict:
        """The core fields this step contributes (empty ones as None)."""
        out = {}
        for name in self.fields:
            editor = self.form.editors.get(name)
            if isinstance(editor, QLineEdit):
                out[name] = text_of(editor) or None
        return out

    def reset(self) -> None:
        for editor in self.form.editors.values():
            if isinstance(editor, QLineEdit):
                editor.clear()
        self.form.clear_errors()

    def entered(self) -> None:
        """The step is shown: focus its first field."""
        order = self.form._focusable()
        if order:
            order[0].setFocus(Qt.FocusReason.TabFocusReason)

    def show_errors(self, errors) -> list:
        return self.form.show_errors(errors)

    def owns(self, field: str) -> bool:
        return field in self.form.errors
