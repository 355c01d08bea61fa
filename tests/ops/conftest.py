"""Fixtures of the field operations: a demo profile with enrolments made through the
registry (outbox rows, audit entries, photos), and cheap backup key derivation."""

from __future__ import annotations

import pytest
from ops_helpers import CHEAP_KDF, FIXED_NOW, PASSPHRASE, StepClock, enrol_some, jpeg

from app.demo.fill import fill_demo
from app.workspace import init_profile

__all__ = ["CHEAP_KDF", "FIXED_NOW", "PASSPHRASE", "StepClock", "enrol_some", "jpeg"]


@pytest.fixture
def demo_ws(tmp_path):
    ws = init_profile(tmp_path / "profile", "07", "agent1", demo=True, clock=StepClock())
    fill_demo(ws, 600, seed=7)
    enrol_some(ws)
    yield ws
    ws.close()
