"""Arabic and French, switched at run time: the whole layout mirrors, every visible text is
translated, and no message id is missing from either catalogue."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QTabWidget,
    QWidget,
)

from app.i18n import RESOURCES

ROOT = Path(__file__).resolve().parents[2]
RAW_ID = re.compile(r"^(ui|field|error|category|status|sex|agent)\.[a-z0-9_.]+$")
ARABIC = re.compile(r"[\u0600-\u06FF]")


from app.i18n import catalogue as merged_catalogue  # noqa: E402


def catalogue(lang: str) -> dict:
    return json.loads((RESOURCES / "i18n" / f"{lang}.ui.json").read_text(encoding="utf-8"))


def visible_texts(root: QWidget) -> list[str]:
    texts = [root.windowTitle()]
    for w in [root, *root.findChildren(QWidget)]:
        if isinstance(w, QLabel | QAbstractButton):
            texts.append(w.text())
        if isinstance(w, QLineEdit):
            texts.append(w.placeholderText())
        if isinstance(w, QGroupBox):
            texts.append(w.title())
        if isinstance(w, QComboBox):
            texts += [w.itemText(i) for i in range(w.count())]
        if isinstance(w, QListWidget):
            texts += [w.item(i).text() for i in range(w.count())]
        if isinstance(w, QTabWidget):
            texts += [w.tabText(i) for i in range(w.count())]
        texts.append(w.toolTip())
    return [t for t in texts if t]


def test_switch_to_arabic_mirrors_the_whole_layout(window, qtbot):
    nav = window.nav
    assert nav.mapTo(window, nav.rect().topLeft()).x() < window.width() / 2
    window.show_page("settings")
    combo = window.settings_page.language
    combo.setCurrentIndex(combo.findData("ar"))
    combo.activated.emit(combo.currentIndex())
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
    qtbot.waitUntil(lambda: nav.mapTo(window, nav.rect().topLeft()).x() > window.width() / 2)
    assert nav.item(0).text() == "التسجيل"
    assert window.enrol.outline.item(0).text().endswith("الهوية")
    label = window.enrol.steps[0].form.labels["cin"]
    editor = window.enrol.steps[0].form.editors["cin"]
    window.show_page("enrol")
    qtbot.waitUntil(
        lambda: (
            label.mapTo(window, label.rect().topLeft()).x()
            > editor.mapTo(window, editor.rect().topLeft()).x()
        )
    )
    assert ARABIC.search(window.status.pending.text())
    combo.setCurrentIndex(combo.findData("fr"))
    combo.activated.emit(combo.currentIndex())
    assert window.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert nav.item(0).text() == "Inscription"


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_every_visible_text_of_every_page_is_translated(window, lang):
    window.set_language(lang)
    wizard = window.enrol
    seen = []
    for page in window.pages:
        window.show_page(page)
        seen += visible_texts(window)
    for index in range(wizard.stack.count()):
        wizard.go(index)
        seen += visible_texts(wizard)
    raw = [t for t in seen if RAW_ID.match(t.strip())]
    assert raw == []
    if lang == "ar":
        nav = [window.nav.item(i).text() for i in range(window.nav.count())]
        assert all(ARABIC.search(t) for t in nav)


def test_every_message_id_used_by_the_ui_is_in_both_catalogues():
    assert set(catalogue("fr")) == set(catalogue("ar"))
    fr, ar = merged_catalogue("fr"), merged_catalogue("ar")  # every room's messages
    assert set(fr) == set(ar)
    assert all(v.strip() for v in [*fr.values(), *ar.values()])
    used = set()
    sources = [*(ROOT / "ui").rglob("*.py"), ROOT / "app" / "agents.py"]
    for path in sources:
        text = path.read_text(encoding="utf-8")
        used |= set(re.findall(r"[\"']((?:ui|agent\.error)\.[a-z0-9_.]+[a-z0-9_])[\"']", text))
        for prefix in re.findall(r"f[\"']((?:ui)\.[a-z0-9_.]+)\{", text):
            assert any(k.startswith(prefix) for k in fr), f"no message starts with {prefix}"
    missing = sorted(m for m in used if m not in fr or m not in ar)
    assert missing == []
    for key in fr:  # the same placeholders in both languages
        assert set(re.findall(r"\{(\w+)\}", fr[key])) == set(re.findall(r"\{(\w+)\}", ar[key])), key
