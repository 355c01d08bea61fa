"""First install (and a cursor too old): the region's snapshot, downloaded resumably with
HTTP Range into ``<profile>/central/snapshot-<id>.part``, checked by its SHA-256, then
applied in one transaction only if its row count and checksum match its trailer."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
from collections.abc import Iterator
from contextlib import nullcontext
from itertools import islice
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
BULK = 10_000


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


def _batches(path: Path) -> Iterator[list]:
    """The file's lines parsed, ``BULK`` at a time (one ``json.loads`` per batch)."""
    try:
        with gzip.open(path, "rb") as raw:
            reader = io.BufferedReader(raw, 1 << 20)
            yield [json.loads(reader.readline())]
            while lines := list(islice(reader, BULK)):
                yield json.loads(b"[" + b",".join(lines) + b"]")
    except (ValueError, OSError, EOFError) as exc:
        raise SyncError("sync.error.snapshot_damaged") from exc


def apply(ws, path: Path, region: str, agent: str, progress=None) -> int:
    """Apply the snapshot in ``path`` whole (one transaction), or not at all."""
    lines = _batches(path)
    head = next(lines)[0]
    if (
        not isinstance(head, dict)
        or head.get("format") != SNAPSHOT_FORMAT
        or head.get("region") != region
    ):
        lines.close()
        raise SyncError("sync.error.snapshot_damaged")
    columns = head["columns"]
    if not isinstance(columns, list) or "uid" not in columns or "version" not in columns:
        lines.close()
        raise SyncError("sync.error.snapshot_damaged")
    iu, iv, width = columns.index("uid"), columns.index("version"), len(columns)
    checksum = hashlib.sha256()
    count = 0
    trailer = None
    with ws.store.write() as conn:
        bulk = replica.is_empty(conn)
        with replica.bulk_load(conn) if bulk else nullcontext():
            for items in lines:
                rows = []
                for item in items:
                    if isinstance(item, dict):
                        trailer = item
                        break
                    if not isinstance(item, list) or len(item) != width:
                        raise SyncError("sync.error.snapshot_damaged")
                    rows.append(item)
                checksum.update("".join(f"{r[iu]}:{r[iv]}\n" for r in rows).encode())
                _write(conn, rows, columns, bulk, count + 1)
                count += len(rows)
                if progress:
                    progress("apply", count, None)
                if trailer is not None:
                    break
                crashpoints.reached("apply.mid")
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


def _write(conn, rows: list[list], columns: list[str], bulk: bool, first_id: int) -> None:
    if not rows:
        return
    if bulk:
        replica.bulk_insert(conn, replica.bulk_batch(rows, columns, first_id))
    else:
        replica.apply_rows(conn, (dict(zip(columns, r, strict=True)) for r in rows))
