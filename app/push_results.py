"""What the central service said about pushed changes, kept in the same local transaction
that removes their outbox rows.

For each result: the outbox row goes; the record's server copy (``shadow``) takes what the
server applied (its version, the NIA given to a provisional reference, the fields it kept
when two changes clashed); clashes become ``conflicts`` rows for a person; refusals become
``push_refusal`` rows (card steps too: the server refuses a move its own state of the card
does not allow); a create refused as a duplicate (the CIN is registered already)
leaves the local register, its values kept in the conflict. When a record has no pending
change left, its shadow becomes the local row (``replica.promote``; for cards,
``card_replica.settle``).
"""

from __future__ import annotations

import json

import sqlcipher3

from app import audit, card_replica, replica
from app.model.artisan import RECORD_FIELDS
from app.registry.index import unindex_artisan
from app.wire import APPLIED, CONFLICT, DUPLICATE, MERGED, REJECTED, Mutation, MutationResult

_KEPT = (APPLIED, MERGED, CONFLICT)


def _dump(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def _shadow(conn, uid: str) -> dict | None:
    row = conn.execute("SELECT data FROM shadow WHERE uid = ?", (uid,)).fetchone()
    return json.loads(row[0]) if row else None


def _save_shadow(conn, rec: dict) -> None:
    conn.execute(
        "INSERT INTO shadow (uid, version, data) VALUES (?, ?, ?) ON CONFLICT (uid)"
        " DO UPDATE SET version = excluded.version, data = excluded.data",
        (rec["uid"], int(rec.get("version") or 1), _dump(rec)),
    )


def _follow(conn, m: Mutation, r: MutationResult) -> None:
    """Bring the record's server copy up to what the server did with ``m``."""
    rec = _shadow(conn, m.entity_uid)
    if rec is None:
        if m.op != "create":
            return  # the server copy was never known here (nothing to follow)
        rec = {k: m.patch.get(k) for k in RECORD_FIELDS}
        rec["version"] = 0
    if r.version is not None and r.version <= int(rec.get("version") or 0):
        return  # the copy we hold is already as new as this result
    kept = {c.field: c.server for c in r.conflicts}
    patch = {"status": m.patch.get("status")} if m.op == "status" else m.patch
    for name, value in patch.items():
        if name in RECORD_FIELDS and name not in ("uid", "version", "nia", "provisional_ref"):
            rec[name] = kept.get(name, value)
    for name, value in kept.items():
        if name in RECORD_FIELDS:
            rec[name] = value
    if r.nia:
        rec["nia"] = r.nia
    if r.version is not None:
        rec["version"] = r.version
    _save_shadow(conn, rec)


def _conflicts(conn, m: Mutation, r: MutationResult, kind: str, now: str) -> None:
    for c in r.conflicts:
        conn.execute(
            "INSERT OR IGNORE INTO conflicts (server_id, kind, entity_uid, field, base, server,"
            " local, mid, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (c.conflict_id, kind, m.entity_uid, c.field, _dump(c.base), _dump(c.server),
             _dump(c.local), m.mid, now),
        )  # fmt: skip


def _duplicate(conn, m: Mutation, r: MutationResult, now: str) -> None:
    """The person is registered already: the local record leaves, its values kept."""
    row = conn.execute("SELECT * FROM artisan WHERE uid = ?", (m.entity_uid,)).fetchone()
    local = dict(row) if row else dict(m.patch)
    local.pop("id", None)
    for c in r.conflicts:
        c.local = local
    _conflicts(conn, m, r, "duplicate", now)
    if row is not None:
        unindex_artisan(conn, row["id"])
        conn.execute("DELETE FROM artisan WHERE id = ?", (row["id"],))
    conn.execute("DELETE FROM shadow WHERE uid = ?", (m.entity_uid,))


def record(
    conn: sqlcipher3.Connection,
    mutations: list[Mutation],
    results: list[MutationResult],
    now: str,
    agent: str,
) -> dict[str, int]:
    """Record the server's results of ``mutations``; inside the caller's write transaction.
    Returns how many of each status."""
    by_mid = {m.mid: m for m in mutations}
    counts: dict[str, int] = {}
    touched: list[str] = []
    last = 0
    for r in results:
        m = by_mid.get(r.mid)
        if m is None:
            continue
        gone = conn.execute("DELETE FROM outbox WHERE mid = ?", (m.mid,)).rowcount
        if not gone:
            continue  # recorded already (a retried answer)
        counts[r.status] = counts.get(r.status, 0) + 1
        last = max(last, m.mid)
        if m.entity == "card":
            card_replica.follow(conn, m, r)  # its server copy, if one came down meanwhile
        elif r.status in _KEPT:
            _follow(conn, m, r)
            if r.nia and m.op == "create":
                conn.execute(
                    "UPDATE artisan SET nia = ? WHERE uid = ? AND nia IS NULL",
                    (r.nia, m.entity_uid),
                )
            if r.status == CONFLICT:
                _conflicts(conn, m, r, "field", now)
        elif r.status == DUPLICATE:
            _duplicate(conn, m, r, now)
        if r.status in (REJECTED, DUPLICATE):
            conn.execute(
                "INSERT OR REPLACE INTO push_refusal (mid, entity_uid, op, error, params,"
                " field_errors, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (m.mid, m.entity_uid, m.op, r.error, _dump(r.params), _dump(r.field_errors), now),
            )
        touched.append(m.entity_uid)
    for uid in dict.fromkeys(touched):
        replica.promote(conn, uid)
    for m in by_mid.values():
        if m.entity == "card":
            card_replica.drop_refused(conn, m.entity_uid)
    if last:
        conn.execute("UPDATE sync_state SET last_acked_mid = max(last_acked_mid, ?)", (last,))
        audit.append(
            conn, at=now, agent=agent, action="sync.push",
            details={"last_mid": last, **counts},
        )  # fmt: skip
    replica.retry_deferred(conn)
    card_replica.settle(conn)
    return counts
