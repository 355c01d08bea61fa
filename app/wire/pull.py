"""The pull half: a region's changes after a cursor, in pages read each in one snapshot.

A page is columnar (``columns`` once, then ``rows`` of values in that order: about half the
bytes of objects). A *page set* starts at the client's cursor and ends when ``more`` is
false; every page of a set carries the set's ``until`` (pass it back), its own ``count``
and ``checksum`` (``page_checksum``), and the client applies the set only once every page
arrived and checked. ``next_cursor`` is opaque; keep the last one of an applied set.
A cursor the server no longer serves answers 410: take a fresh snapshot.

The snapshot file (``GET /v1/sync/snapshots/{id}``, resumable with HTTP Range) is gzip of
JSON lines: a header ``{"format", "region", "columns", "cursor"}``, one row per line, and a
trailer ``{"count", "checksum"}``; its SHA-256 is announced before the download.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from app.model.artisan import RECORD_FIELDS
from app.wire import read
from app.wire.errors import WireError

ARTISAN_COLUMNS: tuple[str, ...] = RECORD_FIELDS
# The card feed (``GET /v1/sync/cards``): pages of the same shape, a card per row.
CARD_COLUMNS: tuple[str, ...] = (
    "uid", "artisan_uid", "card_number", "state", "replaces_uid", "renews_uid",
    "requested_at", "requested_by", "produced_at", "printed_at", "received_at",
    "handed_over_at", "handed_over_by", "handed_to", "acknowledgement", "expires_at",
    "revoked_at", "revoked_reason", "version", "updated_at",
)  # fmt: skip
SNAPSHOT_FORMAT = "mihani-snapshot/1"
DEFAULT_PAGE = 2000
MAX_PAGE = 10_000
_UID, _VERSION = ARTISAN_COLUMNS.index("uid"), ARTISAN_COLUMNS.index("version")
# Values the client reads as text itself (names into the search index, keys), checked in each
# page: a number there would stop the apply with an error no one could act on.
TEXT_COLUMNS = frozenset(
    ("uid", "first_name_ar", "last_name_ar", "first_name_lat", "last_name_lat", "status",
     "photo_sha256", "artisan_uid", "state")
)  # fmt: skip
_SCALAR = (str, int, float, type(None))  # bool is an int


def rows_fit(rows: Iterable[Any], columns: Sequence[str]) -> bool:
    """Each row a list of ``len(columns)`` plain values (no nested value: no column holds
    one), text or NULL in ``TEXT_COLUMNS``."""
    texts = [i for i, c in enumerate(columns) if c in TEXT_COLUMNS]
    for r in rows:
        if not isinstance(r, list) or len(r) != len(columns):
            return False
        if not all(isinstance(v, _SCALAR) for v in r):
            return False
        if not all(isinstance(r[i], str | None) for i in texts):
            return False
    return True


def page_checksum(rows: Iterable[Sequence[Any]], columns: Sequence[str] = ARTISAN_COLUMNS) -> str:
    """SHA-256 (hex) of the lines ``uid:version`` of a page's rows, in order."""
    iu, iv = columns.index("uid"), columns.index("version")
    h = hashlib.sha256()
    for row in rows:
        h.update(f"{row[iu]}:{row[iv]}\n".encode())
    return h.hexdigest()


@dataclass
class PullPage:
    region: str
    cursor: str
    next_cursor: str
    until: str
    more: bool
    count: int
    checksum: str
    columns: list[str]
    rows: list[list]
    total: int | None = None  # changes in the whole set, on its first page only

    def records(self) -> list[dict]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]

    def check(self) -> None:
        """``WireError`` unless the page holds exactly what its count and checksum say, each
        row a list of plain values (text where the client reads text: ``TEXT_COLUMNS``)."""
        if len(self.rows) != self.count:
            raise WireError("wire.error.page_count", count=self.count, got=len(self.rows))
        if not rows_fit(self.rows, self.columns):
            raise WireError("wire.error.page_shape")
        if page_checksum(self.rows, self.columns) != self.checksum:
            raise WireError("wire.error.page_checksum")

    @classmethod
    def from_json(cls, data: Any) -> PullPage:
        d = read.as_object(data)
        columns = read.array(d, "columns", max_items=200)
        if "uid" not in columns or "version" not in columns:
            raise WireError("wire.error.page_shape")
        page = cls(
            region=read.text(d, "region", max_len=2),  # type: ignore[arg-type]
            cursor=read.text(d, "cursor", max_len=80, required=False) or "",
            next_cursor=read.text(d, "next_cursor", max_len=80),  # type: ignore[arg-type]
            until=read.text(d, "until", max_len=40),  # type: ignore[arg-type]
            more=bool(d.get("more")),
            count=read.integer(d, "count", high=MAX_PAGE),  # type: ignore[arg-type]
            checksum=read.text(d, "checksum", max_len=64),  # type: ignore[arg-type]
            columns=columns,
            rows=read.array(d, "rows", max_items=MAX_PAGE),
            total=read.integer(d, "total", required=False),
        )
        page.check()
        return page


def page_header(
    region: str,
    cursor: str,
    next_cursor: str,
    until: str,
    more: bool,
    count: int,
    checksum: str,
    total: int | None,
    columns: Sequence[str] = ARTISAN_COLUMNS,
) -> dict:
    """Every key of a page but ``rows`` (the server writes the rows itself, pre-encoded)."""
    return {
        "region": region,
        "cursor": cursor,
        "next_cursor": next_cursor,
        "until": until,
        "more": more,
        "count": count,
        "checksum": checksum,
        "total": total,
        "columns": list(columns),
    }
