"""First install (and a cursor too old): the region's snapshot, downloaded resumably into
``<profile>/central/snapshot-<id>.part`` and applied in one transaction, committed only if
the file's SHA-256, row count and checksum match. A finished snapshot is downloaded with
HTTP Range, then applied; one the service is still making is downloaded as it is made
(``snapshot_live``) and, into an empty replica, applied while it downloads."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import chain, islice, repeat
from pathlib import Path

import requests

from app import audit, replica, replica_bulk
from app.clock import iso
from app.wire import SNAPSHOT_FORMAT
from app.wire.pull import rows_fit
from sync import crashpoints, snapshot_bulk, snapshot_live
from sync.config import folder
from sync.errors import Retryable, ServerRefused, SyncError, Unreachable
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


def take(ws, http: Transport, agent: str, progress=None) -> int:
    """Fetch the region's snapshot and apply it; how many rows it held. A download cut in an
    earlier sync goes on from its cut while the service still keeps that snapshot
    (``_held``); else the service names one. A snapshot the service is still making is
    downloaded while it is made, and applied while it downloads when the replica is empty
    (``_take_live``). One the service drops during the download is replaced once."""
    try:
        return _take(ws, http, agent, progress)
    except ServerRefused as exc:
        if exc.status != 404:
            raise
        for part in folder(ws.profile.home).glob("snapshot-*.part"):
            part.unlink(missing_ok=True)
        return _take(ws, http, agent, progress)


def _take(ws, http: Transport, agent: str, progress) -> int:
    region = ws.profile.region_code
    info = _held(ws.profile.home, http, region)
    if info is None:
        info = http.post_json("/v1/sync/snapshots?stream=true", None)
    dest = _part(ws.profile.home, info["snapshot_id"])
    if info.get("building"):
        try:
            return _take_live(ws, http, info["snapshot_id"], dest, agent, progress)
        except SyncError as exc:
            if exc.msgid != "sync.error.snapshot_damaged":
                raise
            dest.unlink(missing_ok=True)  # damaged: once more, whole, from the finished file
            info = http.get_json(f"/v1/sync/snapshots/{info['snapshot_id']}/info")
    path, info = fetch(http, ws.profile.home, region, progress, info)
    return apply(ws, path, region, agent, progress)


def _held(home: Path, http: Transport, region: str) -> dict | None:
    """The description of the snapshot a cut download of an earlier sync was fetching, if
    the service still keeps it (``{"building": true}`` while it is made); None otherwise (the
    part is then dropped: a new snapshot starts from the first byte)."""
    for part in folder(home).glob("snapshot-*.part"):
        snapshot_id = part.name.removeprefix("snapshot-").removesuffix(".part")
        if not part.stat().st_size or not _valid_id(snapshot_id):
            part.unlink(missing_ok=True)
            continue
        try:
            ans = http.call("GET", f"/v1/sync/snapshots/{snapshot_id}/info", ok=(200, 202))
        except ServerRefused as exc:
            if exc.status not in (403, 404):  # 403: another region's (a laptop registered again)
                raise
            part.unlink(missing_ok=True)
            continue
        info = ans.data
        if not isinstance(info, dict) or info.get("region") != region:
            part.unlink(missing_ok=True)
            continue
        return {**info, "snapshot_id": snapshot_id}
    return None


def _valid_id(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


def _part(home: Path, snapshot_id: str) -> Path:
    dest = folder(home) / f"snapshot-{snapshot_id}.part"
    dest.parent.mkdir(parents=True, exist_ok=True)
    for old in dest.parent.glob("snapshot-*.part"):
        if old != dest:
            old.unlink(missing_ok=True)
    return dest


def _take_live(ws, http: Transport, snapshot_id: str, dest: Path, agent: str, progress) -> int:
    """The download in a thread; into an empty replica, the rows inserted as they arrive, in
    the one transaction that commits only once the file's SHA-256, count and checksum match
    (the write lock is held meanwhile: only a first install has an empty replica). Into a
    replica holding rows, the whole file first, then ``apply``."""
    region = ws.profile.region_code
    dest.touch()
    live = snapshot_live.Live(http, snapshot_id, dest, progress).start()
    count = None
    try:
        with _snapshot_write(ws) as (conn, stage):
            if replica.is_empty(conn):
                with snapshot_live.Follow(live) as raw:
                    count = _apply_in(ws, conn, stage, raw, region, agent, progress, live.verified)
        if count is None:
            live.verified()
    finally:
        live.stop()
    if count is None:
        return apply(ws, dest, region, agent, progress)
    dest.unlink(missing_ok=True)
    return count


def fetch(
    http: Transport, home: Path, region: str, progress=None, info: dict | None = None
) -> tuple[Path, dict]:
    """The snapshot file of ``region`` on disk, whole and checked, and its description."""
    if info is None:
        info = http.post_json("/v1/sync/snapshots", None)
    dest = _part(home, info["snapshot_id"])
    for _ in range(2):
        download(http, f"/v1/sync/snapshots/{info['snapshot_id']}", dest, info["size"], progress)
        if dest.stat().st_size == info["size"] and _sha256(dest) == info["sha256"]:
            return dest, info
        dest.unlink(missing_ok=True)  # damaged: fetch it again, whole
    raise SyncError("sync.error.snapshot_damaged")


def _batches(source) -> Iterator[tuple[list, list[bytes]]]:
    """The file's lines, ``BULK`` at a time, parsed (one ``json.loads`` per batch) and raw.
    The first two batches are smaller: the rows start going into SQLite sooner."""
    sizes = chain((max(1, BULK // 10), max(1, BULK // 4)), repeat(BULK))
    try:
        with gzip.open(source, "rb") as raw:
            reader = io.BufferedReader(raw, 1 << 20)
            line = reader.readline()
            yield [json.loads(line)], [line]
            while lines := list(islice(reader, next(sizes))):
                yield json.loads(b"[" + b",".join(lines) + b"]"), lines
    except (ValueError, OSError, EOFError) as exc:
        raise SyncError("sync.error.snapshot_damaged") from exc


def apply(ws, path: Path, region: str, agent: str, progress=None) -> int:
    """Apply the snapshot in ``path`` whole (one transaction), or not at all."""
    with _snapshot_write(ws) as (conn, stage):
        count = _apply_in(ws, conn, stage, path, region, agent, progress)
    path.unlink(missing_ok=True)
    return count


@contextmanager
def _snapshot_write(ws) -> Iterator[tuple]:
    """The write transaction a snapshot is applied in, and the stage of the bulk path around
    it; the log it fills is copied into the database file after, in a thread of its own."""
    with ws.store.large_write(), replica_bulk.Stage(ws.store) as stage, ws.store.write() as conn:
        yield conn, stage


def _apply_in(ws, conn, stage, source, region: str, agent: str, progress=None, check=None) -> int:
    """The snapshot read from ``source`` (a path or a binary file) applied inside the write
    transaction ``conn`` (through ``stage`` into an empty replica); ``check()`` last, before
    the caller commits."""
    lines = _batches(source)
    head = next(lines)[0][0]
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
    if not set(replica.COLUMNS) <= set(columns):  # more columns (a newer service): ignored
        lines.close()
        raise SyncError("sync.error.snapshot_damaged")
    if replica.is_empty(conn):
        with replica_bulk.load(conn):
            count, trailer, digest = snapshot_bulk.load(conn, stage, lines, columns, progress)
    else:
        count, trailer, digest = _row_by_row(conn, lines, columns, progress)
    if trailer is None or trailer.get("count") != count:
        raise SyncError("sync.error.snapshot_damaged")
    if digest != trailer.get("checksum"):
        raise SyncError("sync.error.snapshot_damaged")
    conn.execute("DELETE FROM pull_stage")
    conn.execute("UPDATE sync_state SET pull_cursor = ?, pull_until = NULL", (head["cursor"],))
    replica.retry_deferred(conn)
    audit.append(
        conn, at=iso(ws.registry.clock()), agent=agent, action="sync.snapshot",
        details={"count": count, "cursor": head["cursor"]},
    )  # fmt: skip
    if check is not None:
        check()
    return count


def _row_by_row(conn, lines, columns: list[str], progress) -> tuple[int, dict | None, str]:
    """Into a replica holding rows: each row where it belongs (``replica.apply_rows``)."""
    iu, iv = columns.index("uid"), columns.index("version")
    checksum = hashlib.sha256()
    count, trailer = 0, None
    for items, _raw in lines:
        rows = []
        for item in items:
            if isinstance(item, dict):
                trailer = item
                break
            rows.append(item)
        if not rows_fit(rows, columns):  # as a pull page's rows
            raise SyncError("sync.error.snapshot_damaged")
        checksum.update("".join(f"{r[iu]}:{r[iv]}\n" for r in rows).encode())
        replica.apply_rows(conn, (dict(zip(columns, r, strict=True)) for r in rows))
        count += len(rows)
        if progress:
            progress("apply", count, None)
        if trailer is not None:
            break
        crashpoints.reached("apply.mid")
    return count, trailer, checksum.hexdigest()
