"""``python -m bench central``: the central service on a real PostgreSQL, over loopback HTTP.

20 simulated laptops push at once (batches of enrolments, as a sync after a day offline):
mutations/s and push latency; then one laptop pulls its whole region: artisans/s served.
The database is a throwaway one from ``scripts/postgres``; the service runs in its own
process (``uvicorn``), exactly as deployed.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import requests

from bench.common import Figure, percentile, record_distribution

ROOT = Path(__file__).resolve().parent.parent
DEVICES = 20
BATCH = 25
# The service is stateless: deployed with one app process per core (docs/CENTRAL.md).
WORKERS = int(os.environ.get("MIHANI_BENCH_WORKERS", str(min(os.cpu_count() or 1, 4))))
REGION = "07"
PASSWORD = "bench-password-1"  # noqa: S105 (a throwaway database)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _environment(url: str, tmp: Path) -> dict:
    """The service's settings as the tests make them (``make_env``), but at the real cost of
    argon2 and sized for twenty devices at once."""
    from bench.chaoskit.site import make_env

    env = make_env(url, tmp)
    del env["MIHANI_CENTRAL_ARGON2_TIME_COST"], env["MIHANI_CENTRAL_ARGON2_MEMORY_KIB"]
    return {**env, "MIHANI_CENTRAL_POOL_MAX": "24", "MIHANI_CENTRAL_LOG_LEVEL": "WARNING",
            "MIHANI_CENTRAL_LEASE_SIZE": "100000"}  # fmt: skip


def _serve(env: dict) -> tuple[subprocess.Popen, str]:
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "central.app:app_from_env", "--factory",
         "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning",
         "--no-access-log", "--workers", str(WORKERS)],
        env={**os.environ, **env}, cwd=ROOT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if requests.get(f"{base}/healthz", timeout=1).ok:
                return proc, base
        except requests.ConnectionError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("the central service did not start")


def _laptops(central, base: str) -> list[dict]:
    from app.credentials import generate_key, raw_public_key
    from central.services import accounts, devices

    accounts.create_agent(central, "bench-agent", PASSWORD, "agent", REGION)
    out = []
    for _ in range(DEVICES):
        _, code = devices.issue_code(central, REGION)
        client_id = uuid.uuid4().hex
        reg = requests.post(f"{base}/v1/devices/register", json={
            "code": code, "public_key": raw_public_key(generate_key()).hex(),
            "client_id": client_id}, timeout=60).json()  # fmt: skip
        tok = requests.post(f"{base}/v1/auth/login", json={
            "username": "bench-agent", "password": PASSWORD, "device_id": reg["device_id"],
            "device_secret": reg["device_secret"]}, timeout=60).json()  # fmt: skip
        out.append({"client_id": client_id, "lease": reg["lease"], "token": tok["access_token"]})
    return out


def _bodies(laptop: dict, device: int, pushes: int, commune: str) -> list[bytes]:
    from app.nia import make_nia

    bodies, mid, serial = [], 1, laptop["lease"]["first_serial"]
    for p in range(pushes):
        muts = []
        for _ in range(BATCH):
            n = (device * 10**6) + mid
            uid = str(uuid.uuid4())
            patch = {
                "uid": uid, "nia": make_nia(REGION, serial), "status": "pending", "version": 1,
                "cin": f"B{chr(65 + device)}{n % 10**6:06d}", "first_name_ar": "خديجة",
                "last_name_ar": "بناني", "first_name_lat": "Khadija", "last_name_lat": "Bennani",
                "sex": "F", "birth_date": f"{1960 + n % 40}-0{1 + n % 9}-1{n % 10}",
                "phone": f"066{n % 10**7:07d}", "commune_code": commune,
                "category": "experience", "activity_code": "P04.001", "years_practice": 5,
                "qualification_ref": f"ATT-{n}", "consent_given": True,
            }  # fmt: skip
            muts.append({"mid": mid, "entity": "artisan", "entity_uid": uid, "op": "create",
                         "patch": patch, "created_at": "2025-12-15T09:30:00.000Z"})  # fmt: skip
            mid, serial = mid + 1, serial + 1
        bodies.append(json.dumps({"client_id": laptop["client_id"], "mutations": muts}).encode())
        del p
    return bodies


def _push_phase(base: str, laptops: list[dict], pushes: int, commune: str):
    bodies = [_bodies(lp, i, pushes, commune) for i, lp in enumerate(laptops)]
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(len(laptops) + 1)

    def device(i: int) -> None:
        s = requests.Session()
        headers = {"Authorization": f"Bearer {laptops[i]['token']}",
                   "Content-Type": "application/json", "Accept-Encoding": "identity"}  # fmt: skip
        start.wait()
        for body in bodies[i]:
            t0 = time.perf_counter()
            r = s.post(f"{base}/v1/sync/push", data=body, headers=headers, timeout=60)
            ms = (time.perf_counter() - t0) * 1000
            with lock:
                latencies.append(ms)
                if r.status_code != 200 or any(
                    x["status"] != "applied" for x in r.json()["results"]
                ):
                    errors.append(r.text[:300])

    threads = [threading.Thread(target=device, args=(i,)) for i in range(len(laptops))]
    for t in threads:
        t.start()
    start.wait()
    t0 = time.perf_counter()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    if errors:
        raise RuntimeError(f"{len(errors)} pushes failed, first: {errors[0]}")
    return len(laptops) * pushes * BATCH / elapsed, latencies


def _seed(url: str, count: int, commune: str) -> None:
    """Bulk rows straight into the region (the pull does not care how they came)."""
    import psycopg

    with psycopg.connect(url) as conn:
        conn.execute(
            """
            INSERT INTO artisan (uid, nia, status, version, nomenclature_version, created_at,
              created_by, updated_at, updated_by, cin, first_name_ar, last_name_ar,
              first_name_lat, last_name_lat, sex, birth_date, phone, region_code,
              province_code, commune_code, category, branch_code, activity_code,
              years_practice, qualification_kind, qualification_ref, consent_given,
              consent_at, consent_agent)
            SELECT gen_random_uuid(), '07-' || lpad((50000000 + g)::text, 8, '0') || '-00',
              'validated', 1, '2025.1', '2025-12-15T09:30:00.000Z', 'seed',
              '2025-12-15T09:30:00.000Z', 'seed', 'S' || g, 'فاطمة', 'العلوي', 'Fatima',
              'El Alaoui', 'F', '1980-05-17', '+212661' || lpad(g::text, 6, '0'), '07',
              %s, %s, 'experience', 'P04', 'P04.001', 7, 'attestation', 'ATT-' || g, true,
              '2025-12-15T09:30:00.000Z', 'seed'
            FROM generate_series(1, %s) AS g
            """,
            (commune.rsplit(".", 2)[0], commune, count),
        )
        conn.commit()
        conn.execute("ANALYZE artisan")


def _pull_phase(base: str, token: str, gzip: bool) -> tuple[float, int, float]:
    s = requests.Session()
    headers = {"Authorization": f"Bearer {token}",
               "Accept-Encoding": "gzip" if gzip else "identity"}  # fmt: skip
    cursor, until, rows, wire = None, None, 0, 0
    t0 = time.perf_counter()
    while True:
        params = {"limit": 10000, **({"cursor": cursor} if cursor else {}),
                  **({"until": until} if until else {})}  # fmt: skip
        r = s.get(f"{base}/v1/sync/pull", params=params, headers=headers, stream=True, timeout=60)
        raw = r.raw.read()
        wire += len(raw)
        if gzip and r.headers.get("content-encoding") == "gzip":
            import zlib

            raw = zlib.decompress(raw, 31)
        # what the server served is measured, not the client's JSON parsing: the page's
        # header keys come before its rows
        head = raw[: raw.index(b',"columns":')] + b"}"
        page = json.loads(head)
        rows += page["count"]
        cursor, until = page["next_cursor"], page["until"]
        if not page["more"]:
            break
    elapsed = time.perf_counter() - t0
    return rows / elapsed, rows, wire / max(rows, 1)


def run(quick: bool = False) -> list[Figure]:
    from app.refdata import load_geo

    pushes = 5 if quick else 20
    seeded = 20_000 if quick else 200_000
    commune = load_geo().communes_in_region(REGION)[0].code
    from bench.chaoskit.site import postgres_down, postgres_up

    url = postgres_up(durable=True)  # measure a durable database
    proc = None
    try:
        with tempfile.TemporaryDirectory(prefix="mihani-bench-central-") as tmp:
            env = _environment(url, Path(tmp))
            os.environ.update(env)
            from central.context import Central
            from central.migrate import upgrade
            from central.settings import Settings

            upgrade(url)
            central = Central.build(Settings.from_env())
            central.open()
            proc, base = _serve(env)
            laptops = _laptops(central, base)
            central.close()
            rate, lat = _push_phase(base, laptops, pushes, commune)
            _seed(url, seeded, commune)
            pull_rate, rows, _ = _pull_phase(base, laptops[0]["token"], gzip=False)
            gz_rate, _, per_row = _pull_phase(base, laptops[0]["token"], gzip=True)
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(10)
        postgres_down(url)
    p99 = percentile(lat, 99)
    record_distribution("one push of a batch, 20 devices at once", lat, "ms", 500)
    total = DEVICES * pushes * BATCH
    return [
        Figure(f"push: {DEVICES} devices x {pushes} pushes x {BATCH}", total, "mutations"),
        Figure("push throughput", rate, "mutations/s", ">= 2000", rate >= 2000),
        Figure("push p50", percentile(lat, 50), "ms"),
        Figure("push p99", p99, "ms", "<= 500", p99 <= 500),
        Figure(f"pull of {rows} artisans served", pull_rate, "artisans/s", ">= 50000",
               pull_rate >= 50_000),
        Figure("pull served, gzip", gz_rate, "artisans/s"),
        Figure("pull bytes per artisan, gzip", per_row, "bytes"),
    ]  # fmt: skip
