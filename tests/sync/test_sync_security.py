"""Registration against a server that answers for another region: the laptop refuses it and
keeps nothing of it (no certificate, no root, no registration), so a mistyped or rogue
server address cannot silently re-home a laptop. Real service, PostgreSQL and loopback."""

from __future__ import annotations

import pytest


def test_a_server_answering_for_another_region_is_refused_and_nothing_kept(site):
    from central.services import devices
    from sync.config import Registration
    from sync.errors import SyncError
    from sync.register import register_laptop

    lap = site.laptop("rogue-target", register=False)
    _, code = devices.issue_code(site.admin, "01" if lap.region != "01" else "02")
    with pytest.raises(SyncError) as err:
        register_laptop(lap.ws, site.server.url, code, lap.username, "irrelevant")
    assert err.value.msgid == "sync.error.region_mismatch"
    home = lap.ws.profile.home
    assert Registration.load(home) is None
    assert not (home / "central" / "root-public.hex").exists()
    assert not (home / "central" / "delegation.cose").exists()
