"""Blocks of NIA serials the server keeps for itself, taken in their own short transaction,
so that giving a provisional reference its NIA never holds the region's counter locked."""

from __future__ import annotations

import threading

from app.nia import make_nia
from central.services.leases import grant

BLOCK = 64


class SerialBlocks:
    def __init__(self, db) -> None:
        self.db = db
        self._lock = threading.Lock()
        self._blocks: dict[str, tuple[int, int]] = {}

    def take_nia(self, region: str) -> str:
        with self._lock:
            nxt, end = self._blocks.get(region, (0, 0))
            if nxt >= end:
                with self.db.tx() as conn:
                    lease = grant(conn, None, region, BLOCK)
                nxt, end = lease.first_serial, lease.end_serial
            self._blocks[region] = (nxt + 1, end)
        return make_nia(region, nxt)
