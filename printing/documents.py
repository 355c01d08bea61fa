"""PDF documents from artisan views: proofs, badges and receipts, one per page or imposed.

Plain functions returning PDF bytes, safe to call off the UI thread (one batch at a time:
reportlab's font state is process-wide). Batches take ``progress(done, total)`` and
``cancel()``; a cancelled batch raises ``Cancelled`` and returns nothing.
"""

from __future__ import annotations

import contextlib
import io
import threading
import zlib
from collections.abc import Iterator, Sequence

from reportlab import rl_config
from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import Canvas

from printing import badge, card, receipt, sheet
from printing.draw import Mark, Painter
from printing.fonts import REGULAR, register_fonts
from printing.model import ArtisanView, Cancel, Cancelled, Progress
from printing.photo import Prefetch
from printing.style import A6, CARD_H, CARD_W

KINDS = ("proof", "badge", "receipt")
RECEIPT_FORMATS = ("a5", "roll80")
_lock = threading.Lock()


LEVEL = 1  # zlib level of every stream of the batch's PDF


class _FastFlate(pdfdoc.PDFStreamFilterZCompress):
    """Flate at level 1 rather than zlib's default 6. A card's QR path (some 1,900
    ``re`` operators) takes 2.4 ms at level 6 and 0.3 ms at level 1, for about 1.3 KB
    more per card (the target is 60 KB)."""

    def encode(self, text):
        return zlib.compress(text.encode("utf8") if isinstance(text, str) else text, LEVEL)


_FAST = _FastFlate()


@contextlib.contextmanager
def _pdf(title: str) -> Iterator[tuple[Canvas, io.BytesIO]]:
    """A compressed canvas with binary streams (no ASCII85: JPEGs stay their size), its
    streams compressed by ``_FastFlate``: reportlab reads both settings from module
    globals when it writes, so they are set for the batch (under the lock) and restored."""
    register_fonts()
    with _lock:
        saved = rl_config.useA85, pdfdoc.PDFZCompress
        rl_config.useA85, pdfdoc.PDFZCompress = 0, _FAST
        try:
            out = io.BytesIO()
            canvas = Canvas(out, pageCompression=1, invariant=1, initialFontName=REGULAR)
            canvas.setTitle(title)
            canvas.setCreator("Mihani")
            yield canvas, out
        finally:
            rl_config.useA85, pdfdoc.PDFZCompress = saved


@contextlib.contextmanager
def _photos(views: Sequence[ArtisanView], box) -> Iterator[Prefetch | None]:
    """Photos prepared ahead on a second thread, for a batch of more than one."""
    if len(views) < 2:
        yield None
        return
    prefetch = Prefetch([v.photo for v in views], box.w, box.h)
    try:
        yield prefetch
    finally:
        prefetch.close()


def _step(index: int, total: int, progress: Progress | None, cancel: Cancel | None) -> None:
    if cancel is not None and cancel():
        raise Cancelled
    if progress is not None:
        progress(index, total)


def proofs(
    views: Sequence[ArtisanView],
    *,
    imposed: bool = False,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    marks: list[Mark] | None = None,
) -> bytes:
    """Card proofs: each artisan's front then back on ID-1 pages, or, ``imposed``, A4
    sheets of 2 x 4 fronts followed by their backs (mirrored for duplex)."""
    faces = [card.draw_front, card.draw_back]
    with _pdf("Mihani - épreuves") as (c, out), _photos(views, card.PHOTO) as photos:
        if imposed:
            sheet.impose_cards(c, views, faces, progress, cancel, photos)
        else:
            for index, view in enumerate(views):
                _step(index, len(views), progress, cancel)
                for face in faces:
                    c.setPageSize((CARD_W, CARD_H))
                    face(Painter(c, marks, photos), view)
                    c.showPage()
        c.save()
        return out.getvalue()


def badges(
    views: Sequence[ArtisanView],
    *,
    imposed: bool = False,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    marks: list[Mark] | None = None,
) -> bytes:
    """Provisional badges on A6 pages, or, ``imposed``, four to an A4 sheet."""
    with _pdf("Mihani - badges") as (c, out), _photos(views, badge.PHOTO) as photos:
        if imposed:
            sheet.impose_a6(c, views, badge.draw_badge, progress, cancel, photos)
        else:
            for index, view in enumerate(views):
                _step(index, len(views), progress, cancel)
                c.setPageSize(A6)
                badge.draw_badge(Painter(c, marks, photos), view)
                c.showPage()
        c.save()
        return out.getvalue()


def receipts(
    views: Sequence[ArtisanView],
    *,
    fmt: str = "a5",
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    marks: list[Mark] | None = None,
) -> bytes:
    """Enrolment receipts on A5 pages or on an 80 mm roll (one page each, as long as it
    needs to be)."""
    draw = receipt.draw_a5 if fmt == "a5" else receipt.draw_roll
    with _pdf("Mihani - reçus") as (c, out):
        for index, view in enumerate(views):
            _step(index, len(views), progress, cancel)
            draw(c, view, marks)
            c.showPage()
        c.save()
        return out.getvalue()


def render(
    kind: str,
    views: Sequence[ArtisanView],
    *,
    imposed: bool = False,
    fmt: str = "a5",
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> bytes:
    """One of ``KINDS`` for ``views``."""
    if kind == "proof":
        return proofs(views, imposed=imposed, progress=progress, cancel=cancel)
    if kind == "badge":
        return badges(views, imposed=imposed, progress=progress, cancel=cancel)
    if kind == "receipt":
        return receipts(views, fmt=fmt, progress=progress, cancel=cancel)
    raise ValueError(f"unknown document kind {kind!r}")
