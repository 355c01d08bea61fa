"""PDF reports with charts: a day, a caravan session (``document``), drawn by ``charts``."""

from printing.reports.document import day_pdf, render_report, session_pdf

__all__ = ["day_pdf", "render_report", "session_pdf"]
