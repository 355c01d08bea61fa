"""Photos go up after their records, resumably (a cut never makes the laptop send again
what the server holds); a corrupted upload is refused by its checksum; the region's photos
come down to the other laptops."""

from __future__ import annotations

import hashlib
import random

import pytest

from bench.chaoskit.people import person
from bench.chaoskit.proxy import FaultProxy
from bench.chaoskit.site import fast_backoff
from sync import blobs
from sync.client import Central
from sync.config import Registration
from sync.errors import SyncError
from sync.http import Transport

JPEG = b"\xff\xd8\xff\xe0"


def photo(size: int, seed: int) -> bytes:
    return JPEG + random.Random(seed).randbytes(size - len(JPEG))


def _http(lap, url=None) -> Transport:
    reg = Registration.load(lap.home)
    http = Transport(url or reg.server, backoff=fast_backoff())
    Central(http, lap.ws.profile.profile_id, reg, lambda: "agent-password-1").ensure()
    return http


def test_photos_follow_their_records_both_ways(site):
    a, b = site.laptop("a"), site.laptop("b")
    data = photo(40_000, 1)
    digest = a.ws.registry.add_photo(data, "agent1")
    uid = a.enrol(person("07", photo_sha256=digest))
    assert blobs.waiting(a.ws.store.read()) == [(digest, len(data))]
    res = a.sync()
    assert res.photos_up == 1 and blobs.waiting(a.ws.store.read()) == []
    res = b.sync()
    assert res.photos_down >= 1
    row = b.ws.store.read().execute("SELECT data FROM photo WHERE sha256 = ?", (digest,))
    assert bytes(row.fetchone()[0]) == data
    assert b.row(uid)["photo_sha256"] == digest


def test_cut_uploads_resume_without_sending_again(site):
    a = site.laptop("a")
    proxy = FaultProxy(site.server.port, rate=0.5, seed=11,
                       faults=("cut_request", "reset_after", "drop", "truncate"))  # fmt: skip
    try:
        http = _http(a, proxy.url)
        rng = random.Random(5)
        for n in range(4):
            data = photo(rng.randint(30_000, 150_000), 100 + n)
            digest = hashlib.sha256(data).hexdigest()
            chunk = 16_384
            sent = blobs.send(http, digest, "image/jpeg", data, chunk=chunk)
            cuts = proxy.counts["cut_request"] + proxy.counts["reset_after"]
            # a chunk is sent again only when its PATCH was lost on the way
            assert sent <= len(data) + chunk * max(cuts, 1)
            again = blobs.send(http, digest, "image/jpeg", data, chunk=chunk)
            assert again == 0  # the server holds it whole: nothing is sent
            found = http.call("GET", f"/v1/blobs/{digest}", expect_json=False).content
            assert found == data
    finally:
        proxy.close()


def test_corrupted_upload_refused(site):
    a = site.laptop("a")
    http = _http(a)
    data = photo(20_000, 9)
    wrong = hashlib.sha256(b"another photo").hexdigest()
    with pytest.raises(SyncError) as err:
        blobs.send(http, wrong, "image/jpeg", data)
    assert err.value.msgid == "sync.error.photo_refused"
    r = http.call("POST", "/v1/blobs/uploads",
                  json={"sha256": wrong, "size": len(data), "mime": "image/jpeg"})  # fmt: skip
    assert r.data["offset"] == 0  # the refused bytes were discarded
