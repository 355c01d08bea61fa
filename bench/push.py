"""``python -m bench push``: a caravan's outbox (500 enrolments with ~25 KB photos) pushed
to the real central service (PostgreSQL, uvicorn) over a shaped link: 1 Mbit/s each way,
150 ms round trip, 1% of 1448-byte segments lost (each loss stalls its connection one round
trip and is sent again), emulated by a shaping relay on loopback (``Relay``). Target:
finished within 1.25 x payload / bandwidth, payload = the bytes the laptop must send
(records as pushed + photos). ``--quick``: 20 enrolments.
"""

from __future__ import annotations

import contextlib
import heapq
import os
import random
import socket
import tempfile
import threading
import time
from pathlib import Path

from bench.common import Figure, Sampler, record_timeline

SEGMENT = 1448


class Bucket:
    """A token bucket of ``rate`` bytes/s shared by every connection in one direction."""

    def __init__(self, rate: float) -> None:
        self.rate, self.lock, self.next_free = rate, threading.Lock(), time.monotonic()

    def take(self, n: int) -> float:
        """When ``n`` bytes have left the link."""
        with self.lock:
            start = max(self.next_free, time.monotonic())
            self.next_free = start + n / self.rate
            return self.next_free


class Relay:
    """A TCP relay on loopback: counts bytes, and shapes them when given a rate."""

    def __init__(self, upstream_port: int, rate: float = 0, rtt: float = 0, loss: float = 0,
                 seed: int = 1) -> None:  # fmt: skip
        self.upstream = ("127.0.0.1", upstream_port)
        self.rtt, self.loss, self.rng = rtt, loss, random.Random(seed)
        self.buckets = (Bucket(rate), Bucket(rate)) if rate else None
        self.counts = [0, 0]  # client → server, server → client
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.sock.accept()
            except OSError:
                return
            server = socket.create_connection(self.upstream)
            for conn in (client, server):
                conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            for d, (src, dst) in enumerate(((client, server), (server, client))):
                threading.Thread(target=self._pump, args=(src, dst, d), daemon=True).start()

    def _pump(self, src: socket.socket, dst: socket.socket, d: int) -> None:
        queue: list[tuple[float, int, bytes]] = []
        cond = threading.Condition()
        seq, last = 0, 0.0
        if self.buckets:
            threading.Thread(target=self._deliver, args=(queue, cond, dst), daemon=True).start()
        try:
            while True:
                data = src.recv(SEGMENT if self.buckets else 65536)
                if not data:
                    break
                self.counts[d] += len(data)
                if not self.buckets:
                    dst.sendall(data)
                    continue
                left = self.buckets[d].take(len(data))
                if self.rng.random() < self.loss:  # lost: sent again after a round trip
                    left = self.buckets[d].take(len(data)) + self.rtt
                last = max(last, left + self.rtt / 2)  # in order: a loss holds back the rest
                with cond:
                    seq += 1
                    heapq.heappush(queue, (last, seq, data))
                    cond.notify()
        except OSError:
            pass
        with cond:
            heapq.heappush(queue, (time.monotonic() + self.rtt, 1 << 62, b""))
            cond.notify()
        if not self.buckets:
            _close(dst)

    @staticmethod
    def _deliver(queue, cond, dst: socket.socket) -> None:
        while True:
            with cond:
                while not queue:
                    cond.wait()
                at, _, data = queue[0]
                wait = at - time.monotonic()
                if wait > 0:
                    cond.wait(wait)
                    continue
                heapq.heappop(queue)
            if not data:
                _close(dst)
                return
            try:
                dst.sendall(data)
            except OSError:
                return

    def close(self) -> None:
        self.sock.close()


def _close(conn: socket.socket) -> None:
    with contextlib.suppress(OSError):
        conn.shutdown(socket.SHUT_WR)


def keyring_for_bench() -> None:
    """A throwaway keyring file when the machine has none (headless bench machines)."""
    if "PYTHON_KEYRING_BACKEND" not in os.environ:
        os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="mihani-bench-keyring-")
        os.environ["PYTHON_KEYRING_BACKEND"] = "keyrings.alt.file.PlaintextKeyring"


def service(tmp: Path):
    """PostgreSQL (``scripts/postgres``), the service, an operator context; (url, stop)."""
    from bench.central import _environment, _serve
    from bench.chaoskit.site import postgres_down, postgres_up
    from central.context import Central
    from central.migrate import upgrade
    from central.settings import Settings

    url = postgres_up(durable=True)
    env = _environment(url, tmp)
    os.environ.update(env)
    upgrade(url)
    proc, base = _serve(env)
    central = Central.build(Settings.from_env())
    central.open()

    def stop() -> None:
        central.close()
        proc.terminate()
        proc.wait(10)
        postgres_down(url)

    return central, base, stop


def laptop(central, base: str, home: Path, region: str = "07", snapshot: bool = True):
    from app.workspace import init_profile
    from central.services import accounts, devices
    from sync.register import register_laptop

    ws = init_profile(home, region, "agent1")
    accounts.create_agent(central, "caravan1", "bench-password-1", "agent", region)
    _, code = devices.issue_code(central, region)
    register_laptop(ws, base, code, "caravan1", "bench-password-1", snapshot=snapshot)
    return ws


def run(quick: bool) -> list[Figure]:
    from app.registry.duplicates import DuplicateWarning
    from sync.engine import run_sync

    keyring_for_bench()
    n = 20 if quick else 500
    rate = 1_000_000 / 8
    tmp = Path(tempfile.mkdtemp(prefix="mihani-bench-push-"))
    central, base, stop = service(tmp)
    try:
        ws = laptop(central, base, tmp / "laptop")
        rng = random.Random(2)
        photos = 0
        for rec in _people(ws, n):
            data = b"\xff\xd8\xff\xe0" + rng.randbytes(rng.randint(20_000, 30_000))
            rec["photo_sha256"] = ws.registry.add_photo(data, "agent1")
            photos += len(data)
            try:
                ws.registry.enrol(rec, "agent1")
            except DuplicateWarning as exc:
                ws.registry.enrol(rec, "agent1", [c.record["uid"] for c in exc.candidates])
        records = sum(
            len(r[0]) for r in ws.store.read().execute("SELECT patch FROM outbox").fetchall()
        )
        relay = Relay(int(base.rsplit(":", 1)[1]), rate=rate, rtt=0.150, loss=0.01)
        sampler = Sampler(lambda: relay.counts[0] / 1000, every=0.5)
        started = time.perf_counter()
        res = run_sync(ws, server=relay.url, password=lambda: "bench-password-1",
                       photo_workers=16)  # fmt: skip
        seconds = time.perf_counter() - started
        record_timeline("KB sent on the link", sampler.stop(), "KB", target=rate / 1000,
                        target_label="the link's capacity, 1 Mbit/s")  # fmt: skip
        sent = relay.counts[0]
        relay.close()
        ws.close()
    finally:
        stop()
    payload = records + photos
    target = 1.25 * payload / rate
    return [
        Figure("enrolments pushed", sum(res.pushed.values()), "mutations"),
        Figure("photos uploaded", res.photos_up, "photos"),
        Figure("payload (records + photos)", payload / 1e6, "MB"),
        Figure("bytes sent on the link", sent / 1e6, "MB"),
        Figure("sync time, 1 Mbit/s, 150 ms RTT, 1% loss", seconds, "s",
               f"<= {target:.1f} s (1.25 x payload / bandwidth)", seconds <= target),
        Figure("link efficiency (payload / (time x bandwidth))", payload / (seconds * rate) * 100,
               "%", ">= 80 %", payload / (seconds * rate) >= 0.8),
    ]  # fmt: skip


def _people(ws, n: int):
    from app.demo.people import PeopleFactory
    from app.model.artisan import INPUT_FIELDS

    now = ws.registry.clock()
    factory = PeopleFactory(ws.profile.region_code, ws.geo, ws.nomenclature, 99, now.date())
    for i in range(n):
        rec = factory.artisan(i, "", "agent1")
        yield {k: rec[k] for k in INPUT_FIELDS if rec.get(k) is not None and k != "photo_sha256"}
