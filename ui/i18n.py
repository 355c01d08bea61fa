"""Translation of widgets through the app's catalogue (``resources/i18n/<lang>.ui.json``).

``bind(widget, params, text=msgid, tooltip=msgid)`` sets a widget's texts and remembers
their message ids in dynamic properties; ``retranslate(root)`` walks every child and sets them
again in the current language, then calls ``retranslate()`` on any widget that has one (for
texts built from data: combo items, table headers). ``switch_language`` also mirrors the
layout for Arabic. So a page never keeps a translated string of its own.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from app import i18n
from app.i18n import tr

_SLOTS = ("text", "tooltip", "placeholder", "title")
_PROP = "mihani_tr"


def t(msgid: str, **params: object) -> str:
    return tr(msgid, None, **params)


def _spec(widget: QObject) -> dict:
    """The widget's bindings. Asks only when the property exists: PySide 6.12 returns an
    unreferenced None for a missing one, which later crashes the interpreter."""
    if _PROP.encode() not in [bytes(n.data()) for n in widget.dynamicPropertyNames()]:
        return {}
    return dict(widget.property(_PROP) or {})


def _apply(widget: QObject, slot: str, text: str) -> None:
    if slot == "tooltip":
        widget.setToolTip(text)
    elif slot == "placeholder":
        widget.setPlaceholderText(text)
    elif slot == "title":
        if isinstance(widget, QGroupBox):
            widget.setTitle(text)
        else:
            widget.setWindowTitle(text)
    elif isinstance(widget, QLabel | QAbstractButton | QLineEdit):
        widget.setText(text)
    elif isinstance(widget, QPlainTextEdit):
        widget.setPlainText(text)
    else:
        raise TypeError(f"cannot set text on {type(widget).__name__}")


def bind(widget: QObject, params: dict | None = None, **slots: str) -> QObject:
    """Give ``widget`` its texts by message id (``text=``, ``tooltip=``, ``placeholder=``,
    ``title=``), now and at every language switch. Returns the widget."""
    unknown = set(slots) - set(_SLOTS)
    if unknown:
        raise TypeError(f"unknown slots {unknown}")
    spec = _spec(widget)
    spec.update({slot: [msgid, dict(params or {})] for slot, msgid in slots.items()})
    widget.setProperty(_PROP, spec)
    for slot, (msgid, p) in spec.items():
        _apply(widget, slot, t(msgid, **p))
    return widget


def retranslate(root: QWidget) -> None:
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        spec = _spec(widget)
        if spec:
            for slot, (msgid, params) in spec.items():
                _apply(widget, slot, t(msgid, **params))
    for widget in widgets:
        hook = getattr(widget, "retranslate", None)
        if callable(hook):
            hook()


def direction(lang: str | None = None) -> Qt.LayoutDirection:
    return Qt.LayoutDirection.RightToLeft if i18n.is_rtl(lang) else Qt.LayoutDirection.LeftToRight


def switch_language(lang: str) -> None:
    """Set the process language, mirror the layout, and retranslate every top-level window."""
    i18n.set_language(lang)
    app = QApplication.instance()
    app.setLayoutDirection(direction(lang))
    for top in app.topLevelWidgets():
        retranslate(top)
