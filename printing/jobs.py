"""One print job, from artisan keys to a PDF: what the CLI and the UI call.

``make_pdf`` reads the records (in the calling thread: the store gives each thread its
own read connection), signs the QR codes and draws; ``write_pdf`` also writes the file
atomically. Progress counts the records read, then the documents drawn: 2 x n steps.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from pathlib import Path

from app.errors import UserFacingError
from printing import documents
from printing.model import Cancel, Progress, collect


def make_pdf(
    ws,
    kind: str,
    keys: Sequence[str],
    *,
    imposed: bool = False,
    fmt: str = "a5",
    issuer=None,
    now: dt.datetime | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> bytes:
    """The PDF of ``kind`` (proof, badge, receipt) for the artisans named by ``keys``."""
    if kind not in documents.KINDS:
        raise ValueError(f"unknown document kind {kind!r}")
    if fmt not in documents.RECEIPT_FORMATS:
        raise ValueError(f"unknown receipt format {fmt!r}")
    if not keys:
        raise UserFacingError("print.error.no_keys")
    if imposed and kind == "receipt":
        raise UserFacingError("print.error.sheet_not_for_receipt")
    total = 2 * len(keys)

    def read(done: int, _n: int) -> None:
        if progress is not None:
            progress(done, total)

    def drew(done: int, _n: int) -> None:
        if progress is not None:
            progress(len(keys) + done, total)

    views = collect(ws, keys, issuer=issuer, now=now, progress=read, cancel=cancel)
    data = documents.render(kind, views, imposed=imposed, fmt=fmt, progress=drew, cancel=cancel)
    if progress is not None:
        progress(total, total)
    return data


def write_pdf(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (a half-written PDF never replaces a good one)."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UserFacingError(
            "print.error.write_failed", path=str(path), detail=exc.strerror or str(exc)
        ) from None
