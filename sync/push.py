"""Push: the outbox goes up in order, in batches; each batch's results are recorded in the
local transaction that deletes its outbox rows (``app.push_results``), so a row leaves only
once the server has acknowledged it. Retrying a batch is safe: the server applies each
``(client_id, mid)`` once and answers a retry with the stored result.

A restored or cloned database is caught here: the server knows one of our mids with other
contents (409 ``mid_reused``), or has acknowledged a mid we never issued. The sync then
stops for good (``sync_state.blocked``) until the laptop registers again.
"""

from __future__ import annotations

from app import outbox, push_results
from app.clock import iso
from app.wire import Mutation, PushRequest, PushResponse
from sync import crashpoints
from sync.errors import MustReregister, ServerRefused
from sync.http import Transport

BATCH = 200
REREGISTER = {
    "central.error.mid_reused": "mid_reused",
    "central.error.mid_stale": "mid_stale",
    "central.error.client_mismatch": "client_mismatch",
}


def block(ws, reason: str) -> None:
    with ws.store.write() as conn:
        conn.execute("UPDATE sync_state SET blocked = ?", (reason,))


def highest_mid(conn) -> int:
    row = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'").fetchone()
    return int(row[0]) if row else 0


def _mutation(row: dict) -> Mutation:
    return Mutation(
        row["mid"], row["entity"], row["entity_uid"], row["op"], row["patch"],
        row["base_version"], row["base_values"], row["created_at"],
    )  # fmt: skip


def _send(ws, http: Transport, client_id: str, muts: list[Mutation]) -> PushResponse:
    crashpoints.reached("push.before_send")
    body = PushRequest(client_id, tuple(muts)).to_json()
    try:
        data = http.post_json("/v1/sync/push", body)
    except ServerRefused as exc:
        reason = REREGISTER.get(exc.error)
        if reason:
            block(ws, reason)
            raise MustReregister(reason) from exc
        raise
    resp = PushResponse.from_json(data)
    crashpoints.reached("push.after_answer")
    if resp.last_mid > highest_mid(ws.store.read()):
        block(ws, "restored")
        raise MustReregister("restored")
    return resp


def push(ws, http: Transport, client_id: str, agent: str, progress=None) -> dict[str, int]:
    """Push everything waiting; how many mutations ended in each status."""
    totals: dict[str, int] = {}
    conn = ws.store.read()
    waiting = outbox.count(conn)
    if not waiting:
        _send(ws, http, client_id, [])  # learns the server's last mid: a restored copy?
        return totals
    done = 0
    while True:
        muts = [_mutation(r) for r in outbox.pending(ws.store.read(), BATCH)]
        if not muts:
            return totals
        resp = _send(ws, http, client_id, muts)
        with ws.store.write() as w:
            counts = push_results.record(w, muts, resp.results, iso(ws.registry.clock()), agent)
        for k, v in counts.items():
            totals[k] = totals.get(k, 0) + v
        done += len(muts)
        if progress:
            progress("push", done, max(waiting, done))
