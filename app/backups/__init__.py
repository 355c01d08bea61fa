"""Encrypted backups of a profile to one file, and their restore on any laptop
(``docs/BACKUP.md``)."""

from app.backups.container import Kdf
from app.backups.create import MIN_PASSPHRASE, BackupInfo, check_passphrase, create_backup
from app.backups.restore import (
    REQUIRES_REGISTRATION,
    RESTORED_FROM,
    restore_backup,
    verify_backup,
)

__all__ = [
    "MIN_PASSPHRASE",
    "REQUIRES_REGISTRATION",
    "RESTORED_FROM",
    "BackupInfo",
    "Kdf",
    "check_passphrase",
    "create_backup",
    "restore_backup",
    "verify_backup",
]
