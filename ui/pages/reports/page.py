"""The Reports page: a dashboard of the day or of the open caravan session (key figures,
bar charts of ``app.reports.build``'s series, read on a worker), the caravan session's
controls, and the PDF reports of the day and of the session, made and written on a worker."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import caravan
from app.i18n import current_language
from ui import operations
from ui.i18n import bind, t
from ui.pages.reports.data import CHARTS, dashboard
from ui.pages.reports.session import SessionDialog
from ui.widgets.bars import BarChart
from ui.widgets.fields_view import ltr

FIGURES = ("artisans", "enrolled", "badges_printed", "cards_handed_over")
PERIODS = ("today", "day", "session")
HORIZONTAL = ("branch", "commune", "category", "pipeline", "sessions")


def _tile(name: str) -> tuple[QFrame, QLabel]:
    frame = QFrame()
    frame.setObjectName(f"figure_{name}")
    frame.setStyleSheet("QFrame { background: #eef2f0; border-radius: 6px; }")
    number = QLabel("–")
    number.setObjectName(f"figureValue_{name}")
    number.setStyleSheet("font-size: 22pt; font-weight: 600; color: #0b6e4f;")
    col = QVBoxLayout(frame)
    col.addWidget(number)
    col.addWidget(bind(QLabel(), text=f"ui.reports.figure_{name}"))
    return frame, number


class ReportsPage(QWidget):
    session_changed = Signal()

    def __init__(self, session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("reportsPage")
        self.data = None
        self.open_session = None
        self.period = QComboBox()
        self.period.setObjectName("reportPeriod")
        self.period.addItems([""] * len(PERIODS))
        self.day = QDateEdit(QDate.currentDate())
        self.day.setObjectName("reportDay")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.period.currentIndexChanged.connect(lambda _i: self.refresh())
        self.day.dateChanged.connect(lambda _d: self.refresh())
        self.day_pdf = bind(QPushButton(), text="ui.reports.day_pdf")
        self.day_pdf.setObjectName("dayPdf")
        self.day_pdf.clicked.connect(lambda: self.save_pdf("day"))
        self.session_pdf = bind(QPushButton(), text="ui.reports.session_pdf")
        self.session_pdf.setObjectName("sessionPdf")
        self.session_pdf.clicked.connect(lambda: self.save_pdf("session"))
        top = QHBoxLayout()
        top.addWidget(bind(QLabel(), text="ui.reports.period"))
        top.addWidget(self.period)
        top.addWidget(self.day)
        top.addStretch(1)
        top.addWidget(self.day_pdf)
        top.addWidget(self.session_pdf)
        self.session_label = QLabel()
        self.session_label.setObjectName("reportSession")
        self.open_button = bind(QPushButton(), text="ui.session.open_button")
        self.open_button.setObjectName("openSession")
        self.open_button.clicked.connect(self.ask_open)
        self.close_button = bind(QPushButton(), text="ui.session.close_button")
        self.close_button.setObjectName("closeSession")
        self.close_button.clicked.connect(self.close_session)
        caravan_row = QHBoxLayout()
        caravan_row.addWidget(self.session_label, 1)
        caravan_row.addWidget(self.open_button)
        caravan_row.addWidget(self.close_button)
        figures = QHBoxLayout()
        self.figures: dict[str, QLabel] = {}
        for name in FIGURES:
            frame, self.figures[name] = _tile(name)
            figures.addWidget(frame)
        self.message = QLabel()
        self.message.setObjectName("reportMessage")
        self.message.setStyleSheet("color: #b3261e;")
        grid = QGridLayout()
        self.charts: dict[str, BarChart] = {}
        for i, key in enumerate(CHARTS):
            chart = BarChart()
            chart.setObjectName(f"chart_{key}")
            self.charts[key] = chart
            grid.addWidget(chart, i // 3, i % 3)
        layout = QVBoxLayout(self)
        title = bind(QLabel(), text="ui.nav.reports")
        title.setStyleSheet("font-size: 15pt; font-weight: 600;")
        layout.addWidget(title)
        layout.addLayout(top)
        layout.addLayout(caravan_row)
        layout.addLayout(figures)
        layout.addWidget(self.message)
        layout.addLayout(grid, 1)
        self.retranslate()

    # reading -------------------------------------------------------------------------
    def today(self) -> str:
        return self.session.ws.registry.clock().date().isoformat()

    def refresh(self) -> None:
        ws, lang = self.session.ws, current_language()
        kind = "session" if self.period.currentIndex() == 2 else "day"
        day = (
            self.today()
            if self.period.currentIndex() == 0
            else self.day.date().toString("yyyy-MM-dd")
        )
        self.day.setEnabled(self.period.currentIndex() == 1)

        def read():
            return caravan.current(ws.store.read()), dashboard(ws, kind, day, lang)

        operations.run(self, read, self._show, self._failed)

    def _show(self, found) -> None:
        self.open_session, self.data = found
        self.message.clear()
        self._session_row()
        for name, label in self.figures.items():
            value = self.data.figures.get(name)
            label.setText("–" if value is None else str(value))
        for key, chart in self.charts.items():
            c = self.data.charts.get(key)
            title = t("field.chart.day") if key == "days" else (c.title if c else "")
            if key == "sessions" and not c:
                title = t("field.chart.sessions")
            items = c.items if c else ()
            legend, values = (c.legend, c.values) if c else ((), ())
            chart.set_data(title, items, key in HORIZONTAL, t("field.chart.empty"), legend, values)
        if self.data.kind == "session" and self.data.session_uid is None:
            self.message.setText(t("ui.reports.no_session"))

    def _session_row(self) -> None:
        s = self.open_session
        if s is None:
            self.session_label.setText(t("ui.session.none"))
        else:
            dates = ltr(f"{s.starts_on} – {s.ends_on}")
            self.session_label.setText(t("ui.session.current", name=s.name, dates=dates))
        self.open_button.setEnabled(s is None)
        self.close_button.setEnabled(s is not None)
        self.session_pdf.setEnabled(s is not None)

    def _failed(self, exc: BaseException) -> None:
        self.message.setStyleSheet("color: #b3261e;")
        self.message.setText(str(exc))

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.refresh()

    # caravan -------------------------------------------------------------------------
    def ask_open(self) -> SessionDialog:
        dialog = SessionDialog(self.session, self)
        dialog.opened.connect(lambda _s: self._session_moved())
        dialog.open()
        self.session_dialog = dialog
        return dialog

    def close_session(self) -> None:
        ws, by = self.session.ws, self.session.username
        operations.run(
            self, lambda: caravan.close_session(ws, by), lambda _s: self._session_moved(),
            self._failed,
        )  # fmt: skip

    def _session_moved(self) -> None:
        self.session_changed.emit()
        self.refresh()

    # PDF -----------------------------------------------------------------------------
    def ask_path(self, name: str) -> str:
        path, _ = QFileDialog.getSaveFileName(
            self, t("ui.reports.save_title"), str(Path.home() / name), "PDF (*.pdf)"
        )
        return path

    def save_pdf(self, kind: str) -> None:
        ws, lang = self.session.ws, current_language()
        if kind == "session":
            if self.open_session is None:
                return
            key = self.open_session.uid
            name = f"mihani-session-{self.open_session.starts_on}.pdf"
        else:
            key = (
                self.today()
                if self.period.currentIndex() != 1
                else self.day.date().toString("yyyy-MM-dd")
            )
            name = f"mihani-{key}.pdf"
        path = self.ask_path(name)
        if not path:
            return

        def write() -> str:
            from printing import reports

            pdf = (
                reports.day_pdf(ws, key, lang)
                if kind == "day"
                else reports.session_pdf(ws, key, lang)
            )
            target = Path(path)
            tmp = target.with_suffix(".part")
            tmp.write_bytes(pdf)
            tmp.replace(target)
            return str(target)

        self.message.clear()
        operations.run(self, write, self._written, self._failed)

    def _written(self, path: str) -> None:
        self.message.setStyleSheet("color: #137333;")
        self.message.setText(t("ui.reports.written", path=ltr(path)))

    def retranslate(self) -> None:
        for i, name in enumerate(PERIODS):
            self.period.setItemText(i, t(f"ui.reports.period_{name}"))
        if self.data is not None:
            self.refresh()
        else:
            self._session_row()
