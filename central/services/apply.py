"""Applying one mutation inside the push's transaction: create, update or status change of
an artisan; card mutations go to ``card_apply.CardApplier``.

Every check comes before any write, and writes that can meet a concurrent push use
``ON CONFLICT DO NOTHING``: a refused mutation leaves nothing behind, with no savepoint.
"""

from __future__ import annotations

import datetime as dt
import re

import psycopg

from app.clock import iso
from app.errors import ValidationFailed
from app.model.artisan import INDIVIDUAL, INPUT_FIELDS
from app.model.validate import Context, validate_artisan
from app.wire import (
    APPLIED,
    CONFLICT,
    DUPLICATE,
    MERGED,
    REJECTED,
    FieldConflict,
    Mutation,
    MutationResult,
)
from central.repos import artisans, conflicts, persons
from central.security import Principal
from central.services import leases, status
from central.services.card_apply import CardApplier
from central.services.merge import same, three_way

PROVISIONAL_RE = r"P(\d{2})-[A-Za-z0-9]{1,16}-\d{1,9}"


def rejected(m: Mutation, msgid: str, **params: object) -> MutationResult:
    return MutationResult(m.mid, REJECTED, m.entity_uid, error=msgid, params=params)


def invalid(m: Mutation, exc: ValidationFailed) -> MutationResult:
    errors = [{"field": e.field, "code": e.msgid, "params": e.params} for e in exc.errors]
    res = rejected(m, exc.msgid, count=len(errors))
    res.field_errors = errors
    return res


class Applier:
    def __init__(self, conn: psycopg.Connection, central, who: Principal, client_id: str):
        self.conn, self.central, self.who, self.client_id = conn, central, who, client_id
        self.region: str = who.region  # type: ignore[assignment]
        now = dt.datetime.now(dt.UTC)
        self.now = iso(now)
        self.context = Context(
            self.region, central.geo, central.nomenclature, now.date(), who.username, self.now
        )
        self._leases: list[tuple[int, int]] | None = None
        self.cards = CardApplier(self)

    def apply(self, m: Mutation) -> MutationResult:
        if m.entity == "card":
            return self.cards.apply(m)
        if m.op == "create":
            return self.create(m)
        current = artisans.get(self.conn, self.region, m.entity_uid, lock=True)
        if current is None:
            return rejected(m, "central.error.artisan_unknown", uid=m.entity_uid)
        if m.op == "update":
            return self.update(m, current)
        return self.status(m, current)

    def leases(self) -> list[tuple[int, int]]:
        if self._leases is None:
            self._leases = leases.device_leases(self.conn, self.who.device_id or "")
        return self._leases

    def validate(self, m: Mutation, data: dict) -> dict | MutationResult:
        try:
            return validate_artisan(data, self.context)
        except ValidationFailed as exc:
            return invalid(m, exc)

    def create(self, m: Mutation) -> MutationResult:
        p = m.patch
        if p.get("uid", m.entity_uid) != m.entity_uid:
            return rejected(m, "central.error.uid_mismatch")
        clean = self.validate(m, {k: p[k] for k in INPUT_FIELDS if k in p})
        if isinstance(clean, MutationResult):
            return clean
        nia, prov = p.get("nia"), p.get("provisional_ref")
        if nia:
            refusal = leases.check_nia(nia, self.region, self.leases())
            if refusal:
                return rejected(m, refusal, nia=str(nia)[:20], region=self.region)
        elif isinstance(prov, str) and re.fullmatch(PROVISIONAL_RE, prov):
            if prov[1:3] != self.region:
                return rejected(m, "central.error.nia_region", nia=prov, region=self.region)
            nia = self.central.serials.take_nia(self.region)
        else:
            return rejected(m, "central.error.no_reference")
        created = str(p.get("created_at") or self.now)[:40]
        rec = {
            **clean,
            "uid": m.entity_uid,
            "nia": nia,
            "provisional_ref": prov or None,
            "status": "pending",
            "version": 1,
            "created_at": created,
            "created_by": self.who.username,
            "updated_at": self.now,
            "updated_by": self.who.username,
        }
        person = clean["category"] in INDIVIDUAL
        refused, inserted = artisans.insert(self.conn, rec, self.who.device_id, person)
        if refused:
            held = persons.holder(self.conn, clean["cin"])
            if held is not None:
                return self.duplicate(m, clean, held)
        if not inserted:
            if person and not refused:
                persons.release(self.conn, clean["cin"], m.entity_uid)
            return rejected(m, "central.error.artisan_exists", nia=nia)
        return MutationResult(m.mid, APPLIED, m.entity_uid, 1, nia, prov or None)

    def duplicate(self, m: Mutation, clean: dict, held: dict) -> MutationResult:
        ref = held.get("nia") or held.get("provisional_ref") or ""
        server = {"region": held["region_code"], "uid": held["uid"], "nia": ref}
        local = {"uid": m.entity_uid, "cin": clean["cin"], "name": clean["last_name_lat"]}
        cid = conflicts.record(
            self.conn, region=self.region, uid=m.entity_uid, kind="duplicate", field="cin",
            base=None, server=server, local=local, client_id=self.client_id, mid=m.mid,
            agent=self.who.username,
        )  # fmt: skip
        res = MutationResult(m.mid, DUPLICATE, m.entity_uid, error="central.error.cin_registered")
        res.params = {"region": held["region_code"], "nia": ref, "cin": clean["cin"]}
        res.conflicts = [FieldConflict("cin", None, server, local, cid)]
        return res

    def update(self, m: Mutation, current: dict) -> MutationResult:
        if current["status"] == "deleted":
            return rejected(m, "central.error.record_deleted")
        for name in m.patch:
            if name not in INPUT_FIELDS:
                return rejected(m, "central.error.field_not_editable", field=str(name)[:40])
        merge = three_way(current, m.base_values or {}, m.patch)
        candidate = {k: current[k] for k in INPUT_FIELDS if current.get(k) is not None}
        candidate.update(merge.apply)
        clean = self.validate(m, candidate)
        if isinstance(clean, MutationResult):
            return clean
        changes = {k: clean.get(k) for k in INPUT_FIELDS if clean.get(k) != current.get(k)}
        if "cin" in changes and clean["category"] in INDIVIDUAL:
            held = persons.claim(self.conn, clean["cin"], self.region, m.entity_uid)
            if held is not None and held["uid"] != m.entity_uid:
                return self.duplicate(m, clean, held)
            persons.release(self.conn, current["cin"], m.entity_uid)
        version = current["version"]
        if changes:
            version = artisans.update(
                self.conn, self.region, m.entity_uid, changes, self.who.username, self.now
            )
        base = m.base_values or {}
        settled = [*merge.apply, *(f for f in merge.unchanged if same(current.get(f), base.get(f)))]
        if settled:  # made over the server's value: that field's open conflicts are settled
            conflicts.supersede(self.conn, m.entity_uid, settled, self.who.username, m.mid)
        return self._result(m, merge, version, current)

    def status(self, m: Mutation, current: dict) -> MutationResult:
        new = m.patch.get("status")
        merge = three_way(current, m.base_values or {}, {"status": new})
        if merge.apply:
            refusal = status.refusal(self.who.role, self.who.username, current, str(new))
            if refusal:
                return rejected(m, refusal[0], **refusal[1])
            version = artisans.update(
                self.conn, self.region, m.entity_uid, {"status": new}, self.who.username, self.now
            )
        else:
            version = current["version"]
        return self._result(m, merge, version, current)

    def _result(self, m: Mutation, merge, version: int, current: dict) -> MutationResult:
        res = MutationResult(
            m.mid, APPLIED, m.entity_uid, version, current["nia"], current["provisional_ref"]
        )
        for name, base, server, local in merge.conflicts:
            cid = conflicts.record(
                self.conn, region=self.region, uid=m.entity_uid, kind="field", field=name,
                base=base, server=server, local=local, client_id=self.client_id, mid=m.mid,
                agent=self.who.username,
            )  # fmt: skip
            res.conflicts.append(FieldConflict(name, base, server, local, cid))
        if res.conflicts:
            res.status = CONFLICT
        elif merge.unchanged:
            res.status = MERGED
        return res
