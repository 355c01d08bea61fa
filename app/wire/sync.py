"""The push half of the sync protocol: ordered mutations up, one stored result each down.

``POST /v1/sync/push`` takes a ``PushRequest``; the server applies each ``(client_id, mid)``
once and answers a ``PushResponse`` whose results are stored: a retry gets the same ones
(``replayed`` set). A known mid with a different payload (``Mutation.digest``) is refused.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from app.i18n import tr
from app.wire import cards, read
from app.wire.errors import WireError

ENTITIES = ("artisan", "card")
ARTISAN_OPS = ("create", "update", "status")
OPS_OF = {"artisan": ARTISAN_OPS, "card": cards.CARD_OPS}
OPS = (*ARTISAN_OPS, *cards.CARD_OPS)
CREATING = ("create", *cards.NEW_OPS)  # ops that make a row: no base version, no base values
MAX_MUTATIONS = 500
UID_PATTERN = r"[0-9a-fA-F-]{32,36}"
CLIENT_ID_PATTERN = r"[A-Za-z0-9._:-]{1,64}"

# What became of one mutation.
APPLIED = "applied"  # every field as sent
MERGED = "merged"  # applied, some fields of it already had the sent value
CONFLICT = "conflict"  # applied in part: the server kept its value of some fields
REJECTED = "rejected"  # refused (invalid, not allowed, outside leases): nothing changed
DUPLICATE = "duplicate"  # a create for a person already registered (national CIN)
STATUSES = (APPLIED, MERGED, CONFLICT, REJECTED, DUPLICATE)


def canonical(obj: Any) -> str:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


@dataclass(frozen=True)
class Mutation:
    """One outbox row (``app/outbox.py``), as it goes up."""

    mid: int
    entity: str
    entity_uid: str
    op: str
    patch: dict
    base_version: int | None = None
    base_values: dict | None = None
    created_at: str = ""

    def to_json(self) -> dict:
        return {
            "mid": self.mid,
            "entity": self.entity,
            "entity_uid": self.entity_uid,
            "op": self.op,
            "patch": self.patch,
            "base_version": self.base_version,
            "base_values": self.base_values,
            "created_at": self.created_at,
        }

    def digest(self) -> str:
        """The payload's identity: the same mid must always come with the same digest."""
        return hashlib.sha256(canonical(self.to_json()).encode()).hexdigest()

    @classmethod
    def from_json(cls, data: Any, field: str = "mutation") -> Mutation:
        d = read.as_object(data, field)
        read.only_keys(d, cls.__dataclass_fields__, field)
        op = read.text(d, "op", field, max_len=16)
        if op not in OPS:
            raise WireError("wire.error.op_unknown", f"{field}.op", value=op)
        entity = read.text(d, "entity", field, max_len=32)
        if entity not in ENTITIES:
            raise WireError("wire.error.entity_unknown", f"{field}.entity", value=entity)
        if op not in OPS_OF[entity]:
            raise WireError("wire.error.op_unknown", f"{field}.op", value=op)
        patch = read.scalar_values(read.mapping(d, "patch", field), f"{field}.patch")
        base_values = read.mapping(d, "base_values", field, required=False)
        if base_values is not None:
            read.scalar_values(base_values, f"{field}.base_values")
        creating = op in CREATING
        base_version = read.integer(d, "base_version", field, low=1, required=not creating)
        if not creating and base_values is None:
            raise WireError("wire.error.missing", f"{field}.base_values")
        uid = read.text(d, "entity_uid", field, max_len=36, pattern=UID_PATTERN)
        if entity == "card":
            cards.check_shape(op, uid, patch, base_values, field)  # type: ignore[arg-type]
        return cls(
            mid=read.integer(d, "mid", field, low=1),  # type: ignore[arg-type]
            entity=entity,  # type: ignore[arg-type]
            entity_uid=uid,  # type: ignore[arg-type]
            op=op,
            patch=patch,  # type: ignore[arg-type]
            base_version=base_version,
            base_values=base_values,
            created_at=read.text(d, "created_at", field, max_len=40, required=False) or "",
        )


@dataclass(frozen=True)
class PushRequest:
    client_id: str
    mutations: tuple[Mutation, ...]

    def to_json(self) -> dict:
        return {"client_id": self.client_id, "mutations": [m.to_json() for m in self.mutations]}

    @classmethod
    def from_json(cls, data: Any) -> PushRequest:
        d = read.as_object(data)
        read.only_keys(d, ("client_id", "mutations"))
        client_id = read.text(d, "client_id", max_len=64, pattern=CLIENT_ID_PATTERN)
        items = read.array(d, "mutations", max_items=MAX_MUTATIONS)
        muts = tuple(Mutation.from_json(m, f"mutations[{i}]") for i, m in enumerate(items))
        for i in range(1, len(muts)):
            if muts[i].mid <= muts[i - 1].mid:
                raise WireError("wire.error.mid_order", f"mutations[{i}].mid")
        return cls(client_id, muts)  # type: ignore[arg-type]


@dataclass
class FieldConflict:
    """The server kept ``server`` for ``field``; the client had ``local`` over ``base``."""

    field: str
    base: Any
    server: Any
    local: Any
    conflict_id: int | None = None

    def to_json(self) -> dict:
        return dict(self.__dict__)


@dataclass
class MutationResult:
    mid: int
    status: str
    uid: str = ""
    version: int | None = None
    nia: str | None = None
    provisional_ref: str | None = None
    conflicts: list[FieldConflict] = field(default_factory=list)
    error: str | None = None  # a message id
    params: dict = field(default_factory=dict)
    field_errors: list[dict] = field(default_factory=list)  # [{field, code, params}]
    replayed: bool = False

    def to_store(self) -> dict:
        """What the server keeps, language-free."""
        out = {k: v for k, v in self.__dict__.items() if k not in ("conflicts", "replayed")}
        out["conflicts"] = [c.to_json() for c in self.conflicts]
        return out

    def to_json(self, lang: str | None = None) -> dict:
        out = self.to_store()
        out["replayed"] = self.replayed
        out["message"] = tr(self.error, lang, **self.params) if self.error else None
        out["field_errors"] = [
            {**e, "message": tr(e["code"], lang, **e.get("params", {}))} for e in self.field_errors
        ]
        return out

    @classmethod
    def from_json(cls, data: Any) -> MutationResult:
        d = dict(read.as_object(data, "result"))
        d.pop("message", None)
        conflicts = [FieldConflict(**c) for c in d.pop("conflicts", [])]
        known = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in d.items() if k in known}, conflicts=conflicts)


@dataclass
class PushResponse:
    client_id: str
    last_mid: int
    results: list[MutationResult]

    def to_json(self, lang: str | None = None) -> dict:
        return {
            "client_id": self.client_id,
            "last_mid": self.last_mid,
            "results": [r.to_json(lang) for r in self.results],
        }

    @classmethod
    def from_json(cls, data: Any) -> PushResponse:
        d = read.as_object(data)
        results = [MutationResult.from_json(r) for r in read.array(d, "results", max_items=10**4)]
        return cls(read.text(d, "client_id", max_len=64), read.integer(d, "last_mid"), results)  # type: ignore[arg-type]


_SCALAR = {"type": ["string", "integer", "number", "boolean", "null"]}
MUTATION_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["mid", "entity", "entity_uid", "op", "patch"],
    "properties": {
        "mid": {"type": "integer", "minimum": 1},
        "entity": {"type": "string", "enum": list(ENTITIES)},
        "entity_uid": {"type": "string", "pattern": f"^{UID_PATTERN}$"},
        "op": {"type": "string", "enum": list(OPS)},
        "patch": {"type": "object", "additionalProperties": _SCALAR},
        "base_version": {"type": ["integer", "null"], "minimum": 1},
        "base_values": {"type": ["object", "null"], "additionalProperties": _SCALAR},
        "created_at": {"type": "string", "maxLength": 40},
    },
}
PUSH_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["client_id", "mutations"],
    "properties": {
        "client_id": {"type": "string", "pattern": f"^{CLIENT_ID_PATTERN}$"},
        "mutations": {"type": "array", "maxItems": MAX_MUTATIONS, "items": MUTATION_SCHEMA},
    },
}
