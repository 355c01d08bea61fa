"""First install (and a cursor too old): the region's snapshot, downloaded resumably with
HTTP Range into ``<profile>/central/snapshot-<id>.part``, checked by its SHA-256, then
applied in one transaction only if its row count and checksum match its trailer."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
from pathlib import Path

import requests

from app import audit, replica
from app.clock import iso
from app.wire import SNAPSHOT_FORMAT
from sync import crashpoints
from sync.config import folder
from sync.errors import Retryable, SyncError, Unreachable
from sync.http import Answer, Transport

CHUNK = 256 * 1024
BULK = 20_000


def download(http: Transport, path: str, dest: Path, size: int, progress=None) -> None:
    """Fetch ``path`` into ``dest``, continuing from what ``dest`` holds already."""
    last = ""
    for attempt in range(http.backoff.attempts):
        http.check_cancel()
        have = dest.stat().st_size if dest.exists() else 0
        if have >= size:
            return
        headers = {
            "Authorization": f"Bearer {http.token}",
            "Range": f"bytes={have}-",
            "Accept-Encoding": "identity",
        }
        try:
            with http.session.get(
                http.server + path, headers=headers, stream=True, timeout=http.timeout
            ) as resp:
                if resp.status_code == 401 and http.renew:
                    http.renew()
                    continue
                if resp.status_code not in (200, 206):
                    http._refuse(Answer(resp.status_code, resp.headers, resp.content))
                mode = "ab" if resp.status_code == 206 else "wb"
                with open(dest, mode) as out:
                    for chunk in resp.raw.stream(CHUNK, decode_content=False):
                        out.write(chunk)
                        http.received_bytes += len(chunk)
                        if progress:
                            progress("snapshot", out.tell(), size)
                        if out.tell() >= size // 2:
                            crashpoints.reached("snapshot.mid_download")
                        http.check_cancel()
            continue
        except (requests.RequestException, OSError, Retryable) as exc:
            last = f"{type(exc).__name__}: {exc}"[:300]
        http.sleep(http.backoff.delay(attempt))
    if not dest.exists() or dest.stat().st_size < size:
        raise Unreachable(http.server, last)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def fetch(http: Transport, home: Path, region: str, progress=None) -> tuple[Path, dict]:
    """The snapshot file of ``region`` on disk, whole and checked, and its description."""
    info = http.post_json("/v1/sync/snapshots", None)
    dest = folder(home) / f"snapshot-{info['snapshot_id']}.part"
    dest.parent.mkdir(parents=True, exist_ok=True)
    for old in dest.parent.glob("snapshot-*.part"):
        if old != dest:
            old.unlink(missing_ok=True)
    for _ in range(2):
        download(http, f"/v1/sync/snapshots/{info['snapshot_id']}", dest, info["size"], progress)
        if dest.stat().st_size == info["size"] and _sha256(dest) == info["sha256"]:
            return dest, info
        dest.unlink(missing_ok=True)  # damaged: fetch it again, whole
    raise SyncError("sync.error.snapshot_damaged")


def _lines(path: Path):
    with gzip.open(path, "rb") as raw:
        for line in io.BufferedReader(raw, 1 << 20):
            yield json.loads(line)


def apply(ws, path: Path, region: str, agent: str, progress=None) -> int:
    """Apply the snapshot in ``path`` whole (one transaction), or not at all."""
    lines = _lines(path)
    head = next(lines)
    if head.get("format") != SNAPSHOT_FORMAT or head.get("region") != region:
        raise SyncError("sync.error.snapshot_damaged")
    columns = head["columns"]
    iu, iv = columns.index("uid"), columns.index("version")
    checksum = hashlib.sha256()
    count = 0
    trailer = None
    with ws.store.write() as conn:
        bulk = replica.is_empty(conn)
        next_id = 1
        batch: list[list] = []
        for item in lines:
            if isinstance(item, dict):
                trailer = item
                break
            checksum.update(f"{item[iu]}:{item[iv]}\n".encode())
            count += 1
            batch.append(item)
            if len(batch) >= BULK:
                next_id = _flush(conn, batch, columns, bulk, next_id)
                batch = []
                if progress:
                    progress("apply", count, None)
                crashpoints.reached("apply.mid")
        next_id = _flush(conn, batch, columns, bulk, next_id)
        if trailer is None or trailer.get("count") != count:
            raise SyncError("sync.error.snapshot_damaged")
        if checksum.hexdigest() != trailer.get("checksum"):
            raise SyncError("sync.error.snapshot_damaged")
        conn.execute("DELETE FROM pull_stage")
        conn.execute("UPDATE sync_state SET pull_cursor = ?, pull_until = NULL", (head["cursor"],))
        replica.retry_deferred(conn)
        audit.append(
            conn, at=iso(ws.registry.clock()), agent=agent, action="sync.snapshot",
            details={"count": count, "cursor": head["cursor"]},
        )  # fmt: skip
    path.unlink(missing_ok=True)
    return count


def _flush(conn, batch: list[list], columns: list[str], bulk: bool, next_id: int) -> int:
    if not batch:
        return next_id
    if bulk:
        return replica.bulk_insert(conn, batch, columns, next_id)
    replica.apply_rows(conn, (dict(zip(columns, r, strict=True)) for r in batch))
    return next_id
