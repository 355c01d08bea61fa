"""Exports of the register: CSV and XLSX of any filtered view, headers in the UI's language."""

from app.exports.service import ExportCancelled, ExportResult, export_file, export_rows
from app.exports.view import FILTER_KEYS, iter_view
from app.exports.writers import DELIMITERS, FORMATS

__all__ = [
    "DELIMITERS",
    "FILTER_KEYS",
    "FORMATS",
    "ExportCancelled",
    "ExportResult",
    "export_file",
    "export_rows",
    "iter_view",
]
