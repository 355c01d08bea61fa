"""``python -m bench pull``: the first pull of a 200,000-artisan region by a freshly
registered laptop, end to end: the service builds the region's snapshot, the laptop
downloads it (resumable, HTTP Range), checks it and applies it to its encrypted replica with
the name index, then pulls what came after. Targets: >= 25,000 artisans/s, <= 150 bytes per
artisan on the wire (counted by a relay on loopback). ``--quick``: 10,000 artisans.

The targets are for this cold pull: the service makes the snapshot on request, on the same
two cores. A second laptop registered next (the warm figure, no target) gets the snapshot
the service made for the first one (reused for ``REUSE_SECONDS``): it downloads a finished
file, then applies it with both cores to itself.

The region is filled straight into PostgreSQL (COPY of demo artisans): the push path has
its own benchmark (``bench central``, ``bench push``).
"""

from __future__ import annotations

import datetime as dt
import tempfile
import time
from pathlib import Path

from bench.common import Figure, record_timeline
from bench.push import Relay, keyring_for_bench, laptop, service

REGION = "07"


def fill_region(central, count: int) -> None:
    from app.demo.people import PeopleFactory
    from app.model.artisan import RECORD_FIELDS
    from app.refdata import load_geo, load_nomenclature

    now = dt.datetime.now(dt.UTC)
    stamp = now.isoformat(timespec="milliseconds").replace("+00:00", "Z")
    factory = PeopleFactory(REGION, load_geo(), load_nomenclature(), 1, now.date())
    cols = ", ".join(RECORD_FIELDS)
    query = f"COPY artisan ({cols}) FROM STDIN"
    with central.db.tx() as conn, conn.cursor() as cur, cur.copy(query) as copy:
        for i in range(count):
            rec = factory.artisan(i, stamp, "bench")
            rec["consent_given"] = bool(rec.get("consent_given"))
            copy.write_row([rec.get(c) for c in RECORD_FIELDS])


def run(quick: bool) -> list[Figure]:
    from sync.engine import run_sync

    keyring_for_bench()
    count = 10_000 if quick else 200_000
    tmp = Path(tempfile.mkdtemp(prefix="mihani-bench-pull-"))
    central, base, stop = service(tmp)
    try:
        fill_region(central, count)
        with central.db.tx() as conn:
            conn.execute("ANALYZE artisan")
        ws = laptop(central, base, tmp / "laptop", REGION, snapshot=False)
        relay = Relay(int(base.rsplit(":", 1)[1]))
        events: dict[str, list[tuple[float, float]]] = {"snapshot": [], "apply": []}
        started = time.perf_counter()

        def progress(step: str, done: float, _total) -> None:
            seen = events.get(step)
            if seen is not None and done and (not seen or done >= seen[-1][1]):
                seen.append((time.perf_counter() - started, done))  # the snapshot's only

        res = run_sync(ws, server=relay.url, password=lambda: "bench-password-1",
                       progress=progress)  # fmt: skip
        seconds = time.perf_counter() - started
        held_now = ws.store.read().execute("SELECT count(*) FROM artisan").fetchone()[0]
        applied = [(0.0, 0), *events["apply"], (seconds, held_now)]  # committed at the end
        record_timeline("artisans in the replica (committed at the end)", applied, "artisans",
                        target=25_000)  # fmt: skip
        mb = [(0.0, 0.0), *((t, b / 1e6) for t, b in events["snapshot"])]
        record_timeline("snapshot MB received", mb[:: max(1, len(mb) // 400)], "MB")
        received = relay.counts[1]
        relay.close()
        held = ws.store.read().execute("SELECT count(*) FROM artisan").fetchone()[0]
        ws.close()
        warm, warm_held = _warm_pull(central, base, tmp / "laptop2")
    finally:
        stop()
    rate = held / seconds
    per = received / max(held, 1)
    return [
        Figure("artisans in the region", count, "artisans"),
        Figure("artisans in the replica after the first sync", held, "artisans",
               f"== {count}", held == count),
        Figure("snapshot rows applied", res.snapshot or 0, "artisans"),
        Figure("first pull, end to end", seconds, "s"),
        Figure("first pull rate", rate, "artisans/s", ">= 25000", rate >= 25_000),
        Figure("bytes on the wire per artisan", per, "B", "<= 150", per <= 150),
        Figure("warm: artisans in a second laptop's replica", warm_held, "artisans",
               f"== {count}", warm_held == count),
        Figure("warm: first pull, snapshot made before, end to end", warm, "s"),
        Figure("warm: first pull rate (no target: the target is the cold one)",
               warm_held / warm, "artisans/s"),
    ]  # fmt: skip


def _warm_pull(central, base: str, home: Path) -> tuple[float, int]:
    """A second laptop's first sync right after the first one's: the service answers with the
    snapshot it made for the first (finished, reused); seconds and artisans held."""
    from app.workspace import init_profile
    from central.services import devices
    from sync.engine import run_sync
    from sync.register import register_laptop

    ws = init_profile(home, REGION, "agent2")
    _, code = devices.issue_code(central, REGION)
    register_laptop(ws, base, code, "caravan1", "bench-password-1", snapshot=False)
    relay = Relay(int(base.rsplit(":", 1)[1]))  # as the cold pull's
    started = time.perf_counter()
    run_sync(ws, server=relay.url, password=lambda: "bench-password-1")
    seconds = time.perf_counter() - started
    relay.close()
    held = ws.store.read().execute("SELECT count(*) FROM artisan").fetchone()[0]
    ws.close()
    return seconds, held
