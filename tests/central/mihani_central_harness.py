"""What the central tests share: a laptop-like HTTP client over ``requests`` (its records
come from ``bench.chaoskit.people``). The server runs in its own process (``conftest.py``);
everything goes over loopback HTTP, as the real sync client will."""

from __future__ import annotations

import functools
import uuid
from dataclasses import dataclass, field

import requests

from app.credentials import generate_key, raw_public_key
from app.wire import Mutation
from bench.chaoskit.people import person

TIMEOUT = 60
PASSWORD = "agent-password-1"  # noqa: S105 (test accounts)


class _Http:
    """``requests`` with a timeout on every call (``http.get``, ``http.post``...)."""

    def __getattr__(self, method: str):
        return functools.partial(getattr(requests, method), timeout=TIMEOUT)


http = _Http()


@dataclass
class Laptop:
    """A registered device with an agent logged in on it."""

    base: str
    region: str
    device_id: str
    secret: str
    client_id: str
    lease: dict
    token: str = ""
    refresh: str = ""
    lang: str = "fr"
    next_mid: int = 1
    next_serial: int = 0
    session: requests.Session = field(default_factory=requests.Session)

    @property
    def headers(self) -> dict:
        return {"Authorization": f"Bearer {self.token}", "Accept-Language": self.lang}

    def login(self, username: str, password: str) -> requests.Response:
        r = self.session.post(
            f"{self.base}/v1/auth/login",
            json={"username": username, "password": password, "device_id": self.device_id,
                  "device_secret": self.secret},
        )  # fmt: skip
        if r.status_code == 200:
            self.token, self.refresh = r.json()["access_token"], r.json()["refresh_token"]
        return r

    def get(self, path: str, **kw) -> requests.Response:
        kw["headers"] = {**self.headers, **kw.get("headers", {})}
        return self.session.get(self.base + path, **kw)

    def post(self, path: str, **kw) -> requests.Response:
        kw["headers"] = {**self.headers, **kw.get("headers", {})}
        return self.session.post(self.base + path, **kw)

    def take_nia(self) -> str:
        from app.nia import make_nia

        if not self.next_serial:
            self.next_serial = self.lease["first_serial"]
        self.next_serial += 1
        return make_nia(self.region, self.next_serial - 1)

    def create(self, rec: dict | None = None, *, provisional: bool = False) -> Mutation:
        rec = dict(rec or person(self.region))
        uid = str(uuid.uuid4())
        patch = {**rec, "uid": uid, "status": "pending", "version": 1}
        if provisional:
            patch["provisional_ref"] = f"P{self.region}-{self.client_id[:6]}-{self.next_mid:06d}"
        else:
            patch["nia"] = self.take_nia()
        return self.mutation("create", uid, patch)

    def update(self, uid: str, base_version: int, base: dict, patch: dict) -> Mutation:
        return self.mutation("update", uid, patch, base_version, base)

    def mutation(self, op, uid, patch, base_version=None, base_values=None) -> Mutation:
        m = Mutation(self.next_mid, "artisan", uid, op, patch, base_version, base_values,
                     "2025-12-15T09:30:00.000Z")  # fmt: skip
        self.next_mid += 1
        return m

    def push(self, *muts: Mutation, client_id: str | None = None) -> requests.Response:
        body = {"client_id": client_id or self.client_id, "mutations": [m.to_json() for m in muts]}
        return self.post("/v1/sync/push", json=body)


def register(base: str, code: str, region: str, key=None) -> Laptop:
    key = key or generate_key()
    client_id = uuid.uuid4().hex
    r = http.post(
        f"{base}/v1/devices/register",
        json={"code": code, "public_key": raw_public_key(key).hex(), "client_id": client_id},
    )
    assert r.status_code == 201, r.text
    d = r.json()
    return Laptop(base, region, d["device_id"], d["device_secret"], client_id, d["lease"])
