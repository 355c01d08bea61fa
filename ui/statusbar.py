"""The status bar: the network (does the central service answer its health check?), the
changes waiting to sync, the last successful sync, and the caravan session when one is open.
The network and the sync state come from the ``Syncer`` (checked on workers); the pending
count is also read on a worker every ``REFRESH_MS``."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from app import caravan, outbox
from ui import operations
from ui.i18n import bind
from ui.pages.sync.state import SyncState, when
from ui.widgets.fields_view import ltr

REFRESH_MS = 15_000


class StatusBar(QStatusBar):
    def __init__(self, session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("statusBar")
        self.network = QLabel()
        self.network.setObjectName("networkState")
        self.pending = QLabel()
        self.pending.setObjectName("pendingCount")
        self.last_sync = bind(QLabel(), text="ui.status.last_sync_never")
        self.last_sync.setObjectName("lastSync")
        self.caravan = QLabel()
        self.caravan.setObjectName("caravanSession")
        self.caravan.setStyleSheet("color: #0b6e4f; font-weight: 600;")
        self.caravan.hide()  # shown while a caravan session is open
        self.agent = bind(
            QLabel(),
            {"name": session.agent.display_name},
            text=f"ui.status.agent_{session.agent.role}",
        )
        for w in (self.network, self.pending, self.last_sync, self.caravan):
            self.addPermanentWidget(w)
        self.addWidget(self.agent)
        self.set_network(None)
        self.set_pending(None)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        QTimer.singleShot(0, self.refresh)

    def refresh(self) -> None:
        ws = self.session.ws
        operations.run(
            self, lambda: outbox.count(ws.store.read()), self.set_pending, lambda e: None
        )
        operations.run(
            self, lambda: caravan.current(ws.store.read()), self.set_caravan, lambda e: None
        )

    def set_caravan(self, session) -> None:
        if session is None:
            self.caravan.hide()
            return
        bind(self.caravan, {"name": session.name}, text="ui.status.caravan")
        self.caravan.show()

    def set_network(self, state: bool | None) -> None:
        key = {None: "not_configured", True: "online", False: "offline"}[state]
        bind(self.network, text=f"ui.status.network_{key}")
        color = {None: "#5f6368", True: "#137333", False: "#b3261e"}[state]
        self.network.setStyleSheet(f"color: {color};")

    def set_pending(self, count: int | None) -> None:
        if count is None:
            self.pending.clear()
            return
        bind(self.pending, {"count": count}, text="ui.status.pending")

    def set_sync_state(self, state: SyncState) -> None:
        self.set_pending(state.pending)
        if state.last_ok_at:
            bind(self.last_sync, {"at": ltr(when(state.last_ok_at))}, text="ui.status.last_sync")
        else:
            bind(self.last_sync, text="ui.status.last_sync_never")
