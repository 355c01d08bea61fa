"""Agents of a profile: offline log-in with argon2id, lock-out after repeated failures, roles.

Passwords are hashed with argon2id (argon2-cffi) in the ``agent`` table; nothing secret goes
anywhere else. After ``MAX_FAILURES`` failed attempts on a user name the name is locked for a
delay that doubles with every further failure (``lockout_delay``); a success clears the count.
Log-ins, failures and lock-outs are written to the audit log. No Qt here: the UI calls it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from app import audit
from app.clock import Clock, iso, system_clock
from app.errors import UserFacingError
from app.store.store import Store

ROLES = ("agent", "supervisor")
MAX_FAILURES = 5
BASE_DELAY_S = 30
MAX_DELAY_S = 3600
MIN_PASSWORD = 8
DEMO_USER = DEMO_PASSWORD = "demo"  # noqa: S105 (the demo profile's, shown on screen)
_USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{1,31}$")
_hasher = PasswordHasher()  # argon2id with the library's recommended parameters


@cache
def _dummy_hash() -> str:
    """A hash to check unknown usernames against, so they take as long as known ones; made
    at the first such log-in, not at import (argon2 costs a tenth of a second at start-up)."""
    return _hasher.hash("not a password")


@dataclass(frozen=True)
class Agent:
    username: str
    display_name: str
    role: str
    region_code: str
    active: bool
    has_password: bool

    @property
    def is_supervisor(self) -> bool:
        return self.role == "supervisor"


class LoginFailed(UserFacingError):
    def __init__(self, remaining: int) -> None:
        super().__init__("agent.error.bad_credentials", remaining=remaining)
        self.remaining = remaining


class LockedOut(UserFacingError):
    def __init__(self, seconds: int) -> None:
        super().__init__("agent.error.locked", seconds=seconds, minutes=max(1, -(-seconds // 60)))
        self.seconds = seconds


class PasswordNotSet(UserFacingError):
    def __init__(self, username: str) -> None:
        super().__init__("agent.error.no_password", username=username)
        self.username = username


def normalize_username(username: str) -> str:
    return (username or "").strip().lower()


def lockout_delay(failures: int) -> int:
    """Seconds a name stays locked after ``failures`` consecutive failures (0: not locked)."""
    if failures < MAX_FAILURES:
        return 0
    return min(BASE_DELAY_S * 2 ** (failures - MAX_FAILURES), MAX_DELAY_S)


def _agent(row) -> Agent:
    return Agent(
        row["username"],
        row["display_name"],
        row["role"],
        row["region_code"],
        bool(row["active"]),
        bool(row["password_hash"]),
    )


def list_agents(conn) -> list[Agent]:
    return [_agent(r) for r in conn.execute("SELECT * FROM agent ORDER BY username")]


def acting_agent(conn, username: str | None) -> str:
    """Who a command acts as: the named agent (refused if unknown), else the profile's first
    active one."""
    if username is None:
        row = conn.execute("SELECT username FROM agent WHERE active ORDER BY id LIMIT 1").fetchone()
        return row[0]
    agent = get_agent(conn, username)
    if agent is None:
        raise UserFacingError("error.agent_unknown", value=username)
    return agent.username


def get_agent(conn, username: str) -> Agent | None:
    row = conn.execute(
        "SELECT * FROM agent WHERE username = ?", (normalize_username(username),)
    ).fetchone()
    return _agent(row) if row else None


def _check_password(password: str, minimum: int) -> None:
    if not isinstance(password, str) or len(password) < minimum:
        raise UserFacingError("agent.error.password_short", min=minimum)


def check_new(username: str, password: str, min_password: int = MIN_PASSWORD) -> str:
    """Refuse a bad user name or a short password before anything is created."""
    username = normalize_username(username)
    if not _USERNAME_RE.match(username):
        raise UserFacingError("agent.error.username_format")
    _check_password(password, min_password)
    return username


def create_agent(
    store: Store,
    username: str,
    display_name: str,
    password: str,
    role: str,
    region_code: str,
    *,
    by: str,
    clock: Clock = system_clock,
    min_password: int = MIN_PASSWORD,
) -> Agent:
    username = check_new(username, password, min_password)
    if role not in ROLES:
        raise UserFacingError("agent.error.role_unknown", value=role)
    digest = _hasher.hash(password)
    now = iso(clock())
    with store.write() as conn:
        if conn.execute("SELECT 1 FROM agent WHERE username = ?", (username,)).fetchone():
            raise UserFacingError("agent.error.exists", username=username)
        conn.execute(
            "INSERT INTO agent (username, display_name, role, region_code, password_hash,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?)",
            (username, (display_name or "").strip() or username, role, region_code, digest, now),
        )
        audit.append(conn, at=now, agent=by, action="agent.create", details={"username": username})
    return Agent(username, display_name or username, role, region_code, True, True)


def set_password(
    store: Store,
    username: str,
    password: str,
    *,
    by: str,
    display_name: str | None = None,
    clock: Clock = system_clock,
    min_password: int = MIN_PASSWORD,
) -> None:
    username = normalize_username(username)
    _check_password(password, min_password)
    digest = _hasher.hash(password)
    now = iso(clock())
    with store.write() as conn:
        cur = conn.execute(
            "UPDATE agent SET password_hash = ?, display_name = coalesce(?, display_name)"
            " WHERE username = ?",
            (digest, display_name, username),
        )
        if cur.rowcount == 0:
            raise UserFacingError("agent.error.unknown", username=username)
        conn.execute("DELETE FROM agent_login WHERE username = ?", (username,))
        audit.append(
            conn, at=now, agent=by, action="agent.password", details={"username": username}
        )


def ensure_demo_agent(store: Store, region_code: str, clock: Clock = system_clock) -> Agent:
    """The demo profile's agent, "demo" / "demo" (shown on screen; demo profiles only)."""
    found = get_agent(store.read(), DEMO_USER)
    if found is None:
        return create_agent(
            store, DEMO_USER, "Démo", DEMO_PASSWORD, "supervisor", region_code,
            by=DEMO_USER, clock=clock, min_password=len(DEMO_PASSWORD),
        )  # fmt: skip
    if not found.has_password:
        set_password(store, DEMO_USER, DEMO_PASSWORD, by=DEMO_USER, clock=clock, min_password=4)
    return get_agent(store.read(), DEMO_USER) or found


def verify(store: Store, username: str, password: str, clock: Clock = system_clock) -> Agent:
    """The agent if ``password`` is theirs; else ``LoginFailed``, ``LockedOut`` or
    ``PasswordNotSet``. A locked name is refused without looking at the password."""
    username = normalize_username(username)
    now = clock()
    with store.write() as conn:
        state = conn.execute(
            "SELECT failures, locked_until FROM agent_login WHERE username = ?", (username,)
        ).fetchone()
        row = conn.execute(
            "SELECT * FROM agent WHERE username = ? AND active = 1", (username,)
        ).fetchone()
    failures = state["failures"] if state else 0
    if state and state["locked_until"] and state["locked_until"] > iso(now):
        until = dt.datetime.fromisoformat(state["locked_until"].replace("Z", "+00:00"))
        raise LockedOut(max(1, int((until - now).total_seconds() + 0.999)))
    if row is not None and not row["password_hash"]:
        raise PasswordNotSet(username)
    ok = False
    try:
        ok = _hasher.verify(row["password_hash"] if row else _dummy_hash(), password or "")
    except (VerificationError, InvalidHashError):
        ok = False
    ok = ok and row is not None
    with store.write() as conn:
        if ok:
            conn.execute("DELETE FROM agent_login WHERE username = ?", (username,))
            if _hasher.check_needs_rehash(row["password_hash"]):
                conn.execute(
                    "UPDATE agent SET password_hash = ? WHERE username = ?",
                    (_hasher.hash(password), username),
                )
            audit.append(conn, at=iso(now), agent=username, action="agent.login")
            return _agent(row)
        failures += 1
        delay = lockout_delay(failures)
        locked_until = iso(now + dt.timedelta(seconds=delay)) if delay else None
        conn.execute(
            "INSERT INTO agent_login (username, failures, locked_until, last_failure_at)"
            " VALUES (?, ?, ?, ?) ON CONFLICT (username) DO UPDATE SET"
            " failures = excluded.failures, locked_until = excluded.locked_until,"
            " last_failure_at = excluded.last_failure_at",
            (username, failures, locked_until, iso(now)),
        )
        audit.append(
            conn,
            at=iso(now),
            agent=username,
            action="agent.locked" if delay else "agent.login_failed",
            details={"failures": failures, "delay_s": delay},
        )
    if delay:
        raise LockedOut(delay)
    raise LoginFailed(MAX_FAILURES - failures)
