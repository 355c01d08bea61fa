"""``python -m bench all``: every benchmark in its own process, one report with the machine,
each figure against its target, and plots of the raw measurements."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from bench.report import write_report

ROOT = Path(__file__).resolve().parents[2]


def _bench(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bench", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)  # fmt: skip


def test_all_writes_the_report_with_machine_figures_and_plots(tmp_path):
    proc = _bench("all", "--quick", "--only", "verify", "--out", str(tmp_path))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    report = (tmp_path / "BENCHMARKS.md").read_text(encoding="utf-8")
    assert "## Machine" in report and "| cores |" in report and "| SQLCipher |" in report
    assert "| verify | verify final card p50 |" in report
    assert "4 of 4 targeted figures met" in report
    assert "![verify](benchmarks/verify.png)" in report
    png = (tmp_path / "benchmarks" / "verify.png").read_bytes()
    assert png.startswith(b"\x89PNG") and len(png) > 10_000
    raw = json.loads((tmp_path / "benchmarks" / "verify.json").read_text(encoding="utf-8"))
    (final,) = [s for s in raw["series"] if s["name"] == "verify final card"]
    assert len(final["values"]) == 300 and final["target"] == 1


def test_a_missed_target_is_named_at_the_top_and_marked_in_its_table(tmp_path):
    figures = [
        {"name": "first pull rate", "value": 18750.0, "unit": "artisans/s",
         "target": ">= 25000", "met": False},
        {"name": "bytes on the wire per artisan", "value": 106.6, "unit": "B",
         "target": "<= 150", "met": True},
    ]  # fmt: skip
    result = {"bench": "pull", "figures": figures, "series": [], "seconds": 30.0}
    broken = {"bench": "push", "figures": [], "series": [], "seconds": 1.0, "error": "exit 1\nboom"}
    path = write_report([result, broken], {"cores": "2"}, tmp_path, quick=False)
    text = path.read_text(encoding="utf-8")
    assert "**1 of 2 targeted figures met.** Missed: pull: first pull rate." in text
    assert "| first pull rate | 18,750 artisans/s | >= 25000 | **MISSED** |" in text
    assert "It failed to run:" in text and "boom" in text


def test_an_unknown_benchmark_is_refused_by_name(tmp_path):
    proc = _bench("all", "--only", "verify,nosuch", "--out", str(tmp_path))
    assert proc.returncode == 2
    assert "unknown benchmarks: nosuch" in proc.stderr
    assert not (tmp_path / "BENCHMARKS.md").exists()
