"""Fuzzing of the central service's API over HTTP, with seeded random requests: every
operation of its own OpenAPI, path and query parameters of any text, bodies that are random
JSON, mutated valid bodies (a push whose mutations carry junk), broken bytes, the wrong
content type; with a valid token, a forged one, or none. Every answer must be below 500,
and a refusal must be JSON with the error's id and a message (the ``/verify`` page answers
in HTML). A request that hangs is a failure too."""

from __future__ import annotations

import json
import random
import string
import time
import uuid
from urllib.parse import quote

import requests

from bench.chaoskit import Tally, junk
from bench.chaoskit.people import person

REGION = "11"
PASSWORD = "fuzz-password-1"  # noqa: S105 (a throwaway database)
SKIP = {("post", "/v1/sync/snapshots")}  # builds the region's snapshot: costly, not a parser


def _device(svc, base: str, role: str) -> dict:
    from app.credentials import generate_key, raw_public_key
    from central.services import accounts, devices

    name = f"fuzz{role}{uuid.uuid4().hex[:8]}"
    accounts.create_agent(svc.admin, name, PASSWORD, role, REGION)
    _, code = devices.issue_code(svc.admin, REGION)
    client_id = uuid.uuid4().hex
    reg = requests.post(f"{base}/v1/devices/register", timeout=60, json={
        "code": code, "public_key": raw_public_key(generate_key()).hex(),
        "client_id": client_id}).json()  # fmt: skip
    tok = requests.post(f"{base}/v1/auth/login", timeout=60, json={
        "username": name, "password": PASSWORD, "device_id": reg["device_id"],
        "device_secret": reg["device_secret"]}).json()  # fmt: skip
    return {"client_id": client_id, "token": tok["access_token"], "lease": reg["lease"]}


def _operations(base: str) -> list[tuple[str, str, dict]]:
    spec = requests.get(f"{base}/openapi.json", timeout=60).json()
    ops = []
    for path, item in spec["paths"].items():
        for method, op in item.items():
            if method in ("get", "post", "put", "patch", "delete", "head") and (
                (method, path) not in SKIP
            ):
                ops.append((method, path, op))
    return ops


def _push_body(rng: random.Random, dev: dict) -> dict:
    from app.nia import make_nia

    rec = junk.mutate_record(rng, person(REGION))
    patch = dict(rec) if isinstance(rec, dict) else {"x": rec}
    patch.update(uid=str(uuid.uuid4()), status="pending", version=1)
    patch["nia"] = make_nia(REGION, dev["lease"]["first_serial"] + rng.randint(0, 50))
    mutation = {"mid": rng.randint(1, 10**6), "entity": rng.choice(["artisan", "card", "x"]),
                "entity_uid": patch["uid"], "op": rng.choice(["create", "update", "status"]),
                "patch": patch, "base_version": rng.choice([None, 1, -1]),
                "base_values": rng.choice([None, {}, junk.value(rng)]),
                "created_at": junk.text(rng, 30)}  # fmt: skip
    if rng.random() < 0.3:
        mutation = junk.mutate_record(rng, mutation)
    return {"client_id": dev["client_id"], "mutations": [mutation]}


def _request(rng: random.Random, base: str, op: tuple, dev: dict) -> dict:
    method, path, spec = op
    for p in spec.get("parameters", []):
        if p["in"] == "path":
            raw = rng.choice([REGION, str(uuid.uuid4()), "0" * 64, junk.text(rng, 30)])
            path = path.replace("{" + p["name"] + "}", quote(raw, safe="") or "x")
    params = {
        p["name"]: junk.text(rng, 20) if rng.random() < 0.7 else str(junk.value(rng))
        for p in spec.get("parameters", [])
        if p["in"] == "query" and rng.random() < 0.7
    }
    headers = {"Accept-Language": rng.choice(["fr", "ar", "xx", ""])}
    auth = rng.random()
    if auth < 0.75:
        headers["Authorization"] = f"Bearer {dev['token']}"
    elif auth < 0.9:
        forged = "".join(rng.choice(string.ascii_letters + string.digits + ".-_~+/=") for _ in
                         range(rng.randint(0, 200)))  # fmt: skip
        headers["Authorization"] = f"Bearer {forged}"
    body = rng.random()
    kw: dict = {"params": params, "headers": headers}
    if path == "/v1/sync/push" and body < 0.5:
        kw["data"] = json.dumps(_push_body(rng, dev), allow_nan=True).encode()
        headers["Content-Type"] = "application/json"
    elif body < 0.75:
        kw["data"] = json.dumps(junk.value(rng), allow_nan=True).encode()
        headers["Content-Type"] = "application/json"
    elif body < 0.9:
        kw["data"] = rng.randbytes(rng.randint(0, 400))
        headers["Content-Type"] = rng.choice(["application/json", "text/plain", "x/y"])
    return {"method": method.upper(), "url": base + path, **kw}


def campaign(svc, deadline: float, seed: int) -> Tally:
    tally = Tally("fuzzing of the API")
    base = svc.server.url
    rng = random.Random(seed)
    devs = [_device(svc, base, "agent"), _device(svc, base, "supervisor")]
    ops = _operations(base)
    seen: set[str] = set()
    session = requests.Session()
    while time.monotonic() < deadline:
        op = rng.choice(ops)
        req = _request(rng, base, op, rng.choice(devs))
        tally.fuzz_cases += 1
        problem = ""
        try:
            r = session.request(timeout=30, **req)
            problem = _judge(r, op[1])
        except requests.Timeout:
            problem = "no answer within 30 s"
        except requests.ConnectionError as exc:
            problem = f"connection broken: {exc!r}"[:200]
            session = requests.Session()
        if problem:
            tally.fuzz_failures += 1
            kind = f"{op[0].upper()} {op[1]}: {problem}"
            if kind not in seen:
                seen.add(kind)
                tally.failed(kind)
    tally.trials = tally.fuzz_cases
    tally.breakdown["API requests"] = tally.fuzz_cases
    return tally.done()


def _judge(r: requests.Response, path: str) -> str:
    if r.status_code >= 500:
        return f"{r.status_code}: {r.text[:160]}"
    if r.status_code < 400 or r.request.method == "HEAD" or path == "/verify":
        return ""
    try:
        body = r.json()
    except ValueError:
        return f"{r.status_code} without a JSON body: {r.text[:120]!r}"
    if not (isinstance(body, dict) and body.get("error") and body.get("message")):
        return f"{r.status_code} without an error and a message: {str(body)[:160]}"
    return ""
