"""Region snapshots for a first install: one REPEATABLE READ read of the whole region into a
gzip'd JSON-lines file (format in ``app/wire/pull.py``), downloaded resumably (HTTP Range).
``start`` makes it in a thread of its own while ``snapshot_live`` streams it as it grows.

The snapshot's cursor is ``(xmin, 0)`` of its read: pulls from it return every row written
by a transaction the snapshot may not have seen (some twice: applying is idempotent).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import queue
import threading
import time
import uuid
import zlib
from pathlib import Path

from psycopg import sql

from app.wire import ARTISAN_COLUMNS, SNAPSHOT_FORMAT
from central.repos.artisans import JSON_ROW
from central.services.pull import Cursor, check_cursor, region_feed

log = logging.getLogger(__name__)

REUSE_SECONDS = 600
STALL = 60.0  # a file being made that has not grown for this long: its build died
LEVEL = 3  # gzip: about 107 bytes per artisan, twice as fast as level 5 (98 bytes)
CHUNK = 1 << 20


def path_of(central, snapshot_id: str) -> Path:
    return central.settings.data_dir / "snapshots" / f"{snapshot_id}.jsonl.gz"


def _describe(row: dict) -> dict:
    return {
        "snapshot_id": str(row["id"]),
        "region": row["region_code"],
        "size": int(row["size"]),
        "sha256": row["sha256"],
        "count": int(row["count"]),
        "cursor": row["cursor"],
        "created_at": row["created_at"].isoformat(),
    }


def latest(central, region: str) -> dict | None:
    with central.db.tx() as conn:
        row = conn.execute(
            "SELECT * FROM snapshot WHERE region_code = %s"
            " AND created_at > now() - make_interval(secs => %s)"
            " ORDER BY created_at DESC LIMIT 1",
            (region, REUSE_SECONDS),
        ).fetchone()
    if row is None or not path_of(central, str(row["id"])).exists():
        return None
    return _describe(row)


def get(central, snapshot_id: str) -> dict | None:
    try:
        uuid.UUID(snapshot_id)
    except ValueError:
        return None
    with central.db.tx() as conn:
        row = conn.execute("SELECT * FROM snapshot WHERE id = %s", (snapshot_id,)).fetchone()
    return _describe(row) if row else None


def _current_epoch(central, region: str, cursor: str) -> bool:
    """A snapshot made before ``reset-feed`` carries a cursor of the old feed: not reusable."""
    with central.db.tx() as conn:
        epoch, _ = region_feed(conn, region)
    return Cursor.parse(cursor).epoch == epoch


def build(central, region: str) -> dict:
    """A fresh snapshot of ``region`` (or one made in the last minutes)."""
    found = _reusable(central, region)
    if found is not None:
        return found
    snapshot_id = str(uuid.uuid4())
    tmp = building_path(central, snapshot_id, region)
    tmp.touch()
    return _make(central, region, snapshot_id, tmp)


def start(central, region: str) -> dict:
    """Like ``build``, but a new snapshot is made in a thread of its own and the answer comes
    at once (``{"snapshot_id", "region", "building": true}``): ``snapshot_live`` streams the
    file while it grows. A build of the region already under way is answered instead."""
    found = _reusable(central, region) or being_made(central, region)
    if found is not None:
        return found
    snapshot_id = str(uuid.uuid4())
    tmp = building_path(central, snapshot_id, region)
    tmp.touch()  # seen by every worker from now on (``snapshot_live.state``)

    def run() -> None:
        try:
            _make(central, region, snapshot_id, tmp)
        except Exception:
            log.exception("snapshot of region %s failed", region)
            tmp.unlink(missing_ok=True)

    threading.Thread(target=run, name=f"snapshot-{region}", daemon=True).start()
    return {"snapshot_id": snapshot_id, "region": region, "building": True}


def building_path(central, snapshot_id: str, region: str) -> Path:
    """The file while it is written (the region in its name: a download checks it)."""
    return central.settings.data_dir / "snapshots" / f"{snapshot_id}.{region}.building"


def being_made(central, region: str) -> dict | None:
    """The snapshot of ``region`` a process of the service is making now, if any: laptops
    registered together share one build (``{"snapshot_id", "region", "building": true}``)."""
    folder = central.settings.data_dir / "snapshots"
    for path in folder.glob(f"*.{region}.building"):  # a region code: two digits
        if growing(path):
            return {"snapshot_id": path.name.split(".")[0], "region": region, "building": True}
    return None


def growing(path: Path) -> bool:
    """Written in the last ``STALL`` seconds (a build writes as the rows come)."""
    try:
        return time.time() - path.stat().st_mtime < STALL
    except FileNotFoundError:
        return False


def _reusable(central, region: str) -> dict | None:
    found = latest(central, region)
    if found is not None and _current_epoch(central, region, found["cursor"]):
        return found
    return None


def _make(central, region: str, snapshot_id: str, tmp: Path) -> dict:
    final = path_of(central, snapshot_id)
    with central.db.tx(repeatable=True) as conn:
        start_, xmin, _ = check_cursor(conn, region, None)
        cursor = Cursor(start_.epoch, xmin, 0).text()
        digest = hashlib.sha256()
        with open(tmp, "wb") as raw, _Gzip(raw, digest) as out:
            head = {"format": SNAPSHOT_FORMAT, "region": region, "cursor": cursor}
            out.write(json.dumps({**head, "columns": list(ARTISAN_COLUMNS)}).encode() + b"\n")
            _rows(conn, region, out)
            # after the rows (the same REPEATABLE READ snapshot): the first rows leave sooner
            count, checksum = _checksum(conn, region)
            out.write(json.dumps({"count": count, "checksum": checksum}).encode() + b"\n")
    with central.db.tx() as conn:  # the row first: a live download never finds neither
        row = conn.execute(
            "INSERT INTO snapshot (id, region_code, size, sha256, count, cursor)"
            " VALUES (%s, %s, %s, %s, %s, %s) RETURNING *",
            (snapshot_id, region, tmp.stat().st_size, digest.hexdigest(), count, cursor),
        ).fetchone()
    os.replace(tmp, final)
    return _describe(row)


def _checksum(conn, region: str) -> tuple[int, str]:
    """The rows' count and checksum (``page_checksum``: SHA-256 of ``uid:version`` lines in
    the file's order), computed by PostgreSQL in the same snapshot as the rows."""
    row = conn.execute(
        "SELECT count(*) AS n, encode(sha256(convert_to(coalesce(string_agg("
        " uid::text || ':' || version || E'\\n', '' ORDER BY change_xid, change_seq), ''),"
        " 'UTF8')), 'hex') AS checksum FROM artisan WHERE region_code = %s",
        (region,),
    ).fetchone()
    return int(row["n"]), row["checksum"]


def _rows(conn, region: str, out: _Gzip) -> None:
    """One JSON array per line, straight from ``COPY … TO STDOUT``. The text format doubles
    each backslash (a JSON text holds no raw control character, the only other escapes)."""
    query = sql.SQL(
        "COPY (SELECT {} FROM artisan WHERE region_code = {} ORDER BY change_xid, change_seq)"
        " TO STDOUT"
    ).format(JSON_ROW, sql.Literal(region))
    with conn.cursor() as cur, cur.copy(query) as copy:
        lines: list = []
        size = 0
        for data in copy:
            lines.append(data)
            size += len(data)
            if size >= CHUNK:
                out.write(b"".join(lines).replace(b"\\\\", b"\\"))
                lines, size = [], 0
        out.write(b"".join(lines).replace(b"\\\\", b"\\"))


class _Gzip:
    """gzip into ``raw`` at ``LEVEL`` in a thread of its own (zlib leaves the GIL: it runs
    while the rows arrive), the SHA-256 of the bytes written kept as they go."""

    def __init__(self, raw, digest) -> None:
        self.raw, self.digest = raw, digest
        self.zip = zlib.compressobj(LEVEL, zlib.DEFLATED, 31)  # 31: gzip header and trailer
        self.queue: queue.Queue = queue.Queue(maxsize=4)
        self.failed: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="snapshot-gzip", daemon=True)
        self.thread.start()

    def _emit(self, data: bytes) -> None:
        if data:
            self.raw.write(data)
            self.raw.flush()  # a live download (``snapshot_live``) reads the file as it grows
            self.digest.update(data)

    def _run(self) -> None:
        while (data := self.queue.get()) is not None:
            if self.failed is None:
                try:
                    self._emit(self.zip.compress(data))
                except BaseException as exc:  # raised by the caller's next write or exit
                    self.failed = exc

    def write(self, data: bytes) -> None:
        if self.failed is not None:
            raise self.failed
        self.queue.put(data)

    def __enter__(self) -> _Gzip:
        return self

    def __exit__(self, exc_type, *_) -> None:
        self.queue.put(None)
        self.thread.join()
        if exc_type is None:
            if self.failed is not None:
                raise self.failed
            self._emit(self.zip.flush())
