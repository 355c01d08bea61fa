"""Helpers of the printing tests: the fixed moment, poppler tools, rendering to images."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from PIL import Image

NOW = dt.datetime(2025, 12, 15, 9, 30, tzinfo=dt.UTC)


def poppler(tool: str) -> str:
    """The path of a poppler tool; the test fails (never skips) when it is missing."""
    path = shutil.which(tool)
    if path is None:
        pytest.fail(
            f"{tool} is missing: install poppler-utils (apt-get install poppler-utils; "
            "scripts/system-deps does it)"
        )
    return path


def render(pdf: bytes, dpi: int = 200, first: int | None = None, last: int | None = None,
           gray: bool = True) -> list[Image.Image]:  # fmt: skip
    """The pages of ``pdf`` as images, rendered by pdftoppm."""
    tool = poppler("pdftoppm")
    with tempfile.TemporaryDirectory(prefix="mihani-print-test-") as tmp:
        src = Path(tmp) / "in.pdf"
        src.write_bytes(pdf)
        cmd = [tool, "-r", str(dpi), "-png"]
        if gray:
            cmd.append("-gray")
        if first:
            cmd += ["-f", str(first)]
        if last:
            cmd += ["-l", str(last)]
        subprocess.run([*cmd, str(src), str(Path(tmp) / "p")], check=True, capture_output=True)
        pages = sorted(Path(tmp).glob("p-*.png"), key=lambda p: int(p.stem.split("-")[-1]))
        return [Image.open(p).copy() for p in pages]


class FixedClock:
    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        self.now += dt.timedelta(milliseconds=1)
        return self.now
