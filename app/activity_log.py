"""Reading the audit log for people: the history of one record (what, who, when)."""

from __future__ import annotations

import json

import sqlcipher3


def history(conn: sqlcipher3.Connection, entity_uid: str, limit: int = 200) -> list[dict]:
    """The audit entries of one entity, newest first: ``at``, ``agent``, ``action``,
    ``details`` (a dict)."""
    rows = conn.execute(
        "SELECT seq, at, agent, action, details FROM audit WHERE entity_uid = ?"
        " ORDER BY seq DESC LIMIT ?",
        (entity_uid, limit),
    ).fetchall()
    out = []
    for row in rows:
        item = dict(row)
        try:
            item["details"] = json.loads(item["details"] or "{}")
        except ValueError:
            item["details"] = {}
        out.append(item)
    return out
