"""Make a backup of an open profile into one encrypted file (for a USB stick).

The file is written beside its final name and renamed when complete and flushed to disk,
so an interrupted backup never looks like a good one. The audit log records it.
"""

from __future__ import annotations

import io
import json
import os
import tarfile
import tempfile
import uuid
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from app import audit
from app.backups.container import EncryptingWriter, Kdf, write_header
from app.backups.snapshot import profile_files, read_secrets, snapshot, snapshot_counts
from app.clock import iso
from app.errors import UserFacingError
from app.profile import DB_FILE, PROFILE_FILE
from app.store.keys import load_key

MIN_PASSPHRASE = 10
MANIFEST = "manifest.json"
FILES = "files/"


@dataclass(frozen=True)
class BackupInfo:
    backup_id: str
    profile_id: str
    device_id: str
    region: str
    created_at: str
    counts: dict
    demo: bool = False
    size: int = 0

    @classmethod
    def from_header(cls, header: dict, size: int = 0) -> BackupInfo:
        try:
            return cls(
                str(header["backup_id"]),
                str(header["profile_id"]),
                str(header["device_id"]),
                str(header["region"]),
                str(header["created_at"]),
                dict(header["counts"]),
                bool(header.get("demo", False)),
                size,
            )
        except (KeyError, TypeError, ValueError):
            raise UserFacingError("backup.error.damaged") from None


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise UserFacingError("backup.error.passphrase_short", min=MIN_PASSPHRASE)


def _app_version() -> str:
    try:
        return version("mihani")
    except PackageNotFoundError:
        return "unknown"


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    member = tarfile.TarInfo(name)
    member.size = len(data)
    member.mode = 0o600
    tar.addfile(member, io.BytesIO(data))


def create_backup(
    ws, out: Path, passphrase: str, *, agent: str, kdf: Kdf | None = None, overwrite: bool = False
) -> BackupInfo:
    check_passphrase(passphrase)
    out = Path(out)
    if out.exists() and not overwrite:
        raise UserFacingError("backup.error.out_exists", path=str(out))
    profile, home = ws.profile, Path(ws.profile.home)
    with tempfile.TemporaryDirectory(prefix="mihani-backup-") as tmp:
        snap = Path(tmp) / DB_FILE
        transport = snapshot(ws.store.path, load_key(profile.profile_id), snap)
        header = {
            "format": 1,
            "backup_id": str(uuid.uuid4()),
            "profile_id": profile.profile_id,
            "device_id": profile.device_id,
            "region": profile.region_code,
            "demo": profile.demo,
            "created_at": iso(ws.registry.clock()),
            "app_version": _app_version(),
            "counts": snapshot_counts(snap, transport),
        }
        manifest = {"transport_key": transport, "keyring": read_secrets(profile.profile_id)}
        part = out.with_name(f".{out.name}.part")
        try:
            with part.open("wb") as fh:
                keys, mac = write_header(fh, header, passphrase, kdf or Kdf())
                sealed = EncryptingWriter(fh, keys, mac)
                with tarfile.open(fileobj=sealed, mode="w|", format=tarfile.PAX_FORMAT) as tar:
                    _add_bytes(tar, MANIFEST, json.dumps(manifest).encode())
                    tar.add(home / PROFILE_FILE, PROFILE_FILE, recursive=False)
                    tar.add(snap, DB_FILE, recursive=False)
                    for rel, path in profile_files(home):
                        tar.add(path, FILES + rel, recursive=False)
                sealed.close()
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(part, out)
        except OSError as exc:
            part.unlink(missing_ok=True)
            raise UserFacingError("backup.error.write", path=str(out), detail=str(exc)) from exc
        except BaseException:
            part.unlink(missing_ok=True)
            raise
    info = BackupInfo.from_header(header, out.stat().st_size)
    with ws.store.write() as conn:
        audit.append(
            conn,
            at=iso(ws.registry.clock()),
            agent=agent,
            action="backup.create",
            details={"backup_id": info.backup_id, "file": out.name, "counts": info.counts},
        )
    return info
