"""The sync's errors a person can act on, and the retryable ones that never reach them."""

from __future__ import annotations

from app.errors import UserFacingError


class SyncError(UserFacingError):
    """A refusal or a failure of the sync, said in plain words (``sync.error.*``)."""


class Cancelled(SyncError):
    def __init__(self) -> None:
        super().__init__("sync.error.cancelled")


class MustReregister(SyncError):
    """The server knows this laptop's changes with other contents (a restored or cloned
    database): nothing more is sent until the laptop registers again."""

    def __init__(self, reason: str = "") -> None:
        super().__init__("sync.error.must_reregister", reason=reason)


class Unreachable(SyncError):
    def __init__(self, server: str, detail: str = "") -> None:
        super().__init__("sync.error.unreachable", server=server, detail=detail)


class ServerRefused(SyncError):
    """A 4xx answer: the server's own message (in our language) and its error id."""

    def __init__(self, status: int, error: str, message: str, params: dict | None = None) -> None:
        super().__init__("sync.error.server_refused", status=status, message=message)
        self.status, self.error, self.server_params = status, error, params or {}


class CursorGone(Exception):
    """410 on pull: the cursor is too old; take a fresh snapshot (never shown)."""


class Retryable(Exception):
    """A dropped, reset, cut or refused (5xx, 429) exchange: try again later."""
