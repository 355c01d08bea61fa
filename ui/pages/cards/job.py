"""One print batch, run on a worker: make the PDF (``printing.jobs.make_pdf``), render its
pages for the preview, write it to a file, or paint it onto a ``QPrinter``.

The worker never touches a widget: it reports progress through ``Job.progress`` (a signal of
an object living on the UI thread, so delivery is queued) and polls ``Job.cancelled``, which
the Cancel button sets. A cancelled batch raises ``printing.model.Cancelled``.

``printing`` and PDFium are imported when a batch runs, not when the window opens.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QRectF, QSizeF, Signal
from PySide6.QtGui import QImage, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter

from app.errors import UserFacingError

PREVIEW_PAGES = 24  # pages shown in the preview; a batch of 1,000 is printed, not previewed
PREVIEW_WIDTH = 900  # pixels across a rendered preview page (shown scaled to the view)
PRINT_DPI = 300  # pages are painted at the printer's resolution, at most this
POINTS_PER_INCH = 72


@dataclass(frozen=True)
class Request:
    """What to print: the artisans (uids), the document, one per page or an A4 sheet."""

    keys: tuple[str, ...]
    kind: str  # proof | badge | receipt
    imposed: bool = False
    fmt: str = "a5"  # receipts: a5 | roll80


@dataclass(frozen=True)
class Preview:
    data: bytes
    images: list[QImage]
    pages: int


class Job(QObject):
    """A batch's cancel flag and its progress, ``(phase, done, total)``."""

    progress = Signal(str, int, int)

    def __init__(self) -> None:
        super().__init__()
        self.stop = threading.Event()

    def cancelled(self) -> bool:
        return self.stop.is_set()

    def check(self) -> None:
        if self.stop.is_set():
            from printing.model import Cancelled

            raise Cancelled

    def reporter(self, phase: str):
        return lambda done, total: self.progress.emit(phase, done, total)


def make(ws, request: Request, job: Job) -> bytes:
    from printing.jobs import make_pdf

    return make_pdf(
        ws,
        request.kind,
        list(request.keys),
        imposed=request.imposed,
        fmt=request.fmt,
        progress=job.reporter("make"),
        cancel=job.cancelled,
    )


def preview(ws, request: Request, job: Job, data: bytes | None = None) -> Preview:
    """The PDF (made unless given) and images of its first pages."""
    from ui import pdf

    data = data if data is not None else make(ws, request, job)
    images, pages = [], 0
    report = job.reporter("preview")
    for index, total, image in pdf.render_pages(
        data, lambda w, _h: PREVIEW_WIDTH / w, count=PREVIEW_PAGES
    ):
        job.check()
        images.append(image)
        pages = total
        report(index + 1, min(total, PREVIEW_PAGES))
    return Preview(data, images, pages)


def save(ws, request: Request, job: Job, path: Path, data: bytes | None = None) -> bytes:
    from printing.jobs import write_pdf

    data = data if data is not None else make(ws, request, job)
    job.check()
    write_pdf(Path(path), data)
    return data


def page_size_of(data: bytes) -> QPageSize:
    """The first page's size, to propose to the print dialog (A5, A6, A4 or the card's)."""
    from ui import pdf

    width, height = pdf.page_sizes(data)[0]
    return QPageSize(
        QSizeF(width, height), QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch
    )


def _target(printer: QPrinter, width_pt: float, height_pt: float) -> QRectF:
    """Where a page goes on the paper, in device pixels: at its real size, centred, shrunk
    only when the paper is smaller than the page."""
    dpi = printer.resolution()
    paper = printer.paperRect(QPrinter.Unit.DevicePixel)
    w, h = width_pt * dpi / POINTS_PER_INCH, height_pt * dpi / POINTS_PER_INCH
    shrink = min(1.0, paper.width() / w, paper.height() / h)
    w, h = w * shrink, h * shrink
    return QRectF((paper.width() - w) / 2, (paper.height() - h) / 2, w, h)


def print_pdf(data: bytes, printer: QPrinter, job: Job) -> int:
    """Paint every page of ``data`` onto ``printer`` (set up by the print dialog on the UI
    thread; QPainter may paint a QPrinter from any thread). Returns the pages printed."""
    from printing.model import Cancelled
    from ui import pdf

    dpi = min(printer.resolution(), PRINT_DPI)
    sizes = pdf.page_sizes(data)
    printer.setFullPage(True)
    printer.setDocName("Mihani")
    painter = QPainter()
    if not painter.begin(printer):
        raise UserFacingError("ui.print.error.printer", name=printer.printerName() or "PDF")
    report = job.reporter("print")
    done = 0
    try:
        for index, total, image in pdf.render_pages(data, lambda _w, _h: dpi / POINTS_PER_INCH):
            if job.cancelled():
                printer.abort()
                raise Cancelled
            if index and not printer.newPage():
                raise UserFacingError("ui.print.error.printer", name=printer.printerName())
            painter.drawImage(_target(printer, *sizes[index]), image)
            done = index + 1
            report(done, total)
    finally:
        painter.end()
    return done
