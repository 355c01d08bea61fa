"""``GET /v1/sync/pull``: a region's changes after a cursor, one page per snapshot.

The feed's order is (writing transaction id, sequence). A page only returns rows written by
transactions older than its snapshot's ``xmin`` — every one of them has finished — so a row
committed late can never slip behind a cursor already handed out. A cursor is
``c1.<epoch>.<xid>.<seq>``: an epoch the region no longer has (``admin reset-feed``), a
position before the region's horizon, or one after anything this server has written (a
server restored from a backup) answers 410: the client takes a fresh snapshot.

The card feed (``GET /v1/sync/cards``, ``CARDS``) works the same way over ``card_life``,
with its own cursor on the laptop: on a 410 the laptop starts that feed again from the
region's start (a region's cards are few beside its artisans).
"""

from __future__ import annotations

import gc
import hashlib
import json
from contextlib import contextmanager
from dataclasses import dataclass

from psycopg.rows import tuple_row

from app.wire import CARD_COLUMNS, page_header
from central.errors import ApiError
from central.metrics import PULLED
from central.repos.artisans import COLUMNS


@dataclass(frozen=True)
class Cursor:
    epoch: int
    xid: int
    seq: int

    def text(self) -> str:
        return f"c1.{self.epoch}.{self.xid}.{self.seq}"

    @classmethod
    def parse(cls, text: str) -> Cursor:
        parts = text.split(".")
        if len(parts) != 4 or parts[0] != "c1" or not all(p.isdigit() for p in parts[1:]):
            raise ApiError(422, "central.error.cursor_invalid")
        epoch, xid, seq = (int(p) for p in parts[1:])
        if max(epoch, xid, seq) >= 2**63:
            raise ApiError(422, "central.error.cursor_invalid")
        return cls(epoch, xid, seq)


def _snapshot_bounds(conn) -> tuple[int, int]:
    row = conn.execute(
        "SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin,"
        " pg_snapshot_xmax(pg_current_snapshot())::text AS xmax"
    ).fetchone()
    return int(row["xmin"]), int(row["xmax"])


def region_feed(conn, region: str) -> tuple[int, int]:
    row = conn.execute(
        "SELECT feed_epoch, feed_horizon::text AS horizon FROM region WHERE code = %s", (region,)
    ).fetchone()
    return int(row["feed_epoch"]), int(row["horizon"])


def check_cursor(conn, region: str, cursor_text: str | None) -> tuple[Cursor, int, int]:
    """The cursor (the region's start when none), the snapshot's xmin and xmax; 410 if old."""
    epoch, horizon = region_feed(conn, region)
    xmin, xmax = _snapshot_bounds(conn)
    if not cursor_text:
        return Cursor(epoch, 0, 0), xmin, xmax
    cursor = Cursor.parse(cursor_text)
    if cursor.epoch != epoch or cursor.xid < horizon or cursor.xid > xmax:
        raise ApiError(410, "central.error.cursor_gone")
    return cursor, xmin, xmax


@dataclass(frozen=True)
class Feed:
    """A region's change feed: a table whose writes set ``change_xid`` and ``change_seq``."""

    table: str
    columns: tuple[str, ...]
    uuids: tuple[str, ...]  # columns of type uuid, sent as text

    @property
    def page_sql(self) -> str:
        picks = ", ".join(f"{c}::text" if c in self.uuids else c for c in self.columns)
        return (
            f"SELECT {picks}, change_xid::text AS feed_xid, change_seq AS feed_seq"  # noqa: S608  # nosec B608 # table and column names from the Feed constants below; values bound
            f" FROM {self.table} WHERE region_code = %s"
            " AND (change_xid, change_seq) > (%s::text::xid8, %s) AND change_xid < %s::text::xid8"
            f" ORDER BY {self.table}.change_xid, {self.table}.change_seq LIMIT %s"
        )

    @property
    def total_sql(self) -> str:
        return (
            f"SELECT count(*) AS n FROM {self.table} WHERE region_code = %s"  # noqa: S608  # nosec B608 # table name from the Feed constants below; values bound
            " AND (change_xid, change_seq) > (%s::text::xid8, %s) AND change_xid < %s::text::xid8"
        )


# Text-format rows encoded by Python's C JSON encoder: faster than json_build_array.
ARTISANS = Feed("artisan", tuple(COLUMNS), ("uid",))
CARDS = Feed("card_life", CARD_COLUMNS, ("uid", "artisan_uid", "replaces_uid", "renews_uid"))


def pull_page(
    central, region: str, cursor_text: str | None, until_text: str | None, limit: int,
    feed: Feed = ARTISANS,
):  # fmt: skip
    """The JSON body (bytes) of one page of ``feed``."""
    with central.db.tx(repeatable=True) as conn:
        # the feed is read in index order, whatever the statistics say (no sort of a region)
        conn.execute("SET LOCAL enable_sort = off")
        conn.execute("SET LOCAL enable_bitmapscan = off")
        cursor, xmin, xmax = check_cursor(conn, region, cursor_text)
        if until_text:
            if not until_text.isdigit() or not cursor.xid <= int(until_text) <= xmax:
                raise ApiError(422, "central.error.until_invalid")
            until = int(until_text)
        else:
            until = xmin
        args = (region, str(cursor.xid), cursor.seq, str(until))
        cur = conn.cursor(row_factory=tuple_row)
        with _no_gc():
            rows = cur.execute(feed.page_sql, (*args, limit + 1)).fetchall()
        more = len(rows) > limit
        rows = rows[:limit]
        total = None if until_text else int(conn.execute(feed.total_sql, args).fetchone()["n"])
    iu, iv = feed.columns.index("uid"), feed.columns.index("version")
    h = hashlib.sha256()
    h.update("".join(f"{r[iu]}:{r[iv]}\n" for r in rows).encode())
    last = rows[-1] if rows else None
    nxt = Cursor(cursor.epoch, int(last[-2]), int(last[-1])) if last else cursor
    head = page_header(
        region, cursor_text or "", nxt.text(), str(until), more, len(rows), h.hexdigest(), total,
        feed.columns,
    )  # fmt: skip
    if feed is ARTISANS:
        PULLED.inc(len(rows))
    with _no_gc():
        head["rows"] = [r[:-2] for r in rows]
        return json.dumps(head, ensure_ascii=False, separators=(",", ":")).encode()


@contextmanager
def _no_gc():
    """A page is some 400,000 short-lived objects, none cyclic: the cycle collector would
    walk them again and again while they are made (it doubles a page's time)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
