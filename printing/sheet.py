"""Imposition on A4: 2 x 4 cards with 3 mm bleed and crop marks; 2 x 2 A6 badges.

Cards: each cell is the card plus its bleed, the cells touch, the grid is centred, and
crop marks in the margins extend every trim line. A sheet of fronts is followed by the
sheet of their backs, columns mirrored, so that a duplex print (long-edge flip) puts each
back behind its front.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reportlab.lib.units import mm

from printing.draw import Painter
from printing.model import ArtisanView, Cancel, Cancelled, Progress
from printing.photo import Prefetch
from printing.style import A4, BLEED, CARD_H, CARD_W, CROP

COLS, ROWS = 2, 4
PER_SHEET = COLS * ROWS
CELL_W, CELL_H = CARD_W + 2 * BLEED, CARD_H + 2 * BLEED
GRID_X = (A4[0] - COLS * CELL_W) / 2
GRID_Y = (A4[1] - ROWS * CELL_H) / 2
MARK_GAP, MARK_LEN = 2 * mm, 5 * mm

Face = Callable[[Painter, ArtisanView, float], None]


def trim_origin(col: int, row: int) -> tuple[float, float]:
    """Bottom-left corner of the trim box of the card at (col, row), row 0 at the top."""
    x = GRID_X + col * CELL_W + BLEED
    y = A4[1] - GRID_Y - (row + 1) * CELL_H + BLEED
    return x, y


def crop_marks(canvas) -> None:
    canvas.setStrokeColor(CROP)
    canvas.setLineWidth(0.25)
    top, bottom = A4[1] - GRID_Y, GRID_Y
    left, right = GRID_X, A4[0] - GRID_X
    for col in range(COLS):
        x0, _ = trim_origin(col, 0)
        for x in (x0, x0 + CARD_W):
            canvas.line(x, top + MARK_GAP, x, top + MARK_GAP + MARK_LEN)
            canvas.line(x, bottom - MARK_GAP, x, bottom - MARK_GAP - MARK_LEN)
    for row in range(ROWS):
        _, y0 = trim_origin(0, row)
        for y in (y0, y0 + CARD_H):
            canvas.line(left - MARK_GAP, y, left - MARK_GAP - MARK_LEN, y)
            canvas.line(right + MARK_GAP, y, right + MARK_GAP + MARK_LEN, y)


def _cell(canvas, face: Face, view: ArtisanView, x: float, y: float, photos) -> None:
    canvas.saveState()
    clip = canvas.beginPath()
    clip.rect(x - BLEED, y - BLEED, CELL_W, CELL_H)
    canvas.clipPath(clip, stroke=0, fill=0)
    canvas.translate(x, y)
    face(Painter(canvas, photos=photos), view, BLEED)
    canvas.restoreState()


def impose_cards(
    canvas,
    views: Sequence[ArtisanView],
    faces: Sequence[Face],
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    photos: Prefetch | None = None,
) -> int:
    """Every view on A4 sheets, one sheet per face per 8 cards; returns the page count."""
    pages = 0
    for start in range(0, len(views), PER_SHEET):
        batch = views[start : start + PER_SHEET]
        for side, face in enumerate(faces):
            canvas.setPageSize(A4)
            for i, view in enumerate(batch):
                if side == 0:
                    if cancel is not None and cancel():
                        raise Cancelled
                    if progress is not None:
                        progress(start + i, len(views))
                col, row = i % COLS, i // COLS
                if side % 2 == 1:
                    col = COLS - 1 - col
                _cell(canvas, face, view, *trim_origin(col, row), photos)
            crop_marks(canvas)
            canvas.showPage()
            pages += 1
    return pages


def impose_a6(
    canvas,
    views: Sequence[ArtisanView],
    draw: Callable[[Painter, ArtisanView], None],
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    photos: Prefetch | None = None,
) -> int:
    """Four A6 badges to an A4 sheet, with cut ticks at the middle of each edge."""
    w, h = A4[0] / 2, A4[1] / 2
    pages = 0
    for start in range(0, len(views), 4):
        canvas.setPageSize(A4)
        for i, view in enumerate(views[start : start + 4]):
            if cancel is not None and cancel():
                raise Cancelled
            if progress is not None:
                progress(start + i, len(views))
            canvas.saveState()
            canvas.translate((i % 2) * w, h - (i // 2) * h)
            draw(Painter(canvas, photos=photos), view)
            canvas.restoreState()
        canvas.setStrokeColor(CROP)
        canvas.setLineWidth(0.25)
        for x0, y0, x1, y1 in (
            (w, 0, w, 4 * mm),
            (w, A4[1], w, A4[1] - 4 * mm),
            (0, h, 4 * mm, h),
            (A4[0], h, A4[0] - 4 * mm, h),
        ):
            canvas.line(x0, y0, x1, y1)
        canvas.showPage()
        pages += 1
    return pages
