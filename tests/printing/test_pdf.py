"""Page sizes exact to the point, every font embedded (poppler's pdfinfo and pdffonts)."""

from __future__ import annotations

import re
import subprocess

import pytest
from print_helpers import poppler
from reportlab.lib.units import mm

from printing import documents

ID1 = (85.60 * mm, 53.98 * mm)
A4, A5, A6 = (210 * mm, 297 * mm), (148 * mm, 210 * mm), (105 * mm, 148 * mm)


def page_sizes(pdf: bytes, tmp_path) -> list[tuple[float, float]]:
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    out = subprocess.run([poppler("pdfinfo"), "-f", "1", "-l", "999", str(path)],
                         capture_output=True, text=True, check=True).stdout  # fmt: skip
    return [
        (float(w), float(h)) for w, h in re.findall(r"Page +\d+ size: +([\d.]+) x ([\d.]+)", out)
    ]


def fonts(pdf: bytes, tmp_path) -> list[list[str]]:
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    out = subprocess.run([poppler("pdffonts"), str(path)], capture_output=True, text=True,
                         check=True).stdout  # fmt: skip
    return [line.split() for line in out.splitlines()[2:] if line.strip()]


def same(size: tuple[float, float], expected: tuple[float, float]) -> bool:
    return all(abs(a - b) < 0.01 for a, b in zip(size, expected, strict=True))


@pytest.mark.parametrize(
    ("kind", "options", "expected"),
    [
        ("proof", {}, ID1),
        ("proof", {"imposed": True}, A4),
        ("badge", {}, A6),
        ("badge", {"imposed": True}, A4),
        ("receipt", {"fmt": "a5"}, A5),
    ],
)
def test_page_sizes_are_exact(views, tmp_path, kind, options, expected):
    pdf = documents.render(kind, views[:9], **options)
    sizes = page_sizes(pdf, tmp_path)
    assert sizes and all(same(s, expected) for s in sizes), sizes
    if kind == "proof" and not options:
        assert len(sizes) == 18  # front and back of each
    if kind == "proof" and options:
        assert len(sizes) == 4  # 9 cards: two sheets of fronts, two of backs


def test_roll_receipts_are_80_mm_wide(views, tmp_path):
    sizes = page_sizes(documents.receipts(views[:3], fmt="roll80"), tmp_path)
    assert len(sizes) == 3 and all(abs(w - 80 * mm) < 0.01 and h > 150 * mm for w, h in sizes)


@pytest.mark.parametrize("kind", ["proof", "badge", "receipt"])
def test_every_font_is_embedded_and_shipped(views, tmp_path, kind):
    rows = fonts(documents.render(kind, views[:2]), tmp_path)
    assert rows
    for row in rows:
        name, emb = row[0], row[-5]
        assert emb == "yes", row
        assert "Amiri" in name, row
