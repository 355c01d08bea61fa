"""What the dashboard shows, read on a worker: the key figures and the charts of
``app.reports.build`` for a day or a caravan session. No widget here.

Like the days (the last fortnight, not only the day), the sessions chart of the open
session shows the latest sessions around it; a day's shows that day's sessions."""

from __future__ import annotations

from dataclasses import dataclass

from app import caravan
from app.reports import build
from app.reports import queries as q
from app.reports.queries import Scope

CHARTS = ("days", "branch", "commune", "category", "pipeline", "sessions")
LAST_DAYS = 14
LAST_SESSIONS = 6


@dataclass(frozen=True)
class Dashboard:
    kind: str  # day, session
    subject: str  # the day, or the session's name
    session_uid: str | None
    figures: dict[str, int]  # artisans, enrolled, badges_printed, cards_handed_over
    charts: dict[str, build.Chart]


def _count(conn, sql: str, params) -> int:
    return int(conn.execute(sql, params).fetchone()[0])


def dashboard(ws, kind: str, day: str, lang: str) -> Dashboard:
    """``kind`` is ``day`` (``day`` given) or ``session`` (the open session)."""
    conn = ws.store.read()
    artisans = q.total(conn)
    if kind == "session":
        s = caravan.current(conn)
        if s is None:
            return Dashboard(kind, "", None, {"artisans": artisans}, {})
        report = build.session_report(ws, s.uid, lang)
        summary = q.session_summary(conn, s.uid)
        figures = {
            "artisans": artisans,
            "enrolled": summary["enrolled"],
            "badges_printed": summary["badges_printed"],
            "cards_handed_over": summary["cards_handed_over"],
        }
        days = next(c for c in report.charts if c.key == "day")
        recent = q.per_session(conn)[:LAST_SESSIONS]  # newest first: the open one leads
        sessions = build.sessions_chart(recent[::-1], lang)
        subject, uid = s.name, s.uid
    else:
        report = build.day_report(ws, day, lang)
        span = (day, day + "T99")
        figures = {
            "artisans": artisans,
            "enrolled": q.total(conn, Scope(day=day)),
            "badges_printed": _count(
                conn,
                "SELECT count(*) FROM audit WHERE action = 'print.badge' AND at >= ? AND at < ?",
                span,
            ),
            "cards_handed_over": _count(
                conn,
                "SELECT count(*) FROM card WHERE handed_over_at >= ? AND handed_over_at < ?",
                span,
            ),
        }
        recent = [(d, n) for d, n in q.per_day(conn) if d <= day][-LAST_DAYS:]
        days = build.Chart("day", "", "bar", tuple((d[5:], n) for d, n in recent))
        sessions = next((c for c in report.charts if c.key == "sessions"), None)
        subject, uid = day, None
    charts = {c.key: c for c in report.charts if c.key in CHARTS}
    charts["days"] = days
    if sessions is not None:
        charts["sessions"] = sessions
    return Dashboard(kind, subject, uid, figures, charts)
