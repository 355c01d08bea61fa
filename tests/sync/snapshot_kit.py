"""What the snapshot tests of the sync share: artisans sent by another laptop of the region
with no snapshot of it left (a new laptop then gets a new one), and counting the snapshots a
laptop applied."""

from __future__ import annotations


def forget_snapshots(site) -> None:
    """The service forgets the snapshots it made of the site's region (their files stay)."""
    with site.admin.db.tx() as conn:
        conn.execute("DELETE FROM snapshot WHERE region_code = %s", (site.region,))


def snapshots_applied(lap) -> int:
    conn = lap.ws.store.read()
    return conn.execute("SELECT count(*) FROM audit WHERE action = 'sync.snapshot'").fetchone()[0]


def enrolled_elsewhere(site, n: int):
    """``n`` artisans enrolled and sent by a laptop "b" of the site's region, then the
    service's snapshots of the region forgotten; their uids and that laptop."""
    b = site.laptop("b")
    enrolled = {b.enrol() for _ in range(n)}
    b.sync()
    forget_snapshots(site)
    return enrolled, b
