"""UI fixtures: one QApplication (pytest-qt's ``qapp``), offscreen; settings in a temporary
file; operations run inline (Picard style) unless a test asks for threads; a real encrypted
profile per test; French first, and French again after every test."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from app import agents, i18n
from app.workspace import init_profile
from tests.records import valid_record
from ui import operations, settings
from ui.context import Session
from ui.i18n import switch_language
from ui.launcher import application

PASSWORD = "correct horse"  # noqa: S105 (a test profile's)


@pytest.fixture(autouse=True)
def ui_env(qapp, tmp_path):
    application("fr")
    settings.use(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    operations.set_synchronous(True)
    yield
    operations.set_synchronous(False)
    operations.wait_idle()
    for w in QApplication.topLevelWidgets():
        w.close()
    switch_language("fr")
    i18n.set_language("fr")


@pytest.fixture
def ws(tmp_path):
    workspace = init_profile(tmp_path / "profile", "07", "agent1")
    agents.set_password(workspace.store, "agent1", PASSWORD, by="agent1")
    yield workspace
    operations.wait_idle()
    workspace.close()


@pytest.fixture
def password() -> str:
    return PASSWORD


@pytest.fixture
def session(ws):
    return Session(ws, agents.get_agent(ws.store.read(), "agent1"))


@pytest.fixture
def window(qtbot, session):
    from ui.main_window import MainWindow

    win = MainWindow(session)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def valid(ws) -> dict:
    """A complete, valid enrolment for region 07 (Marrakech-Safi)."""
    return valid_record(ws)


class Keys:
    """Driving the UI as an agent does: keys to the focused widget."""

    def __init__(self, qtbot) -> None:
        self.qtbot = qtbot

    @staticmethod
    def focused():
        widget = QApplication.focusWidget()
        assert widget is not None, "nothing has the keyboard focus"
        return widget

    def type(self, text: str) -> None:
        for ch in text:
            widget = self.focused()
            if ch.isascii():
                self.qtbot.keyClick(widget, ch)
                continue
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):  # QTest is ASCII only
                event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
                QApplication.sendEvent(widget, event)

    def press(self, key=Qt.Key.Key_Return) -> None:
        self.qtbot.keyClick(self.focused(), key)

    def line(self, text: str) -> None:
        """Type ``text`` (if any), then Enter."""
        if text:
            self.type(text)
        self.press()


@pytest.fixture
def keys(qtbot) -> Keys:
    return Keys(qtbot)
