"""Photos: HEAD skips what the server has, uploads resume at the server's offset, a bad
digest is refused, GET honours Range."""

from __future__ import annotations

import hashlib
import os


def start(laptop, data: bytes, sha: str | None = None):
    body = {"sha256": sha or hashlib.sha256(data).hexdigest(), "size": len(data),
            "mime": "image/jpeg"}  # fmt: skip
    return laptop.post("/v1/blobs/uploads", json=body)


def patch(laptop, upload_id: str, offset: int, chunk: bytes):
    return laptop.session.patch(
        f"{laptop.base}/v1/blobs/uploads/{upload_id}", data=chunk,
        headers={**laptop.headers, "Upload-Offset": str(offset),
                 "Content-Type": "application/offset+octet-stream"},
    )  # fmt: skip


def test_upload_cut_then_resumed_sends_nothing_twice(make_laptop):
    laptop = make_laptop()
    data = os.urandom(50_000)
    sha = hashlib.sha256(data).hexdigest()
    assert laptop.session.head(f"{laptop.base}/v1/blobs/{sha}",
                               headers=laptop.headers).status_code == 404  # fmt: skip
    r = start(laptop, data)
    assert r.status_code == 201
    up = r.json()["upload_id"]
    assert patch(laptop, up, 0, data[:12_345]).status_code == 204
    # the connection was cut: ask where it stands, and start again (same upload)
    again = start(laptop, data).json()
    assert again["upload_id"] == up and again["offset"] == 12_345
    h = laptop.session.head(f"{laptop.base}/v1/blobs/uploads/{up}", headers=laptop.headers)
    assert h.headers["Upload-Offset"] == "12345"
    wrong = patch(laptop, up, 0, data[:10])
    assert wrong.status_code == 409 and wrong.headers["Upload-Offset"] == "12345"
    done = patch(laptop, up, 12_345, data[12_345:])
    assert done.status_code == 204 and done.headers["Upload-Complete"] == "?1"
    head = laptop.session.head(f"{laptop.base}/v1/blobs/{sha}", headers=laptop.headers)
    assert head.status_code == 200 and int(head.headers["content-length"]) == len(data)
    part = laptop.get(f"/v1/blobs/{sha}", headers={**laptop.headers, "Range": "bytes=100-199"})
    assert part.status_code == 206 and part.content == data[100:200]
    known = start(laptop, data)
    assert known.status_code == 200 and known.json()["complete"] is True


def test_corrupted_upload_is_refused_by_its_checksum(make_laptop):
    laptop = make_laptop()
    data = os.urandom(3000)
    up = start(laptop, data).json()["upload_id"]
    bad = bytearray(data)
    bad[1000] ^= 0xFF
    r = patch(laptop, up, 0, bytes(bad))
    assert r.status_code == 422 and r.json()["error"] == "central.error.blob_checksum"
    sha = hashlib.sha256(data).hexdigest()
    assert laptop.get(f"/v1/blobs/{sha}").status_code == 404
    # the upload starts again from zero and succeeds with the right bytes
    assert start(laptop, data).json()["offset"] == 0
    assert patch(laptop, up, 0, data).status_code == 204
    assert laptop.get(f"/v1/blobs/{sha}").content == data
