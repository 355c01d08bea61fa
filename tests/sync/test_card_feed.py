"""Card states come back down: a step made on another laptop of the region, or a revocation
by an operator at the centre, reaches every laptop of the region by the card feed; a card
with steps not yet acknowledged keeps its local state until they are, then shows the
service's; a killed run or a reset feed resumes without losing or doubling a card."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid

import pytest
import requests

from app.cardlife import CardLife
from app.errors import UserFacingError
from bench.chaoskit.site import PASSWORD, ROOT, Site, fast_backoff
from central.services import accounts
from sync import card_pull
from sync.config import Registration
from sync.http import Transport
from tests.sync.card_kit import (
    card_ready,
    handed_over_card,
    local_card,
    server_card,
    validated_artisan,
)


def _walk(life: CardLife, uid: str, *moves: str) -> None:
    for move in moves:
        getattr(life, move)(uid, "agent1")


def _cards(lap) -> dict[str, dict]:
    rows = lap.ws.store.read().execute("SELECT uid FROM card").fetchall()
    return {r[0]: local_card(lap, r[0]) for r in rows}


def _region_cards(site) -> int:
    with site.admin.db.tx() as conn:
        row = conn.execute(
            "SELECT count(*) AS n FROM card_life WHERE region_code = %s", (site.region,)
        ).fetchone()
    return int(row["n"])


def _operator(site, server) -> requests.Session:
    name = f"op{uuid.uuid4().hex[:10]}"
    accounts.create_agent(site.admin, name, PASSWORD, "operator", None)
    http = requests.Session()
    r = http.post(f"{server.url}/v1/auth/login", json={"username": name, "password": PASSWORD},
                  timeout=30)  # fmt: skip
    assert r.status_code == 200, r.text
    http.headers["Authorization"] = f"Bearer {r.json()['access_token']}"
    return http


def test_steps_made_on_another_laptop_come_down(site):
    a, b = site.laptop("a"), site.laptop("b")
    rec = validated_artisan(site, a)
    life_a = CardLife(a.ws)
    card = life_a.request(rec["uid"], "agent1")
    _walk(life_a, card["uid"], "produce")
    a.sync()
    res = b.sync()
    assert res.cards_pulled == _region_cards(site)  # b's first run: every card of the region
    assert local_card(b, card["uid"]) == server_card(site, card["uid"])
    assert local_card(b, card["uid"])["state"] == "in_production"
    # the card is printed, received and handed over at the chamber, on laptop b
    life_b = CardLife(b.ws)
    _walk(life_b, card["uid"], "printed", "receive")
    life_b.handover(card["uid"], "agent1", "Fatima Zahra", "fiche 0042 signée")
    assert b.sync().pushed == {"applied": 3}
    assert a.sync().cards_pulled == 1
    held = local_card(a, card["uid"])
    assert held == server_card(site, card["uid"])
    assert (held["state"], held["handed_to"], held["version"]) == (
        "handed_over", "Fatima Zahra", "5")  # fmt: skip
    # what laptop a now offers follows: a renewal, not a second handover
    with pytest.raises(UserFacingError) as refused:
        CardLife(a.ws).handover(card["uid"], "agent1", "Karim", "fiche 43")
    assert refused.value.msgid == "field.error.card_already_handed"
    assert a.sync().cards_pulled == 0  # nothing new: the cursor moved


def test_operator_revocation_comes_down_and_allows_a_reissue(site, server):
    a = site.laptop("a")
    _rec, card = handed_over_card(site, a)
    life = CardLife(a.ws)
    a.sync()
    op = _operator(site, server)
    r = op.post(f"{server.url}/v1/cards/{card['card_number']}/revoke",
                json={"reason": "déclarée volée au commissariat"}, timeout=30)  # fmt: skip
    assert r.status_code == 200, r.text
    assert a.sync().cards_pulled == 1
    held = local_card(a, card["uid"])
    assert held == server_card(site, card["uid"])
    assert (held["state"], held["revoked_reason"]) == ("revoked", "déclarée volée au commissariat")
    filed = (
        a.ws.store.read()
        .execute(
            "SELECT card_uid FROM card_revocation WHERE card_number = ?", (card["card_number"],)
        )
        .fetchone()
    )
    assert filed is not None and filed[0] == card["uid"]
    new = life.reissue(card["uid"], "agent1")  # allowed now that the laptop knows it is revoked
    assert a.sync().pushed == {"applied": 1}
    assert server_card(site, new["uid"])["replaces_uid"] == card["uid"]
    # a card number nobody knows is refused in plain words
    r = op.post(f"{server.url}/v1/cards/07-99999999-99-01/revoke", json={}, timeout=30)
    assert r.status_code == 404 and "07-99999999-99-01" in r.json()["message"]


def test_waiting_step_keeps_its_state_until_acknowledged(site):
    a, b = site.laptop("a"), site.laptop("b")
    rec = validated_artisan(site, a)
    life_a = CardLife(a.ws)
    card = life_a.request(rec["uid"], "agent1")
    _walk(life_a, card["uid"], "produce", "printed", "receive")
    a.sync()
    b.sync()
    CardLife(b.ws).handover(card["uid"], "agent1", "Fatima", "fiche 9")
    b.sync()
    life_a.revoke(card["uid"], "agent1", "lost")  # offline: a's step waits in its outbox
    reg = Registration.load(a.home)
    http = Transport(reg.server, backoff=fast_backoff())
    try:
        from sync.client import Central

        Central(http, a.ws.profile.profile_id, reg, lambda: PASSWORD).ensure()
        assert card_pull.pull_cards(a.ws, http, "agent1") == 1
    finally:
        http.close()
    assert local_card(a, card["uid"])["state"] == "revoked"  # the agent's own step shows
    res = a.sync()
    assert res.pushed == {"applied": 1}
    held = local_card(a, card["uid"])
    assert held == server_card(site, card["uid"])
    assert (held["state"], held["handed_to"], held["revoked_reason"]) == ("revoked", "Fatima",
                                                                         "lost")  # fmt: skip
    assert a.ws.store.read().execute("SELECT count(*) FROM card_shadow").fetchone()[0] == 0


def test_refused_local_request_gives_way_to_the_centres_card(site):
    a, b = site.laptop("a"), site.laptop("b")
    rec = validated_artisan(site, a)
    b.sync()
    theirs = CardLife(b.ws).request(rec["uid"], "agent1")
    mine = CardLife(a.ws).request(rec["uid"], "agent1")  # the same number, made offline
    assert mine["card_number"] == theirs["card_number"]
    b.sync()
    res = a.sync()
    assert res.pushed == {"rejected": 1}
    refusal = a.ws.store.read().execute("SELECT error FROM push_refusal").fetchone()
    assert refusal[0] == "field.error.card_live"
    assert [c["uid"] for c in CardLife(a.ws).cards_of(rec["uid"])] == [theirs["uid"]]
    assert local_card(a, theirs["uid"]) == server_card(site, theirs["uid"])


def test_cards_of_another_region_never_come_down(site, server, central_admin, tmp_path):
    a = site.laptop("a")
    rec = validated_artisan(site, a)
    card = CardLife(a.ws).request(rec["uid"], "agent1")
    a.sync()
    other = Site(server, central_admin, tmp_path / "r08", region="08")
    try:
        c = other.laptop("c")
        c.sync()
        assert card["uid"] not in _cards(c)
        assert len(_cards(c)) == _region_cards(other)
    finally:
        other.close()


def test_killed_in_the_card_feed_resumes_and_a_reset_feed_starts_again(site):
    a, b = site.laptop("a"), site.laptop("b")
    uids = [card_ready(site, a) for _ in range(5)]
    a.sync()
    env = {**os.environ, "MIHANI_SYNC_CRASH_AT": "cards.mid", "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "bench.chaoskit.sync_child", str(b.home), PASSWORD, "2"]
    out = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, timeout=120, check=False)
    assert out.returncode == -9, out.stderr.decode()[-2000:]
    b.reopen()
    kept, total = len(_cards(b)), _region_cards(site)
    assert 0 < kept < total  # killed between two pages: the pages applied before are kept
    res = b.sync(pull_page=2)
    assert res.cards_pulled == total - kept  # resumed after them: none fetched twice
    assert set(uids) <= set(_cards(b)) and len(_cards(b)) == total
    assert all(local_card(b, u) == server_card(site, u) for u in uids)
    # the region's feed is reset at the centre: every cursor is too old, the cards come again
    with site.admin.db.tx() as conn:
        conn.execute("UPDATE region SET feed_epoch = feed_epoch + 1 WHERE code = '07'")
    res = b.sync()
    assert res.cards_pulled == total
    assert set(uids) <= set(_cards(b)) and len(_cards(b)) == total
    assert all(local_card(b, u) == server_card(site, u) for u in uids)
