"""The headless path of the README's launch command: the main window opened offscreen on a
demo profile and saved as a picture (``python -m ui.selftest``), in a real process."""

from __future__ import annotations

import os
import subprocess
import sys

from PIL import Image

from app.workspace import init_profile


def test_the_main_window_opens_offscreen_on_a_demo_profile(tmp_path):
    home, shot = tmp_path / "demo", tmp_path / "main.png"
    with init_profile(home, "07", "agent", demo=True):
        pass
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-m", "ui.selftest", str(home), str(shot)], env=env,
                         capture_output=True, text=True, timeout=120)  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert "main window shown" in out.stdout
    with Image.open(shot) as image:
        assert image.width >= 800 and image.height >= 500
        low, high = image.convert("L").getextrema()
        assert high - low > 100  # drawn, not a blank surface


def test_it_refuses_a_real_profile(tmp_path):
    with init_profile(tmp_path / "real", "07", "agent"):
        pass
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-m", "ui.selftest", str(tmp_path / "real")], env=env,
                         capture_output=True, text=True, timeout=120)  # fmt: skip
    assert out.returncode == 2 and "demo profile only" in out.stderr
