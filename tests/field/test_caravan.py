"""Caravan sessions: one open at a time; what is done while open is tagged with it, in
the same transaction; the summary counts exactly the enrolments made."""

from __future__ import annotations

import pytest

from app import caravan
from app.cardlife import CardLife
from app.errors import UserFacingError
from app.reports import Scope, counts_by, session_summary
from app.reports.demo import caravan_stop
from tests.field.conftest import counts


def _open(ws, name="Marrakech"):
    commune = ws.geo.communes_in_region("07")[0]
    return caravan.open_session(ws, name=name, commune_code=commune.code,
                                starts_on="2025-12-15", ends_on="2025-12-16",
                                agents=["agent1"], by="agent1")  # fmt: skip


def test_one_open_session_at_a_time(ws):
    s = _open(ws)
    assert caravan.current(ws.store.read()).uid == s.uid
    before = counts(ws)
    with pytest.raises(UserFacingError) as err:
        _open(ws, "Salé")
    assert err.value.msgid == "field.error.session_already_open"
    assert counts(ws) == before
    caravan.close_session(ws, "agent1")
    with pytest.raises(UserFacingError) as err:
        caravan.close_session(ws, "agent1")
    assert err.value.msgid == "field.error.session_none_open"
    assert _open(ws, "Salé").name == "Salé"


@pytest.mark.parametrize(
    ("kw", "msgid"),
    [
        ({"name": " "}, "field.error.session_name"),
        ({"commune_code": "01.001.01.0"}, "field.error.session_commune"),
        ({"ends_on": "2025-12-01"}, "field.error.session_dates"),
        ({"starts_on": "15/12/2025"}, "field.error.session_date"),
        ({"agents": ["ghost"]}, "error.agent_unknown"),
    ],
)
def test_open_refusals(ws, kw, msgid):
    commune = ws.geo.communes_in_region("07")[0]
    args = {"name": "X", "commune_code": commune.code, "starts_on": "2025-12-15",
            "ends_on": "2025-12-16", "agents": ["agent1"], "by": "agent1", **kw}  # fmt: skip
    with pytest.raises(UserFacingError) as err:
        caravan.open_session(ws, **args)
    assert err.value.msgid == msgid
    assert caravan.sessions(ws.store.read()) == []


def test_tagging_and_summary(ws, valid):
    before_session = ws.registry.enrol(valid, "agent1")  # not tagged: no session open
    s = _open(ws)
    other = {**valid, "cin": "EE654321", "first_name_lat": "Karim", "first_name_ar": "كريم",
             "sex": "M", "birth_date": "1970-01-01"}  # fmt: skip
    a = ws.registry.enrol(other, "agent1")
    third = {**other, "cin": "EE777777", "birth_date": "1990-03-03"}
    b = ws.registry.enrol(third, "agent1")
    rec = ws.registry.update(before_session.uid, {"phone": "0661000000"}, "agent1", 1)
    assert rec["version"] == 2
    caravan.record_print(ws, "badge", [a.uid, b.uid], "agent1")
    ws.registry.set_status(a.uid, "validated", "agent1")
    life = CardLife(ws)
    card = life.request(a.uid, "agent1")
    for move in (life.produce, life.printed, life.receive):
        move(card["uid"], "agent1")
    life.handover(card["uid"], "agent1", "Karim", "fiche 1")
    caravan.close_session(ws, "agent1")
    ws.registry.enrol({**other, "cin": "EE888888", "birth_date": "1991-03-03"}, "agent1")
    summary = session_summary(ws.store.read(), s.uid)
    assert summary["enrolled"] == 2
    assert summary["updated"] == 1
    assert summary["seen"] == 3
    assert summary["badges_printed"] == 2
    assert summary["cards_handed_over"] == 1
    assert summary["by_activity"] == [(valid["activity_code"], 2)]
    assert summary["by_commune"] == [(valid["commune_code"], 2)]


def test_demo_stop_summary_matches_the_enrolments(ws, clock):
    made = caravan_stop(ws, clock, days=2, per_day=10)
    conn = ws.store.read()
    summary = session_summary(conn, made["session_uid"])
    assert summary["enrolled"] == made["enrolled"] == 20
    scope = Scope(session_uid=made["session_uid"])
    assert sum(n for _, n in counts_by(conn, "activity", scope)) == 20
    assert sum(n for _, n in summary["by_commune"]) == 20
    assert summary["badges_printed"] == 15
    handed = conn.execute("SELECT count(*) FROM card WHERE state = 'handed_over'").fetchone()[0]
    assert summary["cards_handed_over"] == handed
