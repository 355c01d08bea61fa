"""Agents, devices and tokens: one-time codes, rate-limited login, rotating refresh,
revocation that stops a laptop at once."""

from __future__ import annotations

from mihani_central_harness import PASSWORD, http, register

from app.credentials import generate_key, load_delegation, raw_public_key
from app.credentials.keys import kid_of


def test_registration_gives_certificate_lease_and_is_one_time(admin, base_url):
    from central.services import devices

    _, code = devices.issue_code(admin, "07")
    key = generate_key()
    laptop = register(base_url, code, "07", key)
    assert laptop.lease["region"] == "07" and laptop.lease["end_serial"] > laptop.lease[
        "first_serial"]  # fmt: skip
    again = http.post(f"{base_url}/v1/devices/register", json={
        "code": code, "public_key": raw_public_key(key).hex(), "client_id": "x" * 10})  # fmt: skip
    assert again.status_code == 403 and again.json()["error"] == "central.error.code_invalid"
    root = bytes.fromhex(http.get(f"{base_url}/v1/trust/root").json()["root_public_key"])
    r = http.post(f"{base_url}/v1/devices/register", json={
        "code": devices.issue_code(admin, "07")[1], "public_key": raw_public_key(key).hex(),
        "client_id": laptop.client_id})  # fmt: skip
    assert r.status_code == 409 and r.json()["error"] == "central.error.client_id_taken"
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    _, code2 = devices.issue_code(admin, "07")
    key2 = generate_key()
    import base64
    import uuid

    reg = http.post(f"{base_url}/v1/devices/register", json={
        "code": code2, "public_key": raw_public_key(key2).hex(),
        "client_id": uuid.uuid4().hex}).json()  # fmt: skip
    cert = load_delegation(base64.b64decode(reg["delegation"]),
                           Ed25519PublicKey.from_public_bytes(root), kid_of(
                               Ed25519PublicKey.from_public_bytes(root)))  # fmt: skip
    assert cert.device_id == reg["device_id"] and cert.region == "07"


def test_login_is_rate_limited(base_url, make_agent):
    name = make_agent("07")
    for _ in range(5):
        r = http.post(f"{base_url}/v1/auth/login", json={"username": name, "password": "no"})
        assert r.status_code == 401
    r = http.post(f"{base_url}/v1/auth/login", json={"username": name, "password": PASSWORD},
                      headers={"Accept-Language": "ar"})  # fmt: skip
    assert r.status_code == 429 and "Retry-After" in r.headers
    assert "محاولات" in r.json()["message"]


def test_refresh_rotates_and_a_used_token_is_refused(make_laptop, base_url):
    laptop = make_laptop()
    r = http.post(f"{base_url}/v1/auth/refresh", json={"refresh_token": laptop.refresh})
    assert r.status_code == 200 and r.json()["device_id"] == laptop.device_id
    reused = http.post(f"{base_url}/v1/auth/refresh", json={"refresh_token": laptop.refresh})
    assert reused.status_code == 401


def test_revoked_device_is_stopped_at_once_and_listed(make_laptop, base_url, operator_token):
    laptop = make_laptop()
    assert laptop.get("/v1/sync/pull").status_code == 200
    agent = laptop.post(f"/v1/admin/devices/{laptop.device_id}/revoke")
    assert agent.status_code == 403  # an agent is no operator
    before = int(http.get(f"{base_url}/v1/trust/revocations").headers["X-List-Version"])
    r = http.post(f"{base_url}/v1/admin/devices/{laptop.device_id}/revoke",
                      headers={"Authorization": f"Bearer {operator_token}"})  # fmt: skip
    assert r.status_code == 200
    assert laptop.get("/v1/sync/pull").status_code == 401
    pushed = laptop.push(laptop.create())
    assert pushed.status_code == 403 and pushed.json()["error"] == "central.error.device_revoked"
    after = http.get(f"{base_url}/v1/trust/revocations")
    assert int(after.headers["X-List-Version"]) > before
    relog = laptop.login(laptop.username, PASSWORD)  # type: ignore[attr-defined]
    assert relog.status_code == 403


def test_lease_refill(make_laptop):
    laptop = make_laptop()
    r = laptop.post("/v1/leases", json={"size": 50})
    assert r.status_code == 201
    lease = r.json()
    assert lease["end_serial"] - lease["first_serial"] == 50
    assert lease["first_serial"] >= laptop.lease["end_serial"]
    laptop.lease = lease
    laptop.next_serial = 0
    assert laptop.push(laptop.create()).json()["results"][0]["status"] == "applied"


def test_operator_issues_device_codes_over_the_api(base_url, operator_token, make_laptop):
    auth = {"Authorization": f"Bearer {operator_token}"}
    r = http.post(f"{base_url}/v1/admin/device-codes", json={"region": "03"}, headers=auth)
    assert r.status_code == 201 and r.json()["device_id"].startswith("LAP-03-")
    laptop = make_laptop()
    assert laptop.post("/v1/admin/device-codes", json={"region": "07"}).status_code == 403
