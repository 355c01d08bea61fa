"""Photos: up after the records that name them, resumably; down after the records pulled.

Up (``blob_queue`` direction ``up``, filled by a trigger on the outbox): a photo waits while
a change naming it is still in the outbox (records before photos). The upload is created
(or found again) for the photo's digest and size; the server says how much it holds; only
the rest is sent, in chunks at the server's offset. A retried chunk the server already has
answers 409: ask for the offset (HEAD) and go on from there. The last byte is checked
against the digest: a corrupted upload is refused (422) and discarded, and sent again whole
at most ``MAX_TRIES`` times.

Down (direction ``down``, filled by the replica): each photo is fetched in HTTP Range chunks
from what ``blob_queue.partial`` already holds, each chunk kept there at once, so a cut
download resumes where it stopped. The whole is checked against its digest: a corrupt one is
dropped and fetched again from the start (at most ``MAX_TRIES`` times a run), a good one is
kept in the encrypted store.
"""

from __future__ import annotations

import hashlib
import re
from concurrent.futures import ThreadPoolExecutor

from app.clock import iso
from app.errors import UserFacingError
from app.registry import records
from sync import crashpoints
from sync.errors import ServerRefused, SyncError, Unreachable
from sync.http import Transport

CHUNK = 256 * 1024
DOWN_CHUNK = 256 * 1024
_RANGE = re.compile(r"bytes (\d+)-(\d+)/(\d+)")
MAX_TRIES = 3
_READY = (
    "SELECT q.sha256, p.mime, p.data FROM blob_queue q JOIN photo p ON p.sha256 = q.sha256"
    " WHERE q.direction = 'up' AND NOT EXISTS (SELECT 1 FROM outbox o"
    " WHERE json_extract(o.patch, '$.photo_sha256') = q.sha256) ORDER BY q.rowid"
)


def waiting(conn) -> list[tuple[str, int]]:
    """Photos waiting to go up: (digest, size)."""
    return [
        (r[0], r[1] or 0)
        for r in conn.execute(
            "SELECT q.sha256, length(p.data) FROM blob_queue q LEFT JOIN photo p"
            " ON p.sha256 = q.sha256 WHERE q.direction = 'up' ORDER BY q.rowid"
        )
    ]


def _offset(http: Transport, upload_id: str) -> int:
    for _ in range(http.backoff.attempts):
        ans = http.call("HEAD", f"/v1/blobs/uploads/{upload_id}", expect_json=False)
        told = ans.headers.get("Upload-Offset")
        if told is not None and told.isdigit():
            return int(told)
        http.sleep(http.backoff.delay(1))  # an answer cut in its headers: ask again
    raise Unreachable(http.server, "upload offset")


def send(http: Transport, digest: str, mime: str, data: bytes, chunk: int = CHUNK) -> int:
    """Upload one blob; how many bytes were sent (what the server held is not sent again)."""
    sent, refused = 0, 0
    for _ in range(http.backoff.attempts):
        start = http.post_json(
            "/v1/blobs/uploads", {"sha256": digest, "size": len(data), "mime": mime}
        )
        if start["complete"]:
            return sent
        try:
            sent += _patch(http, start["upload_id"], int(start["offset"]), data, chunk)
            return sent
        except ServerRefused as exc:
            if exc.status == 404:
                continue  # finished by a chunk whose answer was lost: ask again
            if exc.status != 422:
                raise
            refused += 1  # the bytes did not match the digest: discarded; again, whole
            if refused >= MAX_TRIES:
                break
    raise SyncError("sync.error.photo_refused", sha=digest[:12])


def _patch(http: Transport, upload_id: str, offset: int, data: bytes, chunk: int) -> int:
    sent = 0
    while offset < len(data):
        part = data[offset : offset + chunk]
        try:
            ans = http.call(
                "PATCH", f"/v1/blobs/uploads/{upload_id}", data=part,
                headers={"Upload-Offset": str(offset),
                         "Content-Type": "application/offset+octet-stream"},
                expect_json=False,
            )  # fmt: skip
            sent += len(part)
            told = ans.headers.get("Upload-Offset")
            offset = int(told) if told is not None else _offset(http, upload_id)
        except ServerRefused as exc:
            if exc.status != 409:
                raise
            offset = _offset(http, upload_id)  # a retried chunk the server had already
        if offset < len(data):
            crashpoints.reached("blob.mid_upload")
    return sent


def upload(ws, http: Transport, progress=None, workers: int = 4, chunk: int = CHUNK) -> int:
    """Send every photo whose records are acknowledged; how many went up."""
    ready = [(r[0], r[1], bytes(r[2])) for r in ws.store.read().execute(_READY).fetchall()]
    if not ready:
        return 0
    done = 0

    def one(item):
        digest, mime, data = item
        if hashlib.sha256(data).hexdigest() != digest:
            raise SyncError("sync.error.photo_damaged", sha=digest[:12])
        send(http, digest, mime, data, chunk)
        return digest

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        for digest in pool.map(one, ready):
            with ws.store.write() as w:
                w.execute("DELETE FROM blob_queue WHERE sha256 = ? AND direction = 'up'", (digest,))
            done += 1
            if progress:
                progress("photos_up", done, len(ready))
    return done


def download(ws, http: Transport, progress=None, chunk: int = DOWN_CHUNK) -> int:
    """Fetch the photos of pulled records that this laptop does not hold; how many."""
    rows = (
        ws.store.read()
        .execute("SELECT sha256 FROM blob_queue WHERE direction = 'down' ORDER BY rowid")
        .fetchall()
    )
    done = 0
    for i, (digest,) in enumerate(rows):
        have = ws.store.read().execute("SELECT 1 FROM photo WHERE sha256 = ?", (digest,))
        data = fetch(ws, http, digest, chunk) if have.fetchone() is None else None
        with ws.store.write() as w:
            kept = data is not None
            if kept:
                try:
                    records.store_photo(w, data, iso(ws.registry.clock()))
                    done += 1
                except UserFacingError:
                    pass  # not a photo this laptop can keep: nothing to retry
            w.execute(
                "UPDATE blob_queue SET attempts = attempts + 1"
                " WHERE sha256 = ? AND direction = 'down'",
                (digest,),
            )
            w.execute(
                "DELETE FROM blob_queue WHERE sha256 = ? AND direction = 'down'"
                " AND (? OR attempts >= ? OR EXISTS (SELECT 1 FROM photo WHERE sha256 = ?))",
                (digest, kept, MAX_TRIES * 2, digest),
            )
        if progress:
            progress("photos_down", i + 1, len(rows))
    return done


def fetch(ws, http: Transport, digest: str, chunk: int = DOWN_CHUNK) -> bytes | None:
    """One photo, resumed from ``blob_queue.partial``, whole and checked; ``None`` when the
    server does not hold it or it came corrupt ``MAX_TRIES`` times."""
    row = ws.store.read().execute(
        "SELECT partial FROM blob_queue WHERE sha256 = ? AND direction = 'down'", (digest,)
    )
    found = row.fetchone()
    have, restarts = bytes(found[0] or b"") if found else b"", 0
    while restarts < MAX_TRIES:
        rng = {"Range": f"bytes={len(have)}-{len(have) + chunk - 1}"}
        try:
            ans = http.call("GET", f"/v1/blobs/{digest}", headers=rng, expect_json=False,
                            ok=(200, 206, 416))  # fmt: skip
        except ServerRefused as exc:
            if exc.status == 404:
                return None
            raise
        told = _RANGE.fullmatch(ans.headers.get("Content-Range") or "")
        if ans.status == 200:
            have, total = ans.content, len(ans.content)
        elif ans.status == 206 and told and int(told[1]) == len(have):
            have, total = have + ans.content, int(told[3])
        else:  # held more than the photo, or an answer not at our offset: start again
            have, total = b"", -1
        if 0 <= len(have) < total:
            _keep_partial(ws, digest, have)
            continue
        if total >= 0 and hashlib.sha256(have).hexdigest() == digest:
            return have
        restarts += 1  # corrupt (or not at our offset): dropped, fetched again whole
        have = b""
        _keep_partial(ws, digest, None)
    return None


def _keep_partial(ws, digest: str, data: bytes | None) -> None:
    with ws.store.write() as w:
        w.execute(
            "UPDATE blob_queue SET partial = ? WHERE sha256 = ? AND direction = 'down'",
            (data, digest),
        )
