"""The append-only, hash-chained audit log.

Each entry's hash is SHA-256 over the previous entry's hash and the entry's canonical
JSON; triggers refuse UPDATE and DELETE. ``verify_chain`` names the first broken entry.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

import sqlcipher3

GENESIS = "0" * 64


def _canonical(entry: dict) -> bytes:
    return json.dumps(entry, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def _entry_hash(prev_hash: str, entry: dict) -> str:
    return hashlib.sha256(prev_hash.encode() + _canonical(entry)).hexdigest()


def append(
    conn: sqlcipher3.Connection,
    *,
    at: str,
    agent: str,
    action: str,
    entity: str | None = None,
    entity_uid: str | None = None,
    details: dict | None = None,
) -> int:
    """Append one entry; call inside the write transaction of the change it records."""
    last = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev_hash = (last[0] + 1, last[1]) if last else (1, GENESIS)
    details_json = json.dumps(details or {}, sort_keys=True, ensure_ascii=False)
    entry = {
        "seq": seq,
        "at": at,
        "agent": agent,
        "action": action,
        "entity": entity,
        "entity_uid": entity_uid,
        "details": details_json,
    }
    conn.execute(
        "INSERT INTO audit (seq, at, agent, action, entity, entity_uid, details, prev_hash, hash)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            seq,
            at,
            agent,
            action,
            entity,
            entity_uid,
            details_json,
            prev_hash,
            _entry_hash(prev_hash, entry),
        ),
    )
    return seq


@dataclass
class ChainReport:
    entries: int
    first_broken: int | None
    reason: str | None

    @property
    def ok(self) -> bool:
        return self.first_broken is None


def verify_chain(conn: sqlcipher3.Connection) -> ChainReport:
    prev_hash, expected_seq, count = GENESIS, 1, 0
    cur = conn.execute(
        "SELECT seq, at, agent, action, entity, entity_uid, details, prev_hash, hash"
        " FROM audit ORDER BY seq"
    )
    for row in cur:
        seq, at, agent, action, entity, entity_uid, details, stored_prev, stored_hash = tuple(row)
        count += 1
        if seq != expected_seq:
            return ChainReport(count, expected_seq, "missing")
        if stored_prev != prev_hash:
            return ChainReport(count, seq, "link")
        entry = {
            "seq": seq,
            "at": at,
            "agent": agent,
            "action": action,
            "entity": entity,
            "entity_uid": entity_uid,
            "details": details,
        }
        if _entry_hash(prev_hash, entry) != stored_hash:
            return ChainReport(count, seq, "hash")
        prev_hash, expected_seq = stored_hash, seq + 1
    return ChainReport(count, None, None)
