"""Everything a request needs, built once per process: settings, pool, keys, reference data."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from app.refdata import Geo, Nomenclature, load_geo, load_nomenclature
from central.db import Database
from central.keys import Keys
from central.security import Passwords, TokenSigner
from central.services.serials import SerialBlocks
from central.settings import Settings


@dataclass
class Central:
    settings: Settings
    db: Database
    keys: Keys
    passwords: Passwords
    geo: Geo
    nomenclature: Nomenclature
    tokens: TokenSigner = field(init=False)
    serials: SerialBlocks = field(init=False)

    @classmethod
    def build(cls, settings: Settings) -> Central:
        db = Database(settings.database_url, settings.pool_min, settings.pool_max)
        passwords = Passwords(settings.argon2_time_cost, settings.argon2_memory_kib)
        ctx = cls(settings, db, Keys.load(settings), passwords, load_geo(), load_nomenclature())
        ctx.serials = SerialBlocks(db)
        return ctx

    def geo_regions(self) -> set[str]:
        return {r.code for r in self.geo.regions}

    def open(self) -> None:
        self.db.open()
        self.tokens = TokenSigner(self._token_secret(), self.settings.access_ttl)
        for sub in ("blobs", "uploads", "snapshots"):
            (self.settings.data_dir / sub).mkdir(parents=True, exist_ok=True)

    def close(self) -> None:
        self.db.close()

    def _token_secret(self) -> bytes:
        """From the environment, else one shared by every process through the database."""
        if self.settings.token_secret:
            return self.settings.token_secret.encode()
        with self.db.tx() as conn:
            conn.execute(
                "INSERT INTO server_secret (name, value) VALUES ('tokens', %s)"
                " ON CONFLICT (name) DO NOTHING",
                (secrets.token_bytes(32),),
            )
            row = conn.execute("SELECT value FROM server_secret WHERE name = 'tokens'").fetchone()
        return bytes(row["value"])
