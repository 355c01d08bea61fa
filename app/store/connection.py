"""Open one SQLCipher connection: raw key (no key derivation), WAL, synchronous=FULL."""

from __future__ import annotations

from pathlib import Path

import sqlcipher3

from app.errors import UserFacingError

DatabaseError = sqlcipher3.DatabaseError
IntegrityError = sqlcipher3.IntegrityError

# The driver sends a parameter of a type it does not bind directly (None among them) through
# its adaptation protocol: attribute lookups that fail, a few microseconds per NULL. An
# adapter registered for None finds it at once and gives None back, which binds as NULL as
# before (a bulk snapshot binds about nine per row).
sqlcipher3.register_adapter(type(None), {}.get)


def connect(path: Path, key_hex: str, *, readonly: bool = False) -> sqlcipher3.Connection:
    if len(key_hex) != 64 or any(c not in "0123456789abcdef" for c in key_hex):
        raise ValueError("the store key must be 64 lowercase hex characters")
    conn = sqlcipher3.connect(
        str(path), isolation_level=None, check_same_thread=False, timeout=30.0
    )
    conn.execute(f"PRAGMA key = \"x'{key_hex}'\"")
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError as exc:
        conn.close()
        raise UserFacingError("error.store_unreadable", path=str(path)) from exc
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 30000")
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("PRAGMA cache_size = -32000")
    if readonly:
        conn.execute("PRAGMA query_only = ON")
    conn.row_factory = sqlcipher3.Row
    return conn
