"""Files handed to a verifier may be hostile: a picture that claims billions of pixels, a PDF
that is not one or is cut, a page the size of a wall. Each gets a clear refusal or a bounded
reading, never a crash or memory exhaustion."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from app.credentials import qr_image
from app.credentials.scan import (
    MAX_PAGE_PIXELS,
    PDF_SCALE,
    _scale,
    qr_texts_in_image,
    qr_texts_in_pdf,
)
from app.errors import UserFacingError

TEXT = "NCFOXN%TSMAHN-H3O4:PK%I0*UNTR9R5QW4E4J*23"


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def test_a_picture_claiming_ten_billion_pixels_is_refused_clearly(tmp_path: Path) -> None:
    header = struct.pack(">IIBBBBB", 100_000, 100_000, 1, 0, 0, 0, 0)  # 1-bit grey
    bomb = tmp_path / "bomb.png"
    bomb.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(b""))
        + _chunk(b"IEND", b"")
    )
    with pytest.raises(UserFacingError) as err:
        qr_texts_in_image(bomb)
    assert err.value.msgid == "error.image_unreadable"


@pytest.mark.parametrize("data", [b"", b"%PDF-1.7\n", b"not a pdf at all", b"\x00" * 4096])
def test_what_is_not_a_pdf_is_refused_clearly(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "card.pdf"
    path.write_bytes(data)
    with pytest.raises(UserFacingError) as err:
        qr_texts_in_pdf(path)
    assert err.value.msgid == "error.pdf_unreadable"


def _pdf(size_pt: float, qr_pt: float) -> bytes:
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=(size_pt, size_pt))
    c.drawImage(ImageReader(qr_image(TEXT, scale=4)), 50, 50, qr_pt, qr_pt)
    c.showPage()
    c.save()
    return out.getvalue()


def test_a_cut_pdf_is_refused_or_read_but_never_crashes(tmp_path: Path) -> None:
    whole = _pdf(595, 200)
    for keep in (len(whole) // 4, len(whole) // 2, len(whole) - 30):
        path = tmp_path / f"cut{keep}.pdf"
        path.write_bytes(whole[:keep])
        try:
            found = qr_texts_in_pdf(path)
        except UserFacingError as err:
            assert err.msgid == "error.pdf_unreadable"
        else:
            assert [t for _, t in found] in ([], [TEXT])


def test_a_wall_sized_page_is_read_within_the_pixel_cap(tmp_path: Path) -> None:
    assert _scale(595, 842) == PDF_SCALE  # an A4 sheet keeps its 300 dpi
    side = 14_400  # the largest page PDF allows: 5 m by 5 m, 3.6 billion pixels at 300 dpi
    assert (side * _scale(side, side)) ** 2 <= MAX_PAGE_PIXELS * 1.001
    path = tmp_path / "wall.pdf"
    path.write_bytes(_pdf(side, 3000))
    assert [t for _, t in qr_texts_in_pdf(path)] == [TEXT]  # a big code still reads
