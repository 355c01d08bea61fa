"""Pull: the region's changes after our cursor, page by page into ``pull_stage``; the set
is applied (``app.replica``) in one transaction only once its last page arrived and every
page's count and checksum matched. A set interrupted (a cut link, a killed laptop) resumes
at its last staged page with the same ``until``; a 410 means the cursor is too old: the
engine takes a fresh snapshot."""

from __future__ import annotations

import json

from app import audit, replica
from app.clock import iso
from app.wire import PullPage, WireError
from sync import crashpoints
from sync.errors import Unreachable
from sync.http import Transport

PAGE = 2000


def _state(conn) -> tuple[str | None, str | None]:
    row = conn.execute("SELECT pull_cursor, pull_until FROM sync_state").fetchone()
    return row[0], row[1]


def _fetch(http: Transport, cursor: str, until: str | None, limit: int) -> PullPage:
    params = {"cursor": cursor, "limit": limit}
    if until:
        params["until"] = until
    return fetch_page(http, "/v1/sync/pull", params, "pull")


def fetch_page(http: Transport, path: str, params: dict, what: str) -> PullPage:
    """One page of a feed (``what`` names it in the error), fetched again while its count,
    checksum or shape does not match (``PullPage.check``)."""
    for _ in range(http.backoff.attempts):
        data = http.get_json(path, params=params)
        try:
            return PullPage.from_json(data)
        except WireError:  # a page that does not hold what it says: fetch again
            http.sleep(http.backoff.delay(1))
    raise Unreachable(http.server, f"{what} page checksum")


def stage(ws, http: Transport, limit: int = PAGE, progress=None) -> bool:
    """Stage the pages of one set; True when there is a complete set to apply."""
    cursor, until = _state(ws.store.read())
    staged = (
        ws.store.read()
        .execute("SELECT page, cursor, next_cursor, until, more FROM pull_stage ORDER BY page")
        .fetchall()
    )
    if staged and (staged[0]["cursor"] != cursor or staged[0]["until"] != until):
        with ws.store.write() as w:
            w.execute("DELETE FROM pull_stage")
        staged = []
    if staged and not staged[-1]["more"]:
        return True
    nxt = staged[-1]["next_cursor"] if staged else cursor
    n = staged[-1]["page"] + 1 if staged else 1
    total = None
    while True:
        page = _fetch(http, nxt, until, limit)
        total = page.total if page.total is not None else total
        body = json.dumps({"columns": page.columns, "rows": page.rows}, ensure_ascii=False)
        with ws.store.write() as w:
            if until is None:
                until = page.until
                w.execute("UPDATE sync_state SET pull_until = ?", (until,))
            w.execute(
                "INSERT INTO pull_stage (page, cursor, next_cursor, until, more, count,"
                " checksum, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (n, cursor if n == 1 else nxt, page.next_cursor, until, int(page.more),
                 page.count, page.checksum, body),
            )  # fmt: skip
        if progress:
            progress("pull", n * limit if page.more else (total or page.count), total)
        if not page.more:
            return True
        crashpoints.reached("pull.mid_set")
        nxt, n = page.next_cursor, n + 1


def apply(ws, agent: str, progress=None) -> int:
    """Apply the staged set whole, move the cursor, empty the stage; how many rows."""
    count = 0
    with ws.store.write() as w:
        pages = w.execute("SELECT next_cursor, more, body FROM pull_stage ORDER BY page").fetchall()
        if not pages or pages[-1]["more"]:
            return 0
        for page in pages:
            body = json.loads(page["body"])
            cols = body["columns"]
            count += replica.apply_rows(w, (dict(zip(cols, r, strict=True)) for r in body["rows"]))
            crashpoints.reached("apply.mid")
        w.execute(
            "UPDATE sync_state SET pull_cursor = ?, pull_until = NULL", (pages[-1]["next_cursor"],)
        )
        w.execute("DELETE FROM pull_stage")
        replica.retry_deferred(w)
        if count:
            audit.append(
                w, at=iso(ws.registry.clock()), agent=agent, action="sync.pull",
                details={"rows": count, "cursor": pages[-1]["next_cursor"]},
            )  # fmt: skip
    if progress:
        progress("apply", count, count)
    return count


def pull(ws, http: Transport, agent: str, limit: int = PAGE, progress=None) -> int:
    stage(ws, http, limit, progress)
    return apply(ws, agent, progress)


def reset(ws) -> None:
    """Forget the staged set and the cursor (before a fresh snapshot)."""
    with ws.store.write() as w:
        w.execute("DELETE FROM pull_stage")
        w.execute("UPDATE sync_state SET pull_cursor = NULL, pull_until = NULL")
