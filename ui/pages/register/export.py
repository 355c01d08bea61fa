"""Export… : the register's current view (its search text and filters) to CSV or XLSX, with
headers in the UI's language, written on a worker (``app.exports.export_file``) with a count
of rows written and Cancel (nothing is written when cancelled)."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserFacingError
from app.exports import export_file
from app.i18n import current_language
from ui import operations, settings
from ui.i18n import bind, t
from ui.pages.register.source import Query
from ui.widgets.fields_view import ltr


class ExportJob(QObject):
    progress = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self.stop = threading.Event()


def describe(ws, query: Query) -> str:
    """The view in words: the search text and each filter's label."""
    parts = []
    if query.text.strip():
        parts.append(t("ui.export.view_text", text=query.text.strip()))
    lang = current_language()
    for key, value in query.active_filters().items():
        if key in query.names:  # a caravan session: its name, as the filter shows it
            parts.append(t("ui.export.view_filter", label=t("ui.register.f.session"),
                           value=query.names[key]))  # fmt: skip
            continue
        try:
            if key == "commune_code":
                label = ws.geo.label(value, lang)
            elif key == "activity_code":
                label = ws.nomenclature.label(value, lang)
            else:
                label = t(f"{key}.{value}")
        except KeyError:
            label = value
        parts.append(t("ui.export.view_filter", label=t(f"field.{key}"), value=label))
    return "\n".join(parts) or t("ui.export.view_all")


class ExportDialog(QDialog):
    def __init__(
        self, session, query: Query, count: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session, self.query = session, query
        self.ws = session.ws
        self.job: ExportJob | None = None
        self.result = None
        self.setObjectName("exportDialog")
        bind(self, title="ui.export.title")
        heading = bind(QLabel(), text="ui.export.title")
        heading.setStyleSheet("font-size: 13pt; font-weight: 600;")
        view = describe(self.ws, query)
        if count is not None:
            view += "\n" + t("ui.export.view_count", count=count)
        self.view = QLabel(view)
        self.view.setObjectName("exportView")
        self.view.setWordWrap(True)
        self.csv = bind(QRadioButton(), text="ui.export.csv")
        self.xlsx = bind(QRadioButton(), text="ui.export.xlsx")
        self.formats = QButtonGroup(self)
        for button in (self.csv, self.xlsx):
            self.formats.addButton(button)
        (self.csv if settings.get(settings.EXPORT_FORMAT) == "csv" else self.xlsx).setChecked(True)
        self.formats.buttonToggled.connect(lambda _b, _on: self._suffix())
        self.path = QLineEdit(str(self._default_path()))
        self.path.setObjectName("exportPath")
        browse = bind(QPushButton(), text="ui.export.browse")
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(browse)
        fmt = QHBoxLayout()
        fmt.addWidget(self.csv)
        fmt.addWidget(self.xlsx)
        fmt.addStretch(1)
        form = QFormLayout()
        form.addRow(bind(QLabel(), text="ui.export.view"), self.view)
        form.addRow(bind(QLabel(), text="ui.export.format"), fmt)
        form.addRow(bind(QLabel(), text="ui.export.file"), where)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.status = QLabel()
        self.status.setObjectName("exportStatus")
        self.status.setWordWrap(True)
        self.export_button = bind(QPushButton(), text="ui.export.run")
        self.export_button.setObjectName("exportRun")
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start)
        self.cancel_button = bind(QPushButton(), text="ui.cancel")
        self.cancel_button.setObjectName("exportCancel")
        self.cancel_button.clicked.connect(self.cancel)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.setMinimumWidth(620)

    def fmt(self) -> str:
        return "csv" if self.csv.isChecked() else "xlsx"

    def _default_path(self) -> Path:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = f"mihani-{self.ws.profile.region_code}-{date.today().isoformat()}.{self.fmt()}"
        return Path(folder or Path.home()) / name

    def _suffix(self) -> None:
        path = Path(self.path.text().strip() or self._default_path())
        self.path.setText(str(path.with_suffix(f".{self.fmt()}")))

    def _browse(self) -> None:
        pattern = t("ui.export.filter_csv") if self.fmt() == "csv" else t("ui.export.filter_xlsx")
        name, _ = QFileDialog.getSaveFileName(self, t("ui.export.title"), self.path.text(), pattern)
        if name:
            self.path.setText(name)
            self._suffix()

    def start(self) -> None:
        if self.job is not None or not self.path.text().strip():
            return
        path, fmt = Path(self.path.text().strip()), self.fmt()
        settings.put(settings.EXPORT_FORMAT, fmt)
        job = self.job = ExportJob()
        job.progress.connect(self._progress)
        ws, agent, q, lang = self.ws, self.session.username, self.query, current_language()
        self.export_button.setEnabled(False)
        self.progress.show()
        self.status.setText(t("ui.export.running", count=0))
        operations.run(
            self,
            lambda: export_file(
                ws,
                path,
                fmt,
                agent=agent,
                query=q.text,
                filters=q.active_filters(),
                lang=lang,
                progress=job.progress.emit,
                cancelled=job.stop.is_set,
            ),
            self._done,
            self._failed,
        )

    def _progress(self, count: int) -> None:
        self.status.setText(t("ui.export.running", count=count))

    def _done(self, result) -> None:
        self.job, self.result = None, result
        self.progress.hide()
        self.export_button.setEnabled(True)
        bind(self.cancel_button, text="ui.close")
        self.status.setText(t("ui.export.done", rows=result.rows, path=ltr(str(result.path))))

    def _failed(self, error: BaseException) -> None:
        self.job = None
        self.progress.hide()
        self.export_button.setEnabled(True)
        if isinstance(error, UserFacingError):
            self.status.setText(error.message())
        else:
            from ui.errors import show_error

            show_error(self, error)

    def cancel(self) -> None:
        if self.job is not None:
            self.job.stop.set()
            self.status.setText(t("ui.export.cancelling"))
            return
        self.reject()
