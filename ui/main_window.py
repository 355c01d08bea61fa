"""The main window: it only assembles the pages, the navigation and the status bar."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QMainWindow,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from ui import settings
from ui.context import Session
from ui.i18n import bind, switch_language, t
from ui.pages.cards.page import CardsPage
from ui.pages.conflicts import ConflictsPage
from ui.pages.enrol.wizard import EnrolPage
from ui.pages.register.export import ExportDialog
from ui.pages.register.page import RegisterPage
from ui.pages.register.record import RecordDialog
from ui.pages.reports.page import ReportsPage
from ui.pages.settings_page import SettingsPage
from ui.pages.sync.page import SyncPage
from ui.pages.sync.syncer import Syncer
from ui.pages.verify.page import VerifyPage
from ui.statusbar import StatusBar

PAGES = ("enrol", "register", "cards", "verify", "sync", "conflicts", "reports", "settings")


class MainWindow(QMainWindow):
    lock_requested = Signal()
    shown = Signal()

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.setObjectName("mainWindow")
        self.enrol = EnrolPage(session)
        self.register = RegisterPage(session)
        self.settings_page = SettingsPage(session)
        self.cards = CardsPage(session, self.register.selected_uids)
        self.verify = VerifyPage(session)
        self.syncer = Syncer(session, self)
        self.sync_page = SyncPage(session, self.syncer)
        self.conflicts = ConflictsPage(session)
        self.reports = ReportsPage(session)
        self.conflict_count = 0
        self._sync_started = False
        self.pages: dict[str, QWidget] = {
            "enrol": self.enrol,
            "register": self.register,
            "cards": self.cards,
            "verify": self.verify,
            "sync": self.sync_page,
            "conflicts": self.conflicts,
            "reports": self.reports,
            "settings": self.settings_page,
        }
        self.stack = QStackedWidget()
        for page in self.pages.values():
            self.stack.addWidget(page)
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(210)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setStyleSheet(
            "QListWidget { font-size: 12pt; border: none; background: #eef2f0; }"
            " QListWidget::item { padding: 10px 12px; }"
            " QListWidget::item:selected { background: #0b6e4f; color: white; }"
        )
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.status = StatusBar(session)
        self.setStatusBar(self.status)
        self.toolbar = QToolBar()
        self.toolbar.setObjectName("toolbar")
        self.toolbar.setMovable(False)
        self.addToolBar(self.toolbar)
        self.lock_action = QAction(self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(self.lock_requested)
        self.toolbar.addAction(self.lock_action)
        for n, name in enumerate(PAGES, 1):
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Ctrl+{n}"))
            action.triggered.connect(lambda _=False, name=name: self.show_page(name))
            self.addAction(action)
        self.enrol.enrolled.connect(lambda _e: self._changed())
        self.enrol.open_record.connect(self.open_record)
        self.enrol.print_requested.connect(lambda kind, uid: self.print_artisans([uid], kind))
        self.register.open_record.connect(self.open_record)
        self.register.export_requested.connect(self.export)
        self.settings_page.language_changed.connect(self.set_language)
        self.settings_page.sync_minutes.valueChanged.connect(self.syncer.set_minutes)
        self.syncer.state_changed.connect(self._sync_state)
        self.syncer.network_changed.connect(self.status.set_network)
        self.syncer.finished.connect(self._synced)
        self.conflicts.changed.connect(self._changed)
        self.reports.session_changed.connect(self.status.refresh)
        self.reports.session_changed.connect(self.register.load_sessions)
        bind(self, title="ui.window.title")
        self.retranslate()
        self.nav.setCurrentRow(0)
        self.resize(1180, 760)

    def show_page(self, name: str) -> None:
        self.nav.setCurrentRow(PAGES.index(name))

    def open_record(self, uid: str) -> RecordDialog:
        self.show_page("register")
        dialog = RecordDialog(self.session, uid, self)
        dialog.changed.connect(lambda _r: self._changed())
        dialog.print_requested.connect(lambda uid: self.print_artisans([uid]))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.record_dialog = dialog
        return dialog

    def print_artisans(self, uids: list[str], kind: str | None = None) -> None:
        """The Cards page with these artisans chosen and their preview made."""
        self.show_page("cards")
        self.cards.prepare(uids, kind)

    def export(self) -> ExportDialog:
        model = self.register.model
        count = None if model.capped else model.total
        dialog = ExportDialog(self.session, self.register.query(), count, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.export_dialog = dialog
        return dialog

    def _changed(self) -> None:
        self.status.refresh()
        self.syncer.refresh_state()
        if self.register.started:
            self.register.refresh()

    def _synced(self, run, result, error) -> None:
        if result is not None and self.register.started:
            self.register.refresh()
        if self.stack.currentWidget() is self.conflicts:
            self.conflicts.refresh()

    def _sync_state(self, state) -> None:
        self.status.set_sync_state(state)
        self.conflict_count = state.conflicts
        self._nav_texts()

    def set_language(self, lang: str) -> None:
        settings.put(settings.LANGUAGE, lang)
        switch_language(lang)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._sync_started:  # after log-in: timers, network watch, the opening sync
            self._sync_started = True
            self.syncer.start()
        self.shown.emit()

    def closeEvent(self, event) -> None:
        self.syncer.at_close()  # bounded: what cannot go now goes at the next sync
        super().closeEvent(event)

    def retranslate(self) -> None:
        if not self.nav.count():
            self.nav.addItems([""] * len(PAGES))
        self._nav_texts()
        self.lock_action.setText(t("ui.lock.action"))
        self.lock_action.setToolTip(t("ui.lock.tooltip"))

    def _nav_texts(self) -> None:
        for i, name in enumerate(PAGES):
            self.nav.item(i).setText(t(f"ui.nav.{name}"))
        if self.conflict_count:
            item = self.nav.item(PAGES.index("conflicts"))
            item.setText(t("ui.nav.conflicts_count", count=self.conflict_count))
