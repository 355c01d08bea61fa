"""Applying one card mutation inside the push's transaction: the card's life as the laptops
report it, under the same state machine as the client (``app.cardlife.machine``).

A new card (``request``, ``reissue``, ``renew``) needs its artisan in the caller's region,
validated on the server, numbered from its NIA, with no other live card. A move is applied
only from a state the machine allows; a card already in the move's target state answers
``merged`` (another laptop did the same step); any other state is a refusal naming the
server's state, which the laptop records (``push_refusal``). ``revoke`` and ``supersede``
file the card number for the signed revocation list (``cards.file_revocation``); the push
republishes the lists once at its end (``stale_lists``).
"""

from __future__ import annotations

from app.cardlife import machine
from app.wire import APPLIED, MERGED, Mutation, MutationResult
from app.wire.cards import CARD_NUMBER_RE, MOVE_FIELDS, field_errors, is_new
from central.repos import artisans
from central.services import cards

_GET = (
    "SELECT * FROM card_life WHERE region_code = %s AND uid = %s"
    " FOR UPDATE"  # one push at a time moves a card
)
_NEW_COLUMNS = ("uid", "artisan_uid", "card_number", "state", "replaces_uid", "renews_uid",
                "requested_at", "requested_by")  # fmt: skip


def _rejected(m: Mutation, msgid: str, **params: object) -> MutationResult:
    return MutationResult(m.mid, "rejected", m.entity_uid, error=msgid, params=params)


class CardApplier:
    """Card mutations of one push; ``applier`` is the push's ``apply.Applier``."""

    def __init__(self, applier) -> None:
        self.conn, self.who, self.region = applier.conn, applier.who, applier.region
        self.now, self.client_id = applier.now, applier.client_id
        self.stale_lists = False  # a card number was revoked: republish the signed lists

    def apply(self, m: Mutation) -> MutationResult:
        errors = field_errors(m.op, m.patch)
        if errors:
            res = _rejected(m, "central.error.card_invalid", count=len(errors))
            res.field_errors = errors
            return res
        return self.new(m) if is_new(m.op) else self.move(m)

    def card(self, uid: object) -> dict | None:
        if not uid or not artisans.valid_uid(uid):
            return None
        row = self.conn.execute(_GET, (self.region, str(uid))).fetchone()
        return dict(row) if row else None

    # new cards -------------------------------------------------------------------------
    def new(self, m: Mutation) -> MutationResult:
        p = m.patch
        number = str(p["card_number"])
        if not artisans.valid_uid(m.entity_uid):
            return _rejected(m, "central.error.card_unknown", card=m.entity_uid)
        rec = artisans.get(self.conn, self.region, str(p["artisan_uid"]), lock=True)
        if rec is None:
            return _rejected(m, "central.error.artisan_unknown", uid=str(p["artisan_uid"])[:40])
        if rec["status"] != "validated" or not rec["nia"]:
            return _rejected(m, "central.error.card_not_validated", status=rec["status"])
        parts = CARD_NUMBER_RE.fullmatch(number)
        if parts is None or parts.group(1) != rec["nia"]:
            return _rejected(m, "central.error.card_number", card=number[:40])
        states = machine.PIPELINE if m.op == "renew" else machine.LIVE
        live = self.conn.execute(
            "SELECT card_number, state FROM card_life WHERE region_code = %s"
            " AND artisan_uid = %s AND state = ANY(%s) AND uid <> %s LIMIT 1",
            (self.region, rec["uid"], list(states), m.entity_uid),
        ).fetchone()
        if live:
            return _rejected(m, "field.error.card_live", card=live["card_number"],
                             state=live["state"])  # fmt: skip
        refusal = self.link_refusal(m, rec["uid"])
        if refusal is not None:
            return refusal
        row = {c: p.get(c) for c in _NEW_COLUMNS}
        cols = ", ".join(_NEW_COLUMNS)
        inserted = self.conn.execute(
            f"INSERT INTO card_life (region_code, {cols}, version, origin_device, updated_at,"  # noqa: S608  # nosec B608 # column names from _NEW_COLUMNS; values bound
            f" updated_by) VALUES (%s, {', '.join(['%s'] * len(row))}, 1, %s, %s, %s)"
            " ON CONFLICT DO NOTHING RETURNING uid",
            (self.region, *row.values(), self.who.device_id, self.now, self.who.username),
        ).fetchone()
        if inserted is None:
            return _rejected(m, "central.error.card_exists", card=number[:40])
        return MutationResult(m.mid, APPLIED, m.entity_uid, 1)

    def link_refusal(self, m: Mutation, artisan_uid) -> MutationResult | None:
        """A reissue needs the card it replaces revoked; a renewal, the one it renews
        handed over; either of the same artisan, and replaced only once."""
        if m.op == "request":
            return None
        link, needed = ("replaces_uid", machine.REVOKED)
        if m.op == "renew":
            link, needed = ("renews_uid", machine.HANDED_OVER)
        old = self.card(m.patch.get(link))
        if old is None or str(old["artisan_uid"]) != str(artisan_uid):
            return _rejected(m, "central.error.card_unknown", card=str(m.patch.get(link))[:40])
        if old["state"] != needed:
            msgid = "field.error.reissue_not_revoked" if m.op == "reissue" else None
            return _rejected(m, msgid or "field.error.renew_not_handed", state=old["state"])
        if m.op == "reissue":
            taken = self.conn.execute(
                "SELECT card_number FROM card_life WHERE region_code = %s AND replaces_uid = %s"
                " AND uid <> %s LIMIT 1",
                (self.region, old["uid"], m.entity_uid),
            ).fetchone()
            if taken:
                return _rejected(m, "field.error.card_already_reissued", card=taken["card_number"])
        return None

    # moves -----------------------------------------------------------------------------
    def move(self, m: Mutation) -> MutationResult:
        card = self.card(m.entity_uid)
        if card is None:
            return _rejected(m, "central.error.card_unknown", card=m.entity_uid)
        sources, target = machine.MOVES[m.op]
        if card["state"] == target:
            return MutationResult(m.mid, MERGED, m.entity_uid, card["version"])
        if card["state"] not in sources:
            msgid, params = machine.refusal(m.op, card["state"])
            params = {"state": card["state"], "transition": m.op, **params}
            return _rejected(m, msgid, card=card["card_number"], **params)
        changes = {k: m.patch[k] for k in MOVE_FIELDS[m.op]}
        sets = ", ".join(f"{k} = %s" for k in changes)
        version = self.conn.execute(
            f"UPDATE card_life SET state = %s, {sets}, version = version + 1, updated_at = %s,"  # noqa: S608  # nosec B608 # column names from MOVE_FIELDS; values bound
            " updated_by = %s WHERE region_code = %s AND uid = %s RETURNING version",
            (target, *changes.values(), self.now, self.who.username, self.region, card["uid"]),
        ).fetchone()["version"]
        if m.op in ("revoke", "supersede"):
            cards.file_revocation(
                self.conn, self.region, card["card_number"], str(changes["revoked_reason"]),
                self.who.username, self.client_id, m.mid,
            )  # fmt: skip
            self.stale_lists = True
        return MutationResult(m.mid, APPLIED, m.entity_uid, version)
