"""A real PostgreSQL (``scripts/postgres``: a throwaway database, dropped at the end) and the
real service in its own process on a free loopback port, for the whole session."""

from __future__ import annotations

import itertools
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from mihani_central_harness import PASSWORD, Laptop, http, register

from app.credentials import generate_key, save_key_file

ROOT = Path(__file__).resolve().parents[2]
PASSPHRASE = "correct horse battery staple"  # noqa: S105 (a test key file)
_names = itertools.count(1)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def database_url():
    out = subprocess.run(
        ["bash", str(ROOT / "scripts" / "postgres"), "up"],
        capture_output=True, text=True, check=False, timeout=600,
    )  # fmt: skip
    if out.returncode != 0:
        pytest.fail(f"scripts/postgres up failed:\n{out.stderr}")
    url = out.stdout.strip().splitlines()[-1]
    yield url
    subprocess.run(["bash", str(ROOT / "scripts" / "postgres"), "down", url],
                   capture_output=True, check=False, timeout=120)  # fmt: skip


@pytest.fixture(scope="session")
def central_env(database_url, tmp_path_factory):
    keys = tmp_path_factory.mktemp("central-keys")
    save_key_file(keys / "root.pem", generate_key(), PASSPHRASE)
    save_key_file(keys / "signer.pem", generate_key(), PASSPHRASE)
    env = {
        "MIHANI_CENTRAL_DATABASE_URL": database_url,
        "MIHANI_CENTRAL_DATA_DIR": str(tmp_path_factory.mktemp("central-data")),
        "MIHANI_CENTRAL_ROOT_KEY": str(keys / "root.pem"),
        "MIHANI_CENTRAL_ROOT_PASSPHRASE": PASSPHRASE,
        "MIHANI_CENTRAL_SIGNER_KEY": str(keys / "signer.pem"),
        "MIHANI_CENTRAL_SIGNER_PASSPHRASE": PASSPHRASE,
        "MIHANI_CENTRAL_ARGON2_TIME_COST": "1",
        "MIHANI_CENTRAL_ARGON2_MEMORY_KIB": "1024",
        "MIHANI_CENTRAL_LOGIN_MAX_FAILURES": "5",
        "MIHANI_CENTRAL_LOG_LEVEL": "WARNING",
    }
    os.environ.update(env)
    from central.migrate import upgrade

    upgrade(database_url)
    return env


@pytest.fixture(scope="session")
def admin(central_env):
    """The service's own services, in-process, for what an operator does on the CLI."""
    from central.context import Central
    from central.settings import Settings

    central = Central.build(Settings.from_env())
    central.open()
    yield central
    central.close()


@pytest.fixture(scope="session")
def base_url(central_env):
    port = _free_port()
    env = {**os.environ, **central_env}
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "central.app:app_from_env", "--factory",
         "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
        env=env, cwd=ROOT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if http.get(f"{base}/healthz", timeout=1).status_code == 200:
                break
        except requests.ConnectionError:
            time.sleep(0.2)
        if proc.poll() is not None:
            pytest.fail("the central service did not start")
    yield base
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="session")
def make_agent(admin):
    from central.services import accounts

    def make(region: str | None = "07", role: str = "agent") -> str:
        name = f"{role}{next(_names)}r{region or 'nat'}"
        accounts.create_agent(admin, name, PASSWORD, role, region)
        return name

    return make


@pytest.fixture(scope="session")
def make_laptop(admin, base_url, make_agent):
    """A registered laptop of a region with a fresh agent (or the one given) logged in."""
    from central.services import devices

    def make(region: str = "07", role: str = "agent", username: str | None = None) -> Laptop:
        _, code = devices.issue_code(admin, region)
        laptop = register(base_url, code, region)
        laptop.username = username or make_agent(region, role)  # type: ignore[attr-defined]
        r = laptop.login(laptop.username, PASSWORD)  # type: ignore[attr-defined]
        assert r.status_code == 200, r.text
        return laptop

    return make


@pytest.fixture(scope="session")
def operator_token(base_url, make_agent) -> str:
    name = make_agent(None, "operator")
    r = http.post(f"{base_url}/v1/auth/login", json={"username": name, "password": PASSWORD})
    assert r.status_code == 200, r.text
    return r.json()["access_token"]
