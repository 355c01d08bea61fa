"""Photos and other blobs, addressed by SHA-256, uploaded resumably, checked before kept.

Files live under the data directory (``blobs/ab/abcdef…``; partial uploads in
``uploads/``); the database says which region holds which blob, so a region reads only
its own. Upload protocol (after tus / the IETF resumable-upload draft): create an upload
for a digest and size, ``HEAD`` it for its offset, ``PATCH`` bytes at that offset; the
last byte checks the digest: a mismatch discards the upload (422).
"""

from __future__ import annotations

import hashlib
import os
import uuid
from pathlib import Path

from central.errors import ApiError

MAX_BLOB = 16 * 1024 * 1024


def blob_path(central, sha: str) -> Path:
    return central.settings.data_dir / "blobs" / sha[:2] / sha


def part_path(central, upload_id: str) -> Path:
    return central.settings.data_dir / "uploads" / f"{upload_id}.part"


def find(central, region: str, sha: str) -> dict | None:
    with central.db.tx() as conn:
        row = conn.execute(
            "SELECT size, mime FROM blob WHERE sha256 = %s AND region_code = %s", (sha, region)
        ).fetchone()
    if row is None or not blob_path(central, sha).exists():
        return None
    return dict(row)


def start(central, region: str, device: str | None, sha: str, size: int, mime: str) -> dict:
    """An upload for this digest (the same one again when resumed); complete if known."""
    if size > MAX_BLOB:
        raise ApiError(413, "central.error.blob_too_large", max=MAX_BLOB)
    if find(central, region, sha) is not None:
        return {"upload_id": None, "offset": size, "complete": True}
    with central.db.tx() as conn:
        if blob_path(central, sha).exists():
            conn.execute(
                "INSERT INTO blob (sha256, region_code, size, mime) VALUES (%s, %s, %s, %s)"
                " ON CONFLICT DO NOTHING",
                (sha, region, size, mime),
            )
            return {"upload_id": None, "offset": size, "complete": True}
        row = conn.execute(
            "INSERT INTO upload (id, sha256, region_code, size, mime, device_id)"
            " VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (sha256, region_code)"
            " DO UPDATE SET size = upload.size RETURNING id::text AS id, size",
            (str(uuid.uuid4()), sha, region, size, mime, device),
        ).fetchone()
    if row["size"] != size:
        raise ApiError(409, "central.error.upload_size_mismatch", size=row["size"])
    return {"upload_id": row["id"], "offset": offset(central, row["id"]), "complete": False}


def get_upload(central, region: str, upload_id: str) -> dict:
    try:
        uuid.UUID(upload_id)
    except ValueError:
        raise ApiError(404, "central.error.upload_unknown") from None
    with central.db.tx() as conn:
        row = conn.execute(
            "SELECT id::text AS id, sha256, region_code, size, mime FROM upload WHERE id = %s",
            (upload_id,),
        ).fetchone()
    if row is None or row["region_code"] != region:
        raise ApiError(404, "central.error.upload_unknown")
    return dict(row)


def offset(central, upload_id: str) -> int:
    path = part_path(central, upload_id)
    return path.stat().st_size if path.exists() else 0


def append(central, upload: dict, at: int, data: bytes) -> tuple[int, bool]:
    """Write ``data`` at ``at`` (which must be the current offset); (new offset, complete)."""
    path = part_path(central, upload["id"])
    current = offset(central, upload["id"])
    if at != current:
        raise ApiError(
            409, "central.error.upload_offset", {"Upload-Offset": str(current)}, offset=current
        )
    if current + len(data) > upload["size"]:
        raise ApiError(413, "central.error.upload_overflow", size=upload["size"])
    with open(path, "ab") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    current += len(data)
    if current < upload["size"]:
        return current, False
    return current, _finish(central, upload, path)


def _finish(central, upload: dict, path: Path) -> bool:
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != upload["sha256"]:
        path.unlink(missing_ok=True)
        raise ApiError(422, "central.error.blob_checksum", expected=upload["sha256"], got=digest)
    final = blob_path(central, upload["sha256"])
    final.parent.mkdir(parents=True, exist_ok=True)
    os.replace(path, final)
    with central.db.tx() as conn:
        conn.execute(
            "INSERT INTO blob (sha256, region_code, size, mime) VALUES (%s, %s, %s, %s)"
            " ON CONFLICT DO NOTHING",
            (upload["sha256"], upload["region_code"], upload["size"], upload["mime"]),
        )
        conn.execute("DELETE FROM upload WHERE id = %s", (upload["id"],))
    return True
