"""Whole sync runs through a proxy that drops, resets, delays, cuts, duplicates and
answers 5xx: in the end both sides hold the same records, and no artisan exists twice."""

from __future__ import annotations

import contextlib
import random
from collections import Counter

from bench.chaoskit.proxy import FaultProxy
from sync.errors import SyncError


def test_chaos_converges_without_duplicates(site):
    proxy = FaultProxy(site.server.port, rate=0.35, seed=7)
    laptops = [site.laptop(f"l{i}") for i in range(3)]
    rng = random.Random(3)
    enrolled: set[str] = set()
    try:
        for _round in range(4):
            for lap in laptops:
                for _ in range(rng.randint(3, 8)):
                    enrolled.add(lap.enrol())
                known = [u for u in lap.state() if u in enrolled]
                for uid in rng.sample(known, min(2, len(known))):
                    lap.edit(uid, address=f"Derb {rng.randint(1, 999)}")
                with contextlib.suppress(SyncError):  # a run may give up: the next carries on
                    lap.sync(url=proxy.url)
    finally:
        proxy.close()
    for lap in laptops * 2:  # a clean link at the end
        lap.sync()
    server = site.server_state()
    assert enrolled <= set(server)
    cins = Counter(site.cins())
    assert not [c for c, n in cins.items() if n > 1]
    for lap in laptops:
        assert lap.outbox() == 0
        assert lap.state() == server
        assert lap.ws.store.integrity_check() == "ok"
    hit = {k for k, v in proxy.counts.items() if v and k != "none"}
    assert len(hit) >= 6, proxy.counts
