from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from app.credentials import qr_image, qr_matrix, qr_png, qr_version, read_qr_texts, verify
from app.credentials.qr import QUIET_ZONE

from .conftest import NOW, World


@pytest.fixture(params=["final", "badge"])
def text(request: pytest.FixtureRequest, world: World) -> str:
    return getattr(world, request.param)


def test_matrix_has_no_quiet_zone(text: str) -> None:
    matrix = qr_matrix(text)
    size = 17 + 4 * qr_version(text)
    assert len(matrix) == size and all(len(row) == size for row in matrix)
    assert all(isinstance(m, bool) for row in matrix for m in row)
    # Finder patterns sit in the corners: the first row starts with 7 dark modules.
    assert matrix[0][:7] == [True] * 7 and matrix[0][-7:] == [True] * 7


def test_png_round_trip_through_zxing(text: str, world: World, tmp_path: Path) -> None:
    path = tmp_path / "card.png"
    qr_png(text, path, scale=4)
    with Image.open(path) as img:
        assert img.size[0] == (17 + 4 * qr_version(text) + 2 * QUIET_ZONE) * 4
    assert read_qr_texts(path) == [text]
    assert verify(read_qr_texts(path)[0], world.trust, NOW).valid


def test_matrix_drawn_by_hand_decodes(text: str) -> None:
    """What the printing room does: draw the modules itself, leave the quiet zone."""
    matrix, scale = qr_matrix(text), 3
    side = (len(matrix) + 2 * QUIET_ZONE) * scale
    img = Image.new("L", (side, side), 255)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                x0, y0 = (x + QUIET_ZONE) * scale, (y + QUIET_ZONE) * scale
                img.paste(0, (x0, y0, x0 + scale, y0 + scale))
    assert read_qr_texts(img) == [text]


def test_two_codes_on_one_image(world: World) -> None:
    a, b = qr_image(world.final, 3), qr_image(world.badge, 3)
    sheet = Image.new("L", (a.width + b.width + 20, max(a.height, b.height)), 255)
    sheet.paste(a, (0, 0))
    sheet.paste(b, (a.width + 20, 0))
    assert sorted(read_qr_texts(sheet)) == sorted([world.final, world.badge])


def test_image_without_code() -> None:
    assert read_qr_texts(Image.new("L", (50, 50), 255)) == []
