"""Pull pages (one snapshot each, count and checksum), 410 for a cursor too old, region
snapshots downloaded resumably with HTTP Range."""

from __future__ import annotations

import gzip
import hashlib
import io
import json

from app.wire import PullPage, page_checksum


def pull_all(laptop, cursor: str | None = None, limit: int = 3) -> tuple[list[PullPage], str]:
    pages, until = [], None
    while True:
        params = {"limit": limit, **({"cursor": cursor} if cursor else {})}
        if until:
            params["until"] = until
        r = laptop.get("/v1/sync/pull", params=params)
        assert r.status_code == 200, r.text
        page = PullPage.from_json(r.json())  # checks count and checksum
        pages.append(page)
        until, cursor = page.until, page.next_cursor
        if not page.more:
            return pages, cursor


def test_pages_are_complete_checked_and_resume_from_the_cursor(make_laptop):
    writer = make_laptop("05")
    muts = [writer.create(None) for _ in range(1)]
    from mihani_central_harness import person

    muts = [writer.create(person("05")) for _ in range(7)]
    assert all(r["status"] == "applied" for r in writer.push(*muts).json()["results"])
    reader = make_laptop("05")
    pages, cursor = pull_all(reader)
    assert len(pages) >= 3 and pages[0].total == 7
    uids = [rec["uid"] for p in pages for rec in p.records()]
    assert sorted(uids) == sorted(m.entity_uid for m in muts)
    # nothing new: an empty, complete page
    again, cursor2 = pull_all(reader, cursor)
    assert again[0].count == 0 and not again[0].more and cursor2 == cursor
    # an update moves the record to the end of the feed
    m = muts[0]
    upd = writer.update(m.entity_uid, 1, {"workplace": None}, {"workplace": "Fès"})
    writer.push(upd)
    later, _ = pull_all(reader, cursor)
    recs = [r for p in later for r in p.records()]
    assert [(r["uid"], r["version"], r["workplace"]) for r in recs] == [(m.entity_uid, 2, "Fès")]


def test_checksum_detects_a_changed_page(make_laptop):
    laptop = make_laptop("06")
    from mihani_central_harness import person

    laptop.push(laptop.create(person("06")), laptop.create(person("06")))
    data = laptop.get("/v1/sync/pull").json()
    assert data["checksum"] == page_checksum(data["rows"], data["columns"])
    data["rows"] = data["rows"][:1]
    data["count"] = 1
    import pytest

    from app.wire import WireError

    with pytest.raises(WireError):
        PullPage.from_json(data)


def test_a_cursor_too_old_answers_410(make_laptop, admin):
    laptop = make_laptop("08")
    _, cursor = pull_all(laptop)
    with admin.db.tx() as conn:
        conn.execute("UPDATE region SET feed_epoch = feed_epoch + 1 WHERE code = '08'")
    laptop.lang = "ar"
    r = laptop.get("/v1/sync/pull", params={"cursor": cursor})
    assert r.status_code == 410 and r.json()["error"] == "central.error.cursor_gone"
    assert "لقطة" in r.json()["message"]
    future = laptop.get("/v1/sync/pull", params={"cursor": "c1.2.99999999999.1"})
    assert future.status_code == 410
    bad = laptop.get("/v1/sync/pull", params={"cursor": "nonsense"})
    assert bad.status_code == 422


def test_snapshot_downloads_resumably_and_then_pull_continues(make_laptop):
    from mihani_central_harness import person

    laptop = make_laptop("09")
    muts = [laptop.create(person("09")) for _ in range(25)]
    laptop.push(*muts)
    meta = laptop.post("/v1/sync/snapshots").json()
    url = f"/v1/sync/snapshots/{meta['snapshot_id']}"
    first = laptop.get(url, headers={**laptop.headers, "Range": "bytes=0-99"})
    assert first.status_code == 206 and len(first.content) == 100
    rest = laptop.get(url, headers={**laptop.headers, "Range": "bytes=100-"})
    assert rest.status_code == 206
    data = first.content + rest.content
    assert len(data) == meta["size"] and hashlib.sha256(data).hexdigest() == meta["sha256"]
    lines = gzip.GzipFile(fileobj=io.BytesIO(data)).read().decode().splitlines()
    head, trailer = json.loads(lines[0]), json.loads(lines[-1])
    rows = [json.loads(x) for x in lines[1:-1]]
    assert head["format"] == "mihani-snapshot/1" and trailer["count"] == len(rows) == 25
    assert trailer["checksum"] == page_checksum(rows, head["columns"])
    # after the snapshot, a change made later comes through the pull
    m = muts[3]
    laptop.push(laptop.update(m.entity_uid, 1, {"workplace": None}, {"workplace": "X"}))
    pages, _ = pull_all(laptop, head["cursor"], limit=100)
    recs = {r["uid"]: r for p in pages for r in p.records()}
    assert recs[m.entity_uid]["version"] == 2
