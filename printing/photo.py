"""The artisan's photo for print: cropped to the frame, resampled to 300 dpi, JPEG.

A stored photo may be up to 200 KB; resampled to the frame it is 10-25 KB, which keeps a
card under 60 KB in a 1,000-card PDF. reportlab embeds the JPEG as is (DCT), no re-encode.
Without a photo, a neutral silhouette takes its place.
"""

from __future__ import annotations

import io
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache

from PIL import Image, ImageDraw, ImageOps
from reportlab.lib.utils import ImageReader

DPI = 300
QUALITY = 80


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


class Prefetch:
    """Photos of a batch prepared on a second thread while the first draws (Pillow
    releases the GIL while it decodes, resamples and encodes): a two-core laptop prints
    a batch nearly twice as fast. ``get`` waits for one photo if it is not ready yet."""

    def __init__(self, photos: list[bytes | None], width_pt: float, height_pt: float) -> None:
        size = _pixels(width_pt, height_pt)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="mihani-photos")
        self._futures = {id(d): self._pool.submit(_prepare, d, size) for d in photos if d}
        self._keep = photos  # the ids stay valid while the batch lives

    def get(self, data: bytes) -> bytes | None:
        future = self._futures.get(id(data))
        return future.result() if future is not None else None

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


def print_jpeg(data: bytes, width_pt: float, height_pt: float) -> bytes:
    """``data`` (JPEG or PNG) as a JPEG cropped to the frame's proportions at 300 dpi."""
    return _cached(data, _pixels(width_pt, height_pt))


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


def reader(jpeg: bytes) -> ImageReader:
    return ImageReader(io.BytesIO(jpeg))
