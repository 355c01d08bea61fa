"""A first snapshot the service is still making: downloaded while made and applied while it
downloads (an empty replica), committed only once the file's SHA-256, count and checksum
match; a mismatch found at the end rolls everything back and the finished file is fetched
whole instead. Each test has a region of its own (a snapshot made in the last minutes is
reused, and these need a new one)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from bench.chaoskit.site import PASSWORD, ROOT
from central.services import devices
from sync import snapshot, snapshot_live
from sync.errors import SyncError
from sync.register import register_laptop
from tests.sync.snapshot_kit import enrolled_elsewhere, snapshots_applied


def test_a_snapshot_being_made_is_applied_while_it_downloads(region_site, monkeypatch):
    site = region_site("03")
    enrolled, _ = enrolled_elsewhere(site, 12)
    taken = []
    real = snapshot._take_live
    monkeypatch.setattr(snapshot, "_take_live", lambda *a: taken.append(a[2]) or real(*a))
    a = site.laptop("a", register=False)
    a.register()  # the first snapshot comes with the registration
    assert len(taken) == 1
    assert enrolled <= set(a.state()) and a.state() == site.server_state()
    assert snapshots_applied(a) == 1
    assert not list((a.home / "central").glob("snapshot-*.part"))
    conn = a.ws.store.read()
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT pull_cursor FROM sync_state").fetchone()[0] is not None


def test_a_mismatch_found_at_the_end_rolls_back_and_the_whole_file_is_fetched(
    region_site, monkeypatch
):
    site = region_site("04")
    enrolled, _ = enrolled_elsewhere(site, 8)
    real = snapshot_live.Live.verified
    calls = []

    def once_damaged(self):
        info = real(self)
        calls.append(info["snapshot_id"])
        if len(calls) == 1:
            raise SyncError("sync.error.snapshot_damaged")  # as if the SHA-256 differed
        return info

    monkeypatch.setattr(snapshot_live.Live, "verified", once_damaged)
    fetched = []
    real_fetch = snapshot.fetch
    monkeypatch.setattr(snapshot, "fetch", lambda *a, **k: fetched.append(1) or real_fetch(*a, **k))
    a = site.laptop("a")
    assert len(calls) == 1 and fetched == [1]
    assert enrolled <= set(a.state()) and a.state() == site.server_state()
    assert snapshots_applied(a) == 1  # the rolled back one left nothing


@pytest.mark.parametrize(
    ("region", "point"), [("05", "snapshot.mid_download"), ("06", "apply.mid")]
)
def test_killed_while_a_live_snapshot_downloads_and_applies(region_site, region, point):
    site = region_site(region)
    enrolled, _ = enrolled_elsewhere(site, 15)
    a = site.laptop("a", register=False)
    _, code = devices.issue_code(site.admin, region)
    register_laptop(a.ws, site.server.url, code, a.username, PASSWORD, snapshot=False)
    a.ws.close()  # the child process syncs this profile and is killed
    env = {**os.environ, "MIHANI_SYNC_CRASH_AT": point, "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "bench.chaoskit.sync_child", str(a.home), PASSWORD, "2"]
    out = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, timeout=120, check=False)
    assert out.returncode == -9, out.stderr.decode()[-2000:]
    a.reopen()
    conn = a.ws.store.read()
    assert conn.execute("SELECT count(*) FROM artisan").fetchone()[0] == 0  # nothing committed
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    a.sync()
    assert enrolled <= set(a.state()) and a.state() == site.server_state()
    assert snapshots_applied(a) == 1
