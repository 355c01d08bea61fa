"""A first download cut in one sync goes on from its cut in a later one, by the snapshot's id,
even after the service stopped offering that snapshot to new laptops (the rows written since
come by the ordinary pull); a part of a snapshot the service dropped starts again from the
first byte. The service keeps each region's snapshots for a while, then drops them, file and
row. Each test has a region of its own (a snapshot made in the last minutes is reused)."""

from __future__ import annotations

import os
import time
import uuid

from bench.chaoskit.site import PASSWORD
from central.services import devices, snapshot_keep
from central.services import snapshot as made
from sync import snapshot
from sync.register import register_laptop
from tests.sync.snapshot_kit import enrolled_elsewhere, forget_snapshots, snapshots_applied


def _age(site, minutes: int) -> None:
    """The region's snapshots made ``minutes`` earlier: past the window in which they are
    offered to a new laptop."""
    with site.admin.db.tx() as conn:
        conn.execute(
            "UPDATE snapshot SET created_at = created_at - make_interval(mins => %s)"
            " WHERE region_code = %s",
            (minutes, site.region),
        )


def _rows(site) -> list[str]:
    with site.admin.db.tx() as conn:
        found = conn.execute(
            "SELECT id FROM snapshot WHERE region_code = %s ORDER BY created_at", (site.region,)
        ).fetchall()
    return [str(r["id"]) for r in found]


def _parts(lap) -> list[str]:
    return sorted(p.name for p in (lap.home / "central").glob("snapshot-*.part"))


def _watch_downloads(monkeypatch) -> list[tuple[str, int]]:
    """Each snapshot download: the path asked for and the bytes already held."""
    seen: list[tuple[str, int]] = []
    real = snapshot.download

    def watched(http, path, dest, size, progress=None):
        seen.append((path, dest.stat().st_size if dest.exists() else 0))
        return real(http, path, dest, size, progress)

    monkeypatch.setattr(snapshot, "download", watched)
    return seen


def _half_downloaded(site, lap) -> tuple[str, int]:
    """A finished snapshot of the region, and the first half of its file in ``lap``'s profile
    as a cut download leaves it; its id and full size."""
    info = made.build(site.admin, site.region)
    data = made.path_of(site.admin, info["snapshot_id"]).read_bytes()
    part = lap.home / "central" / f"snapshot-{info['snapshot_id']}.part"
    part.parent.mkdir(parents=True, exist_ok=True)
    part.write_bytes(data[: len(data) // 2])
    return info["snapshot_id"], len(data)


def test_a_cut_first_download_goes_on_from_its_cut_an_hour_later(region_site, monkeypatch):
    site = region_site("10")
    before, b = enrolled_elsewhere(site, 40)
    a = site.laptop("a", register=False)
    _, code = devices.issue_code(site.admin, site.region)
    register_laptop(a.ws, site.server.url, code, a.username, PASSWORD, snapshot=False)
    snapshot_id, size = _half_downloaded(site, a)
    _age(site, 60)  # no longer offered: a new laptop would get a new snapshot
    after = {b.enrol() for _ in range(3)}  # written after the snapshot: they come by the pull
    b.sync()
    seen = _watch_downloads(monkeypatch)
    a.sync()
    assert seen == [(f"/v1/sync/snapshots/{snapshot_id}", size // 2)]  # from the cut
    assert _rows(site) == [snapshot_id]  # no new snapshot was made for it
    assert before | after <= set(a.state()) and a.state() == site.server_state()
    assert snapshots_applied(a) == 1 and _parts(a) == []


def test_a_part_of_a_snapshot_the_service_dropped_starts_again(region_site, monkeypatch):
    site = region_site("11")
    enrolled, _ = enrolled_elsewhere(site, 12)
    a = site.laptop("a", register=False)
    gone = a.home / "central" / f"snapshot-{uuid.uuid4()}.part"
    gone.parent.mkdir(parents=True, exist_ok=True)
    gone.write_bytes(b"\x1f\x8b" + os.urandom(5000))  # a snapshot the service no longer has
    a.register()
    assert enrolled <= set(a.state()) and a.state() == site.server_state()
    assert snapshots_applied(a) == 1 and _parts(a) == []


def test_a_snapshot_dropped_during_the_download_is_replaced_once(region_site, monkeypatch):
    site = region_site("12")
    enrolled, _ = enrolled_elsewhere(site, 12)
    a = site.laptop("a", register=False)
    first, _ = _half_downloaded(site, a)
    real = snapshot.fetch
    calls: list[str] = []

    def dropped_first(http, home, region, progress=None, info=None):
        calls.append(info["snapshot_id"])
        made.path_of(site.admin, info["snapshot_id"]).unlink()  # dropped by the service
        return real(http, home, region, progress, info)

    monkeypatch.setattr(snapshot, "fetch", dropped_first)
    _age(site, 60)
    a.register()  # the new snapshot is downloaded while it is made (not by ``fetch``)
    assert calls == [first]
    assert len(_rows(site)) == 2 and _rows(site)[0] == first
    assert enrolled <= set(a.state()) and a.state() == site.server_state()
    assert snapshots_applied(a) == 1 and _parts(a) == []


def test_the_service_keeps_a_regions_recent_snapshots_and_drops_the_rest(region_site):
    site = region_site("02")
    admin = site.admin

    def another() -> str:
        _age(site, 20)  # past the window in which the last one is offered again
        return made.build(admin, site.region)["snapshot_id"]

    ids = [another() for _ in range(3)]
    with admin.db.tx() as conn:  # the middle one made past the keeping time
        conn.execute(
            "UPDATE snapshot SET created_at = now() - make_interval(secs => %s) WHERE id = %s",
            (snapshot_keep.KEEP_SECONDS + 60, ids[1]),
        )
    folder = admin.settings.data_dir / "snapshots"
    dead = folder / f"{uuid.uuid4()}.{site.region}.building"
    dead.write_bytes(b"cut")
    old = time.time() - made.STALL - 5
    os.utime(dead, (old, old))
    growing = folder / f"{uuid.uuid4()}.{site.region}.building"
    growing.write_bytes(b"being made")
    assert ids[1] in snapshot_keep.prune(admin)
    assert _rows(site) == [ids[0], ids[2]]
    assert not made.path_of(admin, ids[1]).exists()
    assert not dead.exists() and growing.exists()  # a build still writing stays
    growing.unlink()
    ids = [ids[0], ids[2]] + [another() for _ in range(snapshot_keep.KEEP_COUNT)]
    assert set(snapshot_keep.prune(admin)) == set(ids[: -snapshot_keep.KEEP_COUNT])
    assert _rows(site) == ids[-snapshot_keep.KEEP_COUNT :]  # the newest ones, in their order
    for snapshot_id in ids:
        assert made.path_of(admin, snapshot_id).exists() == (snapshot_id in _rows(site))
    _age(site, 60 * 24 * 7)  # all past the keeping time: the newest stays all the same
    snapshot_keep.prune(admin)
    assert _rows(site) == [ids[-1]] and made.path_of(admin, ids[-1]).exists()
    kept = another()
    _age(site, 60 * 24 * 7)
    site.laptop("a")  # a registration asks for a snapshot: the service prunes first
    assert ids[-1] not in _rows(site) and kept in _rows(site)
    assert not made.path_of(admin, ids[-1]).exists()


def test_laptops_registered_together_share_the_build_in_progress(region_site):
    """Two laptops asking while a snapshot of their region is being made get that one, not a
    build each; a build whose file stopped growing (its process died) is not handed out."""
    site = region_site("01")
    forget_snapshots(site)
    folder = site.admin.settings.data_dir / "snapshots"
    dead = folder / f"{uuid.uuid4()}.{site.region}.building"
    dead.write_bytes(b"cut")
    old = time.time() - made.STALL - 5
    os.utime(dead, (old, old))
    making = folder / f"{uuid.uuid4()}.{site.region}.building"
    making.write_bytes(b"\x1f\x8b")  # as a build leaves it while its rows come
    try:
        first = made.start(site.admin, site.region)
        second = made.start(site.admin, site.region)
        assert first == second == {
            "snapshot_id": making.name.split(".")[0], "region": site.region, "building": True
        }  # fmt: skip
    finally:
        making.unlink()
        dead.unlink(missing_ok=True)
    assert not made.being_made(site.admin, site.region)
