"""Automatic lock after inactivity: any key or click restarts the countdown; at zero the
window is hidden behind the lock screen until an agent logs in again."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

INPUT_EVENTS = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}


class IdleWatcher(QObject):
    idle = Signal()

    def __init__(self, minutes: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.idle)
        self.set_minutes(minutes)
        QApplication.instance().installEventFilter(self)
        self.timer.start()

    def set_minutes(self, minutes: float) -> None:
        self.timer.setInterval(int(minutes * 60_000))

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS:
            self.timer.start()
        return False

    def pause(self) -> None:
        self.timer.stop()

    def resume(self) -> None:
        self.timer.start()
