"""The reports a chamber reads, as plain data in one language: headline figures and the
series of each chart, labelled. The PDF (``printing/reports``) and the dashboard page
draw the same ``Report``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from app import caravan
from app.cardlife.machine import STATES
from app.i18n import tr
from app.reports import queries as q
from app.reports.queries import Scope

TOP = 8  # longer series keep their largest items and one "others" bar


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    kind: str  # bar, hbar, pie, line, groups (horizontal bars, several per item)
    items: tuple[tuple[str, int], ...]  # for groups: each item's first value
    legend: tuple[str, ...] = ()  # groups: what each of an item's values counts
    values: tuple[tuple[int, ...], ...] = ()  # groups: every value of each item

    @property
    def total(self) -> int:
        return sum(n for _, n in self.items)


@dataclass(frozen=True)
class Report:
    kind: str  # day, session
    lang: str
    title: str
    subtitle: str
    facts: tuple[tuple[str, str], ...]  # (label, value) shown under the title
    figures: tuple[tuple[str, int], ...]  # headline numbers
    charts: tuple[Chart, ...] = field(default=())
    generated_at: str = ""
    chamber: str = ""


SESSION_SERIES = ("enrolled", "badges_printed", "cards_handed_over")


def sessions_chart(sessions: list[dict], lang: str) -> Chart:
    """Enrolments, badges printed and cards handed over per caravan session (rows of
    ``queries.per_session``), in their order; a name two sessions share gets its dates."""
    labels = caravan.display_names([(s["name"], s["starts_on"]) for s in sessions])
    values = tuple(tuple(int(s[k]) for k in SESSION_SERIES) for s in sessions)
    return Chart(
        "sessions", tr("field.chart.sessions", lang), "groups",
        tuple((label, v[0]) for label, v in zip(labels, values, strict=True)),
        tuple(tr(f"field.figure.{k}", lang) for k in SESSION_SERIES), values,
    )  # fmt: skip


def _top(items: list[tuple[str, int]], lang: str, n: int = TOP) -> tuple[tuple[str, int], ...]:
    if len(items) <= n:
        return tuple(items)
    rest = sum(c for _, c in items[n - 1 :])
    return (*items[: n - 1], (tr("field.report.others", lang), rest))


def _label(ws, group: str, code: str, lang: str) -> str:
    try:
        if group in ("branch", "activity"):
            return ws.nomenclature.label(code, lang)
        if group == "commune":
            return ws.geo.commune(code).label(lang)
    except KeyError:
        return code
    return tr(f"{group}.{code}", lang)


def labelled(ws, conn, group: str, scope: Scope, lang: str) -> list[tuple[str, int]]:
    return [(_label(ws, group, c, lang), n) for c, n in q.counts_by(conn, group, scope)]


def _common_charts(ws, conn, scope: Scope, lang: str) -> list[Chart]:
    pipeline = q.card_pipeline(conn, scope)
    return [
        Chart("branch", tr("field.chart.branch", lang), "hbar",
              _top(labelled(ws, conn, "branch", scope, lang), lang)),
        Chart("activity", tr("field.chart.activity", lang), "hbar",
              _top(labelled(ws, conn, "activity", scope, lang), lang)),
        Chart("commune", tr("field.chart.commune", lang), "hbar",
              _top(labelled(ws, conn, "commune", scope, lang), lang)),
        Chart("category", tr("field.chart.category", lang), "pie",
              _top(labelled(ws, conn, "category", scope, lang), lang, 5)),
        Chart("pipeline", tr("field.chart.pipeline", lang), "hbar",
              tuple((tr(f"field.card_state.{s}", lang), pipeline[s]) for s in STATES)),
    ]  # fmt: skip


def day_report(ws, day: str, lang: str) -> Report:
    """One day's enrolments on this laptop."""
    day = dt.date.fromisoformat(day).isoformat()
    conn = ws.store.read()
    scope = Scope(day=day)
    sessions = [
        s for s in reversed(q.per_session(conn, day))
        if s["starts_on"] <= day <= s["ends_on"] or any(s[k] for k in SESSION_SERIES)
    ]  # fmt: skip
    hours = [(f"{h}h", n) for h, n in q.per_hour(conn, scope)]
    charts = [Chart("hour", tr("field.chart.hour", lang), "bar", tuple(hours))]
    if sessions:
        charts.append(sessions_chart(sessions, lang))
    charts += _common_charts(ws, conn, scope, lang)
    validated = dict(q.counts_by(conn, "status", scope)).get("validated", 0)
    return Report(
        "day", lang,
        tr("field.report.day_title", lang),
        day,
        ((tr("field.report.sessions", lang), ", ".join(s["name"] for s in sessions) or "-"),),
        ((tr("field.figure.enrolled", lang), q.total(conn, scope)),
         (tr("field.figure.validated", lang), validated),
         (tr("field.figure.sessions", lang), len(sessions))),
        tuple(charts),
    )  # fmt: skip


def session_report(ws, session_key: str, lang: str) -> Report:
    """One caravan session: its tallies and the same charts over its enrolments."""
    conn = ws.store.read()
    s = caravan.get(conn, session_key)
    summary = q.session_summary(conn, s.uid)
    scope = Scope(session_uid=s.uid)
    days = tuple(q.per_day(conn, scope))
    try:
        commune = ws.geo.commune(s.commune_code).label(lang)
    except KeyError:
        commune = s.commune_code
    facts = (
        (tr("field.report.commune", lang), commune),
        (tr("field.report.dates", lang), f"{s.starts_on} – {s.ends_on}"),  # Amiri has no arrow
        (tr("field.report.agents", lang), ", ".join(s.agents)),
    )
    figures = tuple(
        (tr(f"field.figure.{k}", lang), summary[k])
        for k in ("seen", "enrolled", "updated", "badges_printed", "cards_handed_over")
    )
    charts = [Chart("day", tr("field.chart.day", lang), "bar", days)]
    charts += _common_charts(ws, conn, scope, lang)
    return Report(
        "session", lang, tr("field.report.session_title", lang), s.name, facts, figures,
        tuple(charts),
    )  # fmt: skip
