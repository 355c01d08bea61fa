"""A snapshot downloaded while it is made (``POST /v1/sync/snapshots?stream=true``): the
file streamed from an offset (``…/live``), its size and SHA-256 from ``…/info`` once made;
another region's laptop is refused; an unknown snapshot is 404."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import time

from app.wire import SNAPSHOT_FORMAT, page_checksum


def _info(laptop, snapshot_id: str) -> dict:
    for _ in range(200):
        r = laptop.get(f"/v1/sync/snapshots/{snapshot_id}/info")
        assert r.status_code in (200, 202), r.text
        if r.status_code == 200:
            return r.json()
        time.sleep(0.05)
    raise AssertionError("the snapshot was never finished")


def test_a_snapshot_streams_while_made_and_resumes_from_an_offset(make_laptop):
    from mihani_central_harness import person

    laptop = make_laptop("10")
    laptop.push(*[laptop.create(person("10")) for _ in range(30)])
    meta = laptop.post("/v1/sync/snapshots", params={"stream": "true"})
    assert meta.status_code == 201, meta.text
    sid = meta.json()["snapshot_id"]
    assert meta.json().get("building") is True
    live = f"/v1/sync/snapshots/{sid}/live"
    whole = laptop.get(live)
    assert whole.status_code == 200
    info = _info(laptop, sid)
    data = whole.content
    assert len(data) == info["size"] and hashlib.sha256(data).hexdigest() == info["sha256"]
    rest = laptop.get(live, params={"offset": 100})
    assert rest.status_code == 200 and data[:100] + rest.content == data
    lines = gzip.GzipFile(fileobj=io.BytesIO(data)).read().decode().splitlines()
    head, trailer = json.loads(lines[0]), json.loads(lines[-1])
    rows = [json.loads(x) for x in lines[1:-1]]
    assert head["format"] == SNAPSHOT_FORMAT and trailer["count"] == len(rows) == 30
    assert trailer["checksum"] == page_checksum(rows, head["columns"])
    assert head["cursor"] == info["cursor"]
    # made: the ordinary download (HTTP Range) serves the same file; a new ask reuses it
    ranged = laptop.get(f"/v1/sync/snapshots/{sid}", headers={"Range": "bytes=100-"})
    assert ranged.status_code == 206 and ranged.content == data[100:]
    again = laptop.post("/v1/sync/snapshots", params={"stream": "true"}).json()
    assert again["snapshot_id"] == sid and again["sha256"] == info["sha256"]


def test_live_snapshots_are_kept_to_their_region(make_laptop):
    mine, other = make_laptop("11"), make_laptop("12")
    sid = mine.post("/v1/sync/snapshots", params={"stream": "true"}).json()["snapshot_id"]
    for path in (f"/v1/sync/snapshots/{sid}/live", f"/v1/sync/snapshots/{sid}/info"):
        assert other.get(path).status_code == 403
    _info(mine, sid)
    for path in ("live", "info"):
        unknown = mine.get(f"/v1/sync/snapshots/00000000-0000-4000-8000-000000000000/{path}")
        assert unknown.status_code == 404
        assert mine.get(f"/v1/sync/snapshots/not-a-uuid/{path}").status_code == 404
