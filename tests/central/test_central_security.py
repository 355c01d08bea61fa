"""Threats of docs/SECURITY.md that no other test covered, over HTTP on loopback against the
real service and PostgreSQL: a leaked refresh token, forged and expired access tokens, a
rogue laptop without its device secret, a clone pushing under another client id, an old
registration code."""

from __future__ import annotations

import base64
import json
import uuid

from mihani_central_harness import PASSWORD, http

from app.credentials import generate_key, raw_public_key


def _refresh(base_url: str, token: str):
    return http.post(f"{base_url}/v1/auth/refresh", json={"refresh_token": token})


def test_a_reused_refresh_token_ends_the_whole_chain(make_laptop, base_url, admin):
    laptop = make_laptop()
    leaked = laptop.refresh
    thief = _refresh(base_url, leaked)  # the thief is first
    assert thief.status_code == 200
    thief_next = thief.json()["refresh_token"]
    mine = _refresh(base_url, leaked)  # the laptop presents the same token: two holders
    assert mine.status_code == 401 and mine.json()["error"] == "central.error.refresh_invalid"
    assert _refresh(base_url, thief_next).status_code == 401  # the thief's chain is over
    with admin.db.tx() as conn:  # the reuse is audited with how many tokens it ended
        ended = conn.execute(
            "SELECT max((details->>'ended')::int) AS n FROM audit"
            " WHERE action = 'refresh.reused' AND details->>'device' = %s",
            (laptop.device_id,),
        ).fetchone()["n"]
    assert ended == 1
    assert laptop.login(laptop.username, PASSWORD).status_code == 200  # the agent logs in again
    assert _refresh(base_url, laptop.refresh).status_code == 200


def test_a_refresh_token_of_another_device_is_left_alone(make_laptop, base_url):
    one, two = make_laptop(), make_laptop()
    assert _refresh(base_url, one.refresh).status_code == 200
    assert _refresh(base_url, one.refresh).status_code == 401  # reuse on laptop one
    assert _refresh(base_url, two.refresh).status_code == 200  # laptop two is not touched


def test_altered_and_expired_access_tokens_are_refused(make_laptop, admin):
    from central.security import TokenSigner

    laptop = make_laptop("07")
    assert laptop.get("/v1/sync/pull").status_code == 200
    version, payload, mac = laptop.token.split(".")
    body = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    body.update(g="01", r="operator")  # another region, a national role: same signature
    forged = base64.urlsafe_b64encode(json.dumps(body).encode()).rstrip(b"=").decode()
    for token in (f"{version}.{forged}.{mac}", f"{version}.{payload}.{mac[:-2]}AA"):
        r = laptop.get("/v1/sync/pull", headers={"Authorization": f"Bearer {token}"})
        assert r.status_code == 401 and r.json()["error"] == "central.error.token_invalid"
    expired = TokenSigner(admin.tokens.secret, ttl=-1).issue(
        body["a"], laptop.username, "agent", "07", laptop.device_id
    )
    r = laptop.get("/v1/sync/pull", headers={"Authorization": f"Bearer {expired}"})
    assert r.status_code == 401 and r.json()["error"] == "central.error.token_invalid"
    other_key = TokenSigner(b"k" * 32, ttl=900).issue(
        body["a"], laptop.username, "agent", "07", laptop.device_id
    )
    r = laptop.get("/v1/sync/pull", headers={"Authorization": f"Bearer {other_key}"})
    assert r.status_code == 401


def test_a_device_id_without_its_secret_cannot_log_in(make_laptop, base_url):
    laptop = make_laptop()
    for secret in ("", "x" * 43, laptop.secret[:-1] + ("A" if laptop.secret[-1] != "A" else "B")):
        r = http.post(f"{base_url}/v1/auth/login", json={
            "username": laptop.username, "password": PASSWORD,
            "device_id": laptop.device_id, "device_secret": secret})  # fmt: skip
        assert r.status_code == 401 and r.json()["error"] == "central.error.bad_device", secret


def test_a_clone_cannot_push_under_another_laptops_client_id(make_laptop):
    original, clone = make_laptop(), make_laptop()
    r = clone.push(clone.create(), client_id=original.client_id)
    assert r.status_code == 409 and r.json()["error"] == "central.error.client_mismatch"


def test_an_expired_registration_code_is_refused(admin, base_url):
    from central.services import devices

    device_id, code = devices.issue_code(admin, "07")
    with admin.db.tx() as conn:
        conn.execute(
            "UPDATE device SET code_expires_at = now() - interval '1 second' WHERE id = %s",
            (device_id,),
        )
    r = http.post(f"{base_url}/v1/devices/register", json={
        "code": code, "public_key": raw_public_key(generate_key()).hex(),
        "client_id": uuid.uuid4().hex})  # fmt: skip
    assert r.status_code == 403 and r.json()["error"] == "central.error.code_invalid"


def test_the_public_verify_page_refuses_a_picture_claiming_too_many_pixels(base_url):
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    for side in (10_000, 100_000):  # 100 M pixels: below Pillow's own refusal; 10 G: above
        header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
        deflate, row = zlib.compressobj(9), b"\x00" * (side + 1)  # real rows, all black
        rows = b"".join(deflate.compress(row) for _ in range(side if side == 10_000 else 1))
        idat = rows + deflate.flush()
        png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat)
        png += chunk(b"IEND", b"")
        assert len(png) < 1_000_000  # a small upload
        r = http.post(f"{base_url}/verify", files={"image": ("card.png", png, "image/png")})
        assert r.status_code == 422 and r.json()["error"] == "central.error.image_unreadable"
