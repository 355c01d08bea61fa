"""Bad requests get a 4xx with a clear message in the asked language, never a 500."""

from __future__ import annotations

import pytest
from mihani_central_harness import http


@pytest.mark.parametrize(
    ("lang", "word"), [("fr", "JSON"), ("ar", "JSON"), ("ar-MA,ar;q=0.9", "JSON")]
)
def test_body_that_is_not_json(make_laptop, lang, word):
    laptop = make_laptop()
    r = laptop.session.post(f"{laptop.base}/v1/sync/push", data=b"{not json",
                            headers={**laptop.headers, "Accept-Language": lang})  # fmt: skip
    assert r.status_code == 422 and r.json()["error"] == "wire.error.not_json"
    assert word in r.json()["message"]


def test_messages_follow_accept_language(make_laptop):
    laptop = make_laptop()
    bodies = {
        "fr": laptop.push(client_id="bad id with spaces"),
        "ar": None,
    }
    assert bodies["fr"].status_code == 422
    laptop.lang = "ar"
    ar = laptop.push(client_id="bad id with spaces")
    assert ar.status_code == 422 and ar.json()["error"] == bodies["fr"].json()["error"]
    assert ar.json()["message"] != bodies["fr"].json()["message"]
    assert any("\u0600" <= ch <= "\u06ff" for ch in ar.json()["message"])


@pytest.mark.parametrize(
    "body",
    [
        {"client_id": "c1", "mutations": "nope"},
        {"client_id": "c1", "mutations": [{"mid": 1}]},
        {"client_id": "c1", "mutations": [{"mid": 2, "entity": "artisan", "op": "update",
                                           "entity_uid": "0" * 32, "patch": {}}]},
        {"client_id": "c1", "mutations": [{"mid": 1, "entity": "artisan", "op": "create",
                                           "entity_uid": "0" * 32, "patch": {"x": [1]}}]},
        {"client_id": "c1", "mutations": [], "extra": 1},
        [],
    ],
)  # fmt: skip
def test_malformed_pushes_are_422(make_laptop, body):
    laptop = make_laptop()
    r = laptop.post("/v1/sync/push", json=body)
    assert r.status_code == 422, r.text
    assert r.json()["message"] and r.json()["error"].startswith("wire.error.")


def test_unauthenticated_and_unknown(base_url):
    r = http.get(f"{base_url}/v1/sync/pull", headers={"Accept-Language": "ar"})
    assert r.status_code == 401 and "الدخول" in r.json()["message"]
    r = http.get(f"{base_url}/v1/sync/pull", headers={"Authorization": "Bearer v1.x.y"})
    assert r.status_code == 401 and r.json()["error"] == "central.error.token_invalid"
    r = http.get(f"{base_url}/nowhere", headers={"Accept-Language": "fr"})
    assert r.status_code == 404 and r.json()["message"] == "Adresse inconnue."


def test_query_validation_is_translated(make_laptop):
    laptop = make_laptop()
    r = laptop.get("/v1/sync/pull", params={"limit": 0})
    assert r.status_code == 422 and r.json()["error"] == "central.error.bad_request"
    assert "limit" in r.json()["message"]


def test_health_and_metrics(base_url):
    assert http.get(f"{base_url}/healthz").json() == {"status": "ok"}
    text = http.get(f"{base_url}/metrics").text
    assert "mihani_http_requests_total" in text and "mihani_sync_mutations_total" in text
