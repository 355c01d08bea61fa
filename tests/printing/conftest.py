"""A profile with an ordinary artisan and 32 edge cases, their views signed at a fixed
moment, and helpers to render PDFs with poppler (a test without it fails, naming it)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from print_artisans import enrol_all
from print_helpers import NOW, FixedClock

from app.issuer import demo_issuer, demo_trust
from app.workspace import init_profile
from printing.model import collect


@pytest.fixture(scope="session")
def world(tmp_path_factory):
    """(workspace, enrolled cases, views signed at NOW, the verifier's trust)."""
    home = tmp_path_factory.mktemp("print") / "profile"
    ws = init_profile(home, "07", "agent1", clock=FixedClock(NOW - timedelta(hours=1)))
    cases = enrol_all(ws)
    issuer = demo_issuer(ws, NOW)
    views = collect(ws, [c["key"] for c in cases], issuer=issuer, now=NOW)
    yield ws, cases, views, demo_trust(ws)
    ws.close()


@pytest.fixture(scope="session")
def views(world):
    return world[2]


@pytest.fixture(scope="session")
def trust(world):
    return world[3]
