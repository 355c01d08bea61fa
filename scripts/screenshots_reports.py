"""Render the PDF reports to docs/screenshots/report-*.png, from a throw-away demo profile.

    .venv/bin/python scripts/screenshots_reports.py

A caravan stop of three days is made through the real services (enrolments, validations,
cards, handovers, badges), then the session report and one day's report are drawn in
French and in Arabic. Needs pdftoppm (poppler-utils). Uses a keyring file of its own in a
temporary folder, never the user's keyring, and fixed dates: rerunning gives the same
images unless the layout changes.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
START = dt.datetime(2025, 12, 15, 8, 0, tzinfo=dt.UTC)
DPI = 80


def png(pdf: bytes, name: str) -> list[Path]:
    """Every page of ``pdf`` as ``name-<page>.png``."""
    tool = shutil.which("pdftoppm")
    if tool is None:
        sys.exit("pdftoppm is missing: install poppler-utils")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "doc.pdf"
        src.write_bytes(pdf)
        subprocess.run([tool, "-png", "-r", str(DPI), str(src), str(Path(tmp) / "p")], check=True)  # noqa: S603
        out = []
        for i, page in enumerate(sorted(Path(tmp).glob("p-*.png")), start=1):
            target = OUT / f"{name}-{i}.png"
            shutil.copyfile(page, target)
            out.append(target)
    return out


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="mihani-reports-"))
    os.environ["XDG_DATA_HOME"] = str(tmp / "keyring")
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyrings.alt.file.PlaintextKeyring"
    sys.path.insert(0, str(ROOT))
    from app.reports.demo import SteppingClock, caravan_stop
    from app.workspace import init_profile
    from printing.reports import day_pdf, session_pdf

    try:
        clock = SteppingClock(START)
        with init_profile(tmp / "profile", "07", "agent1", clock=clock) as ws:
            made = caravan_stop(
                ws, clock, days=3, per_day=40, name="Caravane Al Mihani — Marrakech"
            )
            clock.set(START + dt.timedelta(days=3, hours=10))
            OUT.mkdir(parents=True, exist_ok=True)
            for old in OUT.glob("report-*.png"):
                old.unlink()
            shots = []
            for lang in ("fr", "ar"):
                shots += png(session_pdf(ws, made["session_uid"], lang), f"report-session-{lang}")
                shots += png(day_pdf(ws, "2025-12-17", lang), f"report-day-{lang}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    for path in shots:
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
