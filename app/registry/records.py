"""Reading artisan records and photos from the store."""

from __future__ import annotations

import hashlib

import sqlcipher3

from app.errors import UserFacingError
from app.nia import parse_nia

MAX_PHOTO_BYTES = 200_000


def get_by_key(conn: sqlcipher3.Connection, key: str) -> dict | None:
    """Find one artisan by uid, NIA (any spelling), provisional reference or CIN."""
    key = (key or "").strip()
    nia = parse_nia(key)
    if nia:
        row = conn.execute("SELECT * FROM artisan WHERE nia = ?", (nia,)).fetchone()
    else:
        row = conn.execute(
            "SELECT * FROM artisan WHERE uid = ? OR provisional_ref = ? OR cin = ?"
            " ORDER BY category IN ('diploma', 'experience', 'maalem') DESC LIMIT 1",
            (key, key, key.upper()),
        ).fetchone()
    return dict(row) if row else None


def require(conn: sqlcipher3.Connection, key: str) -> dict:
    rec = get_by_key(conn, key)
    if rec is None:
        raise UserFacingError("error.not_found", key=key)
    return rec


def photo_kind(data: bytes) -> str | None:
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    return None


def store_photo(conn: sqlcipher3.Connection, data: bytes, now_iso: str) -> str:
    """Keep a photo in the encrypted store, addressed by its SHA-256; inside a write."""
    mime = photo_kind(data)
    if mime is None:
        raise UserFacingError("error.photo_invalid")
    if len(data) > MAX_PHOTO_BYTES:
        raise UserFacingError(
            "error.photo_too_large", size=len(data) // 1000, max=MAX_PHOTO_BYTES // 1000
        )
    digest = hashlib.sha256(data).hexdigest()
    conn.execute(
        "INSERT OR IGNORE INTO photo (sha256, mime, data, created_at) VALUES (?, ?, ?, ?)",
        (digest, mime, data, now_iso),
    )
    return digest


def load_photo(conn: sqlcipher3.Connection, digest: str) -> tuple[str, bytes] | None:
    row = conn.execute("SELECT mime, data FROM photo WHERE sha256 = ?", (digest,)).fetchone()
    return (row[0], bytes(row[1])) if row else None
