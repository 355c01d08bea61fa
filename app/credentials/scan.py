"""Finding QR codes in what a verifier is handed: an image (a scan, a photo) or a PDF (every
code on every page). pdfium is not thread-safe: every use of it in the process takes
``PDFIUM_LOCK``."""

from __future__ import annotations

import threading
from pathlib import Path

from app.credentials.qr import read_qr_texts
from app.errors import UserFacingError

PDFIUM_LOCK = threading.RLock()
PDF_SCALE = 300 / 72  # pages at 300 dpi: the small codes of an A4 sheet still decode

Found = list[tuple[str, str]]  # (where it was found, QR text)


def qr_texts_in_image(path: Path | str) -> Found:
    path = Path(path)
    try:
        return [(path.name, text) for text in read_qr_texts(path)]
    except (OSError, ValueError) as exc:
        raise UserFacingError("error.image_unreadable", path=path.name, detail=str(exc)) from exc


def qr_texts_in_pdf(path: Path | str) -> Found:
    import pypdfium2

    path = Path(path)
    found: Found = []
    with PDFIUM_LOCK:
        try:
            pdf = pypdfium2.PdfDocument(path)
        except (OSError, pypdfium2.PdfiumError) as exc:
            raise UserFacingError("error.pdf_unreadable", path=path.name, detail=str(exc)) from exc
        with pdf:
            for number, page in enumerate(pdf, start=1):
                image = page.render(scale=PDF_SCALE, grayscale=True).to_pil()
                found += [(f"{path.name} p.{number}", t) for t in read_qr_texts(image)]
    return found
