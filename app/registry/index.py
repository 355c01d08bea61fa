"""The full-text index of names (FTS5, contentless): normalised tokens and phonetic skeletons.

``names`` holds every name token normalised (Arabic normalisation, Latin folding, with
article-stripped variants); ``skel`` holds each token's script-independent skeleton, so a
name typed in one script finds the other.

Names repeat enormously (a region of 200,000 artisans has about 1,300 distinct names): the
terms of each distinct name are computed once per process (``name_terms``) and shared by the
single-record path, the snapshot's bulk load and the demo fill.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import sqlcipher3

from app.text.normalize import name_tokens
from app.text.translit import skeleton

NAME_FIELDS = ("first_name_ar", "last_name_ar", "first_name_lat", "last_name_lat")


@lru_cache(maxsize=100_000)
def _one_name(name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A name's tokens and their skeletons of two letters or more, each without repeats."""
    tokens = tuple(dict.fromkeys(name_tokens(name)))
    skels = tuple(dict.fromkeys(s for s in map(skeleton, tokens) if len(s) >= 2))
    return tokens, skels


def name_terms(names: Iterable[str | None]) -> tuple[str, str]:
    """The ``names`` and ``skel`` columns of the index for these names, in this order."""
    tokens: tuple[str, ...] = ()
    skels: tuple[str, ...] = ()
    for name in names:
        if name is not None and not isinstance(name, str):  # from a damaged wire: refused
            raise TypeError(f"a name is text, not {type(name).__name__}")
        t, s = _one_name(name or "")
        tokens += t
        skels += s
    return " ".join(dict.fromkeys(tokens)), " ".join(dict.fromkeys(skels))


def index_terms(rec: dict) -> tuple[str, str]:
    return name_terms(rec.get(field) for field in NAME_FIELDS)


def index_artisan(conn: sqlcipher3.Connection, rowid: int, rec: dict) -> None:
    names, skel = index_terms(rec)
    conn.execute(
        "INSERT INTO artisan_fts (rowid, names, skel) VALUES (?, ?, ?)", (rowid, names, skel)
    )


def unindex_artisan(conn: sqlcipher3.Connection, rowid: int) -> None:
    conn.execute("DELETE FROM artisan_fts WHERE rowid = ?", (rowid,))


def reindex_artisan(conn: sqlcipher3.Connection, rowid: int, rec: dict) -> None:
    unindex_artisan(conn, rowid)
    if rec.get("status") != "deleted":
        index_artisan(conn, rowid, rec)


def rebuild_name_index(conn: sqlcipher3.Connection, batch: int = 5000) -> int:
    """Every artisan's index terms computed again (after the normalisation changed); how
    many were indexed. Deleted artisans stay out of the index, as ``reindex_artisan`` does."""
    conn.execute("INSERT INTO artisan_fts (artisan_fts) VALUES ('delete-all')")
    cols = ", ".join(NAME_FIELDS)
    cursor = conn.execute(f"SELECT id, {cols} FROM artisan WHERE status != 'deleted'")  # noqa: S608  # nosec B608 # constant column names
    count = 0
    while rows := cursor.fetchmany(batch):
        conn.executemany(
            "INSERT INTO artisan_fts (rowid, names, skel) VALUES (?, ?, ?)",
            [(r[0], *name_terms(r[1:])) for r in rows],
        )
        count += len(rows)
    return count
