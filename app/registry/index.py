"""The full-text index of names (FTS5, contentless): normalised tokens and phonetic skeletons.

``names`` holds every name token normalised (Arabic normalisation, Latin folding, with
article-stripped variants); ``skel`` holds each token's script-independent skeleton, so a
name typed in one script finds the other.
"""

from __future__ import annotations

import sqlcipher3

from app.text.normalize import name_tokens
from app.text.translit import skeleton

NAME_FIELDS = ("first_name_ar", "last_name_ar", "first_name_lat", "last_name_lat")


def index_terms(rec: dict) -> tuple[str, str]:
    tokens: list[str] = []
    for field in NAME_FIELDS:
        tokens.extend(name_tokens(rec.get(field) or ""))
    names = " ".join(dict.fromkeys(tokens))
    skels = [skeleton(t) for t in tokens]
    skel = " ".join(dict.fromkeys(s for s in skels if len(s) >= 2))
    return names, skel


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
