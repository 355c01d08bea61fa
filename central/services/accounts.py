"""Agents, login (rate-limited), access tokens and rotating refresh tokens."""

from __future__ import annotations

import datetime as dt

import psycopg
from psycopg.types.json import Jsonb

from app.wire import LoginRequest, Tokens
from central.errors import ApiError
from central.security import new_secret, secret_hash

ROLES = ("agent", "supervisor", "operator")


def audit(conn: psycopg.Connection, actor: str, action: str, region=None, subject=None, **d):
    conn.execute(
        "INSERT INTO audit (actor, action, region_code, subject, details)"
        " VALUES (%s, %s, %s, %s, %s)",
        (actor, action, region, subject, Jsonb(d)),
    )


def create_agent(
    central, username: str, password: str, role: str, region: str | None, display: str = ""
) -> int:
    if role not in ROLES:
        raise ApiError(422, "central.error.role_unknown", value=role)
    if role != "operator" and region not in central.geo_regions():
        raise ApiError(422, "central.error.region_unknown", region=str(region))
    if len(password) < 10:
        raise ApiError(422, "central.error.password_short", min=10)
    with central.db.tx() as conn:
        row = conn.execute(
            "INSERT INTO agent (username, display_name, role, region_code, password_hash)"
            " VALUES (%s, %s, %s, %s, %s) ON CONFLICT (username) DO NOTHING RETURNING id",
            (username, display or username, role,
             None if role == "operator" else region, central.passwords.hash(password)),
        ).fetchone()  # fmt: skip
        if row is None:
            raise ApiError(409, "central.error.agent_exists", username=username)
        audit(conn, "admin", "agent.create", region, username, role=role)
    return int(row["id"])


def _too_many(central, conn, username: str, address: str) -> bool:
    s = central.settings
    row = conn.execute(
        "SELECT count(*) FILTER (WHERE username = %s) AS u, count(*) AS a FROM login_failure"
        " WHERE (username = %s OR address = %s) AND at > now() - make_interval(secs => %s)",
        (username, username, address, s.login_window),
    ).fetchone()
    return row["u"] >= s.login_max_failures or row["a"] >= 4 * s.login_max_failures


def login(central, req: LoginRequest, address: str) -> Tokens:
    with central.db.tx() as conn:
        if _too_many(central, conn, req.username, address):
            raise ApiError(
                429,
                "central.error.login_rate_limited",
                {"Retry-After": str(central.settings.login_window)},
                seconds=central.settings.login_window,
            )
        agent = conn.execute(
            "SELECT id, username, role, region_code, password_hash, active FROM agent"
            " WHERE username = %s",
            (req.username,),
        ).fetchone()
    ok = central.passwords.verify(agent["password_hash"] if agent else None, req.password)
    if not ok or not agent["active"]:
        with central.db.tx() as conn:
            conn.execute(
                "INSERT INTO login_failure (username, address) VALUES (%s, %s)",
                (req.username, address),
            )
        raise ApiError(401, "central.error.bad_credentials")
    with central.db.tx() as conn:
        if req.device_id is not None:
            dev = conn.execute(
                "SELECT region_code, status, secret_hash FROM device WHERE id = %s",
                (req.device_id,),
            ).fetchone()
            if dev is None or dev["secret_hash"] != secret_hash(req.device_secret or ""):
                raise ApiError(401, "central.error.bad_device")
            if dev["status"] != "active":
                raise ApiError(403, "central.error.device_revoked", device=req.device_id)
            if agent["role"] == "operator" or dev["region_code"] != agent["region_code"]:
                raise ApiError(403, "central.error.device_other_region")
        conn.execute("DELETE FROM login_failure WHERE username = %s", (req.username,))
        return _issue(central, conn, dict(agent), req.device_id)


def _issue(central, conn, agent: dict, device: str | None) -> Tokens:
    refresh = new_secret()
    expires = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=central.settings.refresh_ttl)
    conn.execute(
        "INSERT INTO refresh_token (token_hash, agent_id, device_id, expires_at)"
        " VALUES (%s, %s, %s, %s)",
        (secret_hash(refresh), agent["id"], device, expires),
    )
    access = central.tokens.issue(
        agent["id"], agent["username"], agent["role"], agent["region_code"], device
    )
    return Tokens(
        access, refresh, central.settings.access_ttl, agent["username"], agent["role"],
        agent["region_code"], device,
    )  # fmt: skip


def refresh(central, token: str) -> Tokens:
    """A new pair for a valid refresh token, which is used up (rotation). A token used a
    second time means two holders (a leaked copy): every live refresh token of that agent
    on that device is used up too, so the thief's chain ends and the laptop logs in again."""
    with central.db.tx() as conn:
        row = conn.execute(
            "UPDATE refresh_token SET used_at = now() WHERE token_hash = %s AND used_at IS NULL"
            " AND expires_at > now() RETURNING agent_id, device_id",
            (secret_hash(token),),
        ).fetchone()
        if row is not None:
            agent = conn.execute(
                "SELECT a.id, a.username, a.role, a.region_code, a.active,"
                " (SELECT status FROM device WHERE id = %s) AS device_status"
                " FROM agent a WHERE a.id = %s",
                (row["device_id"], row["agent_id"]),
            ).fetchone()
            if not agent["active"] or (row["device_id"] and agent["device_status"] != "active"):
                raise ApiError(403, "central.error.device_revoked", device=row["device_id"] or "-")
            return _issue(central, conn, dict(agent), row["device_id"])
        _end_family_if_reused(conn, secret_hash(token))
    raise ApiError(401, "central.error.refresh_invalid")  # after the commit of the above


def _end_family_if_reused(conn, token_hash: str) -> None:
    used = conn.execute(
        "SELECT agent_id, device_id FROM refresh_token WHERE token_hash = %s"
        " AND used_at IS NOT NULL",
        (token_hash,),
    ).fetchone()
    if used is None:
        return
    ended = conn.execute(
        "UPDATE refresh_token SET used_at = now() WHERE agent_id = %s"
        " AND device_id IS NOT DISTINCT FROM %s AND used_at IS NULL",
        (used["agent_id"], used["device_id"]),
    ).rowcount
    audit(conn, "system", "refresh.reused", None, str(used["agent_id"]),
          device=used["device_id"], ended=ended)  # fmt: skip


def still_allowed(central, agent_id: int, device_id: str | None) -> bool:
    """The agent is active, and so is the device the token is bound to."""
    with central.db.tx() as conn:
        row = conn.execute(
            "SELECT a.active, (SELECT status FROM device WHERE id = %s) AS device_status"
            " FROM agent a WHERE a.id = %s",
            (device_id, agent_id),
        ).fetchone()
    if row is None or not row["active"]:
        return False
    return device_id is None or row["device_status"] == "active"
