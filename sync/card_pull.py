"""The card feed: the region's cards as the central service holds them (steps made on other
laptops of the region, revocations by a supervisor or an operator), after this laptop's own
cursor (``sync_state.card_cursor``).

Each page is applied on its own, in one transaction with the cursor that follows it: the
service only hands out rows of finished transactions, in order, each at its latest state,
so a page applied alone is never overtaken by an older copy of the same card, and a run cut
anywhere resumes at the next page. A 410 (the region's feed was reset, or the laptop holds
a cursor from another server) starts the feed again from the region's start: cards are few
beside artisans, and applying a card twice changes nothing.
"""

from __future__ import annotations

from app import audit, card_replica
from app.clock import iso
from app.wire import CARD_COLUMNS, PullPage
from sync import crashpoints
from sync.errors import CursorGone, Unreachable
from sync.http import Transport
from sync.pull import fetch_page

PAGE = 2000


def _fetch(http: Transport, cursor: str, limit: int) -> PullPage:
    page = fetch_page(http, "/v1/sync/cards", {"cursor": cursor, "limit": limit}, "card")
    if tuple(page.columns) != CARD_COLUMNS:
        raise Unreachable(http.server, "card feed columns")
    return page


def _cursor(ws) -> str:
    return ws.store.read().execute("SELECT card_cursor FROM sync_state").fetchone()[0] or ""


def pull_cards(ws, http: Transport, agent: str, limit: int = PAGE, progress=None) -> int:
    """Apply the card feed's pages after our cursor; how many cards came down."""
    try:
        return _pull(ws, http, agent, limit, progress)
    except CursorGone:
        with ws.store.write() as w:
            w.execute("UPDATE sync_state SET card_cursor = NULL")
        return _pull(ws, http, agent, limit, progress)


def _pull(ws, http: Transport, agent: str, limit: int, progress) -> int:
    cursor, count, total = _cursor(ws), 0, None
    while True:
        page = _fetch(http, cursor, limit)
        total = page.total if page.total is not None else total
        with ws.store.write() as w:
            card_replica.apply_cards(w, page.records())
            card_replica.settle(w)
            w.execute("UPDATE sync_state SET card_cursor = ?", (page.next_cursor,))
            if page.count:
                audit.append(
                    w, at=iso(ws.registry.clock()), agent=agent, action="sync.cards",
                    details={"cards": page.count, "cursor": page.next_cursor},
                )  # fmt: skip
        count += page.count
        if progress:
            progress("cards", count, total)
        if not page.more:
            return count
        crashpoints.reached("cards.mid")
        cursor = page.next_cursor
