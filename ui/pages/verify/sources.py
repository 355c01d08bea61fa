"""What the Verify page runs on a worker: the QR texts of an image or a PDF, and one verdict
per text against this laptop's trust (``app.credentials.verify``; nothing decided here)."""

from __future__ import annotations

from pathlib import Path

from app.credentials import Verdict, clean_scanned_text, verify
from app.credentials.scan import Found, qr_texts_in_image, qr_texts_in_pdf
from app.errors import UserFacingError
from app.issuer import laptop_trust

image_texts = qr_texts_in_image
pdf_texts = qr_texts_in_pdf


def check(ws, found: Found, path: Path | None = None) -> list[tuple[str, Verdict]]:
    """One verdict per code; none found in a file is said so."""
    if not found and path is not None:
        raise UserFacingError("error.no_qr_found", path=Path(path).name)
    trust = laptop_trust(ws)
    return [(where, verify(clean_scanned_text(text), trust)) for where, text in found]
