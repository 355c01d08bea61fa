"""Opening a profile: the one place that wires the store, reference data and the registry.

The CLI, the UI, sync and printing all start from ``open_workspace``.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

from app import audit
from app.clock import Clock, iso, system_clock
from app.errors import UserFacingError
from app.nia import DEMO_LEASE_FIRST, DEMO_LEASE_SIZE, grant_lease
from app.profile import Profile
from app.refdata import load_geo, load_nomenclature
from app.registry.service import Registry
from app.store.keys import create_key, delete_key, load_key
from app.store.store import Store


@dataclass
class Workspace:
    profile: Profile
    store: Store
    registry: Registry

    @property
    def geo(self):
        return self.registry.geo

    @property
    def nomenclature(self):
        return self.registry.nomenclature

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_workspace(home: Path, clock: Clock = system_clock) -> Workspace:
    profile = Profile.load(home)
    store = Store(profile.db_path, load_key(profile.profile_id))
    registry = Registry(store, profile, load_geo(), load_nomenclature(), clock)
    return Workspace(profile, store, registry)


def init_profile(
    home: Path,
    region_code: str,
    agent: str = "agent",
    *,
    demo: bool = False,
    clock: Clock = system_clock,
) -> Workspace:
    """Create a profile: its key in the keyring, the encrypted store, the first agent,
    and a demo NIA lease (marked as such) until the central service grants real ones."""
    geo = load_geo()
    try:
        region_code = geo.region(region_code).code
    except KeyError:
        raise UserFacingError("error.region_unknown", value=region_code) from None
    home.mkdir(parents=True, exist_ok=True)
    now = iso(clock())
    profile = Profile.create(home, region_code, now, demo=demo)
    try:
        store = Store(profile.db_path, create_key(profile.profile_id))
    except BaseException:
        (home / "profile.json").unlink(missing_ok=True)
        with contextlib.suppress(Exception):
            delete_key(profile.profile_id)
        raise
    with store.write() as conn:
        conn.execute("INSERT INTO sync_state (id, client_id) VALUES (1, ?)", (profile.device_id,))
        conn.execute("INSERT INTO meta (key, value) VALUES ('region_code', ?)", (region_code,))
        conn.execute(
            "INSERT INTO agent (username, display_name, role, region_code, created_at)"
            " VALUES (?, ?, 'supervisor', ?, ?)",
            (agent, agent, region_code, now),
        )
        grant_lease(conn, region_code, DEMO_LEASE_FIRST, DEMO_LEASE_SIZE, "demo", now)
        audit.append(
            conn,
            at=now,
            agent=agent,
            action="profile.init",
            details={"region": region_code, "demo_lease": DEMO_LEASE_SIZE},
        )
    registry = Registry(store, profile, geo, load_nomenclature(), clock)
    return Workspace(profile, store, registry)
