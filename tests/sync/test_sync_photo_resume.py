"""Photos come down in Range chunks kept as they arrive: a cut download resumes from the cut
without fetching the first part again; a corrupt one is dropped and fetched again whole."""

from __future__ import annotations

import random

import pytest

from bench.chaoskit.people import person
from bench.chaoskit.site import fast_backoff
from sync import blobs
from sync.client import Central
from sync.config import Registration
from sync.errors import Unreachable
from sync.http import Transport

JPEG = b"\xff\xd8\xff\xe0"
CHUNK = 32_768


class Recording(Transport):
    """Notes each GET of ``digest`` (its Range, how many bytes came); cut after ``cut_after``."""

    def __init__(self, *args, digest: str, cut_after: int | None = None, **kw) -> None:
        super().__init__(*args, **kw)
        self.digest, self.cut_after, self.ranges, self.got = digest, cut_after, [], 0

    def call(self, method, path, **kw):
        photo = method == "GET" and path == f"/v1/blobs/{self.digest}"
        if photo and self.cut_after is not None and len(self.ranges) >= self.cut_after:
            raise Unreachable(self.server, "cut")
        ans = super().call(method, path, **kw)
        if photo:
            self.ranges.append((kw.get("headers") or {}).get("Range"))
            self.got += len(ans.content)
        return ans


def http_of(lap, digest: str, **kw) -> Recording:
    reg = Registration.load(lap.home)
    http = Recording(reg.server, backoff=fast_backoff(), digest=digest, **kw)
    Central(http, lap.ws.profile.profile_id, reg, lambda: "agent-password-1").ensure()
    return http


def queued_photo(site, monkeypatch, size: int = 190_000):
    """A photo sent by one laptop, waiting to come down on another."""
    a, b = site.laptop("a"), site.laptop("b")
    data = JPEG + random.Random(size).randbytes(size - len(JPEG))
    digest = a.ws.registry.add_photo(data, "agent1")
    a.enrol(person("07", photo_sha256=digest))
    assert a.sync().photos_up == 1
    with monkeypatch.context() as m:
        m.setattr(blobs, "download", lambda *args, **kw: 0)
        b.sync()
    return b, data, digest


def partial(lap, digest: str) -> bytes | None:
    row = lap.ws.store.read().execute(
        "SELECT partial FROM blob_queue WHERE sha256 = ? AND direction = 'down'", (digest,)
    )
    found = row.fetchone()
    return None if found is None or found[0] is None else bytes(found[0])


def held(lap, digest: str) -> bytes | None:
    row = lap.ws.store.read().execute("SELECT data FROM photo WHERE sha256 = ?", (digest,))
    found = row.fetchone()
    return None if found is None else bytes(found[0])


def test_a_cut_download_resumes_from_the_cut(site, monkeypatch):
    b, data, digest = queued_photo(site, monkeypatch)
    cut = http_of(b, digest, cut_after=2)
    with pytest.raises(Unreachable):
        blobs.download(b.ws, cut, chunk=CHUNK)
    assert partial(b, digest) == data[: 2 * CHUNK]  # kept as it came
    assert held(b, digest) is None
    again = http_of(b, digest)
    assert blobs.download(b.ws, again, chunk=CHUNK) >= 1
    assert again.ranges[0] == f"bytes={2 * CHUNK}-{3 * CHUNK - 1}"
    assert again.got == len(data) - 2 * CHUNK  # the first part was not fetched again
    assert held(b, digest) == data
    assert partial(b, digest) is None


def test_a_corrupt_partial_is_dropped_and_fetched_again_whole(site, monkeypatch):
    b, data, digest = queued_photo(site, monkeypatch, size=100_000)
    with b.ws.store.write() as w:
        w.execute(
            "UPDATE blob_queue SET partial = ? WHERE sha256 = ? AND direction = 'down'",
            (b"\x00" * CHUNK, digest),
        )
    http = http_of(b, digest)
    assert blobs.download(b.ws, http, chunk=CHUNK) >= 1
    assert http.ranges[0] == f"bytes={CHUNK}-{2 * CHUNK - 1}"
    assert http.ranges.count(f"bytes=0-{CHUNK - 1}") == 1  # refused at the end, restarted
    assert held(b, digest) == data
