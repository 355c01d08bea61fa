"""Supervisor work: validate or reject an enrolment (maker–checker), resolve conflicts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from app.clock import iso
from app.errors import ValidationFailed
from app.model.artisan import INPUT_FIELDS
from app.model.validate import Context, validate_artisan
from central.errors import ApiError
from central.repos import artisans, conflicts
from central.security import Principal
from central.services import status
from central.services.accounts import audit


def _record(conn, who: Principal, region: str, uid: str) -> dict:
    rec = artisans.get(conn, region, uid, lock=True)
    if rec is None:
        raise ApiError(404, "central.error.artisan_unknown", uid=uid[:40])
    return rec


def set_status(central, who: Principal, region: str, uid: str, new: str, reason: str) -> dict:
    def work(conn) -> dict:
        rec = _record(conn, who, region, uid)
        refusal = status.refusal(who.role, who.username, rec, new)
        if refusal:
            raise ApiError(403 if refusal[0] != "central.error.status_unknown" else 422,
                           refusal[0], **refusal[1])  # fmt: skip
        if rec["status"] == new:
            raise ApiError(409, "central.error.status_same", value=new)
        now = iso(dt.datetime.now(dt.UTC))
        version = artisans.update(conn, region, uid, {"status": new}, who.username, now)
        audit(conn, who.username, f"artisan.{new}", region, uid, reason=reason[:500])
        return {**rec, "status": new, "version": version}

    return central.db.retrying(work)


def resolve(central, who: Principal, region: str, conflict_id: int, choice: str, value: Any):
    """Settle a field conflict: keep the server's value, take the laptop's, or a new one."""

    def work(conn) -> dict:
        c = conflicts.get(conn, conflict_id, lock=True)
        if c is None or c["region_code"] != region:
            raise ApiError(404, "central.error.conflict_unknown", id=conflict_id)
        if c["status"] != "open":
            raise ApiError(409, "central.error.conflict_closed", id=conflict_id)
        outcome: dict[str, Any] = {"choice": choice}
        if c["kind"] == "field" and choice != "server":
            chosen = c["local_value"] if choice == "local" else value
            rec = _record(conn, who, region, c["artisan_uid"])
            candidate = {k: rec[k] for k in INPUT_FIELDS if rec.get(k) is not None}
            candidate[c["field"]] = chosen
            now_dt = dt.datetime.now(dt.UTC)
            ctx = Context(region, central.geo, central.nomenclature, now_dt.date(),
                          who.username, iso(now_dt))  # fmt: skip
            try:
                clean = validate_artisan(candidate, ctx)
            except ValidationFailed as exc:
                raise exc from None
            changes = {k: clean.get(k) for k in INPUT_FIELDS if clean.get(k) != rec.get(k)}
            if "cin" in changes:
                raise ApiError(422, "central.error.field_not_editable", field="cin")
            if changes:
                outcome["version"] = artisans.update(
                    conn, region, c["artisan_uid"], changes, who.username, iso(now_dt)
                )
            outcome["value"] = clean.get(c["field"])
        conflicts.close(conn, conflict_id, outcome, who.username)
        audit(conn, who.username, "conflict.resolve", region, str(conflict_id), **outcome)
        return {"id": conflict_id, "status": "resolved", "resolution": outcome}

    if who.role not in ("supervisor", "operator"):
        raise ApiError(403, "central.error.supervisor_only")
    if choice not in ("server", "local", "value"):
        raise ApiError(422, "central.error.choice_unknown", value=str(choice)[:20])
    return central.db.retrying(work)
