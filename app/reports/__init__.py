"""Reports: the core's queries (``queries``: counts by code) and the labelled reports
(``build``: a day, a caravan session) that the PDF and the dashboard draw."""

from app.reports.build import Chart, Report, day_report, session_report
from app.reports.queries import (
    Scope,
    card_pipeline,
    counts_by,
    per_day,
    per_session,
    session_summary,
)

__all__ = [
    "Chart",
    "Report",
    "Scope",
    "card_pipeline",
    "counts_by",
    "day_report",
    "per_day",
    "per_session",
    "session_report",
    "session_summary",
]
