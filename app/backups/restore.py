"""Check a backup, and restore it onto a new home.

Everything is decrypted into a temporary directory beside the new home, checked there
(every chunk authenticated, nothing missing at the end, ``integrity_check``, the counts of
the header, the audit chain), then given a new store key in this laptop's keyring, marked
as restored, and only then renamed into place: a wrong passphrase, a cut or altered file
leaves nothing behind.

A restored profile is a new device: a new profile id (its keyring entries) and device id
(its provisional references); its NIA leases are voided, since the lost laptop may have
used serials after the backup; the sync is stopped until the laptop registers again
(``sync_state.blocked = 'restored'``), and the store's ``meta`` says where it came from
(``restored_from``, ``sync_requires_registration``; see ``docs/BACKUP.md``).
"""

from __future__ import annotations

import contextlib
import json
import shutil
import tarfile
import tempfile
import uuid
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from app import audit
from app.backups.container import DecryptingReader, open_header
from app.backups.create import FILES, MANIFEST, BackupInfo
from app.backups.snapshot import check_snapshot, delete_secrets, rekey, write_secrets
from app.clock import Clock, iso, system_clock
from app.errors import UserFacingError
from app.profile import DB_FILE, PROFILE_FILE, Profile
from app.store.keys import create_key, delete_key
from app.store.store import Store

RESTORED_FROM = "restored_from"
REQUIRES_REGISTRATION = "sync_requires_registration"
BLOCKED_REASON = "restored"


def _open_file(path: Path) -> BinaryIO:
    try:
        return Path(path).open("rb")
    except OSError as exc:
        raise UserFacingError("backup.error.read", path=str(path), detail=str(exc)) from exc


def _target(dest: Path, name: str) -> Path:
    if name in (PROFILE_FILE, DB_FILE):
        return dest / name
    rel = PurePosixPath(name[len(FILES) :]) if name.startswith(FILES) else None
    if rel is None or not rel.parts or rel.is_absolute() or ".." in rel.parts:
        raise UserFacingError("backup.error.damaged")
    if len(rel.parts) == 1 and rel.name in (PROFILE_FILE, DB_FILE):
        raise UserFacingError("backup.error.damaged")
    return dest.joinpath(*rel.parts)


def unpack(path: Path, passphrase: str, dest: Path) -> tuple[dict, dict]:
    """Decrypt ``path`` into ``dest``: (the authenticated header, the inner manifest)."""
    manifest = None
    with _open_file(path) as fh:
        header, keys, mac = open_header(fh, passphrase)
        reader = DecryptingReader(fh, keys, mac)
        try:
            with tarfile.open(fileobj=reader, mode="r|") as tar:
                for member in tar:
                    if member.isdir():
                        continue
                    if not member.isfile():
                        raise UserFacingError("backup.error.damaged")
                    data = tar.extractfile(member)
                    if member.name == MANIFEST:
                        manifest = json.loads(data.read())
                        continue
                    target = _target(dest, member.name)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    with target.open("wb") as out:
                        shutil.copyfileobj(data, out, 1 << 20)
        except (tarfile.TarError, ValueError, EOFError):
            raise UserFacingError("backup.error.damaged") from None
        reader.drain()
    whole = (dest / DB_FILE).is_file() and (dest / PROFILE_FILE).is_file()
    if not whole or not isinstance(manifest, dict) or "transport_key" not in manifest:
        raise UserFacingError("backup.error.damaged")
    return header, manifest


def verify_backup(path: Path, passphrase: str) -> BackupInfo:
    """Decrypt and check the whole backup in a temporary directory; nothing is kept."""
    with tempfile.TemporaryDirectory(prefix="mihani-verify-") as tmp:
        header, manifest = unpack(path, passphrase, Path(tmp))
        info = BackupInfo.from_header(header, Path(path).stat().st_size)
        check_snapshot(Path(tmp) / DB_FILE, manifest["transport_key"], info.counts)
    return info


def _check_target(home: Path) -> None:
    if Profile.exists(home):
        raise UserFacingError("backup.error.profile_exists", home=str(home))
    if home.exists() and (not home.is_dir() or any(home.iterdir())):
        raise UserFacingError("backup.error.target_not_empty", home=str(home))


def restore_backup(
    path: Path, home: Path, passphrase: str, *, clock: Clock = system_clock
) -> tuple[BackupInfo, Profile]:
    """Restore onto ``home`` (absent or empty); returns the backup's info and the new profile."""
    home = Path(home).absolute()
    _check_target(home)
    home.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{home.name}.restore-", dir=home.parent))
    profile_id = str(uuid.uuid4())
    keyed = False
    try:
        header, manifest = unpack(path, passphrase, staging)
        info = BackupInfo.from_header(header, Path(path).stat().st_size)
        db = staging / DB_FILE
        check_snapshot(db, manifest["transport_key"], info.counts)
        old = json.loads((staging / PROFILE_FILE).read_text(encoding="utf-8"))
        keyed = True
        new_key = create_key(profile_id)
        write_secrets(profile_id, manifest.get("keyring") or {})
        rekey(db, manifest["transport_key"], new_key)
        profile = Profile(
            home=staging,
            profile_id=profile_id,
            region_code=str(old["region_code"]),
            device_id=uuid.uuid4().hex[:12],
            created_at=str(old["created_at"]),
            demo=bool(old.get("demo", False)),
        )
        profile.save()
        with Store(db, new_key) as store:
            _mark_restored(store, info, profile, iso(clock()))
        _check_target(home)
        if home.exists():
            home.rmdir()
        staging.replace(home)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        if keyed:
            with contextlib.suppress(Exception):
                delete_key(profile_id)
            delete_secrets(profile_id)
        raise
    profile.home = home
    return info, profile


def _mark_restored(store: Store, info: BackupInfo, profile: Profile, now: str) -> None:
    """One transaction: the sync's flags, the voided leases, and the audit entry."""
    with store.write() as conn:
        state = conn.execute("SELECT client_id, last_acked_mid FROM sync_state").fetchone()
        pending = conn.execute("SELECT count(*) FROM outbox").fetchone()[0]
        voided = conn.execute(
            "SELECT coalesce(sum(end_serial - next_serial), 0) FROM nia_lease"
        ).fetchone()[0]
        conn.execute("UPDATE nia_lease SET next_serial = end_serial")
        origin = {
            "backup_id": info.backup_id,
            "backup_created_at": info.created_at,
            "profile_id": info.profile_id,
            "device_id": info.device_id,
            "client_id": state[0] if state else None,
            "last_acked_mid": state[1] if state else None,
            "pending_mutations": pending,
            "new_device_id": profile.device_id,
            "restored_at": now,
        }
        for key, value in ((RESTORED_FROM, json.dumps(origin)), (REQUIRES_REGISTRATION, "1")):
            conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))
        if "blocked" in {r[1] for r in conn.execute("PRAGMA table_info(sync_state)")}:
            # the sync's own stop (sync/engine.py): cleared by ``mihani register`` only
            conn.execute("UPDATE sync_state SET blocked = ?", (BLOCKED_REASON,))
        row = conn.execute(
            "SELECT username FROM agent WHERE role = 'supervisor' AND active ORDER BY id LIMIT 1"
        ).fetchone()
        audit.append(
            conn,
            at=now,
            agent=row[0] if row else "restore",
            action="backup.restore",
            details={**origin, "nia_serials_voided": voided},
        )
