"""One sync at a time, per profile: a lock in this process and an OS lock on a file of the
profile (another process: the CLI while the app runs) — released by the OS if we die."""

from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path

from sync.config import folder
from sync.errors import SyncError

_local = threading.Lock()


@contextlib.contextmanager
def sync_lock(home: Path):
    if not _local.acquire(blocking=False):
        raise SyncError("sync.error.busy")
    try:
        path = folder(home) / "sync.lock"
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            _os_lock(fd)
            yield
        finally:
            os.close(fd)  # closing releases the OS lock
    finally:
        _local.release()


def _os_lock(fd: int) -> None:
    try:
        import fcntl

        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise SyncError("sync.error.busy") from None
    except ImportError:  # Windows
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            raise SyncError("sync.error.busy") from None
