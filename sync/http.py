"""HTTP to the central service: retries with exponential backoff and full jitter, a cancel
flag honoured between and during waits, bearer tokens renewed on 401, and every answer read
whole inside the retry (a cut body is retried, never half-used).

Retried: connection refused, dropped or reset; timeouts; cut or garbled bodies; 5xx; 429.
Every call the sync makes is safe to repeat (push is exactly-once per mid on the server;
pull, snapshot and blob reads are reads; uploads resume at the server's offset).
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import requests

from app.i18n import current_language
from app.wire import WireError, load_json
from sync.errors import Cancelled, CursorGone, Retryable, ServerRefused, Unreachable

USER_AGENT = "mihani-sync/1"


@dataclass
class Backoff:
    """Full-jitter exponential backoff: sleep uniform(0, min(cap, base * 2**n))."""

    base: float = 0.25
    cap: float = 20.0
    attempts: int = 10
    rng: random.Random = field(default_factory=random.Random)

    def delay(self, attempt: int) -> float:
        return self.rng.uniform(0, min(self.cap, self.base * 2**attempt))


@dataclass
class Answer:
    status: int
    headers: dict
    content: bytes
    data: Any = None


class Transport:
    def __init__(
        self,
        server: str,
        *,
        cancel: threading.Event | None = None,
        backoff: Backoff | None = None,
        timeout: tuple[float, float] = (5.0, 60.0),
        lang: str | None = None,
    ) -> None:
        self.server = server.rstrip("/")
        self.cancel = cancel or threading.Event()
        self.backoff = backoff or Backoff()
        self.timeout = timeout
        self.lang = lang
        self.session = requests.Session()
        pool = requests.adapters.HTTPAdapter(pool_connections=4, pool_maxsize=32)
        self.session.mount("http://", pool)
        self.session.mount("https://", pool)
        self.session.headers["User-Agent"] = USER_AGENT
        self.token: str | None = None
        self.renew: Callable[[], None] | None = None  # set by the client: new access token
        self.sent_bytes = 0
        self.received_bytes = 0

    def check_cancel(self) -> None:
        if self.cancel.is_set():
            raise Cancelled()

    def sleep(self, seconds: float) -> None:
        if self.cancel.wait(seconds):
            raise Cancelled()

    def call(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        data: bytes | None = None,
        headers: dict | None = None,
        params: dict | None = None,
        expect_json: bool = True,
        auth: bool = True,
        ok: tuple[int, ...] = (200, 201, 204, 206),
    ) -> Answer:
        """One exchange, repeated until it succeeds, is refused (4xx) or attempts run out."""
        last = ""
        renewed = False
        for attempt in range(self.backoff.attempts):
            self.check_cancel()
            try:
                ans = self._once(method, path, json, data, headers, params, auth)
                if ans.status == 401 and auth and self.renew is not None and not renewed:
                    renewed = True
                    self.renew()
                    ans = self._once(method, path, json, data, headers, params, auth)
                if ans.status in ok:
                    if expect_json and ans.content:
                        ans.data = load_json(ans.content)
                    return ans
                self._refuse(ans)
            except (requests.RequestException, WireError, Retryable) as exc:
                last = f"{type(exc).__name__}: {exc}"[:300]
            self.sleep(self.backoff.delay(attempt))
        raise Unreachable(self.server, last)

    def _once(self, method, path, json, data, headers, params, auth) -> Answer:
        hdrs = {"Accept-Language": self.lang or current_language(), **(headers or {})}
        if auth and self.token:
            hdrs["Authorization"] = f"Bearer {self.token}"
        resp = self.session.request(
            method, self.server + path, json=json, data=data, headers=hdrs, params=params,
            timeout=self.timeout,
        )  # fmt: skip
        content = resp.content  # the whole body, or an exception (retried)
        length = resp.headers.get("Content-Length")
        framed = length is not None or "Transfer-Encoding" in resp.headers
        if not framed and method != "HEAD" and resp.status_code not in (204, 304):
            raise Retryable("answer cut in its headers")
        encoded = resp.headers.get("Content-Encoding")
        if length is not None and not encoded and method != "HEAD" and int(length) != len(content):
            raise Retryable("cut body")
        self.sent_bytes += len(data or b"") + (len(resp.request.body or b"") if json else 0)
        self.received_bytes += len(content)
        return Answer(resp.status_code, resp.headers, content)

    @staticmethod
    def _refuse(ans: Answer) -> None:
        if ans.status >= 500 or ans.status == 429 or ans.status == 408:
            raise Retryable(f"HTTP {ans.status}")
        if ans.status == 410:
            raise CursorGone()
        try:
            body = load_json(ans.content) if ans.content else {}
        except WireError:
            raise Retryable(f"HTTP {ans.status}, body not JSON") from None
        if not isinstance(body, dict):
            body = {}
        raise ServerRefused(
            ans.status,
            str(body.get("error") or ""),
            str(body.get("message") or f"HTTP {ans.status}"),
            body.get("params") if isinstance(body.get("params"), dict) else {},
        )

    def get_json(self, path: str, **kw) -> Any:
        return self.call("GET", path, **kw).data

    def post_json(self, path: str, body: Any, **kw) -> Any:
        return self.call("POST", path, json=body, **kw).data

    def close(self) -> None:
        self.session.close()


def now_monotonic() -> float:
    return time.monotonic()
