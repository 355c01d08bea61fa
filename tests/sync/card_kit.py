"""What the card tests of the sync share: a validated artisan ready for a card, and a card
as the service and as a laptop hold it (the fields both sides keep, as text)."""

from __future__ import annotations

from app.cardlife import CardLife
from central.repos import artisans

FIELDS = ("uid", "artisan_uid", "card_number", "state", "version", "replaces_uid",
          "requested_at", "produced_at", "printed_at", "expires_at", "received_at",
          "handed_over_at", "handed_over_by", "handed_to", "acknowledgement", "revoked_at",
          "revoked_reason")  # fmt: skip


def validated_artisan(site, lap) -> dict:
    """Enrolled on the laptop, validated at the centre, pulled back: ready for a card."""
    uid = lap.enrol()
    lap.sync()
    with site.admin.db.tx() as conn:
        artisans.update(conn, "07", uid, {"status": "validated"}, "sup.cards", "2025-12-15")
    lap.sync()
    rec = lap.row(uid)
    assert rec["status"] == "validated" and rec["nia"]
    return rec


def server_card(site, uid: str) -> dict | None:
    with site.admin.db.tx() as conn:
        row = conn.execute("SELECT * FROM card_life WHERE uid = %s", (uid,)).fetchone()
    return None if row is None else {k: None if row[k] is None else str(row[k]) for k in FIELDS}


def local_card(lap, uid: str) -> dict:
    card = CardLife(lap.ws).get(uid)
    return {k: None if card[k] is None else str(card[k]) for k in FIELDS}


def card_ready(site, lap) -> str:
    """A validated artisan with a card requested on ``lap`` (not yet sent); the card's uid."""
    rec = validated_artisan(site, lap)
    return CardLife(lap.ws).request(rec["uid"], "agent1")["uid"]


def handed_over_card(site, lap, handed_to: str = "Fatima", ack: str = "fiche 7"):
    """A validated artisan whose card went through the whole pipeline on ``lap`` (not yet
    sent): the artisan's record and the card."""
    rec = validated_artisan(site, lap)
    life = CardLife(lap.ws)
    card = life.request(rec["uid"], "agent1")
    for move in (life.produce, life.printed, life.receive):
        move(card["uid"], "agent1")
    return rec, life.handover(card["uid"], "agent1", handed_to, ack)
