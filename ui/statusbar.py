"""The status bar: the network (can the central service be reached?), the changes waiting to
sync, the last sync, and the caravan session when one is open. Checked on workers."""

from __future__ import annotations

import socket
from urllib.parse import urlsplit

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from app import outbox
from ui import operations, settings
from ui.i18n import bind

REFRESH_MS = 15_000


def reachable(url: str, timeout: float = 2.0) -> bool | None:
    """None when no address is configured; else whether a TCP connection opens."""
    url = (url or "").strip()
    if not url:
        return None
    parts = urlsplit(url if "//" in url else f"https://{url}")
    if not parts.hostname:
        return False
    port = parts.port or (80 if parts.scheme == "http" else 443)
    try:
        with socket.create_connection((parts.hostname, port), timeout=timeout):
            return True
    except OSError:
        return False


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
        self.caravan = QLabel()
        self.caravan.setObjectName("caravanSession")
        self.caravan.hide()  # sessions come with the caravan issue
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
        url = settings.get(settings.CENTRAL_URL)
        operations.run(
            self, lambda: outbox.count(ws.store.read()), self.set_pending, lambda e: None
        )
        operations.run(self, lambda: reachable(url), self.set_network, lambda e: None)

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
