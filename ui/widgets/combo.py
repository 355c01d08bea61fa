"""Combo boxes of coded items (communes, activities…): typed into, filtered as you type by
any part of the label, the code kept as item data."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget


class CodeCombo(QComboBox):
    """Items are ``(code, label)``; ``code()`` is the chosen item's code or None. The first
    item is an empty choice. When ``searchable``, the agent types any part of a label.
    Codes are kept in a list, not as item data: PySide 6.12 mishandles None item data."""

    codeChanged = Signal(object)

    def __init__(self, parent: QWidget | None = None, searchable: bool = True) -> None:
        super().__init__(parent)
        self.searchable = searchable
        self.setEditable(searchable)
        self.setMinimumContentsLength(18)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        if searchable:
            self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            completer = QCompleter(self.model(), self)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
            self.setCompleter(completer)
            completer.activated[str].connect(self._completed)
        self.currentIndexChanged.connect(lambda _i: self.codeChanged.emit(self.code()))
        self._codes: list[str] = []

    def _completed(self, text: str) -> None:
        index = self.findText(text, Qt.MatchFlag.MatchExactly)
        if index >= 0:
            self.setCurrentIndex(index)

    def set_items(self, items: list[tuple[str, str]], keep: bool = True) -> None:
        """Replace the items; keep the chosen code when it is still there."""
        current = self.code() if keep else None
        self.blockSignals(True)
        self.clear()
        self.addItems(["", *(label for _, label in items)])
        self._codes = [c for c, _ in items]
        self.blockSignals(False)
        self.set_code(current, emit=False)
        if current is not None and self.code() != current:
            self.codeChanged.emit(self.code())

    def set_code(self, code: str | None, emit: bool = True) -> None:
        index = self._codes.index(code) + 1 if code in self._codes else 0
        self.blockSignals(not emit)
        self.setCurrentIndex(max(index, 0))
        if self.isEditable() and index <= 0:
            self.setEditText("")
        self.blockSignals(False)

    def code(self) -> str | None:
        index = self.currentIndex()
        if index <= 0:
            return None
        if self.isEditable() and self.currentText().strip() != self.itemText(index):
            exact = self.findText(self.currentText().strip(), Qt.MatchFlag.MatchFixedString)
            return self._codes[exact - 1] if exact > 0 else None
        return self._codes[index - 1]

    def typed(self) -> str:
        """What the agent typed when it matches no item (so the core can say why)."""
        return self.currentText().strip() if self.code() is None else ""
