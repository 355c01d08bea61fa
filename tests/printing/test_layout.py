"""Over 30 edge-case artisans: nothing drawn outside the safe area (by the drawing's own
record and by the rendered pixels), and the QR code still decodes."""

from __future__ import annotations

import io
from itertools import pairwise

import pytest
from PIL import Image, ImageChops, ImageDraw
from print_artisans import EDGE
from print_helpers import render
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from app.credentials import read_qr_texts
from printing import badge, card, documents
from printing.benefits import load_benefits
from printing.draw import Mark, Painter
from printing.fonts import register_fonts
from printing.style import A5, A6, CARD_H, CARD_W, ROLL_MARGIN, ROLL_W, SAFE

DPI = 300
EPS = 0.05  # points


def within(marks: list[Mark], x0: float, y0: float, x1: float, y1: float) -> None:
    for m in marks:
        assert x0 - EPS <= m.x0 and m.x1 <= x1 + EPS, m
        assert y0 - EPS <= m.y0 and m.y1 <= y1 + EPS, m


def test_there_are_at_least_30_edge_cases(views):
    assert len(EDGE) >= 30 and len(views) == len(EDGE) + 1


@pytest.fixture(scope="module")
def blank_faces() -> list:
    """Both faces with their background only: the margin band every card must keep."""
    register_fonts()
    out = io.BytesIO()
    c = Canvas(out, pagesize=(CARD_W, CARD_H), invariant=1)
    for band in (card.HEADER_Y, card.BACK_HEADER_Y):
        card._background(Painter(c), band, 0)
        c.showPage()
    c.save()
    return render(out.getvalue(), DPI)


def band_mask(size: tuple[int, int]):
    """A mask of the band between the trim and the safe area (1 pixel of slack)."""
    w, h = size
    inset = round(SAFE / 72 * DPI) - 1
    mask = Image.new("1", size, 1)
    ImageDraw.Draw(mask).rectangle((inset, inset, w - 1 - inset, h - 1 - inset), fill=0)
    return mask


def test_card_faces_stay_in_the_safe_area(views, blank_faces):
    for view in views:
        marks: list[Mark] = []
        pdf = documents.proofs([view], marks=marks)
        within(marks, SAFE, SAFE, CARD_W - SAFE, CARD_H - SAFE)
        pages = render(pdf, DPI)
        for page, blank in zip(pages, blank_faces, strict=True):
            diff = ImageChops.difference(page.convert("L"), blank.convert("L"))
            diff = diff.point(lambda v: 255 if v > 40 else 0)
            band = band_mask(page.size).convert("L")
            stray = ImageChops.multiply(diff, band)
            assert stray.getbbox() is None, f"ink in the margin band for {view.name_lat()!r}"
        assert read_qr_texts(pages[0]) == [view.qr_text], view.name_lat()


def test_badges_keep_their_margins_and_decode(views):
    for view in views:
        marks: list[Mark] = []
        pdf = documents.badges([view], marks=marks)
        margin = badge.MARGIN / 25.4 * 72
        within(marks, margin, margin, A6[0] - margin, A6[1] - margin)
        assert read_qr_texts(render(pdf, 120)[0]) == [view.qr_text]


@pytest.mark.parametrize("fmt", ["a5", "roll80"])
def test_receipts_keep_their_margins(views, fmt):
    for view in views:
        marks: list[Mark] = []
        pdf = documents.receipts([view], fmt=fmt, marks=marks)
        if fmt == "a5":
            m = 12 * mm
            within(marks, m, 6 * mm, A5[0] - m, A5[1] - m)
        else:
            height = render(pdf, 72)[0].height
            m = ROLL_MARGIN
            within(marks, m, m, ROLL_W - m, height - m + 1)


def test_long_names_are_shortened_only_when_they_must(views):
    ordinary = views[0]
    marks: list[Mark] = []
    documents.proofs([ordinary], marks=marks)
    assert any(m.detail == ordinary.name_lat() for m in marks)
    assert any(m.detail == ordinary.name_ar() for m in marks)


def test_the_card_back_lists_benefits_evenly_spaced(views):
    """A benefit that wraps to two lines pushes the next one down: the gaps between the
    benefits of each column are the same whatever wraps, and none touches the next."""
    marks: list[Mark] = []
    documents.proofs(views[:1], marks=marks)
    for lang in ("fr", "ar"):
        labels = {"• " + b.label(lang) for b in load_benefits().on_card()}
        lines = sorted((m for m in marks if m.detail in labels), key=lambda m: -m.y1)
        items: dict[str, list[float]] = {}
        for m in lines:  # one wrapped benefit: the ink from its first line to its last
            box = items.setdefault(m.detail, [m.y1, m.y0])
            box[1] = min(box[1], m.y0)
        spans = list(items.values())
        gaps = [(upper[1] - lower[0]) / mm for upper, lower in pairwise(spans)]
        assert len(spans) == len(labels) >= 5
        assert min(gaps) >= 0.35, (lang, gaps)
        assert max(gaps) - min(gaps) <= 0.45, (lang, gaps)
