"""Filling a profile with demo artisans, fast: bulk inserts in large transactions.

Demo artisans stand for the region's replica as pulled from the central register, so they
carry NIAs from the region's serials and make no outbox rows; one audit entry records the
fill. 500,000 artisans in well under two minutes.
"""

from __future__ import annotations

from app import audit
from app.clock import iso
from app.demo.people import PeopleFactory
from app.errors import UserFacingError
from app.model.artisan import RECORD_FIELDS
from app.registry.index import NAME_FIELDS, name_terms

CHUNK = 20_000


def _terms(rec: dict) -> tuple[str, str]:
    return name_terms(rec[f] for f in NAME_FIELDS)


def fill_demo(ws, count: int, seed: int = 1, agent: str = "demo") -> int:
    conn = ws.store.read()
    existing = conn.execute("SELECT count(*) FROM artisan").fetchone()[0]
    if existing:
        raise UserFacingError("error.demo_needs_empty", count=existing)
    now = ws.registry.clock()
    now_iso = iso(now)
    factory = PeopleFactory(ws.profile.region_code, ws.geo, ws.nomenclature, seed, now.date())
    cols = RECORD_FIELDS
    insert = (
        f"INSERT INTO artisan (id, {', '.join(cols)}) "  # noqa: S608  # nosec B608 # column names from the model's constants; values bound
        f"VALUES (?, {', '.join('?' * len(cols))})"
    )
    done = 0
    while done < count:
        batch = [factory.artisan(i, now_iso, agent) for i in range(done, min(count, done + CHUNK))]
        with ws.store.write() as w:
            w.executemany(
                insert, [(done + n + 1, *(r[c] for c in cols)) for n, r in enumerate(batch)]
            )
            w.executemany(
                "INSERT INTO artisan_fts (rowid, names, skel) VALUES (?, ?, ?)",
                [(done + n + 1, *_terms(r)) for n, r in enumerate(batch)],
            )
        done += len(batch)
    with ws.store.write() as w:
        audit.append(
            w,
            at=now_iso,
            agent=agent,
            action="demo.fill",
            details={"artisans": count, "seed": seed},
        )
        w.execute("PRAGMA optimize")
    return count
