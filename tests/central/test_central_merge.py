"""Per-field three-way merge, conflicts kept for a person, national de-duplication."""

from __future__ import annotations

from bench.chaoskit.people import person


def created(laptop, rec=None):
    m = laptop.create(rec)
    res = laptop.push(m).json()["results"][0]
    assert res["status"] == "applied", res
    return m


def test_edits_to_different_fields_merge(make_laptop):
    a = make_laptop()
    b = make_laptop(username=None)
    m = created(a)
    uid, p = m.entity_uid, m.patch
    ra = a.push(a.update(uid, 1, {"workplace": None}, {"workplace": "Souk Semmarine"}))
    assert ra.json()["results"][0]["status"] == "applied"
    rb = b.push(b.update(uid, 1, {"address": None}, {"address": "Derb 12, Marrakech"}))
    res = rb.json()["results"][0]
    assert res["status"] == "applied" and res["version"] == 3
    rec = a.get(f"/v1/regions/07/artisans/{uid}").json()
    assert rec["workplace"] == "Souk Semmarine" and rec["address"] == "Derb 12, Marrakech"
    assert rec["first_name_lat"] == p["first_name_lat"]


def test_same_field_changed_twice_is_a_conflict_and_server_keeps_its_value(make_laptop):
    a, b = make_laptop(), make_laptop()
    m = created(a)
    uid = m.entity_uid
    a.push(a.update(uid, 1, {"workplace": None}, {"workplace": "Atelier A"}))
    res = b.push(b.update(uid, 1, {"workplace": None}, {"workplace": "Atelier B"})).json()
    r = res["results"][0]
    assert r["status"] == "conflict"
    c = r["conflicts"][0]
    assert (c["field"], c["base"], c["server"], c["local"]) == (
        "workplace", None, "Atelier A", "Atelier B",
    )  # fmt: skip
    assert a.get(f"/v1/regions/07/artisans/{uid}").json()["workplace"] == "Atelier A"
    listed = a.get("/v1/regions/07/conflicts").json()["conflicts"]
    assert any(x["id"] == c["conflict_id"] for x in listed)


def test_same_value_twice_merges_without_conflict(make_laptop):
    a, b = make_laptop(), make_laptop()
    uid = created(a).entity_uid
    a.push(a.update(uid, 1, {"workplace": None}, {"workplace": "Same"}))
    r = b.push(b.update(uid, 1, {"workplace": None}, {"workplace": "Same"})).json()["results"][0]
    assert r["status"] == "merged" and not r["conflicts"]


def test_supervisor_resolves_a_conflict_with_the_laptop_value(make_laptop):
    a, b = make_laptop(), make_laptop()
    sup = make_laptop(role="supervisor")
    uid = created(a).entity_uid
    a.push(a.update(uid, 1, {"workplace": None}, {"workplace": "Atelier A"}))
    c = b.push(b.update(uid, 1, {"workplace": None}, {"workplace": "Atelier B"})).json()
    cid = c["results"][0]["conflicts"][0]["conflict_id"]
    assert a.post(f"/v1/regions/07/conflicts/{cid}/resolve", json={"choice": "local"}).status_code \
        == 403  # fmt: skip
    r = sup.post(f"/v1/regions/07/conflicts/{cid}/resolve", json={"choice": "local"})
    assert r.status_code == 200, r.text
    assert sup.get(f"/v1/regions/07/artisans/{uid}").json()["workplace"] == "Atelier B"
    again = sup.post(f"/v1/regions/07/conflicts/{cid}/resolve", json={"choice": "server"})
    assert again.status_code == 409


def test_a_cin_registered_in_another_region_is_a_duplicate(make_laptop, database_url):
    rabat, marrakech = make_laptop("04"), make_laptop("07")
    first = created(rabat, person("04"))
    again = marrakech.create(person("07", cin=first.patch["cin"]))
    marrakech.lang = "fr"
    r = marrakech.push(again).json()["results"][0]
    assert r["status"] == "duplicate"
    assert r["params"]["region"] == "04" and r["params"]["nia"] == first.patch["nia"]
    assert "région 04" in r["message"] and first.patch["nia"] in r["message"]
    import psycopg

    with psycopg.connect(database_url) as conn:
        n = conn.execute(
            "SELECT count(*) FROM artisan WHERE cin = %s", (first.patch["cin"],)
        ).fetchone()[0]
    assert n == 1


def test_maker_checker(make_laptop):
    sup = make_laptop(role="supervisor")
    other = make_laptop(role="supervisor")
    uid = created(sup).entity_uid
    own = sup.post(f"/v1/regions/07/artisans/{uid}/validate", json={})
    assert own.status_code == 403 and own.json()["error"] == "central.error.maker_checker"
    agent = make_laptop()
    assert agent.post(f"/v1/regions/07/artisans/{uid}/validate").status_code == 403
    ok = other.post(f"/v1/regions/07/artisans/{uid}/validate", json={"reason": "dossier complet"})
    assert ok.status_code == 200 and ok.json()["status"] == "validated"
    pending = other.get("/v1/regions/07/artisans", params={"status": "validated"}).json()
    assert any(a["uid"] == uid for a in pending["artisans"])


def test_status_pushed_by_an_agent_cannot_validate(make_laptop):
    a = make_laptop()
    uid = created(a).entity_uid
    m = a.mutation("status", uid, {"status": "validated", "reason": ""}, 1, {"status": "pending"})
    r = a.push(m).json()["results"][0]
    assert r["status"] == "rejected" and r["error"] == "central.error.supervisor_only"
