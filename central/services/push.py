"""``POST /v1/sync/push``: apply a client's ordered mutations, each ``(client_id, mid)`` once.

One transaction per push: the device row is locked (one push of a client at a time), mids
already applied get their stored result back, new ones are applied in order, and their
results and the client's last mid are written with their effects, so a push either
happened whole or not at all. A known mid with a different payload means a cloned or
restored client database: the push is refused whole (409) and the laptop must re-register.
"""

from __future__ import annotations

import psycopg
from psycopg.types.json import Jsonb

from app.wire import MutationResult, PushRequest, PushResponse
from central.errors import ApiError
from central.metrics import MUTATIONS
from central.security import Principal
from central.services import trust
from central.services.apply import Applier


def push(central, who: Principal, req: PushRequest) -> PushResponse:
    if who.device_id is None or who.region is None:
        raise ApiError(403, "central.error.device_required")

    def work(conn: psycopg.Connection) -> PushResponse:
        dev = conn.execute(
            "SELECT d.status, d.client_id, d.last_mid, a.active FROM device d"
            " JOIN agent a ON a.id = %s WHERE d.id = %s FOR UPDATE OF d",
            (who.agent_id, who.device_id),
        ).fetchone()
        if dev is None or dev["status"] != "active" or not dev["active"]:
            raise ApiError(403, "central.error.device_revoked", device=who.device_id)
        if dev["client_id"] != req.client_id:
            raise ApiError(409, "central.error.client_mismatch", client_id=req.client_id)
        mids = [m.mid for m in req.mutations]
        stored = {
            r["mid"]: r
            for r in conn.execute(
                "SELECT mid, payload_sha256, result FROM mutation"
                " WHERE client_id = %s AND mid = ANY(%s)",
                (req.client_id, mids),
            ).fetchall()
        }
        applier = Applier(conn, central, who, req.client_id)
        results: list[MutationResult] = []
        rows = []
        for m in req.mutations:
            digest = m.digest()
            known = stored.get(m.mid)
            if known is not None:
                if known["payload_sha256"] != digest:
                    raise ApiError(409, "central.error.mid_reused", mid=m.mid)
                res = MutationResult.from_json(known["result"])
                res.replayed = True
                results.append(res)
                continue
            if m.mid <= dev["last_mid"]:
                raise ApiError(409, "central.error.mid_stale", mid=m.mid, last=dev["last_mid"])
            res = applier.apply(m)
            results.append(res)
            rows.append((req.client_id, m.mid, who.device_id, digest, Jsonb(res.to_store())))
        last = dev["last_mid"]
        if rows:
            with conn.cursor() as cur:
                cur.executemany(
                    "INSERT INTO mutation (client_id, mid, device_id, payload_sha256, result)"
                    " VALUES (%s, %s, %s, %s, %s)",
                    rows,
                )
            last = max(last, rows[-1][1])
        if applier.cards.stale_lists:  # a card number revoked: the next list carries it
            trust.publish(central, conn)
        conn.execute(
            "UPDATE device SET last_mid = %s, last_seen_at = now() WHERE id = %s",
            (last, who.device_id),
        )
        return PushResponse(req.client_id, last, results)

    response = central.db.retrying(work)
    for r in response.results:
        if not r.replayed:
            MUTATIONS.labels(r.status).inc()
    return response
