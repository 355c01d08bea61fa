"""A snapshot downloaded while the service makes it (``…/live?offset=N``), in a thread of its
own, into ``<profile>/central/snapshot-<id>.part``; the sync thread reads the same file as it
grows (``Follow``) and applies it meanwhile. A cut download continues from the bytes the file
holds; the SHA-256 of the whole file (``…/info``, once made) is checked before the caller
commits anything (``verified``).
"""

from __future__ import annotations

import hashlib
import io
import threading
from pathlib import Path

import requests

from sync import crashpoints
from sync.errors import Retryable, SyncError, Unreachable
from sync.http import Answer, Transport

CHUNK = 256 * 1024
INFO_WAIT = 0.05  # between asks for the description of a snapshot still being finished


class Live:
    """The download thread and what the reading thread needs to know of it."""

    def __init__(self, http: Transport, snapshot_id: str, dest: Path, progress=None) -> None:
        self.http, self.id, self.dest, self.progress = http, snapshot_id, dest, progress
        self.cond = threading.Condition()
        self.size = dest.stat().st_size if dest.exists() else 0  # bytes in the file
        self.done = False
        self.error: BaseException | None = None
        self.info: dict | None = None
        self.stopping = threading.Event()
        self.digest = hashlib.sha256()
        self.thread = threading.Thread(target=self._run, name="snapshot-download", daemon=True)

    def start(self) -> Live:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        self.thread.join(30)

    def _run(self) -> None:
        try:
            if self.size:
                with open(self.dest, "rb") as f:  # the bytes of an earlier, cut download
                    for block in iter(lambda: f.read(1 << 20), b""):
                        self.digest.update(block)
            self.info = self._download()
        except BaseException as exc:  # handed to the reading thread
            self.error = exc
        with self.cond:
            self.done = True
            self.cond.notify_all()

    def _download(self) -> dict:
        http, last = self.http, ""
        for attempt in range(http.backoff.attempts):
            http.check_cancel()
            try:
                self._stream()
                info = self._info()
                if info is not None:
                    return info
                continue  # the stream ended before the file did: ask again from where it is
            except (requests.RequestException, OSError, Retryable) as exc:
                last = f"{type(exc).__name__}: {exc}"[:300]
            http.sleep(http.backoff.delay(attempt))
        raise Unreachable(http.server, last)

    def _stream(self) -> None:
        http = self.http
        headers = {"Authorization": f"Bearer {http.token}", "Accept-Encoding": "identity"}
        url = f"{http.server}/v1/sync/snapshots/{self.id}/live"
        with http.session.get(
            url, params={"offset": self.size}, headers=headers, stream=True, timeout=http.timeout
        ) as resp:
            if resp.status_code == 401 and http.renew:
                http.renew()
                return
            if resp.status_code != 200:
                http._refuse(Answer(resp.status_code, resp.headers, resp.content))
            with open(self.dest, "ab") as out:
                for chunk in resp.raw.stream(CHUNK, decode_content=False):
                    out.write(chunk)
                    out.flush()
                    self.digest.update(chunk)
                    http.received_bytes += len(chunk)
                    with self.cond:
                        self.size += len(chunk)
                        self.cond.notify_all()
                    if self.progress:
                        self.progress("snapshot", self.size, None)
                    crashpoints.reached("snapshot.mid_download")
                    if self.stopping.is_set():
                        raise SyncError("sync.error.snapshot_damaged")  # the reader gave up
                    http.check_cancel()

    def _info(self) -> dict | None:
        """The made snapshot's description; None while the file is still growing."""
        while True:
            ans = self.http.call("GET", f"/v1/sync/snapshots/{self.id}/info", ok=(200, 202))
            info = ans.data
            if ans.status == 200:
                if self.size < int(info["size"]):
                    return None
                return info
            if self.stopping.wait(INFO_WAIT):
                raise SyncError("sync.error.snapshot_damaged")

    def wait_beyond(self, pos: int) -> bool:
        """Block until the file holds more than ``pos`` bytes (True) or the download ended
        there (False); the download's error, if it failed."""
        with self.cond:
            while self.size <= pos and not self.done:
                self.cond.wait(0.5)
                self.http.check_cancel()
            if self.size > pos:
                return True
        if self.error is not None:
            raise self.error
        return False

    def verified(self) -> dict:
        """After the whole file was read: the download's end, its size and SHA-256 checked."""
        self.thread.join()
        if self.error is not None:
            raise self.error
        info = self.info or {}
        if self.size != info.get("size") or self.digest.hexdigest() != info.get("sha256"):
            raise SyncError("sync.error.snapshot_damaged")
        return info


class Follow(io.RawIOBase):
    """The ``.part`` file read while ``Live`` appends to it: a read waits for more bytes."""

    def __init__(self, live: Live) -> None:
        super().__init__()
        self.live = live
        self.file = open(live.dest, "rb")  # noqa: SIM115 (closed with this reader)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while True:
            n = self.file.readinto(buffer)
            if n:
                return n
            if not self.live.wait_beyond(self.file.tell()):
                return 0

    def close(self) -> None:
        self.file.close()
        super().close()
