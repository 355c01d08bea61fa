"""Taking the central service's NIA leases on this laptop.

A lease the service grants is recorded as ``source='central'``. At registration every lease
held before is marked spent: the demo lease of an unregistered profile, and the leases of a
previous registration (a restored or cloned database may have used them already in the
timeline it lost: two laptops must never issue the same NIA). Any enrolment still waiting
to sync with an NIA of those leases gets a provisional reference instead, in its record and
its outbox row: the service gives it a real NIA when it arrives. Call inside
``Store.write()``.
"""

from __future__ import annotations

import json

import sqlcipher3

from app import audit
from app.nia import grant_lease, lease_remaining, parse_nia, take_provisional_ref
from app.wire import Lease


def adopt(conn: sqlcipher3.Connection, lease: Lease, now: str) -> None:
    """Record a central lease (once: the lease id is unique)."""
    known = conn.execute("SELECT 1 FROM nia_lease WHERE lease_id = ?", (lease.lease_id,))
    if known.fetchone() is None:
        grant_lease(
            conn, lease.region, lease.first_serial, lease.size, "central", now, lease.lease_id
        )


def central_remaining(conn: sqlcipher3.Connection, region: str) -> int:
    row = conn.execute(
        "SELECT coalesce(sum(end_serial - next_serial), 0) FROM nia_lease"
        " WHERE region_code = ? AND source = 'central'",
        (region,),
    ).fetchone()
    return int(row[0])


def retire_leases(conn: sqlcipher3.Connection, region: str, device_id: str, now: str, agent: str):
    """Spend every lease held; pending NIAs of them become provisional references."""
    demo = conn.execute("SELECT first_serial, end_serial FROM nia_lease").fetchall()
    conn.execute("UPDATE nia_lease SET next_serial = end_serial")
    renumbered = 0
    rows = conn.execute("SELECT mid, entity_uid, patch FROM outbox WHERE op = 'create'").fetchall()
    for mid, uid, patch_text in rows:
        patch = json.loads(patch_text)
        nia = parse_nia(patch.get("nia") or "")
        if nia is None or not any(a <= int(nia[3:11]) < b for a, b in demo):
            continue
        prov = take_provisional_ref(conn, region, device_id)
        patch.update(nia=None, provisional_ref=prov)
        conn.execute(
            "UPDATE outbox SET patch = ? WHERE mid = ?",
            (json.dumps(patch, ensure_ascii=False, sort_keys=True), mid),
        )
        conn.execute(
            "UPDATE artisan SET provisional_ref = ?, nia = NULL WHERE uid = ?", (prov, uid)
        )
        renumbered += 1
    audit.append(
        conn, at=now, agent=agent, action="nia.leases_retired",
        details={"renumbered": renumbered, "left": lease_remaining(conn, region)},
    )  # fmt: skip
    return renumbered
