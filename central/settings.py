"""The service's configuration, read once from the environment (see docs/CENTRAL.md)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "")
    return int(raw) if raw.strip() else default


@dataclass(frozen=True)
class Settings:
    database_url: str
    data_dir: Path
    root_key_file: str | None
    root_passphrase: str | None
    signer_key_file: str | None
    signer_passphrase: str | None
    token_secret: str | None
    access_ttl: int
    refresh_ttl: int
    pool_min: int
    pool_max: int
    login_max_failures: int
    login_window: int
    argon2_time_cost: int
    argon2_memory_kib: int
    default_lease: int
    delegation_days: int
    log_level: str

    @classmethod
    def from_env(cls) -> Settings:
        env = os.environ.get
        url = env("MIHANI_CENTRAL_DATABASE_URL", "")
        if not url:
            raise SystemExit(
                "MIHANI_CENTRAL_DATABASE_URL is not set (e.g. postgresql://user@host/mihani)."
            )
        return cls(
            database_url=url,
            data_dir=Path(env("MIHANI_CENTRAL_DATA_DIR", "") or "./central-data"),
            root_key_file=env("MIHANI_CENTRAL_ROOT_KEY") or None,
            root_passphrase=env("MIHANI_CENTRAL_ROOT_PASSPHRASE") or None,
            signer_key_file=env("MIHANI_CENTRAL_SIGNER_KEY") or None,
            signer_passphrase=env("MIHANI_CENTRAL_SIGNER_PASSPHRASE") or None,
            token_secret=env("MIHANI_CENTRAL_TOKEN_SECRET") or None,
            access_ttl=_int("MIHANI_CENTRAL_ACCESS_TTL", 900),
            refresh_ttl=_int("MIHANI_CENTRAL_REFRESH_TTL", 30 * 86400),
            pool_min=_int("MIHANI_CENTRAL_POOL_MIN", 2),
            pool_max=_int("MIHANI_CENTRAL_POOL_MAX", 10),
            login_max_failures=_int("MIHANI_CENTRAL_LOGIN_MAX_FAILURES", 5),
            login_window=_int("MIHANI_CENTRAL_LOGIN_WINDOW", 300),
            argon2_time_cost=_int("MIHANI_CENTRAL_ARGON2_TIME_COST", 3),
            argon2_memory_kib=_int("MIHANI_CENTRAL_ARGON2_MEMORY_KIB", 65536),
            default_lease=_int("MIHANI_CENTRAL_LEASE_SIZE", 1000),
            delegation_days=_int("MIHANI_CENTRAL_DELEGATION_DAYS", 30),
            log_level=env("MIHANI_CENTRAL_LOG_LEVEL", "INFO") or "INFO",
        )
