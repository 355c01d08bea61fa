"""One sync at a time, per profile: a lock per profile in this process and an OS lock on a
file of the profile (another process: the CLI while the app runs), released by the OS if we die."""

from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path

from sync.config import folder
from sync.errors import SyncError

_guard = threading.Lock()
_locks: dict[str, threading.Lock] = {}  # one per profile: two profiles may sync at once


def _local(home: Path) -> threading.Lock:
    with _guard:
        return _locks.setdefault(str(Path(home).resolve()), threading.Lock())


@contextlib.contextmanager
def sync_lock(home: Path):
    local = _local(home)
    if not local.acquire(blocking=False):
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
        local.release()


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
