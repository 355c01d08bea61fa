"""SIGKILL during sync: the laptop killed at a named crash point (``sync/crashpoints.py``)
or at a random moment of its run (a timer), and the server killed in the middle of a push.
After each kill: a clean sync of every laptop, then ``checks.compare`` (nothing lost, no
one twice, both sides equal, stores sound) and every edit found on the server."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from bench.chaoskit import Tally, left
from bench.chaoskit.checks import compare, inject_loss, register
from bench.chaoskit.site import PASSWORD, ROOT, Server, Site, fast_backoff
from sync import crashpoints

# the campaign's laptops make no cards: the card feed's kill point is tests/sync/test_card_feed.py's
POINTS = tuple(p for p in crashpoints.POINTS if p != "cards.mid")


def _photo(lap, rng: random.Random) -> str:
    data = b"\xff\xd8\xff\xe0" + rng.randbytes(rng.randint(20_000, 40_000))
    return lap.ws.registry.add_photo(data, "agent1")


def _work(lap, rng: random.Random, enrolled: set, edits: dict, tally: Tally, n: int) -> None:
    """``n`` enrolments (a few with photos) and one or two edits of the laptop's own."""
    from bench.chaoskit.people import person

    for _ in range(n):
        rec = person(lap.region)
        if rng.random() < 0.1:
            rec["photo_sha256"] = _photo(lap, rng)
        enrolled.add(lap.enrol(rec))
    mine = sorted(u for u in lap.state() if u in edits or u in enrolled)
    for uid in rng.sample(mine, min(len(mine), rng.randint(1, 2))):
        value = f"Derb {rng.randint(1, 10**6)}"
        lap.edit(uid, address=value)
        edits[uid] = value
    tally.written += n


def _kill_child(lap, rng: random.Random, point: str | None) -> bool:
    """One sync run of ``lap`` in a child; killed at ``point``, else after a random while
    once it is ready. True when the kill landed (the child did not finish first)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if point:
        env[crashpoints.ENV] = point
    cmd = [sys.executable, "-m", "bench.chaoskit.sync_child", str(lap.home), PASSWORD, "2"]
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)  # fmt: skip
    if point is None:
        proc.stdout.readline()  # "ready"
        time.sleep(rng.uniform(0.0, 0.8))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=180)
    return proc.returncode == -signal.SIGKILL


def _edits_kept(site, edits: dict, tally: Tally, label: str, seen: set) -> None:
    server = site.server_state()
    for uid, value in edits.items():
        if server.get(uid, {}).get("address") != value and ("edit", uid, value) not in seen:
            seen.add(("edit", uid, value))
            tally.lost += 1
            tally.failed(f"{label}: edit of {uid} lost ({value!r})")


def laptop_kills(svc, tmp: Path, deadline: float, rng: random.Random) -> Tally:
    from sync import pull

    tally = Tally("SIGKILL of the laptop during sync")
    site = Site(svc.server, svc.admin, tmp / "sync-kills", region="07")
    a, b = register(site, "a", tally), register(site, "b", tally)
    enrolled: set[str] = set()
    edits: dict[str, str] = {}
    seen: set = set()
    try:
        while left(deadline) > 0:
            for _ in range(rng.randint(2, 5)):
                enrolled.add(b.enrol())
            b.sync()
            _work(a, rng, enrolled, edits, tally, rng.randint(5, 60))
            point = rng.choice(POINTS) if rng.random() < 0.5 else None
            if point == "snapshot.mid_download":
                pull.reset(a.ws)
            inject_loss(a)
            tally.trials += 1
            tally.faults += _kill_child(a, rng, point)
            label = f"laptop kill {tally.trials} ({point or 'timer'})"
            compare(site, [a, b], enrolled, reopen=True).count_into(tally, label, seen)
            _edits_kept(site, edits, tally, label, seen)
    finally:
        site.close()
    return tally.done()


def server_kills(svc, tmp: Path, deadline: float, rng: random.Random) -> Tally:
    tally = Tally("SIGKILL of the server during push")
    own = Server(svc.env)
    own.start()
    site = Site(own, svc.admin, tmp / "server-kills", region="08")
    try:
        c = register(site, "c", tally)
        enrolled: set[str] = set()
        seen: set = set()
        while left(deadline) > 0:
            n = rng.randint(150, 400)
            enrolled |= {c.enrol() for _ in range(n)}
            tally.written += n
            errors: list[BaseException] = []

            def run(lap=c, errors=errors) -> None:
                try:
                    lap.sync(backoff=fast_backoff(80))
                except BaseException as exc:  # counted below, never lost in a thread
                    errors.append(exc)

            t = threading.Thread(target=run)
            t.start()
            time.sleep(rng.uniform(0.05, 0.6))
            tally.trials += 1
            tally.faults += t.is_alive()
            own.kill()
            time.sleep(rng.uniform(0.1, 0.5))
            own.start()
            t.join(180)
            label = f"server kill {tally.trials}"
            if errors:
                tally.failed(f"{label}: the sync gave up ({errors[0]!r}); synced again")
            compare(site, [c], enrolled).count_into(tally, label, seen)
    finally:
        site.close()
        own.stop()
    return tally.done()
