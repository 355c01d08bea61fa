"""QR codes of credential texts (error correction M) and reading them back from images."""

from __future__ import annotations

from pathlib import Path

import qrcode
import qrcode.constants
from PIL import Image

QUIET_ZONE = 4


def _qr(text: str, *, scale: int = 1, border: int = 0) -> qrcode.QRCode:
    qr = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=scale, border=border
    )
    qr.add_data(text)  # base45 is the QR alphanumeric alphabet: one alphanumeric segment
    qr.make(fit=True)
    return qr


def qr_matrix(text: str) -> list[list[bool]]:
    """The modules of ``text``'s QR code, dark = True, rows top to bottom, without the quiet
    zone (the printing room draws them as vectors and leaves ``QUIET_ZONE`` modules clear)."""
    return [list(row) for row in _qr(text).get_matrix()]


def qr_version(text: str) -> int:
    """The QR version (1-40) ``text`` needs at level M."""
    return _qr(text).version


def qr_image(text: str, scale: int = 8) -> Image.Image:
    """A black-on-white image of the code, ``scale`` pixels a module, with its quiet zone."""
    img = _qr(text, scale=scale, border=QUIET_ZONE).make_image(
        fill_color="black", back_color="white"
    )
    return img.get_image().convert("L")


def qr_png(text: str, path: Path | str, scale: int = 8) -> None:
    qr_image(text, scale).save(Path(path), format="PNG")


def read_qr_texts(image: Image.Image | Path | str) -> list[str]:
    """The texts of every QR code in an image (a scan, a photo, a rendered page)."""
    import zxingcpp

    if not isinstance(image, Image.Image):
        with Image.open(image) as opened:
            image = opened.convert("L")
    return [r.text for r in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]
