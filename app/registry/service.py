"""Enrolment and updates: validate, check duplicates, then write the artisan, its outbox row
and its audit row in one transaction.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from app import audit, outbox
from app.clock import Clock, iso, system_clock
from app.errors import FieldError, UserFacingError, ValidationFailed
from app.model.artisan import INPUT_FIELDS, STATUSES, reference
from app.model.validate import Context, validate_artisan
from app.nia import take_nia, take_provisional_ref
from app.profile import Profile
from app.registry import records
from app.registry.duplicates import CinExists, DuplicateWarning, find_duplicates
from app.registry.index import NAME_FIELDS, index_artisan, reindex_artisan
from app.store.store import Store


@dataclass
class Enrolled:
    uid: str
    nia: str | None
    provisional_ref: str | None
    record: dict

    @property
    def reference(self) -> str:
        return self.nia or self.provisional_ref or ""


class Registry:
    """The core's write side for artisans. Every method is safe to call off the UI thread."""

    def __init__(
        self,
        store: Store,
        profile: Profile,
        geo: Any,
        nomenclature: Any,
        clock: Clock = system_clock,
    ) -> None:
        self.store, self.profile = store, profile
        self.geo, self.nomenclature, self.clock = geo, nomenclature, clock

    def _context(self, agent: str) -> Context:
        now = self.clock()
        return Context(
            self.profile.region_code, self.geo, self.nomenclature, now.date(), agent, iso(now)
        )

    def validate(self, data: object, agent: str) -> dict:
        return validate_artisan(data, self._context(agent))

    def check_duplicates(self, clean: dict, exclude_uid: str | None = None):
        return find_duplicates(self.store.read(), clean, exclude_uid)

    def enrol(self, data: object, agent: str, acknowledged: Iterable[str] = ()) -> Enrolled:
        clean = self.validate(data, agent)
        acknowledged = set(acknowledged)
        with self.store.write() as conn:
            self._check_references(conn, clean)
            report = find_duplicates(conn, clean)
            if report.same_cin is not None:
                raise CinExists(report.same_cin)
            open_candidates = [
                c
                for c in report.candidates
                if c.record["uid"] not in acknowledged and reference(c.record) not in acknowledged
            ]
            if open_candidates:
                raise DuplicateWarning(report.candidates)
            now = iso(self.clock())
            nia = take_nia(conn, self.profile.region_code)
            prov = (
                None
                if nia
                else take_provisional_ref(conn, self.profile.region_code, self.profile.device_id)
            )
            rec = {
                **clean,
                "uid": str(uuid.uuid4()),
                "nia": nia,
                "provisional_ref": prov,
                "status": "pending",
                "version": 1,
                "created_at": now,
                "created_by": agent,
                "updated_at": now,
                "updated_by": agent,
            }
            cols = list(rec)
            cur = conn.execute(
                f"INSERT INTO artisan ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",  # noqa: S608  # nosec B608 # column names are the record's keys (model fields); values bound
                [rec[c] for c in cols],
            )
            index_artisan(conn, cur.lastrowid, rec)
            outbox.enqueue(
                conn,
                entity="artisan",
                entity_uid=rec["uid"],
                op="create",
                patch=rec,
                created_at=now,
            )
            audit.append(
                conn,
                at=now,
                agent=agent,
                action="artisan.enrol",
                entity="artisan",
                entity_uid=rec["uid"],
                details={
                    "ref": nia or prov,
                    "acknowledged": sorted(c.record["uid"] for c in report.candidates),
                },
            )
        return Enrolled(rec["uid"], nia, prov, rec)

    def update(self, key: str, changes: dict, agent: str, base_version: int) -> dict:
        if not isinstance(changes, dict) or not changes:
            raise UserFacingError("error.no_change")
        with self.store.write() as conn:
            current = records.require(conn, key)
            if current["status"] == "deleted":
                raise UserFacingError("error.record_deleted")
            if current["version"] != base_version:
                raise UserFacingError(
                    "error.version_conflict", current=current["version"], base=base_version
                )
            merged = {k: current[k] for k in INPUT_FIELDS if current.get(k) is not None}
            merged.update(changes)
            clean = self.validate(merged, agent)
            changed = {k: v for k, v in clean.items() if k in INPUT_FIELDS and v != current.get(k)}
            if not changed:
                raise UserFacingError("error.no_change")
            self._check_references(conn, clean, current["uid"])
            if "cin" in changed:
                report = find_duplicates(conn, clean, exclude_uid=current["uid"])
                if report.same_cin is not None:
                    raise CinExists(report.same_cin)
            now = iso(self.clock())
            base_values = {k: current.get(k) for k in changed}
            new = {
                **current,
                **changed,
                "version": base_version + 1,
                "updated_at": now,
                "updated_by": agent,
            }
            sets = ", ".join(f"{k} = ?" for k in [*changed, "version", "updated_at", "updated_by"])
            conn.execute(
                f"UPDATE artisan SET {sets} WHERE id = ?",  # noqa: S608  # nosec B608 # column names restricted to INPUT_FIELDS; values bound
                [*changed.values(), new["version"], now, agent, current["id"]],
            )
            if any(k in NAME_FIELDS for k in changed):
                reindex_artisan(conn, current["id"], new)
            outbox.enqueue(
                conn,
                entity="artisan",
                entity_uid=current["uid"],
                op="update",
                patch=changed,
                base_version=base_version,
                base_values=base_values,
                created_at=now,
            )
            audit.append(
                conn,
                at=now,
                agent=agent,
                action="artisan.update",
                entity="artisan",
                entity_uid=current["uid"],
                details={"fields": sorted(changed)},
            )
        return new

    def set_status(self, key: str, status: str, agent: str, reason: str = "") -> dict:
        if status not in STATUSES:
            raise UserFacingError("error.status_unknown", value=status)
        with self.store.write() as conn:
            current = records.require(conn, key)
            if current["status"] == status:
                raise UserFacingError("error.status_same", value=status)
            now = iso(self.clock())
            version = current["version"] + 1
            conn.execute(
                "UPDATE artisan SET status = ?, version = ?, updated_at = ?,"
                " updated_by = ? WHERE id = ?",
                (status, version, now, agent, current["id"]),
            )
            new = {**current, "status": status, "version": version}
            reindex_artisan(conn, current["id"], new)
            outbox.enqueue(
                conn,
                entity="artisan",
                entity_uid=current["uid"],
                op="status",
                patch={"status": status, "reason": reason},
                base_version=current["version"],
                base_values={"status": current["status"]},
                created_at=now,
            )
            audit.append(
                conn,
                at=now,
                agent=agent,
                action=f"artisan.status.{status}",
                entity="artisan",
                entity_uid=current["uid"],
                details={"reason": reason},
            )
        return new

    def add_photo(self, data: bytes, agent: str) -> str:
        with self.store.write() as conn:
            now = iso(self.clock())
            digest = records.store_photo(conn, data, now)
            audit.append(
                conn, at=now, agent=agent, action="photo.add", entity="photo", entity_uid=digest
            )
        return digest

    def _check_references(self, conn, clean: dict, uid: str | None = None) -> None:
        errors = []
        digest = clean.get("photo_sha256")
        if (
            digest
            and conn.execute("SELECT 1 FROM photo WHERE sha256 = ?", (digest,)).fetchone() is None
        ):
            errors.append(FieldError("photo_sha256", "error.photo_unknown"))
        sup = clean.get("org_supervisor_nia")
        if (
            sup
            and conn.execute(
                "SELECT 1 FROM artisan WHERE nia = ? AND status != 'deleted'", (sup,)
            ).fetchone()
            is None
        ):
            errors.append(
                FieldError("org_supervisor_nia", "error.supervisor_unknown", {"value": sup})
            )
        org = clean.get("org_reg_number")
        if org:
            row = conn.execute(
                "SELECT nia, provisional_ref, uid FROM artisan WHERE org_reg_number = ?", (org,)
            ).fetchone()
            if row is not None and row[2] != uid:
                errors.append(
                    FieldError(
                        "org_reg_number",
                        "error.org_exists",
                        {"value": org, "ref": row[0] or row[1]},
                    )
                )
        if errors:
            raise ValidationFailed(errors)
