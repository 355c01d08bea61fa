"""Laptops of one region against one central service for a while: each enrols, edits
records of the whole region (its own and the others', so edits clash) and syncs again and
again, part of the time through the fault-injecting proxy. At the end every laptop syncs
over a clean link and ``checks.compare`` runs; and every edit is on the server, kept as a
conflict for a person, or overwritten by a later edit (never lost in silence).

Two shapes: ``FIVE_LAPTOPS`` (five threads, small batches, syncing often) and
``LONG_RUNS`` (three laptops, big outboxes, every sync through a proxy that faults a
third of the exchanges)."""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass
from pathlib import Path

from bench.chaoskit import Tally, left, serialise_keyring
from bench.chaoskit.checks import compare, inject_loss, register
from bench.chaoskit.proxy import FaultProxy
from bench.chaoskit.site import Site

FIELDS = ("address", "workplace")
VALUES = ("Derb A", "Derb B", "Souk C", "Kasbah D", "Mellah E")


@dataclass(frozen=True)
class Shape:
    name: str
    laptops: int
    region: str
    batch: tuple[int, int]  # enrolments between two syncs
    edits: tuple[int, int]
    via_proxy: float  # share of the syncs that go through the proxy
    rate: float  # the proxy's fault rate


FIVE_LAPTOPS = Shape("five laptops of one region", 5, "09", (1, 6), (1, 3), 0.5, 0.3)
LONG_RUNS = Shape("fault proxy across long sync runs", 3, "10", (80, 250), (3, 10), 1.0, 0.35)


class Soak:
    def __init__(self, svc, tmp: Path, shape: Shape, seed: int) -> None:
        serialise_keyring()
        self.shape, self.seed = shape, seed
        self.site = Site(svc.server, svc.admin, tmp / f"soak-{shape.region}", shape.region)
        self.tally = Tally(shape.name)
        self.laps = [register(self.site, f"r{shape.region}l{i}", self.tally)
                     for i in range(shape.laptops)]  # fmt: skip
        self.proxy = FaultProxy(svc.server.port, rate=shape.rate, seed=seed)
        self.lock = threading.Lock()
        self.enrolled: set[str] = set()
        self.edits: list[tuple[str, str, str]] = []  # (uid, field, value), in time order
        self.gave_up = 0

    def _laptop(self, i: int, deadline: float) -> None:
        from sync.errors import SyncError

        lap, rng = self.laps[i], random.Random(self.seed * 100 + i)
        try:
            while left(deadline) > 0:
                uids = [lap.enrol() for _ in range(rng.randint(*self.shape.batch))]
                known = sorted(lap.state())
                for _ in range(min(len(known), rng.randint(*self.shape.edits))):
                    uid, field = rng.choice(known), rng.choice(FIELDS)
                    value = rng.choice(VALUES)
                    if lap.row(uid)[field] == value:
                        continue
                    with self.lock:
                        lap.edit(uid, **{field: value})
                        self.edits.append((uid, field, value))
                with self.lock:
                    self.enrolled.update(uids)
                    if i == 0:
                        inject_loss(lap)
                proxied = rng.random() < self.shape.via_proxy
                try:
                    lap.sync(url=self.proxy.url if proxied else None)
                except SyncError:
                    with self.lock:
                        self.gave_up += 1  # the next run carries on
        except Exception as exc:  # an unexpected error is a finding, never a silent stop
            with self.lock:
                self.tally.check(False, f"{lap.name}: {exc!r}")

    def run(self, deadline: float) -> Tally:
        threads = [
            threading.Thread(target=self._laptop, args=(i, deadline), daemon=True)
            for i in range(len(self.laps))
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.proxy.close()
        t = self.tally
        t.trials = sum(self.proxy.counts.values())  # exchanges through the proxy
        t.fault_kinds = {k: n for k, n in self.proxy.counts.items() if k != "none"}
        t.faults = sum(t.fault_kinds.values())
        t.written = len(self.enrolled) + len(self.edits)
        compare(self.site, self.laps, self.enrolled, rounds=2).count_into(t, self.shape.name)
        self._edits_kept()
        if self.gave_up:
            t.details.append(f"(sync runs that gave up under faults and were run again: "
                             f"{self.gave_up})")  # fmt: skip
        self.site.close()
        return t.done()

    def _edits_kept(self) -> None:
        server = self.site.server_state()
        with self.site.admin.db.tx() as conn:
            kept = {
                (str(r["artisan_uid"]), r["field"], r["local_value"])
                for r in conn.execute(
                    "SELECT artisan_uid, field, local_value FROM conflict WHERE region_code = %s",
                    (self.shape.region,),
                )
            }
        self.tally.conflicts = len(kept)
        overwritten: set[tuple[str, str]] = set()
        for uid, field, value in reversed(self.edits):
            on_server = server.get(uid, {}).get(field) == value
            if not (on_server or (uid, field, value) in kept or (uid, field) in overwritten):
                self.tally.lost += 1
                self.tally.failed(f"{self.shape.name}: edit {field}={value!r} of {uid} lost")
            overwritten.add((uid, field))


def soak(svc, tmp: Path, shape: Shape, deadline: float, seed: int) -> Tally:
    return Soak(svc, tmp, shape, seed).run(deadline)
