"""Background operations, in the style of Anki's ``aqt/operations``.

Every UI action is a one-line wrapper over a core call::

    run(self, lambda: ws.registry.enrol(data, agent), success=self.done, failure=self.failed)

The call runs on a ``QThreadPool`` worker; its result (or exception) comes back to the UI
thread through a queued signal, where ``success`` or ``failure`` is called. The worker never
touches a widget. When the parent widget is gone by then, the result is dropped. Without a
``failure`` callback, errors go to the standard error dialog. Tests may call
``set_synchronous(True)`` (Picard style) to run operations inline.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger("mihani.ui")
_synchronous = False
_pending: set[_Relay] = set()
_pool: QThreadPool | None = None


def set_synchronous(value: bool) -> None:
    global _synchronous
    _synchronous = value


def pool() -> QThreadPool:
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(4)
        _pool.setExpiryTimeout(-1)  # keep threads: their read connections stay open
    return _pool


class _Relay(QObject):
    """Lives on the UI thread; the worker only emits its signal."""

    finished = Signal(object, object)

    def __init__(self, parent: QObject | None, success, failure) -> None:
        super().__init__()
        self.parent_ref = parent
        self.success, self.failure = success, failure
        self.finished.connect(self._deliver)

    def _deliver(self, result: Any, error: BaseException | None) -> None:
        _pending.discard(self)
        parent = self.parent_ref
        if parent is not None and not shiboken6.isValid(parent):
            return
        if error is None:
            if self.success is not None:
                self.success(result)
            return
        if self.failure is not None:
            self.failure(error)
        else:
            from ui.errors import show_error

            show_error(parent if isinstance(parent, QObject) else None, error)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.fn, self.relay = fn, relay

    def run(self) -> None:
        try:
            result, error = self.fn(), None
        except BaseException as exc:  # handed to the UI thread, never lost
            result, error = None, exc
        self.relay.finished.emit(result, error)


def run(
    parent: QObject | None,
    fn: Callable[[], Any],
    success: Callable[[Any], None] | None = None,
    failure: Callable[[BaseException], None] | None = None,
) -> None:
    """Run ``fn`` off the UI thread; call ``success(result)`` or ``failure(exc)`` on it."""
    relay = _Relay(parent, success, failure)
    _pending.add(relay)
    task = _Task(fn, relay)
    if _synchronous:
        task.run()
    else:
        pool().start(task)


def wait_idle(msecs: int = 30_000) -> bool:
    """Wait for every running operation (tests, shutdown)."""
    return pool().waitForDone(msecs)
