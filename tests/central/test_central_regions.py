"""Region isolation: a laptop or agent of region 07 neither reads nor writes region 01,
on every endpoint."""

from __future__ import annotations

import hashlib

import pytest
from mihani_central_harness import PASSWORD, http

from bench.chaoskit.people import person


@pytest.fixture(scope="module")
def two_regions(make_laptop):
    """A supervisor laptop of 01 with one record, a blob, a card, a conflict; one of 07."""
    r01 = make_laptop("01", role="supervisor")
    other01 = make_laptop("01", role="supervisor")
    m = r01.create(person("01"))
    assert r01.push(m).json()["results"][0]["status"] == "applied"
    uid = m.entity_uid
    other01.push(other01.update(uid, 1, {"workplace": None}, {"workplace": "B"}))
    r01.push(r01.update(uid, 1, {"workplace": None}, {"workplace": "A"}))
    conflicts = r01.get("/v1/regions/01/conflicts").json()["conflicts"]
    assert other01.post(f"/v1/regions/01/artisans/{uid}/validate").status_code == 200
    card = other01.post(f"/v1/regions/01/artisans/{uid}/card")
    assert card.status_code == 201, card.text
    photo = b"\xff\xd8\xff" + b"photo of region 01" * 10
    sha = hashlib.sha256(photo).hexdigest()
    up = r01.post("/v1/blobs/uploads", json={"sha256": sha, "size": len(photo),
                                             "mime": "image/jpeg"}).json()  # fmt: skip
    r01.session.patch(f"{r01.base}/v1/blobs/uploads/{up['upload_id']}", data=photo[:10],
                      headers={**r01.headers, "Upload-Offset": "0"})  # fmt: skip
    snap = r01.post("/v1/sync/snapshots").json()
    return {
        "laptop01": r01, "laptop07": make_laptop("07", role="supervisor"), "uid": uid,
        "conflict": conflicts[0]["id"] if conflicts else 1, "card": card.json()["card_number"],
        "sha": sha, "upload": up["upload_id"], "snapshot": snap["snapshot_id"],
    }  # fmt: skip


def test_every_region_path_refuses_another_region(two_regions, base_url):
    l07, ctx = two_regions["laptop07"], two_regions
    spec = http.get(f"{base_url}/openapi.json").json()
    values = {"{region}": "01", "{uid}": ctx["uid"], "{conflict_id}": str(ctx["conflict"])}
    seen = 0
    for path, ops in spec["paths"].items():
        if "{region}" not in path:
            continue
        url = path
        for k, v in values.items():
            url = url.replace(k, v)
        for method in ops:
            body = {"choice": "server"} if "resolve" in path else {}
            r = l07.session.request(method, l07.base + url, headers=l07.headers, json=body)
            assert r.status_code == 403, (method, path, r.status_code, r.text)
            assert r.json()["error"] == "central.error.other_region"
            seen += 1
    assert seen >= 7


def test_sync_endpoints_refuse_another_region(two_regions):
    l07 = two_regions["laptop07"]
    assert l07.get("/v1/sync/pull", params={"region": "01"}).status_code == 403
    assert l07.get("/v1/sync/cards", params={"region": "01"}).status_code == 403
    assert l07.post("/v1/sync/snapshots", params={"region": "01"}).status_code == 403
    r = l07.get(f"/v1/sync/snapshots/{two_regions['snapshot']}")
    assert r.status_code == 403


def test_pull_of_own_region_never_shows_another(two_regions):
    l07 = two_regions["laptop07"]
    page = l07.get("/v1/sync/pull", params={"limit": 10000}).json()
    region_col = page["columns"].index("region_code")
    assert all(row[region_col] == "07" for row in page["rows"])
    uid_col = page["columns"].index("uid")
    assert two_regions["uid"] not in {row[uid_col] for row in page["rows"]}


def test_push_cannot_touch_another_region(two_regions):
    l07, uid = two_regions["laptop07"], two_regions["uid"]
    upd = l07.update(uid, 1, {"workplace": "A"}, {"workplace": "hijacked"})
    r = l07.push(upd).json()["results"][0]
    assert r["status"] == "rejected" and r["error"] == "central.error.artisan_unknown"
    st = l07.mutation("status", uid, {"status": "deleted"}, 2, {"status": "validated"})
    assert l07.push(st).json()["results"][0]["error"] == "central.error.artisan_unknown"
    m = l07.create(person("01"))
    r = l07.push(m).json()["results"][0]
    assert r["status"] == "rejected"
    assert any(e["code"] == "error.commune_other_region" for e in r["field_errors"])
    m = l07.create(person("07"))
    m.patch["nia"] = "01" + m.patch["nia"][2:]
    r = l07.push(m).json()["results"][0]
    assert r["status"] == "rejected" and r["error"] in (
        "central.error.nia_region", "central.error.nia_invalid",
    )  # fmt: skip


def test_blobs_and_uploads_of_another_region_are_invisible(two_regions):
    l07, sha = two_regions["laptop07"], two_regions["sha"]
    assert l07.session.head(f"{l07.base}/v1/blobs/{sha}", headers=l07.headers).status_code == 404
    assert l07.get(f"/v1/blobs/{sha}").status_code == 404
    up = two_regions["upload"]
    h = l07.session.head(f"{l07.base}/v1/blobs/uploads/{up}", headers=l07.headers)
    assert h.status_code == 404
    p = l07.session.patch(f"{l07.base}/v1/blobs/uploads/{up}", data=b"x",
                          headers={**l07.headers, "Upload-Offset": "10"})  # fmt: skip
    assert p.status_code == 404


def test_cards_of_another_region_cannot_be_revoked(two_regions):
    l07 = two_regions["laptop07"]
    r = l07.post(f"/v1/cards/{two_regions['card']}/revoke", json={"reason": "x"})
    assert r.status_code == 404


def test_agent_cannot_log_in_on_a_laptop_of_another_region(two_regions, make_agent):
    l01 = two_regions["laptop01"]
    name = make_agent("07")
    r = http.post(f"{l01.base}/v1/auth/login", json={
        "username": name, "password": PASSWORD, "device_id": l01.device_id,
        "device_secret": l01.secret})  # fmt: skip
    assert r.status_code == 403 and r.json()["error"] == "central.error.device_other_region"
