"""Card mutations at the service: field errors, region isolation, the published schema."""

from __future__ import annotations

import uuid
from dataclasses import replace

from mihani_central_harness import http


def card_request(laptop, artisan_uid: str, nia: str, **over):
    uid = str(uuid.uuid4())
    patch = {"uid": uid, "artisan_uid": artisan_uid, "card_number": f"{nia}-01",
             "state": "requested", "replaces_uid": None, "renews_uid": None,
             "requested_at": "2025-12-15T09:30:00.000Z", "requested_by": "agent1",
             "version": 1, "updated_at": "2025-12-15T09:30:00.000Z", **over}  # fmt: skip
    m = laptop.mutation("request", uid, patch)
    return replace(m, entity="card")


def validated(make_laptop, region="07"):
    agent, sup = make_laptop(region), make_laptop(region, role="supervisor")
    m = agent.create()
    assert agent.push(m).status_code == 200
    r = sup.post(f"/v1/regions/{region}/artisans/{m.entity_uid}/validate")
    assert r.status_code == 200, r.text
    return agent, m


def test_bad_values_are_field_errors_of_that_mutation(make_laptop):
    agent, art = validated(make_laptop)
    bad = card_request(agent, art.entity_uid, art.patch["nia"], requested_at="hier",
                       card_number="07-1-01")  # fmt: skip
    res = agent.push(bad).json()["results"][0]
    assert res["status"] == "rejected" and res["error"] == "central.error.card_invalid"
    assert {e["field"] for e in res["field_errors"]} == {"requested_at", "card_number"}


def test_malformed_card_mutation_is_refused_with_its_field(make_laptop):
    agent, art = validated(make_laptop)
    bad = card_request(agent, art.entity_uid, art.patch["nia"], state="printed")
    r = agent.push(bad)
    assert r.status_code == 422 and r.json()["error"] == "wire.error.bad_format"
    assert "mutations[0].patch.state" in r.text


def test_card_of_another_region_is_refused(make_laptop):
    _, art = validated(make_laptop, "07")
    other = make_laptop("03")
    res = other.push(card_request(other, art.entity_uid, art.patch["nia"])).json()["results"][0]
    assert res["status"] == "rejected" and res["error"] == "central.error.artisan_unknown"


def test_openapi_publishes_card_ops(base_url):
    spec = http.get(f"{base_url}/openapi.json").json()
    text = str(spec["paths"]["/v1/sync/push"])
    assert "'card'" in text and "'handover'" in text and "'revoke'" in text
