"""SIGKILL of the laptop at each step of a sync, and of the server in the middle of a push:
after a restart and a sync, nothing is lost and nothing is doubled."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

import pytest

from app import replica
from bench.chaoskit.checks import compare
from bench.chaoskit.site import PASSWORD, ROOT, Server
from sync import pull


def _killed_at(lap, point: str, page: int = 2) -> None:
    env = {**os.environ, "MIHANI_SYNC_CRASH_AT": point, "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "bench.chaoskit.sync_child", str(lap.home), PASSWORD, str(page)]
    out = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, timeout=120, check=False)
    assert out.returncode == -9, out.stderr.decode()[-2000:]


def _converged(site, laptops, enrolled) -> None:
    verdict = compare(site, laptops, enrolled, reopen=True)
    assert verdict.ok(), verdict


@pytest.mark.parametrize(
    "point",
    ["push.before_send", "push.after_answer", "pull.mid_set", "apply.mid", "snapshot.mid_download"],
)
def test_laptop_killed(site, point):
    a, b = site.laptop("a"), site.laptop("b")
    enrolled = {b.enrol() for _ in range(5)}
    b.sync()  # five changes for a to pull, in pages of two
    mine = [a.enrol() for _ in range(4)]
    enrolled |= set(mine)
    uid = mine[0]
    a.edit(uid, address="Derb Dabachi")
    if point == "snapshot.mid_download":
        pull.reset(a.ws)
    _killed_at(a, point)
    _converged(site, [a, b], enrolled)
    assert site.server_state()[uid]["address"] == "Derb Dabachi"


def test_server_killed_mid_push(site, sync_env):
    own = Server(sync_env)
    own.start()
    try:
        a = site.laptop("a", url=own.url)
        enrolled = {a.enrol() for _ in range(450)}
        errors: list[BaseException] = []

        def run():
            try:
                a.sync(url=own.url, backoff=__import__("sync.http").http.Backoff(
                    base=0.05, cap=0.5, attempts=80))  # fmt: skip
            except BaseException as exc:
                errors.append(exc)

        t = threading.Thread(target=run)
        t.start()
        time.sleep(0.4)
        own.kill()
        time.sleep(0.3)
        own.start()
        t.join(120)
        assert not errors, errors
        assert replica.is_empty(a.ws.store.read()) is False
        _converged(site, [a], enrolled)
    finally:
        own.stop()
