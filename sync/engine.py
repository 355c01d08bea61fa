"""One sync run: snapshot on first install, push, photos up, pull (a fresh snapshot when the
cursor is too old), the card feed, photos down, lease refill, trust refresh, certificate
renewal. One at a time per profile (``sync_lock``); cancellable between and inside steps;
every exchange retried with backoff (``sync.http``). The run and its outcome are kept in
``sync_run`` for the Sync page.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from app.clock import iso
from app.errors import UserFacingError
from sync import blobs, card_pull, pull, push, snapshot, trust_anchor, upkeep
from sync.client import Central
from sync.config import Registration
from sync.errors import CursorGone, MustReregister, SyncError
from sync.http import Backoff, Transport
from sync.lock import sync_lock

Progress = Callable[[str, int, int | None], None]


@dataclass
class SyncResult:
    pushed: dict[str, int] = field(default_factory=dict)
    pulled: int = 0
    cards_pulled: int = 0
    snapshot: int | None = None
    photos_up: int = 0
    photos_down: int = 0
    conflicts_open: int = 0
    refused: int = 0
    lease_left: int = 0
    trust_versions: tuple[int, int] | None = None
    certificate_until: str | None = None
    sent_bytes: int = 0
    received_bytes: int = 0

    def to_json(self) -> dict:
        return asdict(self)


def first_snapshot(ws, http: Transport, agent: str, progress: Progress | None = None) -> int:
    return snapshot.take(ws, http, agent, progress)


def _start(ws) -> int:
    with ws.store.write() as w:
        cur = w.execute("INSERT INTO sync_run (started_at) VALUES (?)", (iso(ws.registry.clock()),))
        return int(cur.lastrowid)


def _finish(ws, run_id: int, outcome: str, summary: dict) -> None:
    with ws.store.write() as w:
        w.execute(
            "UPDATE sync_run SET finished_at = ?, outcome = ?, summary = ? WHERE id = ?",
            (iso(ws.registry.clock()), outcome, json.dumps(summary, ensure_ascii=False), run_id),
        )
        w.execute("DELETE FROM sync_run WHERE id < ? - 200", (run_id,))


def run_sync(
    ws,
    *,
    server: str | None = None,
    password: Callable[[], str | None] | None = None,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    backoff: Backoff | None = None,
    pull_page: int = pull.PAGE,
    photo_workers: int = 4,
) -> SyncResult:
    """Run one sync of the profile ``ws``; ``SyncError`` (a ``UserFacingError``) if it failed."""
    reg = Registration.load(ws.profile.home)
    if reg is None:
        raise SyncError("sync.error.not_registered")
    with sync_lock(ws.profile.home):
        blocked = ws.store.read().execute("SELECT blocked FROM sync_state").fetchone()[0]
        if blocked:
            raise MustReregister(blocked)
        if server:
            trust_anchor.check_server(server)  # another address than the registered one
        http = Transport(server or reg.server, cancel=cancel, backoff=backoff)
        run_id = _start(ws)
        result = SyncResult()
        try:
            _steps(ws, http, reg, password, progress, result, pull_page, photo_workers)
        except UserFacingError as exc:
            _finish(ws, run_id, "error", {"error": exc.msgid, "params": _plain(exc.params)})
            raise
        except BaseException as exc:
            _finish(ws, run_id, "error", {"error": "sync.error.internal", "params": {
                "kind": type(exc).__name__}})  # fmt: skip
            raise
        finally:
            result.sent_bytes, result.received_bytes = http.sent_bytes, http.received_bytes
            http.close()
        _finish(ws, run_id, "ok", result.to_json())
        return result


def _steps(ws, http, reg, password, progress, result: SyncResult, page: int, workers: int):
    agent = reg.username
    Central(http, ws.profile.profile_id, reg, password).ensure()
    conn = ws.store.read()
    if conn.execute("SELECT pull_cursor FROM sync_state").fetchone()[0] is None:
        result.snapshot = first_snapshot(ws, http, agent, progress)
    result.pushed = push.push(ws, http, reg.client_id, agent, progress)
    result.photos_up = blobs.upload(ws, http, progress, workers)
    try:
        result.pulled = pull.pull(ws, http, agent, page, progress)
    except CursorGone:
        pull.reset(ws)
        result.snapshot = first_snapshot(ws, http, agent, progress)
        result.pulled = pull.pull(ws, http, agent, page, progress)
    result.cards_pulled = card_pull.pull_cards(ws, http, agent, page, progress)
    result.photos_down = blobs.download(ws, http, progress)
    result.lease_left = upkeep.refill_lease(ws, http)
    result.trust_versions = upkeep.refresh_trust(ws.profile.home, http)
    result.certificate_until = upkeep.renew_certificate(ws, http)
    conn = ws.store.read()
    result.conflicts_open = conn.execute(
        "SELECT count(*) FROM conflicts WHERE status = 'open'"
    ).fetchone()[0]
    result.refused = conn.execute("SELECT count(*) FROM push_refusal").fetchone()[0]


def _plain(params: dict) -> dict:
    return {
        k: v if isinstance(v, str | int | float | bool | None) else str(v)
        for k, v in params.items()
    }
