"""Fixtures of the core: a real encrypted profile in a temporary directory, a fixed clock."""

from __future__ import annotations

import datetime as dt

import pytest

from app.workspace import init_profile
from tests.records import counts, valid_record

FIXED_NOW = dt.datetime(2025, 12, 15, 9, 30, tzinfo=dt.UTC)


class FakeClock:
    """A clock the test moves; the only fake here (users never touch a clock)."""

    def __init__(self, now: dt.datetime = FIXED_NOW) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        self.now += dt.timedelta(milliseconds=1)
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def ws(tmp_path, clock):
    workspace = init_profile(tmp_path / "profile", "07", "agent1", clock=clock)
    yield workspace
    workspace.close()


@pytest.fixture
def valid(ws) -> dict:
    """A complete, valid enrolment for region 07 (Marrakech-Safi)."""
    return valid_record(ws, email="fz.alaoui@example.ma")


__all__ = ["FakeClock", "counts"]
