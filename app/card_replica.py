"""The region's cards as the central service holds them, applied to the local ``card`` table.

The service is authoritative, as for artisans (``app.replica``): a pulled card with no
local step waiting in the outbox replaces the local row whatever its version (a step this
laptop made and the service refused must not survive it); a card with steps waiting keeps
its local row, and the server's copy goes to ``card_shadow``. When the last waiting step
is acknowledged (``app.push_results``), the shadow, brought up to what the service did with
the steps (``follow``), becomes the local row (``settle``). A card whose creation the
service refused leaves the local table once nothing of it waits (``drop_refused``).

A pulled card that is revoked or superseded is filed in ``card_revocation`` too. Call
everything here inside ``Store.write()``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

import sqlcipher3

from app.cardlife import machine
from app.wire import APPLIED, CARD_COLUMNS, MERGED, Mutation, MutationResult

_SET = ", ".join(f"{c} = excluded.{c}" for c in CARD_COLUMNS if c != "uid")
_UPSERT = (
    f"INSERT INTO card ({', '.join(CARD_COLUMNS)}) VALUES ({', '.join('?' * len(CARD_COLUMNS))})"  # noqa: S608  # nosec B608 # column names from the CARD_COLUMNS constant; values bound
    f" ON CONFLICT (uid) DO UPDATE SET {_SET}"
)


def _pending(conn: sqlcipher3.Connection, uid: str) -> bool:
    found = conn.execute(
        "SELECT 1 FROM outbox WHERE entity = 'card' AND entity_uid = ? LIMIT 1", (uid,)
    ).fetchone()
    return found is not None


def _keep_shadow(conn: sqlcipher3.Connection, card: dict, force: bool = False) -> None:
    conn.execute(
        "INSERT INTO card_shadow (uid, version, data) VALUES (?, ?, ?) ON CONFLICT (uid)"
        " DO UPDATE SET version = excluded.version, data = excluded.data"
        " WHERE ? OR excluded.version >= card_shadow.version",
        (card["uid"], int(card["version"]), json.dumps(card, ensure_ascii=False), force),
    )


def _install(conn: sqlcipher3.Connection, card: dict) -> bool:
    """The server's card becomes the local row (keeping the local id); False when its number
    is held by a local card with steps still waiting (it waits in the shadow)."""
    values = [card.get(c) for c in CARD_COLUMNS]
    try:
        conn.execute(_UPSERT, values)
    except sqlcipher3.IntegrityError:
        # the number is held by another local card: one requested here that the service
        # refused (it knows the artisan's card under that number); once that refusal is
        # recorded, the service's card takes its place (the refusal and the audit keep it)
        holder = conn.execute(
            "SELECT uid FROM card WHERE card_number = ? AND uid <> ?",
            (card["card_number"], card["uid"]),
        ).fetchone()
        if holder is None or _pending(conn, holder[0]):
            _keep_shadow(conn, card)
            return False
        conn.execute("DELETE FROM card WHERE uid = ?", (holder[0],))
        conn.execute(_UPSERT, values)
    conn.execute("DELETE FROM card_shadow WHERE uid = ?", (card["uid"],))
    if card["state"] in (machine.REVOKED, machine.SUPERSEDED):
        conn.execute(
            "INSERT OR IGNORE INTO card_revocation (card_number, card_uid, reason, revoked_at,"
            " revoked_by) VALUES (?, ?, ?, ?, ?)",
            (card["card_number"], card["uid"], card.get("revoked_reason") or card["state"],
             card.get("revoked_at") or card["updated_at"], "central"),
        )  # fmt: skip
    return True


def apply_cards(conn: sqlcipher3.Connection, cards: Iterable[dict]) -> int:
    """Pulled cards, each into the local table or, with steps waiting, its shadow."""
    n = 0
    for card in cards:
        if _pending(conn, card["uid"]):
            _keep_shadow(conn, card)
        else:
            _install(conn, card)
        n += 1
    return n


def follow(conn: sqlcipher3.Connection, m: Mutation, r: MutationResult) -> None:
    """A step the service applied (or found done): bring the shadow, if any, up to it."""
    if r.status not in (APPLIED, MERGED) or m.op not in machine.MOVES or r.version is None:
        return
    row = conn.execute("SELECT data FROM card_shadow WHERE uid = ?", (m.entity_uid,)).fetchone()
    if row is None:
        return
    card = json.loads(row[0])
    if int(card["version"]) >= r.version:
        return  # the copy already holds this step (or a later one)
    card.update({k: v for k, v in m.patch.items() if k in CARD_COLUMNS})
    card["state"], card["version"] = machine.MOVES[m.op][1], r.version
    _keep_shadow(conn, card, force=True)


def drop_refused(conn: sqlcipher3.Connection, uid: str) -> bool:
    """A card whose creation the service refused (``push_refusal``), with no step waiting and
    no copy from the service: it exists nowhere but here, so it leaves the local table (the
    refusal, shown on the Sync page, and the audit log keep it)."""
    if _pending(conn, uid):
        return False
    refused = conn.execute(
        "SELECT 1 FROM push_refusal WHERE entity_uid = ? AND op IN ('request', 'reissue', 'renew')",
        (uid,),
    ).fetchone()
    held = conn.execute("SELECT 1 FROM card_shadow WHERE uid = ?", (uid,)).fetchone()
    if refused is None or held is not None:
        return False
    return conn.execute("DELETE FROM card WHERE uid = ?", (uid,)).rowcount > 0


def settle(conn: sqlcipher3.Connection) -> int:
    """Every server copy whose card has no step waiting any more becomes the local row;
    how many copies still wait."""
    for uid, data in conn.execute("SELECT uid, data FROM card_shadow").fetchall():
        if not _pending(conn, uid):
            _install(conn, json.loads(data))
    return int(conn.execute("SELECT count(*) FROM card_shadow").fetchone()[0])
