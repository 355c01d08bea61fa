"""Crash safety: SIGKILL at random moments during a long run of enrolments. After each kill
the store passes integrity_check, every acknowledged enrolment is there with exactly one
outbox row and one audit row, and nothing half-written is."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from app.audit import verify_chain
from app.workspace import init_profile, open_workspace

TRIALS = 10
ROOT = Path(__file__).resolve().parents[2]


def _run_and_kill(home: Path, start: int, commune: str, activity: str, delay: float) -> set:
    proc = subprocess.Popen(
        [
            sys.executable,
            str(Path(__file__).with_name("crash_child.py")),
            str(home),
            str(start),
            commune,
            activity,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    acked: set[str] = set()

    def reader() -> None:
        for line in proc.stdout:
            if line.endswith("\n"):
                acked.add(line.strip())

    thread = threading.Thread(target=reader)
    thread.start()
    deadline = time.monotonic() + 20
    while not acked and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.01)  # wait until it really enrols, then let it run a random while
    time.sleep(delay)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    thread.join()
    assert proc.returncode == -signal.SIGKILL, proc.stderr.read()
    return acked


def test_sigkill_during_enrolments_loses_and_doubles_nothing(tmp_path):
    home = tmp_path / "crash"
    rng = random.Random(20251215)
    with init_profile(home, "07", "agent1") as ws:
        commune = ws.geo.communes_in_region("07")[0].code
        activity = ws.nomenclature.activities[0].code
    all_acked: set[str] = set()
    start = 0
    for _ in range(TRIALS):
        acked = _run_and_kill(home, start, commune, activity, rng.uniform(0.05, 1.0))
        assert acked, "the child never acknowledged an enrolment"
        all_acked |= acked
        with open_workspace(home) as ws:
            conn = ws.store.read()
            assert ws.store.integrity_check() == "ok"
            present = {r[0] for r in conn.execute("SELECT cin FROM artisan")}
            assert all_acked <= present
            assert len(present - all_acked) <= 1  # committed, killed before it could say so
            bad = conn.execute(
                "SELECT a.cin, (SELECT count(*) FROM outbox o WHERE o.entity_uid = a.uid),"
                " (SELECT count(*) FROM audit u WHERE u.entity_uid = a.uid) FROM artisan a"
            ).fetchall()
            assert [tuple(b) for b in bad if (b[1], b[2]) != (1, 1)] == []
            assert conn.execute("SELECT count(*) FROM outbox").fetchone()[0] == len(present)
            assert verify_chain(conn).ok
            all_acked = present
            start = max(int(c[2:]) for c in present) + 1
