"""QR codes drawn as vectors from their module matrix, with a clear quiet zone.

The matrix comes from zxing-cpp's encoder at error-correction level M (about 2 ms for a
badge's code, where the pure-Python ``qrcode`` takes about 40 ms and would cap a batch
at 25 cards a second); ``app.credentials.qr_matrix`` gives the same version and decodes
the same. Dark modules are merged into horizontal runs (cut every 8 columns: the path is
looked up by 8-module patterns, not scanned module by module) and filled as one path.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import product

import zxingcpp

from printing.style import INK, QUIET_ZONE, WHITE


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


CHUNK = 8  # modules looked up at once: 256 patterns
_DARK = bytes(1 if b < 128 else 0 for b in range(256))  # pixel -> 1 dark, 0 light
_ONES = re.compile(rb"\x01+")
_ROWS = [str(~r) for r in range(200)]  # the y of row r (row 0 at the top): -1, -2, ...


@lru_cache(maxsize=8)
def _tables(n: int) -> tuple[list[dict[bytes, str]], list[slice]]:
    """For a code of side ``n``: for each band of ``CHUNK`` columns, the operators of each
    pattern of its modules in a row, with ``@`` where the row's y goes."""
    tables = []
    for c0 in range(0, n, CHUNK):
        patterns = (bytes(p) for p in product(b"\x00\x01", repeat=min(CHUNK, n - c0)))
        tables.append(
            {
                p: "".join(
                    f"{c0 + a} @ {b - a} 1 re\n" for a, b in map(re.Match.span, _ONES.finditer(p))
                )
                for p in patterns
            }
        )
    return tables, [slice(c0, c0 + CHUNK) for c0 in range(0, n, CHUNK)]


@lru_cache(maxsize=256)
def _path(text: str) -> str:
    """The dark modules as PDF path operators in module units (row 0 at the top): one
    rectangle per horizontal run (cut at every ``CHUNK`` columns: each piece of a row is
    looked up, not scanned, 0.25 ms a code instead of 1.2 ms), integers only, one fill."""
    n, raw = _modules(text)
    tables, bands = _tables(n)
    dark = raw.translate(_DARK)
    rows = []
    for r in range(n):
        row = dark[r * n : (r + 1) * n]
        ops = "".join(map(dict.__getitem__, tables, map(row.__getitem__, bands)))
        rows.append(ops.replace("@", _ROWS[r]))
    return "".join(rows) + "f"


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
