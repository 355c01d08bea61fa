"""Search as you type: exact lookups by CIN, NIA, provisional reference or phone; names through
FTS5 in both scripts, ranked in tiers (whole words, then prefixes, then sound-alikes), paged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import phonenumbers
import sqlcipher3

from app.model.fields import CIN_RE
from app.nia import looks_like_nia, parse_nia
from app.text.normalize import join_apostrophes, normalize_name
from app.text.translit import skeleton

COUNT_CAP = 1000
_PROV_RE = re.compile(r"^P\d{2}-[0-9a-f]{6}-\d{6}$", re.IGNORECASE)
_SAFE_TOKEN = re.compile(r"[^\w]", re.UNICODE)


@dataclass
class SearchResult:
    query: str
    kind: str  # name, cin, nia, ref, phone, empty
    items: list[dict] = field(default_factory=list)
    total: int = 0
    total_capped: bool = False


def classify(query: str) -> tuple[str, str]:
    """What the agent typed: ('nia'|'ref'|'cin'|'phone'|'name'|'empty', the normalised key)."""
    q = " ".join((query or "").split())
    compact = q.replace(" ", "")
    if not q:
        return "empty", ""
    if looks_like_nia(compact):
        return "nia", parse_nia(compact) or compact
    if _PROV_RE.match(compact):
        return "ref", compact[0].upper() + compact[1:].lower()
    if CIN_RE.match(compact.upper()):
        return "cin", compact.upper()
    digits = re.sub(r"[\s\-.()]", "", q)
    if re.fullmatch(r"\+?\d{9,15}", digits):
        try:
            num = phonenumbers.parse(digits, "MA")
            return "phone", phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164)
        except phonenumbers.NumberParseException:
            return "phone", digits
    return "name", q


def _tokens(text: str) -> list[str]:
    out = []
    for tok in normalize_name(join_apostrophes(text)).split():
        tok = _SAFE_TOKEN.sub("", tok)
        if tok:
            out.append(tok)
    return out


def _fetch(conn: sqlcipher3.Connection, ids: list[int]) -> list[dict]:
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    rows = conn.execute(f"SELECT * FROM artisan WHERE id IN ({marks})", ids).fetchall()  # noqa: S608  # nosec B608 # only ? placeholders joined; ids bound
    by_id = {row["id"]: dict(row) for row in rows}
    return [by_id[i] for i in ids if i in by_id]


def _match(conn: sqlcipher3.Connection, expr: str, limit: int) -> list[int]:
    rows = conn.execute(
        "SELECT rowid FROM artisan_fts WHERE artisan_fts MATCH ? LIMIT ?", (expr, limit)
    ).fetchall()
    return [r[0] for r in rows]


def _count(conn: sqlcipher3.Connection, expr: str) -> int:
    return int(
        conn.execute(
            "SELECT count(*) FROM"
            " (SELECT rowid FROM artisan_fts WHERE artisan_fts MATCH ? LIMIT ?)",
            (expr, COUNT_CAP + 1),
        ).fetchone()[0]
    )


def search(
    conn: sqlcipher3.Connection, query: str, limit: int = 20, offset: int = 0
) -> SearchResult:
    kind, key = classify(query)
    result = SearchResult(query=query, kind=kind)
    if kind == "empty":
        return result
    if kind != "name":
        column = {"nia": "nia", "ref": "provisional_ref", "cin": "cin", "phone": "phone"}[kind]
        rows = conn.execute(
            f"SELECT * FROM artisan WHERE {column} = ? ORDER BY id LIMIT ? OFFSET ?",  # noqa: S608  # nosec B608 # column from a fixed map of four names; key bound
            (key, limit, offset),
        ).fetchall()
        result.items = [dict(r) for r in rows]
        result.total = offset + len(result.items)
        return result
    tokens = _tokens(key)
    if not tokens:
        return result
    want = offset + limit
    exact = "names : (" + " ".join(f'"{t}"' for t in tokens) + ")"
    prefix = "names : (" + " ".join(f'"{t}"*' for t in tokens) + ")"
    ids: list[int] = list(dict.fromkeys(_match(conn, exact, want)))
    if len(ids) < want:
        seen = set(ids)
        ids.extend(i for i in _match(conn, prefix, want) if i not in seen)
    total = _count(conn, prefix)
    skels = [skeleton(t) for t in tokens]
    if len(ids) < want and all(len(s) >= 2 for s in skels):
        sound = "skel : (" + " ".join(f'"{s}"' for s in skels) + ")"
        seen = set(ids)
        extra = [i for i in _match(conn, sound, want) if i not in seen]
        ids.extend(extra)
        total += len(extra)
    result.items = _fetch(conn, ids[offset:want])
    result.total = max(total, len(ids))
    result.total_capped = total > COUNT_CAP
    return result
