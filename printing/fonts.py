"""The shipped fonts (Amiri, OFL), registered once with reportlab and embedded in every PDF.

Only the files in ``resources/fonts/`` are used, never a system font, so a PDF looks the
same on every laptop. Amiri covers Arabic (with its joining forms and tashkeel) and Latin.
"""

from __future__ import annotations

import threading
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONTS_DIR = Path(__file__).resolve().parent.parent / "resources" / "fonts"
REGULAR = "Mihani-Amiri"
BOLD = "Mihani-Amiri-Bold"
FILES = {REGULAR: "Amiri-Regular.ttf", BOLD: "Amiri-Bold.ttf"}

_lock = threading.Lock()
_done = False


def register_fonts() -> None:
    """Register the shipped fonts with reportlab (idempotent, thread-safe)."""
    global _done
    if _done:
        return
    with _lock:
        if _done:
            return
        for name, file in FILES.items():
            path = FONTS_DIR / file
            if not path.exists():
                raise FileNotFoundError(f"shipped font missing: {path}")
            pdfmetrics.registerFont(TTFont(name, str(path), shapable=True))
        pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD)
        _done = True


def metrics(font: str) -> tuple[float, float]:
    """Ascent and descent (descent negative) of ``font`` per point of size."""
    register_fonts()
    face = pdfmetrics.getFont(font).face
    return face.ascent / 1000, face.descent / 1000
