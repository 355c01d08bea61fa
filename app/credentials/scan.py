"""Finding QR codes in what a verifier is handed: an image (a scan, a photo) or a PDF (every
code on every page). pdfium is not thread-safe: every use of it in the process takes
``PDFIUM_LOCK``."""

from __future__ import annotations

import threading
from pathlib import Path

from PIL import Image

from app.credentials.qr import read_qr_texts
from app.errors import UserFacingError

PDFIUM_LOCK = threading.RLock()
PDF_SCALE = 300 / 72  # pages at 300 dpi: the small codes of an A4 sheet still decode
MAX_PAGE_PIXELS = 50_000_000  # a hostile page size must not exhaust memory (A4: 8.7 M)

Found = list[tuple[str, str]]  # (where it was found, QR text)


def qr_texts_in_image(path: Path | str) -> Found:
    path = Path(path)
    try:
        return [(path.name, text) for text in read_qr_texts(path)]
    except (OSError, ValueError, Image.DecompressionBombError) as exc:
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
                image = page.render(scale=_scale(*page.get_size()), grayscale=True).to_pil()
                found += [(f"{path.name} p.{number}", t) for t in read_qr_texts(image)]
    return found


def _scale(width_pt: float, height_pt: float) -> float:
    """300 dpi, or less for a page so large it would pass ``MAX_PAGE_PIXELS``."""
    pixels = max(width_pt * height_pt, 1.0) * PDF_SCALE**2
    return PDF_SCALE * min(1.0, (MAX_PAGE_PIXELS / pixels) ** 0.5)
