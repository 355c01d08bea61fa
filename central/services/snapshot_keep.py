"""Which snapshot files the service keeps. A laptop whose first download was cut goes on from
its cut, by the snapshot's id, for as long as the service keeps that snapshot (the rows after
it come by the ordinary pull); so each region's snapshots are kept for ``KEEP_SECONDS``, at
most ``KEEP_COUNT`` of them, and always its newest. The rest go, file and row, along with the
files of builds that died (their file stopped growing) and files whose row is gone.

``prune`` runs before each new snapshot is asked for (``POST /v1/sync/snapshots``): a region
of 200,000 artisans makes a file of about 21 MB, and one is made every ``REUSE_SECONDS`` at
most, while laptops register.
"""

from __future__ import annotations

import logging

from central.services import snapshot

log = logging.getLogger(__name__)

KEEP_SECONDS = 3 * 24 * 3600  # three days: a cut first download can go on after a field trip
KEEP_COUNT = 8  # per region, the newest first


def prune(central) -> list[str]:
    """Drop the snapshots no laptop should still be fetching; the ids dropped."""
    with central.db.tx() as conn:
        rows = conn.execute(
            "DELETE FROM snapshot WHERE id IN (SELECT id FROM (SELECT id, created_at,"
            " row_number() OVER (PARTITION BY region_code ORDER BY created_at DESC) AS n"
            " FROM snapshot) ranked WHERE n > 1"
            " AND (n > %s OR created_at < now() - make_interval(secs => %s))) RETURNING id",
            (KEEP_COUNT, KEEP_SECONDS),
        ).fetchall()
        kept = {str(r["id"]) for r in conn.execute("SELECT id FROM snapshot").fetchall()}
    dropped = [str(r["id"]) for r in rows]
    for snapshot_id in dropped:
        snapshot.path_of(central, snapshot_id).unlink(missing_ok=True)
    folder = central.settings.data_dir / "snapshots"
    for path in folder.glob("*.jsonl.gz"):  # its row gone (a file renamed after its row)
        if path.name.split(".")[0] not in kept and _quiet(path):
            path.unlink(missing_ok=True)
    for path in folder.glob("*.building"):  # a build whose process died
        if _quiet(path):
            path.unlink(missing_ok=True)
    if dropped:
        log.info("snapshots dropped: %s", ", ".join(dropped))
    return dropped


def _quiet(path) -> bool:
    """Not written for ``snapshot.STALL`` seconds (a file still made is written to)."""
    return path.exists() and not snapshot.growing(path)
