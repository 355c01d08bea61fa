"""The reliability campaign can fail: with its own fault injected (one pending enrolment's
outbox row dropped, as a buggy sync would), ``python -m bench chaos`` reports it lost,
writes so in its report and exits 1 — so the CI run of the campaign would fail the build."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_a_lost_enrolment_fails_the_campaign(tmp_path):
    report = tmp_path / "RELIABILITY.md"
    env = {**os.environ, "MIHANI_CHAOS_INJECT": "lose", "MIHANI_CHAOS_PARTS": "sync",
           "MIHANI_CHAOS_REPORT": str(report), "PYTHONPATH": str(ROOT)}  # fmt: skip
    out = subprocess.run(
        [sys.executable, "-m", "bench", "chaos", "--minutes", "0.4"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert out.returncode == 1, out.stdout[-3000:] + out.stderr[-3000:]
    assert "MISS lost" in out.stdout, out.stdout[-3000:]
    text = report.read_text(encoding="utf-8")
    assert "**FAILED**: 1 lost" in text, text[:2000]
    assert "lost" in text.split("## Findings", 1)[1]
