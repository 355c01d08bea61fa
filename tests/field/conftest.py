"""Fixtures of the field operations: a real encrypted profile, a clock the test moves."""

from __future__ import annotations

import datetime as dt

import pytest

from app.reports.demo import SteppingClock
from app.workspace import init_profile

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
    commune = ws.geo.communes_in_region("07")[0]
    activity = ws.nomenclature.activities[0]
    return {
        "cin": "EE123456",
        "first_name_ar": "فاطمة الزهراء", "last_name_ar": "العلوي",
        "first_name_lat": "Fatima Zahra", "last_name_lat": "El Alaoui",
        "sex": "F", "birth_date": "1985-04-12", "birth_place": "Marrakech",
        "phone": "0612345678", "commune_code": commune.code, "category": "experience",
        "activity_code": activity.code, "years_practice": 12,
        "qualification_ref": "ATT-2025-0042", "consent_given": True,
    }  # fmt: skip


def counts(ws) -> dict:
    conn = ws.store.read()
    return {
        t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # noqa: S608
        for t in ("artisan", "card", "outbox", "audit", "card_revocation", "session_event")
    }
