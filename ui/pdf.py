"""PDF pages as images, with pypdfium2 (the same renderer as ``mihani verify --pdf``), for
the print preview, for printing through ``QPrinter`` and for reading QR codes from a PDF.

Runs on workers: only ``QImage`` (which any thread may paint) and no widget. PDFium is not
thread-safe, so every call holds one lock.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pypdfium2
from PySide6.QtGui import QImage

from app.credentials.scan import PDFIUM_LOCK
from app.errors import UserFacingError

POINTS_PER_INCH = 72
_LOCK = PDFIUM_LOCK  # one lock for every use of pdfium in the process


def _open(data: bytes | Path) -> pypdfium2.PdfDocument:
    try:
        return pypdfium2.PdfDocument(data)
    except (OSError, pypdfium2.PdfiumError) as exc:
        name = data.name if isinstance(data, Path) else "PDF"
        raise UserFacingError("error.pdf_unreadable", path=name, detail=str(exc)) from exc


def page_sizes(data: bytes) -> list[tuple[float, float]]:
    """Each page's width and height, in points."""
    with _LOCK:
        pdf = _open(data)
        with pdf:
            return [tuple(pdf.get_page_size(i)) for i in range(len(pdf))]


def _image(page, scale: float) -> QImage:
    bitmap = page.render(scale=scale, prefer_bgrx=True, rev_byteorder=True)
    image = QImage(
        bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGBX8888
    )
    return image.copy()  # detach from PDFium's buffer before it is freed


def render_pages(
    data: bytes,
    scale: Callable[[float, float], float],
    first: int = 0,
    count: int | None = None,
) -> Iterator[tuple[int, int, QImage]]:
    """``(index, total, image)`` for pages ``first`` … ``first + count - 1``; ``scale(width,
    height)`` gives the pixels per point of each page. The lock is held per call into
    PDFium, so another job may render between two pages."""
    with _LOCK:
        pdf = _open(data)
    try:
        total = len(pdf)
        end = total if count is None else min(total, first + count)
        for index in range(first, end):
            with _LOCK:
                page = pdf[index]
                width, height = page.get_size()
                image = _image(page, scale(width, height))
                page.close()
            yield index, total, image
    finally:
        with _LOCK:
            pdf.close()
