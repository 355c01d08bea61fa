"""Conflicts for a person to settle: a field two laptops changed differently (the server
kept its value), or a person enrolled twice (the CIN was registered already).

A field conflict is settled by choosing the server's value, the local one, or another; the
choice goes up as an ordinary change made over the server's value (``base_values`` = the
server's value), which the central service applies and which closes the conflict there too.
The choice, its outbox row and its audit row commit in one transaction.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from app import audit, outbox
from app.clock import iso
from app.errors import UserFacingError
from app.registry import records

CHOICES = ("server", "local", "value")


@dataclass
class Conflict:
    id: int
    kind: str
    entity_uid: str
    field: str
    base: Any
    server: Any
    local: Any
    created_at: str
    status: str
    reference: str = ""
    name: str = ""


def _load(text: str | None) -> Any:
    return None if text is None else json.loads(text)


def _conflict(row, rec: dict | None) -> Conflict:
    return Conflict(
        row["id"], row["kind"], row["entity_uid"], row["field"], _load(row["base"]),
        _load(row["server"]), _load(row["local"]), row["created_at"], row["status"],
        (rec or {}).get("nia") or (rec or {}).get("provisional_ref") or "",
        " ".join(filter(None, [(rec or {}).get(k) for k in ("first_name_lat", "last_name_lat")])),
    )  # fmt: skip


def open_conflicts(conn, limit: int = 500) -> list[Conflict]:
    rows = conn.execute(
        "SELECT c.*, a.nia, a.provisional_ref, a.first_name_lat, a.last_name_lat FROM conflicts c"
        " LEFT JOIN artisan a ON a.uid = c.entity_uid WHERE c.status = 'open'"
        " ORDER BY c.id LIMIT ?",
        (limit,),
    ).fetchall()
    return [_conflict(r, dict(r)) for r in rows]


def count_open(conn) -> int:
    return int(conn.execute("SELECT count(*) FROM conflicts WHERE status = 'open'").fetchone()[0])


def resolve(ws, conflict_id: int, choice: str, agent: str, value: Any = None) -> dict:
    """Settle one conflict; returns the record as it now stands locally."""
    if choice not in CHOICES:
        raise UserFacingError("sync.error.choice_unknown", value=choice)
    with ws.store.write() as conn:
        row = conn.execute("SELECT * FROM conflicts WHERE id = ?", (conflict_id,)).fetchone()
        if row is None or row["status"] != "open":
            raise UserFacingError("sync.error.conflict_gone", id=conflict_id)
        if row["kind"] != "field":
            raise UserFacingError("sync.error.conflict_duplicate")
        field = row["field"]
        server = _load(row["server"])
        chosen = {"server": server, "local": _load(row["local"])}.get(choice, value)
        current = records.require(conn, row["entity_uid"])
        now = iso(ws.registry.clock())
        if current.get(field) == chosen or choice == "server":
            # the local row holds the server's value: say so, over the server's value
            outbox.enqueue(
                conn, entity="artisan", entity_uid=current["uid"], op="update",
                patch={field: server}, base_version=current["version"],
                base_values={field: server}, created_at=now,
            )  # fmt: skip
            new = current
        else:
            new = ws.registry.update(current["uid"], {field: chosen}, agent, current["version"])
        conn.execute(
            "UPDATE conflicts SET status = 'resolved', choice = ?, resolved_at = ?,"
            " resolved_by = ? WHERE id = ?",
            (json.dumps({"choice": choice, "value": chosen}, ensure_ascii=False), now, agent,
             conflict_id),
        )  # fmt: skip
        audit.append(
            conn, at=now, agent=agent, action="conflict.resolve", entity="artisan",
            entity_uid=current["uid"], details={"field": field, "choice": choice},
        )  # fmt: skip
    return new
