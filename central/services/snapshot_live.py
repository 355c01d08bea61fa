"""A snapshot downloaded while it is made (``snapshot.start``): its file is streamed from an
offset as it grows, by any worker of the service (they share the data directory).

While it is made the file is ``<id>.<region>.building``; when finished it becomes
``<id>.jsonl.gz`` (the same file: an open descriptor keeps reading it) and its row in
``snapshot`` gives its size and SHA-256. A build that stops writing for ``STALL`` seconds (its
process died) is no longer served: the stream ends and ``state`` no longer knows it.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from pathlib import Path

from central.services import snapshot

STALL = snapshot.STALL
POLL = 0.02
CHUNK = 256 * 1024


def _building(central, snapshot_id: str) -> Path | None:
    try:
        uuid.UUID(snapshot_id)
    except ValueError:
        return None
    found = list((central.settings.data_dir / "snapshots").glob(f"{snapshot_id}.*.building"))
    return found[0] if found else None


def state(central, snapshot_id: str) -> dict | None:
    """The finished snapshot's description, ``{"building": true, "region"}`` while it is
    made, or None (unknown, or its build died)."""
    path = _building(central, snapshot_id)  # before the row: a build writes it, then renames
    found = snapshot.get(central, snapshot_id)
    if found is not None or path is None:
        return found
    if snapshot.growing(path):
        return {"snapshot_id": snapshot_id, "region": path.name.split(".")[1], "building": True}
    return snapshot.get(central, snapshot_id)  # finished meanwhile (its row is there), or dead


def follow(central, snapshot_id: str, offset: int) -> Iterator[bytes] | None:
    """The file's bytes from ``offset``, as they are written, to its end; None if unknown."""
    final = snapshot.path_of(central, snapshot_id)
    path = _building(central, snapshot_id)
    for candidate in (path, final):  # finished (renamed) between the look and the open
        if candidate is None:
            continue
        try:
            f = open(candidate, "rb")  # noqa: SIM115 (closed by _stream)
        except FileNotFoundError:
            continue
        f.seek(offset)
        return _stream(f, final, path)
    return None


def _stream(f, final: Path, building: Path | None) -> Iterator[bytes]:
    with f:
        quiet_since = time.monotonic()
        while True:
            data = f.read(CHUNK)
            if data:
                quiet_since = time.monotonic()
                yield data
                continue
            if building is None or final.exists():
                if not (data := f.read()):  # written whole before the rename: read to the end
                    return
                yield data
                continue
            if not building.exists() or time.monotonic() - quiet_since > STALL:
                return  # the build failed or its process died: the client asks again
            time.sleep(POLL)
