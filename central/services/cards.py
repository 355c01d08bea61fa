"""Final cards, signed by the central signer, for validated artisans; and their revocation."""

from __future__ import annotations

import datetime as dt

from app.cardlife import machine
from app.clock import iso
from app.credentials import ArtisanStatus, CardClaims, CardKind, Gender, issue_final_card
from app.credentials.issue import FINAL_VALIDITY
from app.model.artisan import full_name_ar, full_name_lat
from central.errors import ApiError
from central.repos import artisans
from central.security import Principal
from central.services import trust
from central.services.accounts import audit


def issue(central, who: Principal, region: str, uid: str) -> dict:
    signer = central.keys.need_signer()
    if who.role not in ("supervisor", "operator"):
        raise ApiError(403, "central.error.supervisor_only")
    with central.db.tx() as conn:
        rec = artisans.get(conn, region, uid, lock=True)
        if rec is None:
            raise ApiError(404, "central.error.artisan_unknown", uid=uid[:40])
        if rec["status"] != "validated" or not rec["nia"]:
            raise ApiError(409, "central.error.card_not_validated", status=rec["status"])
        n = conn.execute(
            "SELECT count(*) + 1 AS n FROM card WHERE artisan_uid = %s", (uid,)
        ).fetchone()["n"]
        number = f"{rec['nia']}-{n:02d}"
        now = dt.datetime.now(dt.UTC).replace(microsecond=0)
        claims = CardClaims(
            card_number=number,
            name_latin=full_name_lat(rec),
            name_arabic=full_name_ar(rec),
            birth_date=dt.date.fromisoformat(rec["birth_date"]),
            gender=Gender.from_sex(rec["sex"]),
            activity_code=rec["activity_code"],
            commune_code=rec["commune_code"],
            kind=CardKind.FINAL,
            status=ArtisanStatus.VALIDATED,
            issued_at=now,
            expires_at=now + FINAL_VALIDITY,
            nia=rec["nia"],
        )
        qr = issue_final_card(claims, signer)
        conn.execute(
            "INSERT INTO card (card_number, region_code, artisan_uid, nia, qr_text, issued_at,"
            " expires_at, issued_by) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
            (number, region, uid, rec["nia"], qr, now, claims.expires_at, who.username),
        )
        audit(conn, who.username, "card.issue", region, number)
    return {"card_number": number, "qr_text": qr, "expires_at": claims.expires_at.isoformat()}


def file_revocation(
    conn, region: str, number: str, reason: str, actor: str, client_id=None, mid=None
) -> None:
    """A card number revoked from the field (a pushed ``revoke`` or ``supersede``): kept in
    ``card_revoked``, which the signed revocation list carries (``trust.publish``), and
    marked on the centrally signed card of that number, if any, of the same region. The
    caller republishes the lists."""
    conn.execute(
        "INSERT INTO card_revoked (card_number, region_code, reason, revoked_by, client_id, mid)"
        " VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (card_number) DO NOTHING",
        (number, region, reason[:500], actor, client_id, mid),
    )
    conn.execute(
        "UPDATE card SET revoked_at = now(), revoked_reason = %s WHERE card_number = %s"
        " AND region_code = %s AND revoked_at IS NULL",
        (reason[:500], number, region),
    )
    audit(conn, actor, "card.revoke", region, number, reason=reason[:500])


def revoke(central, card_number: str, reason: str, actor: str, region: str | None) -> None:
    """A supervisor or an operator revokes a card: the centrally signed card of that number,
    its life on the laptops (``card_life``, which the card feed carries back down to every
    laptop of the region), or both; 404 when neither is live."""
    reason = reason[:500]
    with central.db.tx() as conn:
        signed = conn.execute(
            "UPDATE card SET revoked_at = now(), revoked_reason = %s WHERE card_number = %s"
            " AND revoked_at IS NULL AND (%s::text IS NULL OR region_code = %s)"
            " RETURNING region_code",
            (reason, card_number, region, region),
        ).fetchone()
        now = iso(dt.datetime.now(dt.UTC))
        life = conn.execute(
            "UPDATE card_life SET state = 'revoked', revoked_at = %s, revoked_reason = %s,"
            " version = version + 1, updated_at = %s, updated_by = %s"
            " WHERE card_number = %s AND state = ANY(%s) AND (%s::text IS NULL OR region_code = %s)"
            " RETURNING region_code",
            (now, reason or "revoked", now, actor, card_number, list(machine.LIVE), region, region),
        ).fetchone()
        if signed is None and life is None:
            raise ApiError(404, "central.error.card_unknown", card=card_number[:40])
        where = (signed or life)["region_code"]
        if life is not None:
            conn.execute(
                "INSERT INTO card_revoked (card_number, region_code, reason, revoked_by)"
                " VALUES (%s, %s, %s, %s) ON CONFLICT (card_number) DO NOTHING",
                (card_number, where, reason or "revoked", actor),
            )
        audit(conn, actor, "card.revoke", where, card_number, reason=reason)
        trust.publish(central, conn)
