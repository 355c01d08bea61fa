"""The register: search as you type (debounced, off the UI thread, stale answers dropped),
filters, a lazily filled table, and the artisan's record on Enter or double-click."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app import caravan
from app.i18n import current_language
from app.model.artisan import CATEGORIES, STATUSES
from ui import operations
from ui.i18n import bind, t
from ui.pages.register.model import ArtisanModel
from ui.pages.register.source import Query
from ui.widgets.combo import CodeCombo
from ui.widgets.fields_view import ltr

DEBOUNCE_MS = 60  # search itself takes a few ms at 500,000: wait just past a keystroke burst


class RegisterPage(QWidget):
    open_record = Signal(str)
    export_requested = Signal()
    results_shown = Signal(int, float)  # generation, seconds from query to rows shown

    def __init__(self, session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.ws = session.ws
        self.setObjectName("registerPage")
        self.search = bind(QLineEdit(), placeholder="ui.register.search_placeholder")
        self.search.setObjectName("searchBox")
        self.search.setClearButtonEnabled(True)
        self.search.setStyleSheet("font-size: 13pt; padding: 4px;")
        self.commune = CodeCombo()
        self.activity = CodeCombo()
        self.category = CodeCombo(searchable=False)
        self.status = CodeCombo(searchable=False)
        self.session_filter = CodeCombo(searchable=False)
        self.session_filter.setObjectName("sessionFilter")
        bind(self.session_filter, tooltip="ui.register.session_tip")
        self.sessions: list = []  # caravan.Session, newest first (read on a worker)
        filters = QHBoxLayout()
        self.filter_labels = []
        for msgid, combo in (
            ("ui.register.f.commune", self.commune),
            ("ui.register.f.activity", self.activity),
            ("ui.register.f.category", self.category),
            ("ui.register.f.status", self.status),
            ("ui.register.f.session", self.session_filter),
        ):
            label = bind(QLabel(), text=msgid)
            label.setBuddy(combo)
            combo.setMinimumContentsLength(8)
            filters.addWidget(label)
            filters.addWidget(combo, 1)
            combo.codeChanged.connect(lambda _c: self.refresh())
        self.session_filter.setMinimumContentsLength(17)  # a session's name, whole
        self.count = QLabel()
        self.count.setObjectName("resultCount")
        self.export_button = bind(QPushButton(), text="ui.register.export")
        self.export_button.setObjectName("exportButton")
        self.export_button.clicked.connect(self.export_requested)
        self.model = ArtisanModel(self.ws, self)
        self.model.totalChanged.connect(self._show_count)
        self.model.loaded.connect(self._loaded)
        self.table = QTableView()
        self.table.setObjectName("registerTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)  # one line per cell: much cheaper to paint
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in enumerate((118, 175, 150, 82, 88, 115, 225)):
            self.table.setColumnWidth(col, width)
        self.table.doubleClicked.connect(lambda idx: self._open(idx.row()))
        self.table.activated.connect(lambda idx: self._open(idx.row()))
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self.timer.start())
        self.search.returnPressed.connect(self._enter)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        counts = QHBoxLayout()
        counts.addWidget(self.count, 1)
        counts.addWidget(self.export_button)
        layout.addLayout(counts)
        layout.addWidget(self.table, 1)
        self.retranslate_filters()
        self.started = False

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.load_sessions()
        if not self.started:
            self.started = True
            self.refresh()
        self.search.setFocus()

    def load_sessions(self) -> None:
        """The caravan sessions of the session filter, read on a worker."""
        ws = self.ws
        operations.run(self, lambda: caravan.sessions(ws.store.read()), self._sessions_read)

    def _sessions_read(self, sessions: list) -> None:
        self.sessions = sessions
        self._session_items()

    def _session_items(self) -> None:
        names = caravan.display_names([(s.name, ltr(s.starts_on)) for s in self.sessions])
        self.session_filter.set_items(
            [(s.uid, n) for s, n in zip(self.sessions, names, strict=True)]
        )

    def query(self) -> Query:
        session = self.session_filter.code()
        return Query(
            self.search.text(),
            {
                "commune_code": self.commune.code(),
                "activity_code": self.activity.code(),
                "category": self.category.code(),
                "status": self.status.code(),
                "session_uid": session,
            },
            {"session_uid": self.session_filter.currentText()} if session else {},
        )

    def refresh(self) -> None:
        self.timer.stop()
        self.started = True
        self.model.set_query(self.query())

    def _enter(self) -> None:
        if self.timer.isActive():
            self.refresh()
        if self.model.rowCount() == 1:
            self._open(0)
        elif self.model.rowCount():
            self.table.setFocus()
            self.table.selectRow(0)

    def selected_uids(self) -> list[str]:
        """The artisans selected in the table (the Cards page prints them), in order."""
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [uid for uid in (self.model.uid_at(r) for r in rows) if uid]

    def _open(self, row: int) -> None:
        uid = self.model.uid_at(row)
        if uid:
            self.open_record.emit(uid)

    def _loaded(self, gen: int, seconds: float) -> None:
        self._show_count()
        self.results_shown.emit(gen, seconds)

    def _show_count(self) -> None:
        m = self.model
        if m.loading and not m.rows:
            self.count.setText(t("ui.register.searching"))
        elif m.total is not None:
            key = "ui.register.count_capped" if m.capped else "ui.register.count"
            self.count.setText(t(key, count=f"{m.total:,}".replace(",", "\u202f")))
        elif m.rows:
            self.count.setText(t("ui.register.count_shown", count=len(m.rows)))
        else:
            self.count.setText(t("ui.register.none"))

    def retranslate_filters(self) -> None:
        lang = current_language()
        region = self.ws.profile.region_code
        self.commune.set_items(
            [(c.code, c.label(lang)) for c in self.ws.geo.communes_in_region(region)]
        )
        self.activity.set_items([(a.code, a.label(lang)) for a in self.ws.nomenclature.activities])
        self.category.set_items([(c, t(f"category.{c}")) for c in CATEGORIES])
        self.status.set_items([(s, t(f"status.{s}")) for s in STATUSES])
        self._session_items()

    def retranslate(self) -> None:
        combos = (self.commune, self.activity, self.category, self.status, self.session_filter)
        for combo in combos:
            combo.blockSignals(True)
        self.retranslate_filters()
        for combo in combos:
            combo.blockSignals(False)
        self.model.retranslate()
        self._show_count()
