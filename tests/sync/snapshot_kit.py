"""What the snapshot tests of the sync share: making the service forget a region's
snapshots (a new laptop then gets a new one), and counting the snapshots a laptop applied."""

from __future__ import annotations


def forget_snapshots(site) -> None:
    """The service forgets the snapshots it made of the site's region (their files stay)."""
    with site.admin.db.tx() as conn:
        conn.execute("DELETE FROM snapshot WHERE region_code = %s", (site.region,))


def snapshots_applied(lap) -> int:
    conn = lap.ws.store.read()
    return conn.execute("SELECT count(*) FROM audit WHERE action = 'sync.snapshot'").fetchone()[0]
