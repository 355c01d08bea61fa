"""The artisan's photo for print: the stored JPEG as it is, or cropped and resampled.

The enrolment screen stores a 3:4 JPEG of 300 x 400 pixels and at most 25 KB: such a photo
already fits the frame (460 dpi there), so it goes into the PDF byte for byte, never
decoded (``as_is``). Any other photo (up to 200 KB, another shape, EXIF-rotated, CMYK) is
cropped to the frame and resampled to a 300 dpi JPEG of 10-25 KB. Either way a card stays
under 60 KB in a 1,000-card PDF. reportlab embeds a JPEG as is (DCT), and, handed a
``Jpeg``, never decodes it. Without a photo, a neutral silhouette takes its place.
"""

from __future__ import annotations

import io
import struct
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache

from PIL import Image, ImageDraw, ImageOps
from reportlab.pdfbase.pdfdoc import PDFError
from reportlab.pdfbase.pdfutils import readJPEGInfo

DPI = 300
QUALITY = 80
AS_IS_BYTES = 32_000  # a stored JPEG up to this size may go into the PDF unchanged


def _pixels(width_pt: float, height_pt: float) -> tuple[int, int]:
    return max(8, round(width_pt / 72 * DPI)), max(8, round(height_pt / 72 * DPI))


def _prepare(data: bytes, size: tuple[int, int]) -> bytes:
    with Image.open(io.BytesIO(data)) as img:
        img.draft("RGB", size)  # a JPEG decodes at 1/2, 1/4 or 1/8 scale, never below size
        img = ImageOps.exif_transpose(img) or img
        img = img.convert("RGB")
        fitted = ImageOps.fit(img, size, Image.Resampling.LANCZOS, centering=(0.5, 0.35))
    out = io.BytesIO()
    fitted.save(out, format="JPEG", quality=QUALITY, optimize=True, progressive=False)
    return out.getvalue()


_cached = lru_cache(maxsize=64)(_prepare)


def as_is(data: bytes, size: tuple[int, int]) -> bool:
    """Whether ``data`` can be printed in a frame of ``size`` (pixels at 300 dpi) as it is:
    a JPEG of at most ``AS_IS_BYTES``, grey or RGB, no EXIF (so no rotation to apply), the
    frame's shape within 1 %, between 0.95 and 3 times the frame's 300 dpi pixels across.
    Only the markers are read (reportlab's own reader, the one that will embed it)."""
    if len(data) > AS_IS_BYTES or data[:2] != b"\xff\xd8" or b"Exif\0" in data[:1024]:
        return False
    try:
        w, h, components, _dpi = readJPEGInfo(io.BytesIO(data))
    except (PDFError, struct.error):
        return False
    fw, fh = size
    return (
        components in (1, 3) and abs(w * fh - h * fw) <= 0.01 * w * fh and 0.95 * fw <= w <= 3 * fw
    )


class Prefetch:
    """The photos of a batch that must be resampled, prepared on a second thread while the
    first draws (Pillow releases the GIL while it decodes, resamples and encodes; each
    time it needs the GIL back it may wait for the drawing thread, so this thread, not
    the drawing, sets the pace of such a batch). Photos printed as they are need none.
    ``get`` waits for one photo if it is not ready yet."""

    def __init__(self, photos: list[bytes | None], width_pt: float, height_pt: float) -> None:
        size = _pixels(width_pt, height_pt)
        todo = [d for d in photos if d and not as_is(d, size)]
        self._pool = None
        self._futures = {}
        if todo:  # photos printed as they are need no thread
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mihani-photos")
            self._futures = {id(d): self._pool.submit(_prepare, d, size) for d in todo}
        self._keep = photos  # the ids stay valid while the batch lives

    def get(self, data: bytes) -> bytes | None:
        future = self._futures.get(id(data))
        return future.result() if future is not None else None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)


def print_jpeg(data: bytes, width_pt: float, height_pt: float) -> bytes:
    """``data`` (JPEG or PNG) as a JPEG of the frame's proportions: as it is when it can
    be (``as_is``), else cropped and resampled to 300 dpi."""
    size = _pixels(width_pt, height_pt)
    return data if as_is(data, size) else _cached(data, size)


@lru_cache(maxsize=8)
def silhouette(width_pt: float, height_pt: float) -> bytes:
    """A grey head-and-shoulders outline for a record without a photo."""
    w, h = _pixels(width_pt, height_pt)
    img = Image.new("RGB", (w, h), (232, 232, 228))
    draw = ImageDraw.Draw(img)
    grey = (186, 188, 184)
    draw.ellipse((w * 0.30, h * 0.16, w * 0.70, h * 0.52), fill=grey)
    draw.ellipse((w * 0.10, h * 0.58, w * 0.90, h * 1.25), fill=grey)
    out = io.BytesIO()
    img.save(out, format="JPEG", quality=QUALITY)
    return out.getvalue()


class Jpeg:
    """A JPEG for ``canvas.drawImage``, embedded as is: reportlab reads its header and copies
    its bytes (DCT). An ``ImageReader`` would also decode it to name the image by a digest
    of its pixels (about 1 ms a photo); this one is named by ``name`` (see ``embed``)."""

    def __init__(self, data: bytes, name: str) -> None:
        self._data = data
        self._name = name

    def __str__(self) -> str:  # reportlab names a non-ImageReader image by str()
        return self._name

    def jpeg_fh(self) -> io.BytesIO:  # reportlab's hook for a JPEG passed through as is
        return io.BytesIO(self._data)


def embed(canvas, jpeg: bytes) -> Jpeg:
    """``jpeg`` ready for ``canvas.drawImage``. The same bytes get the same name in one
    document (compared whole, no digest that could collide), so a photo drawn twice is
    embedded once."""
    names = canvas.__dict__.setdefault("_mihani_jpegs", {})
    return Jpeg(jpeg, names.setdefault(jpeg, f"mihani-jpeg-{len(names)}"))
