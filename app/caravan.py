"""Caravan sessions (قافلة المهني): one open session per laptop; what is done while it is
open is tagged with it, and its summary counts what the stop achieved.

Tagging needs no call from the registry: a trigger on the audit log (``m004_field_ops``)
files every enrolment, update, printed document and card handover made while a session
is open into ``session_event``, inside the very transaction that wrote the audit entry.
Printing records what it printed with ``record_print`` (one audit entry per document).
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass

from app import audit
from app.clock import iso
from app.errors import UserFacingError

PRINT_KINDS = ("proof", "badge", "receipt")


@dataclass(frozen=True)
class Session:
    uid: str
    name: str
    commune_code: str
    starts_on: str
    ends_on: str
    agents: tuple[str, ...]
    opened_at: str
    opened_by: str
    closed_at: str | None = None
    closed_by: str | None = None

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    def as_dict(self) -> dict:
        return {**self.__dict__, "agents": list(self.agents), "open": self.is_open}


def _session(row) -> Session:
    d = dict(row)
    return Session(
        d["uid"], d["name"], d["commune_code"], d["starts_on"], d["ends_on"],
        tuple(json.loads(d["agents"])), d["opened_at"], d["opened_by"],
        d["closed_at"], d["closed_by"],
    )  # fmt: skip


def _date(value: str, field: str) -> str:
    try:
        return dt.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise UserFacingError("field.error.session_date", field=field, value=value) from None


def current(conn) -> Session | None:
    """The open session, if any."""
    row = conn.execute("SELECT * FROM caravan_session WHERE closed_at IS NULL").fetchone()
    return _session(row) if row else None


def get(conn, key: str) -> Session:
    """A session by uid (or a unique uid prefix of at least 6 characters)."""
    rows = conn.execute(
        "SELECT * FROM caravan_session WHERE uid = ? OR (length(?) >= 6 AND uid LIKE ? || '%')",
        (key, key, key),
    ).fetchall()
    if len(rows) != 1:
        raise UserFacingError("field.error.session_unknown", value=key)
    return _session(rows[0])


def sessions(conn) -> list[Session]:
    rows = conn.execute("SELECT * FROM caravan_session ORDER BY opened_at DESC").fetchall()
    return [_session(r) for r in rows]


def display_names(sessions: list[tuple[str, str]]) -> list[str]:
    """What to call each ``(name, starts_on)`` session in a list: its name, with its first
    day when another session of the list has the same name."""
    names = [name for name, _ in sessions]
    return [f"{n} ({day})" if names.count(n) > 1 else n for n, day in sessions]


def open_session(
    ws,
    *,
    name: str,
    commune_code: str,
    starts_on: str,
    ends_on: str,
    agents: list[str] | tuple[str, ...],
    by: str,
) -> Session:
    """Open a session; refused while another is open, for a commune outside the
    laptop's region, or with dates the wrong way round."""
    name = " ".join(str(name or "").split())
    if not name:
        raise UserFacingError("field.error.session_name")
    try:
        commune = ws.geo.commune(commune_code)
    except KeyError:
        raise UserFacingError("field.error.session_commune", value=commune_code) from None
    if commune.region != ws.profile.region_code:
        raise UserFacingError("field.error.session_commune", value=commune_code)
    start, end = _date(starts_on, "starts_on"), _date(ends_on, "ends_on")
    if end < start:
        raise UserFacingError("field.error.session_dates", start=start, end=end)
    team = tuple(dict.fromkeys(a.strip() for a in agents if a and a.strip())) or (by,)
    with ws.store.write() as conn:
        known = {r[0] for r in conn.execute("SELECT username FROM agent WHERE active")}
        unknown = [a for a in team if a not in known]
        if unknown:
            raise UserFacingError("error.agent_unknown", value=", ".join(unknown))
        already = current(conn)
        if already is not None:
            raise UserFacingError("field.error.session_already_open", name=already.name)
        now = iso(ws.registry.clock())
        s = Session(str(uuid.uuid4()), name, commune.code, start, end, team, now, by)
        conn.execute(
            "INSERT INTO caravan_session (uid, name, commune_code, starts_on, ends_on, agents,"
            " opened_at, opened_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (s.uid, s.name, s.commune_code, start, end, json.dumps(list(team)), now, by),
        )
        audit.append(
            conn, at=now, agent=by, action="session.open", entity="session", entity_uid=s.uid,
            details={"name": s.name, "commune": s.commune_code, "agents": list(team)},
        )  # fmt: skip
    return s


def close_session(ws, by: str) -> Session:
    with ws.store.write() as conn:
        s = current(conn)
        if s is None:
            raise UserFacingError("field.error.session_none_open")
        now = iso(ws.registry.clock())
        conn.execute(
            "UPDATE caravan_session SET closed_at = ?, closed_by = ? WHERE uid = ?",
            (now, by, s.uid),
        )
        audit.append(
            conn, at=now, agent=by, action="session.close", entity="session", entity_uid=s.uid
        )
    return Session(**{**s.__dict__, "closed_at": now, "closed_by": by})


def record_print(ws, kind: str, artisan_uids: list[str], by: str) -> int:
    """Record documents printed (one audit entry per artisan; the open session, if any,
    counts them). The printing room calls this once a PDF was produced."""
    if kind not in PRINT_KINDS:
        raise UserFacingError("field.error.print_kind", value=kind)
    with ws.store.write() as conn:
        now = iso(ws.registry.clock())
        for uid in artisan_uids:
            audit.append(
                conn, at=now, agent=by, action=f"print.{kind}", entity="artisan", entity_uid=uid
            )
    return len(artisan_uids)
