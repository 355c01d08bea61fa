"""Cards and printing: choose the artisans and the document (card proof, provisional badge,
receipt on A5 or an 80 mm roll; one per page or an A4 sheet), then preview, print through
the system's printers, or save the PDF. Every batch runs on a worker with a progress bar and
a Cancel button; the PDF made for the preview is reused by Print and Save while nothing
changed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ui import operations, settings
from ui.errors import show_error
from ui.i18n import bind, t
from ui.pages.cards import job as jobs
from ui.pages.cards.preview import PreviewView
from ui.pages.cards.selection import Selection

DOCUMENTS = ("proof", "badge", "receipt:a5", "receipt:roll80")


class CardsPage(QWidget):
    def __init__(self, session, register_selection=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("cardsPage")
        self.job: jobs.Job | None = None
        self.made: tuple[jobs.Request, bytes] | None = None  # the last PDF and its request
        title = bind(QLabel(), text="ui.nav.cards")
        title.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.selection = Selection(session, register_selection)
        self.selection.changed.connect(self._changed)
        chosen = bind(QGroupBox(), title="ui.cards.artisans")
        QVBoxLayout(chosen).addWidget(self.selection)
        self.document = QComboBox()
        self.document.setObjectName("printDocument")
        for key in DOCUMENTS:
            self.document.addItem("", key)
        self.document.currentIndexChanged.connect(self._changed)
        self.single = bind(QRadioButton(), text="ui.cards.single")
        self.sheet = bind(QRadioButton(), text="ui.cards.sheet", tooltip="ui.cards.sheet_tip")
        self.sheet.setObjectName("printSheet")
        self.single.setChecked(True)
        group = QButtonGroup(self)
        for b in (self.single, self.sheet):
            group.addButton(b)
            b.toggled.connect(self._changed)
        layouts = QHBoxLayout()
        layouts.addWidget(self.single)
        layouts.addWidget(self.sheet)
        layouts.addStretch(1)
        options = bind(QGroupBox(), title="ui.cards.document")
        form = QFormLayout(options)
        form.addRow(bind(QLabel(), text="ui.cards.document_kind"), self.document)
        form.addRow(bind(QLabel(), text="ui.cards.layout"), layouts)
        self.preview_button = bind(QPushButton(), text="ui.cards.preview")
        self.preview_button.setObjectName("previewButton")
        self.preview_button.setDefault(True)
        self.print_button = bind(QPushButton(), text="ui.cards.print")
        self.print_button.setObjectName("printButton")
        self.save_button = bind(QPushButton(), text="ui.cards.save")
        self.save_button.setObjectName("savePdfButton")
        self.cancel_button = bind(QPushButton(), text="ui.cancel")
        self.cancel_button.setObjectName("cancelPrint")
        self.preview_button.clicked.connect(self.preview)
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_pdf)
        self.cancel_button.clicked.connect(self.cancel)
        actions = QHBoxLayout()
        for b in (self.preview_button, self.print_button, self.save_button):
            actions.addWidget(b)
        actions.addStretch(1)
        actions.addWidget(self.cancel_button)
        self.progress = QProgressBar()
        self.progress.setObjectName("printProgress")
        self.status = QLabel()
        self.status.setObjectName("printStatus")
        self.status.setWordWrap(True)
        left = QVBoxLayout()
        left.addWidget(title)
        left.addWidget(chosen, 1)
        left.addWidget(options)
        left.addLayout(actions)
        left.addWidget(self.progress)
        left.addWidget(self.status)
        self.view = PreviewView()
        layout = QHBoxLayout(self)
        layout.addLayout(left, 2)
        layout.addWidget(self.view, 3)
        self.retranslate()
        self._idle()

    # what to print ----------------------------------------------------------------------

    def request(self) -> jobs.Request:
        kind, _, fmt = self.document.currentData().partition(":")
        imposed = self.sheet.isChecked() and kind != "receipt"
        return jobs.Request(self.selection.uids(), kind, imposed, fmt or "a5")

    def set_document(self, kind: str, imposed: bool = False) -> None:
        """``kind``: proof, badge or receipt (on the receipt paper chosen last)."""
        if kind == "receipt":
            kind = f"receipt:{settings.get(settings.RECEIPT_FORMAT)}"
        self.document.setCurrentIndex(max(0, self.document.findData(kind)))
        (self.sheet if imposed else self.single).setChecked(True)

    def prepare(self, uids: list[str], kind: str | None = None) -> None:
        """Open with these artisans chosen (the enrolment result, a record) and preview."""
        if kind is not None:
            self.set_document(kind)
        self.selection.set_keys(list(uids), then=self.preview)

    def _changed(self) -> None:
        kind = (self.document.currentData() or "").partition(":")[0]
        self.sheet.setEnabled(kind != "receipt")
        if kind.startswith("receipt"):
            settings.put(settings.RECEIPT_FORMAT, self.request().fmt)
        if self.made is not None and self.made[0] != self.request():
            self.made = None
            self.view.clear()
        self._idle()

    # running a batch --------------------------------------------------------------------

    def busy(self) -> bool:
        return self.job is not None

    def _start(self, work, done) -> None:
        """Run ``work(request, job, cached)`` on a worker (``cached``: the PDF already made
        for this request, or None); ``done(result)`` on the UI thread."""
        if self.busy():
            return
        request = self.request()
        if not request.keys:
            self._say("ui.cards.nothing")
            return
        job = self.job = jobs.Job()
        job.progress.connect(self._progress)
        self.progress.setRange(0, 0)  # busy until the first step is counted
        self._say("ui.cards.phase_start")
        self._idle()

        def success(result) -> None:
            self.job = None
            self._idle()
            done(result)

        def failure(exc: BaseException) -> None:
            from printing.model import Cancelled

            self.job = None
            self.progress.setRange(0, 1)
            self.progress.setValue(0)
            self._idle()
            if isinstance(exc, Cancelled):
                self._say("ui.cards.cancelled")
            else:
                self._say("ui.cards.failed")
                show_error(self, exc)

        cached = self._cached(request)
        operations.run(self, lambda: work(request, job, cached), success, failure)

    def _cached(self, request: jobs.Request) -> bytes | None:
        return self.made[1] if self.made is not None and self.made[0] == request else None

    def preview(self) -> None:
        ws = self.session.ws

        def work(request, job, cached):
            return request, jobs.preview(ws, request, job, cached)

        def done(result) -> None:
            request, shown = result
            self.made = (request, shown.data)
            self.view.show_pages(shown.images, shown.pages)
            self._say("ui.cards.previewed", pages=shown.pages)

        self._start(work, done)

    def save_pdf(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, t("ui.cards.save_title"), str(Path.home() / "mihani.pdf"), "PDF (*.pdf)"
        )
        if path:
            self.save_to(Path(path if path.lower().endswith(".pdf") else f"{path}.pdf"))

    def save_to(self, path: Path) -> None:
        ws = self.session.ws

        def work(request, job, cached):
            return request, jobs.save(ws, request, job, path, cached)

        def done(result) -> None:
            self.made = result
            self._say("ui.cards.saved", path=str(path))

        self._start(work, done)

    def print_document(self) -> None:
        """Make the PDF (or reuse the preview's), then the system's print dialog."""
        from ui.pages.cards.printer import ask_printer

        ws = self.session.ws

        def work(request, job, cached):
            return request, cached or jobs.make(ws, request, job)

        def done(result) -> None:
            self.made = result
            printer = ask_printer(self, result[1])
            if printer is not None:
                self.print_to(printer)

        self._start(work, done)

    def print_to(self, printer) -> None:
        """Print on ``printer`` (set up already: the dialog, or a PDF file in tests)."""
        ws = self.session.ws
        self._printer = printer  # kept alive until the worker is done with it

        def work(request, job, cached):
            data = cached or jobs.make(ws, request, job)
            return request, data, jobs.print_pdf(data, printer, job)

        def done(result) -> None:
            self.made = result[:2]
            self._say("ui.cards.printed", pages=result[2])

        self._start(work, done)

    def cancel(self) -> None:
        if self.job is not None:
            self.job.stop.set()
            self._say("ui.cards.cancelling")

    def _progress(self, phase: str, done: int, total: int) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)
        if self.job is not None and not self.job.cancelled():
            self._say(f"ui.cards.phase_{phase}", done=done, total=total)

    # state ------------------------------------------------------------------------------

    def _say(self, msgid: str, **params) -> None:
        bind(self.status, params, text=msgid)

    def _idle(self) -> None:
        running = self.busy()
        has = bool(self.selection.records)
        for b in (self.preview_button, self.print_button, self.save_button):
            b.setEnabled(has and not running)
        self.cancel_button.setEnabled(running)
        self.selection.setEnabled(not running)
        self.document.setEnabled(not running)

    def retranslate(self) -> None:
        for i in range(self.document.count()):
            key = self.document.itemData(i).replace(":", "_")
            self.document.setItemText(i, t(f"ui.cards.doc_{key}"))
