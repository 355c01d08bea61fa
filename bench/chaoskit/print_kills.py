"""SIGKILL while ``mihani print`` writes a batch of card proofs (an A4 sheet PDF). After
each kill the output is either absent (or the previous good file) or a complete, valid PDF
with every page; a half-written file is never left under the output's name."""

from __future__ import annotations

import os
import random
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.chaoskit import Tally, left
from bench.chaoskit.people import person

ROOT = Path(__file__).resolve().parents[2]
CARDS = 40


def valid_pdf(path: Path, pages: int) -> str:
    """'' when ``path`` is a complete PDF of ``pages`` pages, else what is wrong."""
    import pypdfium2

    data = path.read_bytes()
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
        return f"not a complete PDF ({len(data)} bytes)"
    try:
        doc = pypdfium2.PdfDocument(data)
        n = len(doc)
        doc.close()
    except pypdfium2.PdfiumError as exc:
        return f"unreadable PDF: {exc}"
    return "" if n == pages else f"{n} pages instead of {pages}"


def _pages(path: Path) -> int:
    import pypdfium2

    doc = pypdfium2.PdfDocument(path.read_bytes())
    try:
        return len(doc)
    finally:
        doc.close()


def _profile(home: Path) -> list[str]:
    from app.workspace import init_profile

    with init_profile(home, "07", "agent1") as ws:
        return [ws.registry.enrol(person("07"), "agent1", acknowledged=[]).uid
                for _ in range(CARDS)]  # fmt: skip


def campaign(tmp: Path, deadline: float, rng: random.Random) -> Tally:
    from app.workspace import open_workspace

    tally = Tally("SIGKILL during printing")
    home = tmp / "print-kills"
    keys = _profile(home)
    out = tmp / "print-kills-out" / "cards.pdf"
    out.parent.mkdir()
    cmd = [sys.executable, "-m", "app.cli.main", "--home", str(home), "print", "proof",
           *keys, "--out", str(out), "--sheet"]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    started = time.monotonic()
    subprocess.run(cmd, env=env, cwd=ROOT, check=True, capture_output=True)
    spans = [time.monotonic() - started]  # how long a whole print takes here
    pages = _pages(out)  # the good file every trial must leave, if any
    while left(deadline) > 0:
        if rng.random() < 0.5:
            out.unlink(missing_ok=True)  # half the trials start with no file at all
        proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE)  # fmt: skip
        started = time.monotonic()
        time.sleep(rng.uniform(0.2, statistics.median(spans) * 1.05))  # most land
        tally.trials += 1
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            tally.faults += 1
        _, err = proc.communicate(timeout=120)
        label = f"print trial {tally.trials}"
        if proc.returncode == 0:
            spans.append(time.monotonic() - started)
            tally.written += 1
        elif proc.returncode != -signal.SIGKILL:
            tally.check(False, f"{label}: exit {proc.returncode}: {err.decode()[-300:]}")
        if out.exists():
            problem = valid_pdf(out, pages)
            tally.check(not problem, f"{label}: {out.name} {problem}")
    with open_workspace(home) as ws:
        check = ws.store.integrity_check()
    tally.check(check == "ok", f"print profile integrity_check: {check}")
    return tally.done()
