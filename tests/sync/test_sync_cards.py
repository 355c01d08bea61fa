"""Card steps travel like artisan mutations: applied once, under the card's state machine,
revocations into the signed list, refusals recorded on the laptop and never blocking."""

from __future__ import annotations

import requests

from app import outbox
from app.cardlife import CardLife
from app.credentials import Trust, verify
from app.wire import Mutation, PushRequest, PushResponse
from bench.chaoskit.site import PASSWORD, fast_backoff
from central.security import Principal
from central.services import cards
from sync.client import Central
from sync.config import Registration
from sync.http import Transport
from tests.sync.card_kit import handed_over_card, local_card, server_card, validated_artisan

SUPERVISOR = Principal(0, "sup.cards", "supervisor", "07", None, 0)


def pending(lap) -> list[Mutation]:
    keys = ("mid", "entity", "entity_uid", "op", "patch", "base_version", "base_values",
            "created_at")  # fmt: skip
    return [Mutation(*(r[k] for k in keys)) for r in outbox.pending(lap.ws.store.read())]


def push_again(lap, muts: list[Mutation]) -> PushResponse:
    reg = Registration.load(lap.home)
    http = Transport(reg.server, backoff=fast_backoff())
    try:
        Central(http, lap.ws.profile.profile_id, reg, lambda: PASSWORD).ensure()
        body = PushRequest(reg.client_id, tuple(muts)).to_json()
        return PushResponse.from_json(http.post_json("/v1/sync/push", body))
    finally:
        http.close()


def test_card_life_reaches_the_server_once(site):
    a = site.laptop("a")
    rec = validated_artisan(site, a)
    life = CardLife(a.ws)
    card = life.request(rec["nia"], "agent1")
    for move in (life.produce, life.printed, life.receive):
        move(card["uid"], "agent1")
    life.handover(card["uid"], "agent1", "Fatima Zahra", "fiche 0042 signée")
    sent = pending(a)
    assert [m.op for m in sent] == ["request", "produce", "print", "receive", "handover"]
    res = a.sync()
    assert res.pushed == {"applied": 5} and a.outbox() == 0
    held = server_card(site, card["uid"])
    assert held == local_card(a, card["uid"])
    assert held["state"] == "handed_over" and held["version"] == "5"
    # the same push again (its answer lost): stored results, nothing changes
    again = push_again(a, sent)
    assert [r.replayed for r in again.results] == [True] * 5
    assert {r.status for r in again.results} == {"applied"}
    assert server_card(site, card["uid"]) == held
    assert a.sync().pushed == {}  # nothing blocked: the next run is clean


def test_revocation_reaches_the_signed_list(site, server):
    a = site.laptop("a")
    rec, card = handed_over_card(site, a)
    life = CardLife(a.ws)
    a.sync()
    final = cards.issue(site.admin, SUPERVISOR, "07", rec["uid"])  # the signed card, same number
    assert final["card_number"] == card["card_number"]

    def trust() -> Trust:
        get = lambda path: requests.get(f"{server.url}{path}", timeout=10)  # noqa: E731
        root = bytes.fromhex(get("/v1/trust/root").json()["root_public_key"])
        return Trust.load(root, get("/v1/trust/list").content,
                          get("/v1/trust/revocations").content)  # fmt: skip

    assert verify(final["qr_text"], trust()).status == "valid_final"
    life.revoke(card["uid"], "agent1", "stolen")
    assert a.sync().pushed == {"applied": 1}
    now = trust()
    assert card["card_number"] in now.revocation_list.revoked_cards
    assert verify(final["qr_text"], now).status == "revoked"
    assert server_card(site, card["uid"])["state"] == "revoked"
    # a reissue goes up too, replacing the revoked card
    new = life.reissue(card["uid"], "agent1")
    assert a.sync().pushed == {"applied": 1}
    assert server_card(site, new["uid"])["replaces_uid"] == card["uid"]


def test_refused_step_is_recorded_and_the_rest_goes_up(site):
    a = site.laptop("a")
    rec = validated_artisan(site, a)
    life = CardLife(a.ws)
    card = life.request(rec["uid"], "agent1")
    a.sync()
    with site.admin.db.tx() as conn:  # the centre knows a later state (revoked meanwhile)
        conn.execute("UPDATE card_life SET state = 'revoked', version = 2 WHERE uid = %s",
                     (card["uid"],))  # fmt: skip
    life.produce(card["uid"], "agent1")
    later = a.enrol()
    res = a.sync()
    assert res.pushed == {"rejected": 1, "applied": 1}
    assert a.outbox() == 0 and later in site.server_state()
    refusal = a.ws.store.read().execute("SELECT * FROM push_refusal").fetchone()
    assert (refusal["entity_uid"], refusal["op"]) == (card["uid"], "produce")
    assert refusal["error"] == "field.error.card_closed"
    assert server_card(site, card["uid"])["state"] == "revoked"
    # the laptop's card follows the service's: the refused step does not survive it
    assert local_card(a, card["uid"]) == server_card(site, card["uid"])


def test_card_of_an_artisan_not_validated_centrally_is_refused_not_stuck(site):
    a = site.laptop("a")
    uid = a.enrol()
    a.ws.registry.set_status(uid, "validated", "agent1")  # locally; the centre says no
    card = CardLife(a.ws).request(uid, "agent1")
    CardLife(a.ws).produce(card["uid"], "agent1")
    res = a.sync()
    assert res.pushed == {"applied": 1, "rejected": 3} and a.outbox() == 0
    errors = [r[0] for r in a.ws.store.read().execute("SELECT error FROM push_refusal")]
    assert errors == ["central.error.supervisor_only", "central.error.card_not_validated",
                      "central.error.card_unknown"]  # fmt: skip
    assert server_card(site, card["uid"]) is None
    # the card exists nowhere but here: it leaves the laptop, its refusal stays on show
    assert CardLife(a.ws).cards_of(uid) == []
    assert a.sync().pushed == {}  # nothing blocked: the next run is clean
