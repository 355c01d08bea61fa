"""QR codes drawn as vectors from their module matrix, with a clear quiet zone.

The matrix comes from zxing-cpp's encoder at error-correction level M (about 2 ms for a
badge's code, where the pure-Python ``qrcode`` takes about 40 ms and would cap a batch
at 25 cards a second); ``app.credentials.qr_matrix`` gives the same version and decodes
the same. Dark modules are merged into horizontal runs and filled as one path.
"""

from __future__ import annotations

import re
from functools import lru_cache

import zxingcpp

from printing.style import INK, QUIET_ZONE, WHITE

_DARK_RUN = re.compile(rb"[\x00-\x7f]+")


@lru_cache(maxsize=256)
def _modules(text: str) -> tuple[int, bytes]:
    """Side and pixels (one byte a module, dark < 128) of ``text``'s code at level M."""
    code = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    image = code.to_image(scale=1, add_quiet_zones=False)
    return image.shape[1], memoryview(image).tobytes()


def matrix(text: str) -> tuple[tuple[bool, ...], ...]:
    """The modules of ``text``'s QR code (level M), dark = True, without the quiet zone."""
    n, raw = _modules(text)
    return tuple(tuple(b < 128 for b in raw[r * n : (r + 1) * n]) for r in range(n))


def modules_with_quiet_zone(text: str) -> int:
    return len(matrix(text)) + 2 * QUIET_ZONE


@lru_cache(maxsize=256)
def _path(text: str) -> str:
    """The dark modules as PDF path operators in module units (row 0 at the top): one
    rectangle per horizontal run, integers only, then one fill."""
    n, raw = _modules(text)
    ops = [
        f"{m.start() - r * n} {-(r + 1)} {m.end() - m.start()} 1 re"
        for r in range(n)
        for m in _DARK_RUN.finditer(raw, r * n, (r + 1) * n)
    ]
    ops.append("f")
    return "\n".join(ops)


def draw_qr(canvas, text: str, x: float, y: float, size: float) -> float:
    """Draw ``text``'s code in the square (x, y, size), quiet zone included, on white.
    Returns the module size in points."""
    n = _modules(text)[0]
    module = size / (n + 2 * QUIET_ZONE)
    canvas.saveState()
    canvas.setFillColor(WHITE)
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    canvas.setFillColor(INK)
    canvas.translate(x + QUIET_ZONE * module, y + size - QUIET_ZONE * module)
    canvas.scale(module, module)
    canvas.addLiteral(_path(text))
    canvas.restoreState()
    return module
