"""When the sync runs, and only one at a time: on the button, after log-in, at closing
(bounded), on a timer (``settings.SYNC_MINUTES``), and as soon as the network comes back.

The network: Qt's ``QNetworkInformation`` (reachability) when a back-end is available, and
in any case a cheap ``GET /healthz`` of the central service every ``health_ms`` on a
worker; a change from unreachable to reachable starts a sync. Retries with backoff are the
engine's (``sync.http``). Runs go through ``ui.operations``; the worker reports progress by
a signal of a ``Run`` living on the UI thread and polls its cancel flag; it never touches a
widget. The agent's central password, when the engine needs it, is kept in memory only.
"""

from __future__ import annotations

import threading
import urllib.request
from urllib.parse import urljoin

from PySide6.QtCore import QObject, QTimer, Signal

from ui import operations, settings
from ui.pages.sync.state import SyncState, read_state

HEALTH_MS = 60_000
CLOSE_SECONDS = 4.0  # at closing: wait this long for a run, then cancel it (next time)


def healthy(server: str, timeout: float = 3.0) -> bool | None:
    """None when no server is known; else whether ``/healthz`` answers 200."""
    server = (server or "").strip()
    if not server:
        return None
    url = urljoin(server if server.endswith("/") else server + "/", "healthz")
    if not url.startswith(("http://", "https://")):
        return False
    try:
        with urllib.request.urlopen(url, timeout=timeout) as answer:  # noqa: S310 (http(s) only)  # nosec B310 # scheme checked just above: http(s) only
            return answer.status == 200
    except OSError:
        return False


class Run(QObject):
    """One run's progress ``(step, done, total or -1)``, cancel flag and end."""

    progress = Signal(str, int, int)

    def __init__(self, kind: str) -> None:
        super().__init__()
        self.kind = kind
        self.cancel = threading.Event()
        self.done = threading.Event()

    def report(self, step: str, done: int, total: int | None) -> None:
        self.progress.emit(step, int(done), -1 if total is None else int(total))


class Syncer(QObject):
    started = Signal(object)  # Run
    finished = Signal(object, object, object)  # Run, result (None: skipped), error
    state_changed = Signal(object)  # SyncState
    network_changed = Signal(object)  # True | False | None (no server known)

    def __init__(self, session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.ws = session.ws
        self.run: Run | None = None
        self.password: str | None = None  # the agent's central password, memory only
        self.backoff = None  # sync.http.Backoff; tests give a fast one
        self.state = SyncState()
        self.online: bool | None = None
        self._checking = False
        self.timer = QTimer(self)
        self.timer.timeout.connect(lambda: self.sync("timer"))
        self.health_timer = QTimer(self)
        self.health_timer.setInterval(HEALTH_MS)
        self.health_timer.timeout.connect(self.check_network)
        self.netinfo = self._network_information()

    def _network_information(self):
        from PySide6.QtNetwork import QNetworkInformation as Info

        try:
            if not Info.loadDefaultBackend():
                return None
            info = Info.instance()
            if info is None or not info.supports(Info.Feature.Reachability):
                return None
        except (RuntimeError, AttributeError):
            return None
        info.reachabilityChanged.connect(self._reachability)
        return info

    def _reachability(self, reach) -> None:
        from PySide6.QtNetwork import QNetworkInformation as Info

        if reach == Info.Reachability.Online:
            self.check_network()  # the system says online: is the central service there?
        elif reach == Info.Reachability.Disconnected:
            self._set_online(False)

    def start(self, open_sync: bool = True) -> None:
        """After log-in: timers, a first network check, and the sync of the opening."""
        self.set_minutes(settings.get(settings.SYNC_MINUTES))
        self.health_timer.start()
        self.refresh_state()
        self.check_network()
        if open_sync:
            self.sync("open")

    def set_minutes(self, minutes: int) -> None:
        self.timer.stop()
        if minutes > 0:
            self.timer.start(int(minutes) * 60_000)

    def set_interval_ms(self, msecs: int) -> None:
        self.timer.start(msecs)

    @property
    def running(self) -> bool:
        return self.run is not None

    def refresh_state(self) -> None:
        ws = self.ws
        operations.run(self, lambda: read_state(ws), self._state, lambda e: None)

    def _state(self, state: SyncState) -> None:
        self.state = state
        self.state_changed.emit(state)

    def check_network(self) -> None:
        if self._checking:
            return
        self._checking = True
        server = self.state.server or settings.get(settings.CENTRAL_URL)
        operations.run(self, lambda: healthy(server), self._checked, lambda e: self._checked(None))

    def _checked(self, ok: bool | None) -> None:
        self._checking = False
        self._set_online(ok)

    def _set_online(self, ok: bool | None) -> None:
        came_back = ok is True and self.online is False
        self.online = ok
        self.network_changed.emit(ok)
        if came_back:
            self.sync("network")

    # -- runs ------------------------------------------------------------------------------

    def sync(self, kind: str = "button") -> Run | None:
        """Start a sync unless one runs; automatic kinds skip an unregistered or blocked
        laptop quietly (the button says why)."""
        if self.run is not None:
            return None
        ws, automatic = self.ws, kind != "button"
        password = self.password
        run = self._begin(kind)

        def work():
            from sync.config import Registration
            from sync.engine import run_sync

            try:
                if automatic:
                    blocked = ws.store.read().execute("SELECT blocked FROM sync_state")
                    if Registration.load(ws.profile.home) is None or blocked.fetchone()[0]:
                        return None
                return run_sync(
                    ws, password=lambda: password, progress=run.report,
                    cancel=run.cancel, backoff=self.backoff,
                )  # fmt: skip
            finally:
                run.done.set()

        operations.run(
            self, work, lambda r: self._end(run, r, None), lambda e: self._end(run, None, e)
        )
        return run

    def register(self, server: str, code: str, username: str, password: str) -> Run | None:
        """Register this laptop (then its region's snapshot), as ``mihani register`` does."""
        if self.run is not None:
            return None
        ws, run = self.ws, self._begin("register")

        def work():
            from sync.register import register_laptop

            try:
                return register_laptop(
                    ws, server, code, username, password, progress=run.report,
                    cancel=run.cancel, backoff=self.backoff,
                )  # fmt: skip
            finally:
                run.done.set()

        def done(reg) -> None:
            self.password = password
            settings.put(settings.CENTRAL_URL, server)
            self._end(run, reg, None)

        operations.run(self, work, done, lambda e: self._end(run, None, e))
        return run

    def _begin(self, kind: str) -> Run:
        run = Run(kind)
        self.run = run
        self.started.emit(run)
        return run

    def _end(self, run: Run, result, error) -> None:
        if self.run is run:
            self.run = None
        if error is None and result is not None and run.kind != "register":
            self._set_online(True)
        self.finished.emit(run, result, error)
        self.refresh_state()

    def cancel(self) -> None:
        if self.run is not None:
            self.run.cancel.set()

    def at_close(self, seconds: float = CLOSE_SECONDS) -> None:
        """At closing: send what waits, but never hold the window more than ``seconds``
        (then the run is cancelled; what is left goes at the next sync)."""
        self.timer.stop()
        self.health_timer.stop()
        if self.run is None and self._worth_closing_sync():
            self.sync("close")
        run = self.run
        if run is None:
            return
        if not run.done.wait(seconds):
            run.cancel.set()
            run.done.wait(2.0)

    def _worth_closing_sync(self) -> bool:
        from sync.config import Registration

        try:
            conn = self.ws.store.read()
            if conn.execute("SELECT blocked FROM sync_state").fetchone()[0]:
                return False
            waiting = conn.execute("SELECT count(*) FROM outbox").fetchone()[0]
            return bool(waiting) and Registration.load(self.ws.profile.home) is not None
        except Exception:  # closing: never stop the window from closing
            return False
