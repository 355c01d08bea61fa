"""Region snapshots for a first install: one REPEATABLE READ read of the whole region into a
gzip'd JSON-lines file (format in ``app/wire/pull.py``), downloaded resumably (HTTP Range).

The snapshot's cursor is ``(xmin, 0)`` of its read: pulls from it return every row written
by a transaction the snapshot may not have seen (some twice: applying is idempotent).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import uuid
from pathlib import Path

from app.wire import ARTISAN_COLUMNS, SNAPSHOT_FORMAT
from central.repos.artisans import JSON_ROW
from central.services.pull import Cursor, check_cursor, region_feed

REUSE_SECONDS = 600


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
    found = latest(central, region)
    if found is not None and _current_epoch(central, region, found["cursor"]):
        return found
    snapshot_id = str(uuid.uuid4())
    final = path_of(central, snapshot_id)
    tmp = final.with_suffix(".part")
    checksum, count = hashlib.sha256(), 0
    with central.db.tx(repeatable=True) as conn:
        start, xmin, _ = check_cursor(conn, region, None)
        cursor = Cursor(start.epoch, xmin, 0).text()
        with gzip.open(tmp, "wt", encoding="utf-8", compresslevel=5) as out:
            head = {"format": SNAPSHOT_FORMAT, "region": region, "cursor": cursor}
            out.write(json.dumps({**head, "columns": list(ARTISAN_COLUMNS)}) + "\n")
            query = "SELECT " + JSON_ROW.as_string(conn) + " AS j, uid::text AS uid, version"
            query += " FROM artisan WHERE region_code = %s ORDER BY change_xid, change_seq"
            with conn.cursor(name=f"snap_{snapshot_id[:8]}") as cur:
                cur.itersize = 5000
                cur.execute(query, (region,))
                for row in cur:
                    out.write(row["j"] + "\n")
                    checksum.update(f"{row['uid']}:{row['version']}\n".encode())
                    count += 1
            out.write(json.dumps({"count": count, "checksum": checksum.hexdigest()}) + "\n")
    digest = hashlib.sha256()
    with open(tmp, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    os.replace(tmp, final)
    with central.db.tx() as conn:
        row = conn.execute(
            "INSERT INTO snapshot (id, region_code, size, sha256, count, cursor)"
            " VALUES (%s, %s, %s, %s, %s, %s) RETURNING *",
            (snapshot_id, region, final.stat().st_size, digest.hexdigest(), count, cursor),
        ).fetchone()
    return _describe(row)
