"""What the Sync page shows, read on a worker in one go: the registration, what is waiting,
the last run, a blocked laptop. Plain data; the page turns it into words."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from app import conflicts
from app.i18n import current_language
from ui.i18n import t
from ui.widgets.fields_view import ltr


@dataclass(frozen=True)
class LastRun:
    started_at: str
    finished_at: str | None
    outcome: str | None  # ok | error | None (never finished: the app was closed mid-run)
    summary: dict = field(default_factory=dict)


@dataclass(frozen=True)
class SyncState:
    registered: bool = False
    server: str = ""
    username: str = ""
    device_id: str = ""
    blocked: str | None = None
    creates: int = 0
    updates: int = 0
    statuses: int = 0
    photos: int = 0
    photo_bytes: int = 0
    conflicts: int = 0
    last: LastRun | None = None
    last_ok_at: str | None = None
    snapshot_part: int = 0  # bytes of a cut region snapshot download, kept for the next sync

    @property
    def pending(self) -> int:
        return self.creates + self.updates + self.statuses


def read_state(ws) -> SyncState:
    """On a worker: everything the page and the status bar need."""
    from sync.config import Registration, folder

    reg = Registration.load(ws.profile.home)
    part = sum(p.stat().st_size for p in folder(ws.profile.home).glob("snapshot-*.part"))
    conn = ws.store.read()
    ops = dict(conn.execute("SELECT op, count(*) FROM outbox GROUP BY op").fetchall())
    photos, size = conn.execute(
        "SELECT count(*), coalesce(sum(length(p.data)), 0) FROM blob_queue b"
        " LEFT JOIN photo p ON p.sha256 = b.sha256 WHERE b.direction = 'up'"
    ).fetchone()
    blocked = conn.execute("SELECT blocked FROM sync_state").fetchone()[0]
    row = conn.execute(
        "SELECT started_at, finished_at, outcome, summary FROM sync_run ORDER BY id DESC LIMIT 1"
    ).fetchone()
    last = None
    if row is not None:
        last = LastRun(row[0], row[1], row[2], json.loads(row[3] or "{}"))
    ok = conn.execute("SELECT max(finished_at) FROM sync_run WHERE outcome = 'ok'").fetchone()[0]
    return SyncState(
        registered=reg is not None,
        server=reg.server if reg else "",
        username=reg.username if reg else "",
        device_id=reg.device_id if reg else "",
        blocked=blocked,
        creates=int(ops.get("create", 0)),
        updates=int(ops.get("update", 0)),
        statuses=int(ops.get("status", 0)),
        photos=int(photos),
        photo_bytes=int(size),
        conflicts=conflicts.count_open(conn),
        last=last,
        last_ok_at=ok,
        snapshot_part=part,
    )


def when(stamp: str | None) -> str:
    """``2025-12-15T09:41:07+00:00`` → ``2025-12-15 09:41`` (local clock of the record)."""
    if not stamp:
        return ""
    return stamp.replace("T", " ")[:16]


def size_text(n: int) -> str:
    if n < 1_000_000:
        return t("ui.sync.size_kb", size=max(1, round(n / 1000)) if n else 0)
    size = f"{n / 1_000_000:.1f}"
    return t("ui.sync.size_mb", size=size.replace(".", ",") if current_language() == "fr" else size)


def error_text(summary: dict) -> str:
    """A failed run's error in the UI's language (the engine stores its message id)."""
    msgid = summary.get("error") or "sync.error.internal"
    params = dict(summary.get("params") or {})
    params.setdefault("kind", "?")
    try:
        return t(msgid, **params)
    except (KeyError, IndexError, ValueError):
        return msgid


def result_text(last: LastRun | None) -> str:
    """The last run in plain words."""
    if last is None:
        return t("ui.sync.last_never")
    at = ltr(when(last.finished_at or last.started_at))
    if last.outcome is None:
        return t("ui.sync.last_unfinished", at=at)
    s = last.summary
    if last.outcome != "ok":
        return t("ui.sync.last_error", at=at, error=error_text(s))
    text = t(
        "ui.sync.last_ok",
        at=at,
        sent=sum((s.get("pushed") or {}).values()),
        received=s.get("pulled", 0),
        photos_up=s.get("photos_up", 0),
        photos_down=s.get("photos_down", 0),
        conflicts=s.get("conflicts_open", 0),
        refused=s.get("refused", 0),
    )
    if s.get("snapshot") is not None:
        text += "\n" + t("ui.sync.last_snapshot", count=s["snapshot"])
    if s.get("cards_pulled"):
        text += "\n" + t("ui.sync.last_cards", count=s["cards_pulled"])
    return text
