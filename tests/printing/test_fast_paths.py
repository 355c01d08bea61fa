"""What makes a batch fast changes nothing printed: an enrolment photo goes into the PDF
byte for byte and any other photo is resampled; a photo drawn twice is embedded once; text
written again from the document's cache renders like text drawn afresh."""

from __future__ import annotations

import io
import re
from dataclasses import replace

import pytest
from PIL import Image, ImageChops
from print_artisans import photo as portrait
from print_helpers import render

from printing import card, documents, photo, qr

FRAME = photo._pixels(card.PHOTO.w, card.PHOTO.h)  # the photo frame at 300 dpi


def jpeg(size: tuple[int, int], mode: str = "RGB", quality: int = 80, **options) -> bytes:
    img = Image.open(io.BytesIO(portrait(7, size))).convert(mode)
    out = io.BytesIO()
    img.save(out, format="JPEG", quality=quality, **options)
    return out.getvalue()


def images(pdf: bytes) -> list[tuple[int, int]]:
    """(width, height) of every image XObject of ``pdf`` (reportlab leaves dicts plain)."""
    found = re.findall(rb"/Height (\d+).{0,200}?/Subtype /Image.{0,200}?/Width (\d+)", pdf, re.S)
    return [(int(w), int(h)) for h, w in found]


def test_the_frame_is_3_4_at_300_dpi():
    assert FRAME == (195, 260)


def test_an_enrolment_photo_is_embedded_byte_for_byte(views):
    stored = jpeg((300, 400))  # what the enrolment screen stores: 3:4, 300 x 400, <= 25 KB
    assert len(stored) <= 25_000 and photo.as_is(stored, FRAME)
    pdf = documents.proofs([replace(views[0], photo=stored)])
    assert stored in pdf
    assert images(pdf) == [(300, 400)]


def _exif_rotated() -> bytes:
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90
    return jpeg((300, 400), exif=exif.tobytes())


@pytest.mark.parametrize(
    ("why", "make"),
    [
        ("landscape", lambda: jpeg((640, 480))),
        ("larger than 32 KB", lambda: jpeg((1200, 1600), quality=95)),
        ("too small", lambda: jpeg((120, 160))),
        ("EXIF orientation", _exif_rotated),
        ("CMYK", lambda: jpeg((300, 400), mode="CMYK")),
        ("PNG", lambda: _png((300, 400))),
    ],
)
def test_any_other_photo_is_cropped_and_resampled(views, why, make):
    data = make()
    assert not photo.as_is(data, FRAME), why
    pdf = documents.proofs([replace(views[0], photo=data)])
    assert data not in pdf
    assert images(pdf) == [FRAME]


def _png(size: tuple[int, int]) -> bytes:
    out = io.BytesIO()
    Image.open(io.BytesIO(portrait(3, size))).save(out, format="PNG")
    return out.getvalue()


def test_a_batch_prints_both_kinds_of_photo(views):
    stored, other = jpeg((300, 400)), jpeg((640, 480))
    batch = [replace(views[0], photo=stored), replace(views[1], photo=other), views[3]]
    pdf = documents.proofs(batch)  # more than one: the other photo is prepared on a thread
    assert stored in pdf and other not in pdf
    assert sorted(images(pdf)) == sorted([(300, 400), FRAME, FRAME])  # the last: silhouette


def test_a_photo_drawn_twice_is_embedded_once(views):
    stored = jpeg((300, 400))
    again = bytes(bytearray(stored))  # equal bytes, another object
    pdf = documents.proofs([replace(views[0], photo=stored), replace(views[1], photo=again)])
    assert pdf.count(stored) == 1 and len(images(pdf)) == 1


def test_text_written_again_renders_as_drawn_afresh(views):
    """The last card of a batch (labels, dates, category and commune written from the
    cache, the shared parts from forms) is pixel for pixel the card drawn alone."""
    batch = views[:6]
    together = render(documents.proofs(batch), first=11, last=12)
    alone = render(documents.proofs(batch[-1:]))
    assert len(together) == len(alone) == 2
    for a, b in zip(together, alone, strict=True):
        assert ImageChops.difference(a, b).getbbox() is None


@pytest.mark.parametrize("length", [1, 30, 120, 420, 605, 900])
def test_the_qr_path_fills_exactly_the_dark_modules(length):
    text = ("NCFOA1B2C3D4E5:./-+ $%*" * 50)[:length]
    dark = qr.matrix(text)
    n = len(dark)
    filled = [[False] * n for _ in range(n)]
    path = qr._path(text)
    ops = re.findall(r"^(\d+) (-\d+) (\d+) 1 re$", path, re.M)
    assert path.endswith("\nf") and len(ops) == path.count(" re\n")  # integers only
    for x, y, w in ops:
        row = ~int(y)
        for col in range(int(x), int(x) + int(w)):
            assert not filled[row][col]  # no module twice
            filled[row][col] = True
    assert [tuple(r) for r in filled] == list(dark)
