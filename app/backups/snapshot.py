"""What a backup holds: a consistent encrypted snapshot of the store, the profile's files,
and the few keyring secrets a restored profile needs; and the checks of a snapshot.

The snapshot is made by ``sqlcipher_export`` inside one read transaction (a consistent copy
even while the agent works) into a new file encrypted with a fresh random *transport key*:
the laptop's own store key never leaves its keyring, and no plaintext page ever reaches the
disk. The transport key travels inside the passphrase-encrypted payload.
"""

from __future__ import annotations

import contextlib
import secrets
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.errors
import sqlcipher3

from app import audit
from app.errors import UserFacingError
from app.issuer import PASSPHRASE_SERVICE
from app.profile import DB_FILE, PROFILE_FILE

COUNTED = ("artisan", "photo", "audit", "outbox", "agent", "nia_lease")
SKIPPED_FILES = {DB_FILE, f"{DB_FILE}-wal", f"{DB_FILE}-shm", f"{DB_FILE}-journal", PROFILE_FILE}
# This laptop's logs stay on it; so does its registration with the central service
# (``central/``, app/issuer.py's REGISTERED_DIR: its device key is in this laptop's keyring
# only): a restored laptop is a new device and registers again.
SKIPPED_DIRS = {"logs", "central"}
# Keyring secrets carried to the restored profile: the demo root's passphrase (its key file
# is in demo-trust/). Never the store key (a new one is made) nor the device key (a restored
# laptop is a new device and registers again).
CARRIED_SECRETS = (PASSPHRASE_SERVICE,)


def _open(path: Path, key_hex: str) -> sqlcipher3.Connection:
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    conn.execute(f"PRAGMA key = \"x'{key_hex}'\"")
    return conn


def snapshot(store_path: Path, store_key: str, dest: Path) -> str:
    """Copy the store to ``dest`` under a new key; returns that transport key (hex)."""
    transport = secrets.token_hex(32)
    conn = _open(store_path, store_key)
    try:
        conn.execute("PRAGMA busy_timeout = 30000")
        conn.execute(f"ATTACH DATABASE ? AS snap KEY \"x'{transport}'\"", (str(dest),))
        conn.execute("BEGIN")
        conn.execute("SELECT sqlcipher_export('snap')")
        conn.execute("COMMIT")
        conn.execute("DETACH DATABASE snap")
    finally:
        conn.close()
    return transport


def count_rows(conn: sqlcipher3.Connection) -> dict[str, int]:
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return {
        t: int(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0])  # noqa: S608  # nosec B608 # table names from the COUNTED constant
        for t in COUNTED
        if t in tables
    }


def snapshot_counts(path: Path, key_hex: str) -> dict[str, int]:
    conn = _open(path, key_hex)
    try:
        return count_rows(conn)
    finally:
        conn.close()


def check_snapshot(path: Path, key_hex: str, counts: dict) -> None:
    """The restored copy is whole: readable, ``integrity_check`` ok, the counts the header
    announced, and an unbroken audit chain."""
    conn = _open(path, key_hex)
    try:
        ok = conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        ok = ok and count_rows(conn) == counts and audit.verify_chain(conn).ok
    except sqlcipher3.DatabaseError:
        ok = False
    finally:
        conn.close()
    if not ok:
        raise UserFacingError("backup.error.content")


def rekey(path: Path, old_key: str, new_key: str) -> None:
    conn = _open(path, old_key)
    try:
        conn.execute(f"PRAGMA rekey = \"x'{new_key}'\"")
    finally:
        conn.close()


def profile_files(home: Path) -> Iterator[tuple[str, Path]]:
    """The profile's other files (demo-trust/ …) as (relative POSIX path, path); no links."""
    for path in sorted(home.rglob("*")):
        rel = path.relative_to(home)
        if path.is_symlink() or not path.is_file() or rel.parts[0] in SKIPPED_DIRS:
            continue
        if len(rel.parts) == 1 and (rel.name in SKIPPED_FILES or rel.name.endswith(".tmp")):
            continue
        yield rel.as_posix(), path


def read_secrets(profile_id: str) -> dict[str, str]:
    found = {}
    for service in CARRIED_SECRETS:
        with contextlib.suppress(keyring.errors.KeyringError):
            value = keyring.get_password(service, profile_id)
            if value:
                found[service] = value
    return found


def write_secrets(profile_id: str, carried: dict) -> None:
    for service, value in carried.items():
        if service in CARRIED_SECRETS and isinstance(value, str):
            keyring.set_password(service, profile_id, value)


def delete_secrets(profile_id: str) -> None:
    for service in CARRIED_SECRETS:
        with contextlib.suppress(keyring.errors.KeyringError):
            keyring.delete_password(service, profile_id)
