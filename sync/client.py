"""An agent's authenticated session with the central service on this laptop.

The access token stays in memory; the refresh token (single use, rotating) is kept in the
OS keyring at once after each login or refresh. When the refresh token is refused (used
up by a refresh whose answer was lost, expired, revoked), the agent's password is asked for
through ``password`` (the CLI prompts, the UI shows a dialog, tests pass it); without one
the sync stops and says so.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from app.wire import Tokens
from sync import secrets
from sync.config import Registration
from sync.errors import ServerRefused, SyncError
from sync.http import Transport


class Central:
    def __init__(
        self,
        transport: Transport,
        profile_id: str,
        reg: Registration,
        password: Callable[[], str | None] | None = None,
    ) -> None:
        self.http, self.profile_id, self.reg = transport, profile_id, reg
        self.password = password
        self._lock = threading.Lock()
        self._renewed_at = -1e9
        transport.renew = self.renew

    def _keep(self, data: dict) -> Tokens:
        tokens = Tokens.from_json(data)
        secrets.set_refresh_token(self.profile_id, self.reg.username, tokens.refresh_token)
        self.http.token = tokens.access_token
        return tokens

    def login(self, password: str) -> Tokens:
        secret = secrets.device_secret(self.profile_id)
        if not secret:
            raise SyncError("sync.error.not_registered")
        body = {
            "username": self.reg.username,
            "password": password,
            "device_id": self.reg.device_id,
            "device_secret": secret,
        }
        try:
            return self._keep(self.http.post_json("/v1/auth/login", body, auth=False))
        except ServerRefused as exc:
            raise SyncError("sync.error.login_refused", message=exc.params["message"]) from exc

    def renew(self) -> None:
        """A new access token: from the refresh token, else by logging in again (once for
        all the threads that met the same expired token)."""
        with self._lock:
            if time.monotonic() - self._renewed_at < 5:
                return
            self._renew()
            self._renewed_at = time.monotonic()

    def _renew(self) -> None:
        token = secrets.refresh_token(self.profile_id, self.reg.username)
        if token:
            try:
                data = self.http.post_json("/v1/auth/refresh", {"refresh_token": token}, auth=False)
                self._keep(data)
                return
            except ServerRefused:
                secrets.set_refresh_token(self.profile_id, self.reg.username, None)
        password = self.password() if self.password else None
        if not password:
            raise SyncError("sync.error.login_needed", username=self.reg.username)
        self.login(password)

    def ensure(self) -> None:
        if not self.http.token:
            self.renew()
