"""The core's report queries: plain counts by code, no labels, no Qt, no PDF.

A ``Scope`` says which artisans are counted: all of the replica, those enrolled on one
day, or those enrolled during one caravan session. Days are the date part of the
records' ISO timestamps (UTC, as stored). Deleted records are never counted.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.cardlife.machine import STATES

GROUPS = {
    "branch": "a.branch_code",
    "activity": "a.activity_code",
    "commune": "a.commune_code",
    "category": "a.category",
    "status": "a.status",
    "sex": "a.sex",
}


@dataclass(frozen=True)
class Scope:
    day: str | None = None  # YYYY-MM-DD: enrolled that day
    session_uid: str | None = None  # enrolled during that session

    def where(self) -> tuple[str, list]:
        clauses, params = ["a.status != 'deleted'"], []
        if self.day:
            clauses.append("a.created_at >= ? AND a.created_at < ?")
            params += [self.day, self.day + "T99"]
        if self.session_uid:
            clauses.append(
                "a.uid IN (SELECT artisan_uid FROM session_event"
                " WHERE session_uid = ? AND action = 'artisan.enrol')"
            )
            params.append(self.session_uid)
        return " AND ".join(clauses), params


def total(conn, scope: Scope = Scope()) -> int:
    where, params = scope.where()
    return int(conn.execute(f"SELECT count(*) FROM artisan a WHERE {where}", params).fetchone()[0])  # noqa: S608  # nosec B608 # clauses from Scope.where (constant text); values bound


def counts_by(conn, group: str, scope: Scope = Scope()) -> list[tuple[str, int]]:
    """(code, count) per value of ``group``, largest first, then by code."""
    column = GROUPS[group]
    where, params = scope.where()
    rows = conn.execute(
        f"SELECT {column} AS k, count(*) AS n FROM artisan a WHERE {where}"  # noqa: S608  # nosec B608 # column from the GROUPS constant; values bound
        f" GROUP BY k ORDER BY n DESC, k",
        params,
    ).fetchall()
    return [(r[0], int(r[1])) for r in rows]


def per_day(conn, scope: Scope = Scope()) -> list[tuple[str, int]]:
    """(YYYY-MM-DD, enrolments), in date order."""
    where, params = scope.where()
    rows = conn.execute(
        f"SELECT substr(a.created_at, 1, 10) AS d, count(*) FROM artisan a WHERE {where}"  # noqa: S608  # nosec B608 # clauses from Scope.where; values bound
        " GROUP BY d ORDER BY d",
        params,
    ).fetchall()
    return [(r[0], int(r[1])) for r in rows]


def per_hour(conn, scope: Scope) -> list[tuple[str, int]]:
    """(HH, enrolments) for every hour that has any, in order."""
    where, params = scope.where()
    rows = conn.execute(
        f"SELECT substr(a.created_at, 12, 2) AS h, count(*) FROM artisan a WHERE {where}"  # noqa: S608  # nosec B608 # clauses from Scope.where; values bound
        " GROUP BY h ORDER BY h",
        params,
    ).fetchall()
    return [(r[0], int(r[1])) for r in rows]


def per_session(conn, day: str | None = None) -> list[dict]:
    """Every session, newest first, with what it achieved: artisans enrolled (not deleted),
    badges printed and cards handed over; with ``day``, only what was done that day."""
    rows = conn.execute(
        "SELECT s.uid, s.name, s.commune_code, s.starts_on, s.ends_on, s.closed_at,"
        " (SELECT count(DISTINCT e.artisan_uid) FROM session_event e JOIN artisan a"
        "   ON a.uid = e.artisan_uid"
        "  WHERE e.session_uid = s.uid AND e.action = 'artisan.enrol'"
        "    AND a.status != 'deleted' AND (?1 IS NULL OR (e.at >= ?1 AND e.at < ?2))"
        " ) AS enrolled,"
        " (SELECT count(*) FROM session_event e"
        "  WHERE e.session_uid = s.uid AND e.action = 'print.badge'"
        "    AND (?1 IS NULL OR (e.at >= ?1 AND e.at < ?2))) AS badges_printed,"
        " (SELECT count(*) FROM session_event e"
        "  WHERE e.session_uid = s.uid AND e.action = 'card.handover'"
        "    AND (?1 IS NULL OR (e.at >= ?1 AND e.at < ?2))) AS cards_handed_over"
        " FROM caravan_session s ORDER BY s.opened_at DESC, s.uid",
        (day, (day or "") + "T99"),
    ).fetchall()
    return [dict(r) for r in rows]


def card_pipeline(conn, scope: Scope = Scope()) -> dict[str, int]:
    """Cards per state (every state, zero included) for the artisans of ``scope``."""
    where, params = scope.where()
    rows = conn.execute(
        f"SELECT c.state, count(*) FROM card c JOIN artisan a ON a.uid = c.artisan_uid"  # noqa: S608  # nosec B608 # clauses from Scope.where; values bound
        f" WHERE {where} GROUP BY c.state",
        params,
    ).fetchall()
    out = dict.fromkeys(STATES, 0)
    out.update({r[0]: int(r[1]) for r in rows})
    return out


def session_summary(conn, session_uid: str) -> dict:
    """What a stop achieved: artisans seen (any tagged act), enrolled, updated, documents
    printed, cards handed over; enrolments by activity and by commune."""
    ev = dict(
        conn.execute(
            "SELECT action, count(*) FROM session_event WHERE session_uid = ? GROUP BY action",
            (session_uid,),
        ).fetchall()
    )

    def distinct(action: str | None) -> int:
        sql = "SELECT count(DISTINCT artisan_uid) FROM session_event WHERE session_uid = ?"
        args: list = [session_uid]
        if action:
            sql += " AND action = ?"
            args.append(action)
        return int(conn.execute(sql, args).fetchone()[0])

    scope = Scope(session_uid=session_uid)
    return {
        "seen": distinct(None),
        "enrolled": distinct("artisan.enrol"),
        "updated": distinct("artisan.update"),
        "proofs_printed": int(ev.get("print.proof", 0)),
        "badges_printed": int(ev.get("print.badge", 0)),
        "receipts_printed": int(ev.get("print.receipt", 0)),
        "cards_handed_over": int(ev.get("card.handover", 0)),
        "by_activity": counts_by(conn, "activity", scope),
        "by_commune": counts_by(conn, "commune", scope),
    }
