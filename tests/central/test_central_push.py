"""Push: exactly once, whatever is retried; a known mid with another payload is refused."""

from __future__ import annotations

from dataclasses import replace

import psycopg

from bench.chaoskit.people import person


def count_artisans(url: str, cin: str) -> int:
    with psycopg.connect(url) as conn:
        return conn.execute("SELECT count(*) FROM artisan WHERE cin = %s", (cin,)).fetchone()[0]


def test_create_is_applied_with_its_nia(make_laptop):
    laptop = make_laptop()
    m = laptop.create()
    r = laptop.push(m)
    assert r.status_code == 200, r.text
    res = r.json()["results"][0]
    assert res["status"] == "applied" and res["version"] == 1
    assert res["nia"] == m.patch["nia"] and r.json()["last_mid"] == m.mid


def test_same_push_twice_changes_nothing_and_returns_stored_results(make_laptop, database_url):
    laptop = make_laptop()
    muts = [laptop.create() for _ in range(3)]
    first = laptop.push(*muts)
    second = laptop.push(*muts)
    assert first.status_code == second.status_code == 200
    a, b = first.json()["results"], second.json()["results"]
    assert [r["replayed"] for r in b] == [True] * 3
    strip = [{k: v for k, v in r.items() if k != "replayed"} for r in a]
    assert strip == [{k: v for k, v in r.items() if k != "replayed"} for r in b]
    for m in muts:
        assert count_artisans(database_url, m.patch["cin"]) == 1


def test_lost_response_then_retry_with_more_mutations(make_laptop, database_url):
    """The first answer never arrived: the client sends the same mids plus new ones."""
    laptop = make_laptop()
    m1, m2 = laptop.create(), laptop.create()
    assert laptop.push(m1).status_code == 200  # answer "lost"
    r = laptop.push(m1, m2)
    assert r.status_code == 200
    results = r.json()["results"]
    assert results[0]["replayed"] is True and results[1]["replayed"] is False
    assert r.json()["last_mid"] == m2.mid
    assert count_artisans(database_url, m1.patch["cin"]) == 1


def test_known_mid_with_different_payload_is_refused(make_laptop, database_url):
    laptop = make_laptop()
    m = laptop.create()
    assert laptop.push(m).status_code == 200
    clone = replace(m, patch={**m.patch, "first_name_lat": "Other"})
    laptop.lang = "ar"
    r = laptop.push(clone)
    assert r.status_code == 409
    assert r.json()["error"] == "central.error.mid_reused"
    assert "التعديل" in r.json()["message"]
    assert count_artisans(database_url, m.patch["cin"]) == 1


def test_refused_push_leaves_nothing_half_written(make_laptop, database_url):
    laptop = make_laptop()
    m1 = laptop.create()
    assert laptop.push(m1).status_code == 200
    fresh = laptop.create()
    reused = replace(m1, patch={**m1.patch, "sex": "M" if m1.patch["sex"] == "F" else "F"})
    # the reused mid comes first: the whole push is refused, the new mutation with it
    r = laptop.push(reused, fresh)
    assert r.status_code == 409
    assert count_artisans(database_url, fresh.patch["cin"]) == 0


def test_provisional_reference_gets_its_nia(make_laptop):
    laptop = make_laptop()
    m = laptop.create(provisional=True)
    res = laptop.push(m).json()["results"][0]
    assert res["status"] == "applied"
    assert res["provisional_ref"] == m.patch["provisional_ref"]
    assert res["nia"] and res["nia"].startswith("07-")


def test_nia_outside_the_device_leases_is_refused(make_laptop):
    laptop, other = make_laptop(), make_laptop()
    m = laptop.create()
    m.patch["nia"] = other.take_nia()
    res = laptop.push(m).json()["results"][0]
    assert res["status"] == "rejected"
    assert res["error"] == "central.error.nia_outside_lease"


def test_invalid_record_is_rejected_with_field_errors(make_laptop):
    laptop = make_laptop()
    m = laptop.create(person("07", birth_date="2099-01-01", phone="12"))
    res = laptop.push(m).json()["results"][0]
    assert res["status"] == "rejected"
    assert {e["field"] for e in res["field_errors"]} >= {"birth_date", "phone"}
