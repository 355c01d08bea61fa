"""Every move of the card's life, the refused ones too: each accepted move writes its
card row, one outbox row and one audit row together; a refused one writes nothing."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from app.audit import verify_chain
from app.cardlife import CardLife
from app.errors import UserFacingError
from tests.field.conftest import counts


@pytest.fixture
def life(ws):
    return CardLife(ws)


@pytest.fixture
def artisan(ws, valid):
    done = ws.registry.enrol(valid, "agent1")
    ws.registry.set_status(done.uid, "validated", "agent1")
    return done


def _last(ws, table: str, order: str) -> dict:
    row = ws.store.read().execute(f"SELECT * FROM {table} ORDER BY {order} DESC LIMIT 1")  # noqa: S608
    return dict(row.fetchone())


def _moved(ws, before: dict, card: dict, op: str) -> None:
    after = counts(ws)
    assert after["outbox"] == before["outbox"] + 1
    assert after["audit"] == before["audit"] + 1
    ob = _last(ws, "outbox", "mid")
    assert (ob["entity"], ob["entity_uid"], ob["op"]) == ("card", card["uid"], op)
    au = _last(ws, "audit", "seq")
    assert (au["action"], au["entity_uid"]) == (f"card.{op}", card["uid"])
    assert json.loads(au["details"])["to"] == card["state"]


def _refused(ws, fn, msgid: str) -> None:
    msgid = msgid if msgid.startswith("error.") else "field.error." + msgid
    before = counts(ws)
    with pytest.raises(UserFacingError) as err:
        fn()
    assert err.value.msgid == msgid
    assert err.value.message("fr") != msgid and err.value.message("ar") != msgid
    assert counts(ws) == before


def test_the_whole_life(ws, life, artisan):
    before = counts(ws)
    card = life.request(artisan.uid, "agent1")
    assert card["state"] == "requested" and card["card_number"] == f"{artisan.nia}-01"
    _moved(ws, before, card, "request")
    for op, method, state in [
        ("produce", life.produce, "in_production"),
        ("print", life.printed, "printed"),
        ("receive", life.receive, "received"),
    ]:
        before = counts(ws)
        card = method(card["card_number"], "agent1")
        assert card["state"] == state
        _moved(ws, before, card, op)
    assert card["expires_at"] > card["printed_at"]
    before = counts(ws)
    card = life.handover(card["uid"], "agent1", "Fatima Zahra El Alaoui", "fiche 0042 signée")
    assert (card["state"], card["handed_to"], card["handed_over_by"]) == (
        "handed_over", "Fatima Zahra El Alaoui", "agent1",
    )  # fmt: skip
    _moved(ws, before, card, "handover")
    before = counts(ws)
    card = life.revoke(card["uid"], "agent1", "stolen")
    _moved(ws, before, card, "revoke")
    rev = _last(ws, "card_revocation", "revoked_at")
    assert (rev["card_number"], rev["reason"]) == (card["card_number"], "stolen")
    before = counts(ws)
    new = life.reissue(card["uid"], "agent1")
    assert new["replaces_uid"] == card["uid"] and new["card_number"] == f"{artisan.nia}-02"
    _moved(ws, before, new, "reissue")
    assert verify_chain(ws.store.read()).ok


def test_refused_moves_write_nothing(ws, life, artisan, valid):
    card = life.request(artisan.uid, "agent1")
    _refused(ws, lambda: life.handover(card["uid"], "a", "x", "y"), "card_never_printed")
    _refused(ws, lambda: life.reissue(card["uid"], "a"), "reissue_not_revoked")
    _refused(ws, lambda: life.request(artisan.uid, "a"), "card_live")
    _refused(ws, lambda: life.receive(card["uid"], "a"), "card_transition")
    _refused(ws, lambda: life.renew(card["uid"], "a"), "renew_not_handed")
    _refused(ws, lambda: life.revoke(card["uid"], "a", "bored"), "revoke_reason")
    _refused(ws, lambda: life.get("nope"), "card_unknown")
    life.produce(card["uid"], "agent1")
    life.printed(card["uid"], "agent1")
    _refused(ws, lambda: life.handover(card["uid"], "a", "x", "y"), "card_not_received")
    life.receive(card["uid"], "agent1")
    _refused(ws, lambda: life.handover(card["uid"], "a", "", "y"), "handover_to")
    _refused(ws, lambda: life.handover(card["uid"], "a", "x", " "), "handover_ack")
    life.handover(card["uid"], "agent1", "x", "y")
    _refused(ws, lambda: life.handover(card["uid"], "a", "x", "y"), "card_already_handed")
    life.revoke(card["uid"], "agent1", "lost")
    _refused(ws, lambda: life.produce(card["uid"], "a"), "card_closed")
    life.reissue(card["uid"], "agent1")
    _refused(ws, lambda: life.reissue(card["uid"], "a"), "card_already_reissued")


def test_request_needs_a_validated_artisan(ws, life, valid):
    pending = ws.registry.enrol(valid, "agent1")
    _refused(ws, lambda: life.request(pending.uid, "a"), "card_not_validated")


def test_renewal_before_expiry_supersedes_the_old_card(ws, clock, life, artisan):
    card = life.request(artisan.uid, "agent1")
    for move in (life.produce, life.printed, life.receive):
        move(card["uid"], "agent1")
    old = life.handover(card["uid"], "agent1", "x", "y")
    _refused(ws, lambda: life.renew(old["uid"], "a"), "renew_too_early")
    clock.set(dt.datetime.fromisoformat(old["expires_at"]) - dt.timedelta(days=30))
    before = counts(ws)
    new = life.renew(old["uid"], "agent1")
    assert new["renews_uid"] == old["uid"]
    _moved(ws, before, new, "renew")
    for move in (life.produce, life.printed, life.receive):
        move(new["uid"], "agent1")
    before = counts(ws)
    life.handover(new["uid"], "agent1", "x", "y")
    assert counts(ws)["outbox"] == before["outbox"] + 2  # the handover and the superseding
    assert life.get(old["uid"])["state"] == "superseded"
    assert life.get(new["uid"])["state"] == "handed_over"
    reasons = dict(ws.store.read().execute("SELECT card_number, reason FROM card_revocation"))
    assert reasons == {old["card_number"]: "superseded"}


def test_card_rows_leave_the_artisan_alone(ws, life, artisan):
    """The outbox rows name the card, so the artisan's shadow copy is never made."""
    life.request(artisan.uid, "agent1")
    conn = ws.store.read()
    assert conn.execute("SELECT count(*) FROM shadow").fetchone()[0] == 0
    mine = conn.execute("SELECT count(*) FROM outbox WHERE entity_uid = ?", (artisan.uid,))
    assert mine.fetchone()[0] == 2  # its enrolment and its validation
    assert conn.execute("SELECT count(*) FROM outbox WHERE op = 'create'").fetchone()[0] == 1


def test_card_mutations_travel_on_the_wire(ws, life, artisan):
    """Every outbox row a card step writes reads back as a valid wire mutation."""
    from app import outbox
    from app.wire import PushRequest

    card = life.request(artisan.uid, "agent1")
    for move in (life.produce, life.printed, life.receive):
        move(card["uid"], "agent1")
    life.handover(card["uid"], "agent1", "Fatima", "fiche 7")
    life.revoke(card["uid"], "agent1", "lost")
    life.reissue(card["uid"], "agent1")
    rows = outbox.pending(ws.store.read(), 100)
    body = {"client_id": "c1", "mutations": [
        {k: r[k] for k in ("mid", "entity", "entity_uid", "op", "patch", "base_version",
                           "base_values", "created_at")} for r in rows]}  # fmt: skip
    req = PushRequest.from_json(json.loads(json.dumps(body)))
    ops = [m.op for m in req.mutations if m.entity == "card"]
    assert ops == ["request", "produce", "print", "receive", "handover", "revoke", "reissue"]
