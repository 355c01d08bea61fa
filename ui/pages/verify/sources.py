"""What the Verify page runs on a worker: the QR texts of an image or a PDF, and one verdict
per text against this laptop's trust (``app.credentials.verify``; nothing decided here)."""

from __future__ import annotations

from pathlib import Path

from app.credentials import Verdict, clean_scanned_text, read_qr_texts, verify
from app.errors import UserFacingError
from app.issuer import laptop_trust
from ui import pdf

Found = list[tuple[str, str]]  # (where, QR text)


def image_texts(path: Path) -> Found:
    path = Path(path)
    try:
        texts = read_qr_texts(path)
    except (OSError, ValueError) as exc:
        raise UserFacingError("error.image_unreadable", path=path.name, detail=str(exc)) from exc
    return [(path.name, text) for text in texts]


def pdf_texts(path: Path) -> Found:
    return pdf.qr_texts(Path(path))


def check(ws, found: Found, path: Path | None = None) -> list[tuple[str, Verdict]]:
    """One verdict per code; none found in a file is said so."""
    if not found and path is not None:
        raise UserFacingError("error.no_qr_found", path=Path(path).name)
    trust = laptop_trust(ws)
    return [(where, verify(clean_scanned_text(text), trust)) for where, text in found]
