"""Crash safety: SIGKILL at random moments during a long run of enrolments. After each kill
the store passes integrity_check, every acknowledged enrolment is there with exactly one
outbox row and one audit row, and nothing half-written is. The trial and its checks are the
reliability campaign's (``bench.chaoskit.enrol_kills``)."""

from __future__ import annotations

import random

from app.workspace import init_profile
from bench.chaoskit.enrol_kills import inspect_store, run_and_kill

TRIALS = 10


def test_sigkill_during_enrolments_loses_and_doubles_nothing(tmp_path):
    home = tmp_path / "crash"
    rng = random.Random(20251215)
    with init_profile(home, "07", "agent1") as ws:
        commune = ws.geo.communes_in_region("07")[0].code
        activity = ws.nomenclature.activities[0].code
    all_acked: set[str] = set()
    start = 0
    for _ in range(TRIALS):
        acked = run_and_kill(home, start, commune, activity, rng.uniform(0.05, 1.0))
        assert acked, "the child never acknowledged an enrolment"
        all_acked |= acked
        found = inspect_store(home, all_acked)
        assert found.integrity == "ok"
        assert found.lost == set()
        assert len(found.present - all_acked) <= 1  # committed, killed before it could say so
        assert found.doubled == [] and found.half == []
        assert found.outbox_matches and found.chain_ok
        all_acked = found.present
        start = max(int(c[2:]) for c in found.present) + 1
