"""A snapshot's rows into an empty replica, in two threads. A parsing thread reads the file's
batches (JSON, shape, checksum, name-index terms: Python, holding the GIL) and binds them into
the stage's tables (``replica_bulk.Stage``, an SQLite in memory); the caller's thread, which
holds the write transaction, copies each batch whole from there (one statement per table,
during which the driver leaves the GIL), so the next batch is parsed while this one is
copied. Per-row statements in the writer would hand the GIL over at every row and wait for
it each time.
"""

from __future__ import annotations

import gc
import hashlib
import queue
import threading
from collections.abc import Iterator

import sqlcipher3

from app import replica_bulk
from sync import crashpoints
from sync.errors import SyncError

AHEAD = 3  # parsed batches waiting for SQLite at most


def load(
    conn, stage: replica_bulk.Stage, batches: Iterator, columns: list[str], progress=None
) -> tuple[int, dict | None, str]:
    """Insert the rows of ``batches`` (``(items, lines)`` after the header) through ``stage``;
    their count, the trailer and the checksum of their ``uid:version`` lines. Inside
    ``replica_bulk.load``."""
    stage.open(conn, columns)
    parsed: queue.Queue = queue.Queue(AHEAD)
    stop = threading.Event()
    out: dict = {}
    thread = threading.Thread(
        target=_parse, args=(stage, batches, columns, parsed, stop, out), name="snapshot-parse",
        daemon=True,
    )  # fmt: skip
    # The parsing makes two lists per row (no cycle among them): the cyclic collector ran
    # about 570 times per 200,000 rows, 0.8-1 s holding the GIL. Off until the load ends.
    collecting = gc.isenabled()
    gc.disable()
    thread.start()
    count = 0
    try:
        while (batch := parsed.get()) is not None:
            if isinstance(batch, BaseException):
                raise batch
            stage.copy(conn, batch)
            count += batch.count
            if progress:
                progress("apply", count, None)
            crashpoints.reached("apply.mid")
    finally:
        stop.set()
        thread.join(5)  # it may wait on a download that ends later: it touches no database
        if collecting:
            gc.enable()
    return count, out.get("trailer"), out["checksum"]


def _parse(stage, batches, columns, parsed: queue.Queue, stop: threading.Event, out: dict) -> None:
    def put(item) -> None:
        while not stop.is_set():
            try:
                parsed.put(item, timeout=0.2)
                return
            except queue.Full:
                continue

    iu, iv, width = columns.index("uid"), columns.index("version"), len(columns)
    checksum = hashlib.sha256()
    first, trailer = 1, None
    try:
        for items, _lines in batches:
            if trailer is not None or stop.is_set():
                raise SyncError("sync.error.snapshot_damaged")  # lines after the trailer
            if items and isinstance(items[-1], dict):
                trailer, items = items[-1], items[:-1]
            # the shape only: ``rows_fit``'s look at every value would cost this thread, the
            # load's narrowest point, 0.43 s per 200,000 rows; SQLite's binding and
            # ``name_terms`` refuse the same values (TypeError, below)
            if any(not isinstance(r, list) or len(r) != width for r in items):
                raise SyncError("sync.error.snapshot_damaged")
            checksum.update("".join(f"{r[iu]}:{r[iv]}\n" for r in items).encode())
            if items:
                try:
                    batch = stage.fill(items, first, stop)
                except (TypeError, sqlcipher3.Error) as exc:  # a value no column can hold
                    raise SyncError("sync.error.snapshot_damaged") from exc
                if batch is None:  # stopped while waiting for a free pair of tables
                    return
                put(batch)
                first += len(items)
        out["trailer"], out["checksum"] = trailer, checksum.hexdigest()
        put(None)
    except BaseException as exc:  # raised again in the inserting thread
        put(exc)
