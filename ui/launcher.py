"""``mihani`` with no sub-command: the desktop workstation.

``run(args)`` (entry point ``mihani.gui``): the Qt application, the language (``--lang``, else
the saved setting), the first-run dialog when the profile does not exist, the log-in, the
main window, and the lock after inactivity.
"""

from __future__ import annotations

import argparse
import gc
import logging
import sys
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from app import i18n
from app.errors import UserFacingError
from app.i18n import RESOURCES
from app.profile import Profile
from ui import settings
from ui.context import Session
from ui.errors import setup_logging
from ui.i18n import bind, direction, t

log = logging.getLogger("mihani.ui")
FONTS = RESOURCES / "fonts"
ARABIC_FALLBACK = "Amiri"
_fonts_loaded = False


def load_fonts(app: QApplication) -> None:
    """Register the fonts shipped in ``resources/fonts`` (never a system one) and let Arabic
    fall back to them when the platform font has no Arabic glyphs."""
    if QGuiApplication.platformName() == "offscreen":  # tests, screenshots: a sans font
        font = QFont(app.font())
        font.setFamilies(["DejaVu Sans", app.font().family()])
        font.setPointSize(10)
        app.setFont(font)
    families = []
    for path in sorted(FONTS.glob("*.[ot]tf")) if FONTS.is_dir() else []:
        font_id = QFontDatabase.addApplicationFont(str(path))
        families += QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if ARABIC_FALLBACK in families:
        font = QFont(app.font())
        font.setFamilies([*app.font().families(), ARABIC_FALLBACK])
        app.setFont(font)


def application(lang: str | None = None) -> QApplication:
    """The one QApplication, with fonts, name and the language applied."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    # Painting calls back into Python (models) while workers run Python too: hand the GIL
    # over every 1 ms rather than 5, or each callback may wait 5 ms and the window stutters.
    sys.setswitchinterval(0.001)
    app.setApplicationName("Mihani")
    app.setOrganizationName(settings.ORGANISATION)
    global _fonts_loaded
    if not _fonts_loaded:
        load_fonts(app)
        _fonts_loaded = True
    lang = lang or settings.get(settings.LANGUAGE) or i18n.DEFAULT_LANGUAGE
    if lang not in i18n.LANGUAGES:
        lang = i18n.DEFAULT_LANGUAGE
    i18n.set_language(lang)
    app.setLayoutDirection(direction(lang))
    return app


def after_start() -> None:
    """Once the window is up: move what start-up built (reference data, names dictionary,
    widgets) out of the garbage collector's sight, so a full collection never pauses the
    window for a tenth of a second while the agent types."""
    gc.collect()
    gc.freeze()


def open_or_create(home: Path):
    """The profile's workspace; the first-run dialog when there is none (None: cancelled)."""
    from app.workspace import open_workspace

    if Profile.exists(home):
        return open_workspace(home)
    from ui.firstrun import FirstRunDialog

    dialog = FirstRunDialog(home)
    return dialog.ws if dialog.exec() else None


class Shell:
    """Holds the window and the session; locks after inactivity."""

    def __init__(self, session: Session) -> None:
        from ui.lock import IdleWatcher
        from ui.main_window import MainWindow

        self.session = session
        self.window = MainWindow(session)
        self.window.lock_requested.connect(self.lock)
        self.idle = IdleWatcher(settings.get(settings.LOCK_MINUTES), self.window)
        self.idle.idle.connect(self.lock)
        self.window.settings_page.lock.valueChanged.connect(self.idle.set_minutes)

    def lock(self) -> None:
        from ui.login import LoginDialog

        self.idle.pause()
        self.window.hide()
        dialog = LoginDialog(self.session.ws, None, locked_user=self.session.username)
        if not dialog.exec():
            QApplication.instance().quit()
            return
        if dialog.agent.username != self.session.username:
            self.session.agent = agent = dialog.agent
            bind(
                self.window.status.agent,
                {"name": agent.display_name},
                text=f"ui.status.agent_{agent.role}",
            )
        self.window.show()
        self.idle.resume()


def run(args: argparse.Namespace) -> int:
    app = application(getattr(args, "lang", None))
    home = Path(args.home)
    try:
        ws = open_or_create(home)
    except UserFacingError as exc:
        QMessageBox.critical(None, t("ui.error.title"), exc.message())
        return 1
    if ws is None:
        return 0
    setup_logging(home)
    from app import agents
    from ui.login import LoginDialog

    try:
        if ws.profile.demo:
            agents.ensure_demo_agent(ws.store, ws.profile.region_code)
        login = LoginDialog(ws)
        if not login.exec():
            return 0
        shell = Shell(Session(ws, login.agent))
        shell.window.show()
        after_start()
        return int(app.exec())
    finally:
        from ui import operations

        operations.wait_idle()
        ws.close()
