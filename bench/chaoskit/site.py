"""What the sync tests and the reliability campaign share: the central service in a process
of its own (killable and restartable on the same port), laptops that are real profiles
registered with one-time codes, and the state of both sides to compare."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

from app.credentials import generate_key, save_key_file
from app.model.artisan import INPUT_FIELDS
from app.registry.duplicates import DuplicateWarning
from app.workspace import init_profile
from bench.chaoskit.people import person
from sync.engine import run_sync
from sync.http import Backoff
from sync.register import register_laptop

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "agent-password-1"  # noqa: S105 (test accounts)
PASSPHRASE = "correct horse battery staple"  # noqa: S105 (a test key file)
COMPARED = ("uid", "nia", "status", "version", *INPUT_FIELDS)
_names = iter(range(1, 10**6))


def fast_backoff(attempts: int = 40) -> Backoff:
    return Backoff(base=0.01, cap=0.2, attempts=attempts)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def postgres_up(durable: bool = False) -> str:
    """A throwaway database (``scripts/postgres``); ``durable``: fsync on, for benchmarks."""
    env = {**os.environ, "MIHANI_PG_FSYNC": "on"} if durable else None
    out = subprocess.run(["bash", str(ROOT / "scripts" / "postgres"), "up"],
                         capture_output=True, text=True, check=False, timeout=600,
                         env=env)  # fmt: skip
    if out.returncode != 0:
        raise RuntimeError(f"scripts/postgres up failed:\n{out.stderr}")
    return out.stdout.strip().splitlines()[-1]


def postgres_down(url: str) -> None:
    subprocess.run(["bash", str(ROOT / "scripts" / "postgres"), "down", url],
                   capture_output=True, check=False, timeout=120)  # fmt: skip


def make_env(url: str, tmp: Path) -> dict:
    save_key_file(tmp / "root.pem", generate_key(), PASSPHRASE)
    save_key_file(tmp / "signer.pem", generate_key(), PASSPHRASE)
    return {
        "MIHANI_CENTRAL_DATABASE_URL": url,
        "MIHANI_CENTRAL_DATA_DIR": str(tmp / "data"),
        "MIHANI_CENTRAL_ROOT_KEY": str(tmp / "root.pem"),
        "MIHANI_CENTRAL_ROOT_PASSPHRASE": PASSPHRASE,
        "MIHANI_CENTRAL_SIGNER_KEY": str(tmp / "signer.pem"),
        "MIHANI_CENTRAL_SIGNER_PASSPHRASE": PASSPHRASE,
        "MIHANI_CENTRAL_ARGON2_TIME_COST": "1",
        "MIHANI_CENTRAL_ARGON2_MEMORY_KIB": "1024",
        "MIHANI_CENTRAL_LOG_LEVEL": "CRITICAL",
    }


class Server:
    """The central service under uvicorn on a fixed loopback port."""

    def __init__(self, env: dict, port: int | None = None) -> None:
        self.env, self.port = env, port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "central.app:app_from_env", "--factory",
             "--host", "127.0.0.1", "--port", str(self.port), "--log-level", "critical",
             "--no-access-log"],
            env={**os.environ, **self.env}, cwd=ROOT,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{self.url}/healthz", timeout=1).status_code == 200:
                    return
            except requests.ConnectionError:
                time.sleep(0.05)
            if self.proc.poll() is not None:
                raise RuntimeError("the central service did not start")
        raise RuntimeError("the central service did not answer")

    def kill(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


class Laptop:
    def __init__(self, site: Site, name: str, region: str, username: str) -> None:
        self.site, self.name, self.region, self.username = site, name, region, username
        self.home = site.tmp / name
        self.ws = init_profile(self.home, region, "agent1")

    def register(self, url: str | None = None) -> None:
        from central.services import devices

        _, code = devices.issue_code(self.site.admin, self.region)
        register_laptop(
            self.ws, url or self.site.server.url, code, self.username, PASSWORD,
            backoff=fast_backoff(),
        )  # fmt: skip

    def sync(self, url: str | None = None, **kw):
        kw.setdefault("backoff", fast_backoff())
        return run_sync(self.ws, server=url, password=lambda: PASSWORD, **kw)

    def enrol(self, rec: dict | None = None) -> str:
        rec = rec or person(self.region)
        try:
            return self.ws.registry.enrol(rec, "agent1").uid
        except DuplicateWarning as exc:
            ack = [c.record["uid"] for c in exc.candidates]
            return self.ws.registry.enrol(rec, "agent1", acknowledged=ack).uid

    def edit(self, uid: str, **changes) -> dict:
        rec = self.row(uid)
        return self.ws.registry.update(uid, changes, "agent1", rec["version"])

    def row(self, uid: str) -> dict:
        row = self.ws.store.read().execute("SELECT * FROM artisan WHERE uid = ?", (uid,))
        return dict(row.fetchone())

    def state(self) -> dict[str, dict]:
        rows = self.ws.store.read().execute("SELECT * FROM artisan").fetchall()
        return {r["uid"]: _plain({c: r[c] for c in COMPARED}) for r in rows}

    def outbox(self) -> int:
        return self.ws.store.read().execute("SELECT count(*) FROM outbox").fetchone()[0]

    def close(self) -> None:
        self.ws.close()

    def reopen(self) -> None:
        from app.workspace import open_workspace

        self.ws.close()
        self.ws = open_workspace(self.home)


class Site:
    """Laptops of one region, sharing the session's server."""

    def __init__(self, server: Server, admin, tmp: Path, region: str = "07") -> None:
        self.server, self.admin, self.tmp, self.region = server, admin, tmp, region
        self.laptops: list[Laptop] = []

    def agent(self, role: str = "agent") -> str:
        from central.services import accounts

        name = f"s{role[:3]}{next(_names)}x{os.getpid() % 1000}t{int(time.time() * 1000) % 10**7}"
        accounts.create_agent(self.admin, name, PASSWORD, role, self.region)
        return name

    def laptop(self, name: str, register: bool = True, url: str | None = None) -> Laptop:
        lap = Laptop(self, name, self.region, self.agent())
        self.laptops.append(lap)
        if register:
            lap.register(url)
        return lap

    def server_state(self) -> dict[str, dict]:
        cols = ", ".join(COMPARED)
        with self.admin.db.tx() as conn:
            rows = conn.execute(
                f"SELECT {cols} FROM artisan WHERE region_code = %s",  # noqa: S608  # nosec B608 # columns from the COMPARED constant; value bound
                (self.region,),
            ).fetchall()
        return {str(r["uid"]): _plain({c: r[c] for c in COMPARED}) for r in rows}

    def cins(self) -> list[str]:
        with self.admin.db.tx() as conn:
            rows = conn.execute("SELECT cin FROM artisan WHERE region_code = %s", (self.region,))
            return [r["cin"] for r in rows.fetchall()]

    def close(self) -> None:
        for lap in self.laptops:
            lap.close()


def _plain(rec: dict) -> dict:
    out = {}
    for k, v in rec.items():
        if isinstance(v, bool):
            v = int(v)
        elif v is not None and not isinstance(v, int | float | str):
            v = str(v)
        out[k] = "" if v is None else v
    out["uid"] = str(out["uid"])
    return out
