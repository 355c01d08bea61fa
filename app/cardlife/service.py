"""The card's life, written: each move checks the machine, then writes the card row, its
outbox row and its audit row in one ``store.write()`` transaction; a refused move raises
a ``UserFacingError`` before anything is written.

Outbox rows carry ``entity = 'card'`` and the card's own uid (never the artisan's: an
artisan's pending edits and its shadow copy are not touched). Revocations also file the
card number in ``card_revocation`` for the revocation list the central service signs.
"""

from __future__ import annotations

import datetime as dt
import uuid

from app import audit, outbox
from app.cardlife import machine as m
from app.clock import iso
from app.credentials.issue import FINAL_VALIDITY
from app.errors import UserFacingError
from app.registry import records


def _card(conn, key: str) -> dict:
    row = conn.execute("SELECT * FROM card WHERE uid = ? OR card_number = ?", (key, key)).fetchone()
    if row is None:
        raise UserFacingError("field.error.card_unknown", key=key)
    return dict(row)


class CardLife:
    """Every method is one transaction; safe to call off the UI thread."""

    def __init__(self, ws) -> None:
        self.store, self.clock = ws.store, ws.registry.clock

    # reads ---------------------------------------------------------------------------
    def get(self, key: str) -> dict:
        return _card(self.store.read(), key)

    def cards_of(self, artisan_key: str) -> list[dict]:
        conn = self.store.read()
        rec = records.require(conn, artisan_key)
        rows = conn.execute(
            "SELECT * FROM card WHERE artisan_uid = ? ORDER BY id", (rec["uid"],)
        ).fetchall()
        return [dict(r) for r in rows]

    # new cards -----------------------------------------------------------------------
    def request(self, artisan_key: str, agent: str) -> dict:
        """The first card of a validated artisan."""
        with self.store.write() as conn:
            rec = records.require(conn, artisan_key)
            self._check_can_have_card(conn, rec)
            return self._new(conn, rec, agent, "request", {})

    def reissue(self, card_key: str, agent: str) -> dict:
        """A new card for one revoked (lost, stolen, damaged); refused if not revoked."""
        with self.store.write() as conn:
            old = _card(conn, card_key)
            if old["state"] != m.REVOKED:
                raise UserFacingError("field.error.reissue_not_revoked", state=old["state"])
            taken = conn.execute(
                "SELECT card_number FROM card WHERE replaces_uid = ?", (old["uid"],)
            ).fetchone()
            if taken:
                raise UserFacingError("field.error.card_already_reissued", card=taken[0])
            rec = records.require(conn, old["artisan_uid"])
            self._check_can_have_card(conn, rec)
            return self._new(conn, rec, agent, "reissue", {"replaces_uid": old["uid"]})

    def renew(self, card_key: str, agent: str) -> dict:
        """A new card for one handed over that expires within the renewal window."""
        with self.store.write() as conn:
            old = _card(conn, card_key)
            if old["state"] != m.HANDED_OVER:
                raise UserFacingError("field.error.renew_not_handed", state=old["state"])
            now = self.clock()
            opens = dt.datetime.fromisoformat(old["expires_at"]) - m.RENEWAL_WINDOW
            if now < opens:
                raise UserFacingError("field.error.renew_too_early", opens=opens.date().isoformat())
            rec = records.require(conn, old["artisan_uid"])
            self._check_can_have_card(conn, rec, renewing=True)
            return self._new(conn, rec, agent, "renew", {"renews_uid": old["uid"]})

    # moves along the pipeline --------------------------------------------------------
    def produce(self, card_key: str, agent: str) -> dict:
        return self._move(card_key, agent, "produce", lambda now: {"produced_at": now})

    def printed(self, card_key: str, agent: str) -> dict:
        def fields(now: str) -> dict:
            expires = dt.datetime.fromisoformat(now) + FINAL_VALIDITY
            return {"printed_at": now, "expires_at": iso(expires)}

        return self._move(card_key, agent, "print", fields)

    def receive(self, card_key: str, agent: str) -> dict:
        return self._move(card_key, agent, "receive", lambda now: {"received_at": now})

    def handover(self, card_key: str, agent: str, handed_to: str, acknowledgement: str) -> dict:
        """To the artisan (or a person they sent), who acknowledges receipt: a signature
        reference, a thumbprint sheet number, or the words of the acknowledgement."""
        handed_to = " ".join(str(handed_to or "").split())
        acknowledgement = " ".join(str(acknowledgement or "").split())
        if not handed_to:
            raise UserFacingError("field.error.handover_to")
        if not acknowledgement:
            raise UserFacingError("field.error.handover_ack")

        def fields(now: str) -> dict:
            return {
                "handed_over_at": now,
                "handed_over_by": agent,
                "handed_to": handed_to[:200],
                "acknowledgement": acknowledgement[:500],
            }

        return self._move(card_key, agent, "handover", fields, after=self._supersede_renewed)

    def revoke(self, card_key: str, agent: str, reason: str) -> dict:
        if reason not in m.REVOKE_REASONS:
            raise UserFacingError(
                "field.error.revoke_reason", value=reason, allowed=", ".join(m.REVOKE_REASONS)
            )

        def fields(now: str) -> dict:
            return {"revoked_at": now, "revoked_reason": reason}

        return self._move(card_key, agent, "revoke", fields, after=self._file_revocation)

    # the writing ---------------------------------------------------------------------
    def _check_can_have_card(self, conn, rec: dict, renewing: bool = False) -> None:
        if rec["status"] != "validated":
            raise UserFacingError("field.error.card_not_validated", status=rec["status"])
        if not rec.get("nia"):
            raise UserFacingError("field.error.card_no_nia", ref=rec.get("provisional_ref"))
        states = m.PIPELINE if renewing else m.LIVE
        live = conn.execute(
            f"SELECT card_number, state FROM card WHERE artisan_uid = ?"  # noqa: S608  # nosec B608 # only ? placeholders joined; values bound
            f" AND state IN ({', '.join('?' * len(states))})",
            (rec["uid"], *states),
        ).fetchone()
        if live:
            raise UserFacingError("field.error.card_live", card=live[0], state=live[1])

    def _new(self, conn, rec: dict, agent: str, op: str, link: dict) -> dict:
        now = iso(self.clock())
        n = conn.execute("SELECT count(*) FROM card WHERE artisan_uid = ?", (rec["uid"],))
        card = {
            "uid": str(uuid.uuid4()),
            "artisan_uid": rec["uid"],
            "card_number": f"{rec['nia']}-{n.fetchone()[0] + 1:02d}",
            "state": m.REQUESTED,
            "replaces_uid": link.get("replaces_uid"),
            "renews_uid": link.get("renews_uid"),
            "requested_at": now,
            "requested_by": agent,
            "version": 1,
            "updated_at": now,
        }
        cols = list(card)
        conn.execute(
            f"INSERT INTO card ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",  # noqa: S608  # nosec B608 # column names are the keys of the dict built above
            [card[c] for c in cols],
        )
        outbox.enqueue(
            conn, entity="card", entity_uid=card["uid"], op=op, patch=card, created_at=now
        )
        self._audit(conn, now, agent, op, card, None, link)
        return _card(conn, card["uid"])

    def _move(self, card_key: str, agent: str, transition: str, fields, after=None) -> dict:
        sources, target = m.MOVES[transition]
        with self.store.write() as conn:
            card = _card(conn, card_key)
            if card["state"] not in sources:
                msgid, params = m.refusal(transition, card["state"])
                raise UserFacingError(msgid, card=card["card_number"], **params)
            now = iso(self.clock())
            changes = {"state": target, **fields(now), "version": card["version"] + 1}
            changes["updated_at"] = now
            sets = ", ".join(f"{k} = ?" for k in changes)
            conn.execute(
                f"UPDATE card SET {sets} WHERE id = ?",  # noqa: S608  # nosec B608 # column names from the state machine's fields; values bound
                [*changes.values(), card["id"]],
            )
            outbox.enqueue(
                conn,
                entity="card",
                entity_uid=card["uid"],
                op=transition,
                patch={k: v for k, v in changes.items() if k not in ("version", "updated_at")},
                base_version=card["version"],
                base_values={"state": card["state"]},
                created_at=now,
            )
            new = {**card, **changes}
            extra = {"handed_to": new["handed_to"]} if transition == "handover" else {}
            if transition == "revoke":
                extra = {"reason": new["revoked_reason"]}
            self._audit(conn, now, agent, transition, new, card["state"], extra)
            if after is not None:
                after(conn, new, agent, now)
        return self.get(new["uid"])

    def _file_revocation(self, conn, card: dict, agent: str, now: str) -> None:
        conn.execute(
            "INSERT OR IGNORE INTO card_revocation (card_number, card_uid, reason, revoked_at,"
            " revoked_by) VALUES (?, ?, ?, ?, ?)",
            (card["card_number"], card["uid"], card["revoked_reason"], now, agent),
        )

    def _supersede_renewed(self, conn, card: dict, agent: str, now: str) -> None:
        """A renewal handed over retires the card it renews (and lists it as revoked)."""
        if not card.get("renews_uid"):
            return
        old = _card(conn, card["renews_uid"])
        if old["state"] != m.HANDED_OVER:
            return
        conn.execute(
            "UPDATE card SET state = ?, revoked_at = ?, revoked_reason = 'superseded',"
            " version = version + 1, updated_at = ? WHERE id = ?",
            (m.SUPERSEDED, now, now, old["id"]),
        )
        outbox.enqueue(
            conn, entity="card", entity_uid=old["uid"], op="supersede",
            patch={"state": m.SUPERSEDED, "revoked_at": now, "revoked_reason": "superseded"},
            base_version=old["version"], base_values={"state": old["state"]}, created_at=now,
        )  # fmt: skip
        self._audit(conn, now, agent, "supersede", {**old, "state": m.SUPERSEDED}, old["state"], {})
        conn.execute(
            "INSERT OR IGNORE INTO card_revocation (card_number, card_uid, reason, revoked_at,"
            " revoked_by) VALUES (?, ?, 'superseded', ?, ?)",
            (old["card_number"], old["uid"], now, agent),
        )

    @staticmethod
    def _audit(conn, now, agent, transition, card, before, extra) -> None:
        audit.append(
            conn, at=now, agent=agent, action=f"card.{transition}", entity="card",
            entity_uid=card["uid"],
            details={
                "artisan_uid": card["artisan_uid"], "card_number": card["card_number"],
                "from": before, "to": card["state"], **extra,
            },
        )  # fmt: skip
