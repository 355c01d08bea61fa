"""Fixtures of the field operations: a real encrypted profile, a clock the test moves."""

from __future__ import annotations

import datetime as dt

import pytest

from app.reports.demo import SteppingClock
from app.workspace import init_profile
from tests.records import counts as count_rows
from tests.records import valid_record

START = dt.datetime(2025, 12, 15, 9, 30, tzinfo=dt.UTC)


@pytest.fixture
def clock() -> SteppingClock:
    return SteppingClock(START)


@pytest.fixture
def ws(tmp_path, clock):
    workspace = init_profile(tmp_path / "profile", "07", "agent1", clock=clock)
    yield workspace
    workspace.close()


@pytest.fixture
def valid(ws) -> dict:
    """A complete, valid enrolment for region 07 (Marrakech-Safi)."""
    return valid_record(ws)


FIELD_TABLES = ("artisan", "card", "outbox", "audit", "card_revocation", "session_event")


def counts(ws) -> dict:
    return count_rows(ws, FIELD_TABLES)
