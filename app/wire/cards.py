"""Card mutations on the wire: the steps of the card's life (``app/cardlife``) as ops.

The outbox rows ``app/cardlife/service.py`` writes carry ``entity = 'card'``, the card's uid
and one of ``CARD_OPS``: a new card (``request``, ``reissue``, ``renew``: the whole row,
state ``requested``, no base) or a move of ``app.cardlife.machine.MOVES`` (the new state and
that move's own fields, over ``base_values = {"state": …}`` and ``base_version``).

Two levels, as for artisans: ``check_shape`` refuses a malformed mutation with a
``WireError`` naming its field (the push is refused whole: only a broken client sends
one); ``field_errors`` lists what a well-formed mutation gets wrong in its values, and the
server rejects that mutation alone with them (``rejected`` + ``field_errors``).
"""

from __future__ import annotations

import datetime as dt
import re

from app.cardlife import machine
from app.nia import parse_nia
from app.wire import read
from app.wire.errors import WireError

NEW_OPS = ("request", "reissue", "renew")
CARD_OPS = (*NEW_OPS, *machine.MOVES)
LINKS = {"request": None, "reissue": "replaces_uid", "renew": "renews_uid"}
NEW_FIELDS = (
    "uid", "artisan_uid", "card_number", "state", "replaces_uid", "renews_uid",
    "requested_at", "requested_by", "version", "updated_at",
)  # fmt: skip
MOVE_FIELDS: dict[str, tuple[str, ...]] = {
    "produce": ("produced_at",),
    "print": ("printed_at", "expires_at"),
    "receive": ("received_at",),
    "handover": ("handed_over_at", "handed_over_by", "handed_to", "acknowledgement"),
    "revoke": ("revoked_at", "revoked_reason"),
    "supersede": ("revoked_at", "revoked_reason"),
}
TIMES = ("requested_at", "updated_at", "produced_at", "printed_at", "expires_at",
         "received_at", "handed_over_at", "revoked_at")  # fmt: skip
LIMITS = {"handed_to": 200, "acknowledgement": 500, "requested_by": 64, "handed_over_by": 64}
CARD_NUMBER_RE = re.compile(r"(\d{2}-\d{8}-\d{2})-(\d{2,3})")
UID_PATTERN = r"[0-9a-fA-F-]{32,36}"


def is_new(op: str) -> bool:
    return op in NEW_OPS


def check_shape(op: str, uid: str, patch: dict, base_values: dict | None, field: str) -> None:
    """The keys and kinds of a card mutation's patch and base; ``WireError`` on the first fault."""
    where = f"{field}.patch"
    if is_new(op):
        read.only_keys(patch, NEW_FIELDS, where)
        if read.text(patch, "uid", where, max_len=36) != uid:
            raise WireError("wire.error.bad_format", f"{where}.uid")
        read.text(patch, "artisan_uid", where, max_len=36, pattern=UID_PATTERN)
        for key in ("card_number", "requested_at", "requested_by", "updated_at"):
            read.text(patch, key, where, max_len=64)
        if patch.get("state") != machine.REQUESTED:
            raise WireError("wire.error.bad_format", f"{where}.state")
        read.integer(patch, "version", where, low=1, high=1)
        for kind, link in LINKS.items():
            if link is None:
                continue
            read.text(patch, link, where, max_len=36, pattern=UID_PATTERN, required=kind == op)
            if kind != op and patch.get(link) is not None:
                raise WireError("wire.error.unknown_key", f"{where}.{link}")
        return
    read.only_keys(patch, ("state", *MOVE_FIELDS[op]), where)
    if patch.get("state") != machine.MOVES[op][1]:
        raise WireError("wire.error.bad_format", f"{where}.state")
    for key in MOVE_FIELDS[op]:
        read.text(patch, key, where, max_len=LIMITS.get(key, 64))
    base = base_values or {}
    read.only_keys(base, ("state",), f"{field}.base_values")
    if base.get("state") not in machine.STATES:
        raise WireError("wire.error.bad_format", f"{field}.base_values.state")


def _error(name: str, code: str, **params: object) -> dict:
    return {"field": name, "code": code, "params": params}


def field_errors(op: str, patch: dict) -> list[dict]:
    """What the values of a well-formed card mutation get wrong (empty when nothing)."""
    errors = []
    for name in TIMES:
        value = patch.get(name)
        if value is None:
            continue
        try:
            dt.datetime.fromisoformat(str(value))
        except ValueError:
            errors.append(_error(name, "central.error.card_bad_time", value=str(value)[:40]))
    for name, limit in LIMITS.items():
        if len(str(patch.get(name) or "")) > limit:
            errors.append(_error(name, "central.error.card_too_long", max=limit))
    if is_new(op):
        m = CARD_NUMBER_RE.fullmatch(str(patch.get("card_number")))
        if m is None or parse_nia(m.group(1)) is None:
            number = str(patch.get("card_number"))[:40]
            errors.append(_error("card_number", "central.error.card_number", card=number))
    reason = patch.get("revoked_reason")
    if op == "revoke" and reason not in machine.REVOKE_REASONS:
        allowed = ", ".join(machine.REVOKE_REASONS)
        errors.append(_error("revoked_reason", "field.error.revoke_reason",
                             value=str(reason)[:40], allowed=allowed))  # fmt: skip
    if op == "supersede" and reason != machine.SUPERSEDED:
        errors.append(_error("revoked_reason", "central.error.card_supersede_reason"))
    return errors
