"""SIGKILL during a long run of enrolments (``enrol_child``), then the checks: the store
passes ``integrity_check`` and its audit chain, every acknowledged enrolment is there with
exactly one outbox row and one audit row, and nothing half-written is."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from bench.chaoskit import Tally, left

ROOT = Path(__file__).resolve().parents[2]


def run_and_kill(home: Path, start: int, commune: str, activity: str, delay: float) -> set:
    """Start the child, let it enrol for ``delay`` seconds after its first one, SIGKILL it;
    the CINs it acknowledged."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "bench.chaoskit.enrol_child", str(home), str(start), commune,
         activity],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    acked: set[str] = set()

    def reader() -> None:
        for line in proc.stdout:
            if line.endswith("\n"):
                acked.add(line.strip())

    thread = threading.Thread(target=reader)
    thread.start()
    deadline = time.monotonic() + 30
    while not acked and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.01)  # wait until it really enrols, then let it run a random while
    time.sleep(delay)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    thread.join()
    if proc.returncode != -signal.SIGKILL:
        raise RuntimeError(f"the enrolling child ended by itself: {proc.stderr.read()[-2000:]}")
    return acked


@dataclass
class Found:
    present: set[str]
    lost: set[str]  # acknowledged, not in the store
    doubled: list[str]  # a CIN twice, or an artisan with two outbox or audit rows
    half: list[str]  # an artisan without its outbox or audit row
    integrity: str
    chain_ok: bool
    outbox_matches: bool


def inspect_store(home: Path, acked: set[str]) -> Found:
    from app.audit import verify_chain
    from app.workspace import open_workspace

    with open_workspace(home) as ws:
        conn = ws.store.read()
        cins = [r[0] for r in conn.execute("SELECT cin FROM artisan")]
        present = set(cins)
        rows = conn.execute(
            "SELECT a.cin, (SELECT count(*) FROM outbox o WHERE o.entity_uid = a.uid),"
            " (SELECT count(*) FROM audit u WHERE u.entity_uid = a.uid) FROM artisan a"
        ).fetchall()
        doubled = [c for c in present if cins.count(c) > 1]
        doubled += [r[0] for r in rows if r[1] > 1 or r[2] > 1]
        half = [r[0] for r in rows if r[1] < 1 or r[2] < 1]
        outbox = conn.execute("SELECT count(*) FROM outbox").fetchone()[0]
        return Found(present, acked - present, doubled, half, ws.store.integrity_check(),
                     verify_chain(conn).ok, outbox == len(cins))  # fmt: skip


def campaign(tmp: Path, deadline: float, rng: random.Random, min_trials: int = 0) -> Tally:
    """Trials until ``deadline`` (and at least ``min_trials``), one profile throughout."""
    from app.workspace import init_profile

    tally = Tally("SIGKILL during enrolment")
    home = tmp / "enrol-kills"
    with init_profile(home, "07", "agent1") as ws:
        commune = ws.geo.communes_in_region("07")[0].code
        activity = ws.nomenclature.activities[0].code
    acked: set[str] = set()
    start = 0
    while left(deadline) > 0 or tally.trials < min_trials:
        acked |= run_and_kill(home, start, commune, activity, rng.uniform(0.05, 1.0))
        tally.trials += 1
        tally.faults += 1
        found = inspect_store(home, acked)
        tally.lost += len(found.lost)
        tally.doubled += len(found.doubled)
        for what in (*(f"lost {c}" for c in found.lost), *(f"doubled {c}" for c in found.doubled)):
            tally.failed(f"enrol trial {tally.trials}: {what}")
        tally.check(found.integrity == "ok", f"integrity_check: {found.integrity}")
        tally.check(found.chain_ok, "audit chain broken")
        tally.check(not found.half, f"half-written enrolments: {found.half[:5]}")
        tally.check(found.outbox_matches, "outbox rows != artisans")
        acked = found.present  # one committed before its CIN was printed counts from now on
        start = max(int(c[2:]) for c in found.present) + 1 if found.present else start
    tally.written = len(acked)
    return tally.done()
