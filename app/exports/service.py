"""Export a register view to CSV or XLSX: streamed, written atomically, audited.

``export_rows`` yields the header then one list of cells per artisan of the view (the same
query and filters as the register); ``export_file`` writes them to a file next to its
final name and renames it when complete, then records who exported what, with which
filter, and how many rows, in the audit log. Callable off the UI thread, with a progress
callback and a cancel flag.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from app import audit
from app.clock import iso
from app.errors import UserFacingError
from app.exports.columns import Labeller, cell, columns_for
from app.exports.view import clean_filters, iter_view
from app.exports.writers import FORMATS, CsvWriter, XlsxWriter
from app.i18n import current_language, is_rtl, tr

PROGRESS_EVERY = 1000
CHECK_EVERY = 100


class ExportCancelled(UserFacingError):
    def __init__(self) -> None:
        super().__init__("export.cancelled")


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int
    fmt: str


def export_rows(
    ws,
    query: str = "",
    filters: Mapping[str, str | None] | None = None,
    columns: list[str] | tuple[str, ...] | None = None,
    lang: str | None = None,
) -> Iterator[list[str | int]]:
    """The header row, then the cells of each artisan of the view, one row at a time."""
    lang = lang or current_language()
    cols = columns_for(columns, lang)
    labels = Labeller(ws.geo, ws.nomenclature, lang)
    yield [c.header for c in cols]
    for row in iter_view(ws.store.read(), query, filters):
        yield [cell(row, c, labels) for c in cols]


def export_file(
    ws,
    path: Path,
    fmt: str,
    *,
    agent: str,
    query: str = "",
    filters: Mapping[str, str | None] | None = None,
    columns: list[str] | tuple[str, ...] | None = None,
    lang: str | None = None,
    delimiter: str = ";",
    progress: Callable[[int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ExportResult:
    if fmt not in FORMATS:
        raise UserFacingError("export.error.format", fmt=fmt)
    lang = lang or current_language()
    kept = clean_filters(filters)
    path = Path(path)
    tmp = path.with_name(f".{path.name}.part")
    try:
        writer = _open(fmt, tmp, lang, delimiter)
    except OSError as exc:
        raise UserFacingError("export.error.write", path=str(path), detail=str(exc)) from exc
    count = 0
    try:
        with contextlib.closing(export_rows(ws, query, kept, columns, lang)) as rows:
            writer.header(next(rows))
            for values in rows:
                writer.row(values)
                count += 1
                if count % CHECK_EVERY == 0:
                    _check(cancelled)
                    if progress is not None and count % PROGRESS_EVERY == 0:
                        progress(count)
        _check(cancelled)
        writer.close()
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(Exception):
            writer.abort()
        tmp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise UserFacingError("export.error.write", path=str(path), detail=str(exc)) from exc
        raise
    if progress is not None:
        progress(count)
    _audit(ws, agent, fmt, path, query, kept, columns, lang, count)
    return ExportResult(path, count, fmt)


def _check(cancelled: Callable[[], bool] | None) -> None:
    if cancelled is not None and cancelled():
        raise ExportCancelled


def _open(fmt: str, tmp: Path, lang: str, delimiter: str) -> CsvWriter | XlsxWriter:
    if fmt == "csv":
        return CsvWriter(tmp, delimiter)
    return XlsxWriter(tmp, tr("export.sheet_title", lang), is_rtl(lang))


def _audit(ws, agent, fmt, path, query, filters, columns, lang, count) -> None:
    with ws.store.write() as conn:
        audit.append(
            conn,
            at=iso(ws.registry.clock()),
            agent=agent,
            action="register.export",
            details={
                "format": fmt,
                "file": path.name,
                "query": query or "",
                "filters": filters,
                "columns": list(columns) if columns else "default",
                "lang": lang,
                "rows": count,
            },
        )
