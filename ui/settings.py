"""Settings, declared once with their default and translatable title (Picard style).

Stored with ``QSettings``; nothing secret ever goes here (passwords are in the encrypted
store, the store's key in the OS keyring). Read with ``settings.get(LANGUAGE)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QSettings

ORGANISATION, APPLICATION = "Mihani", "Mihani"


@dataclass(frozen=True)
class Setting:
    key: str
    default: Any
    title: str  # message id

    def coerce(self, value: Any) -> Any:
        if value is None:
            return self.default
        kind = type(self.default)
        if kind is bool:
            return value in (True, "true", "1", 1)
        try:
            return kind(value)
        except (TypeError, ValueError):
            return self.default


LANGUAGE = Setting("ui/language", "fr", "ui.settings.language")
CENTRAL_URL = Setting("sync/central_url", "", "ui.settings.central_url")
PRINTER = Setting("printing/printer", "", "ui.settings.printer")
LOCK_MINUTES = Setting("security/lock_minutes", 10, "ui.settings.lock_minutes")
LAST_USER = Setting("login/last_user", "", "ui.settings.last_user")
RECEIPT_FORMAT = Setting("printing/receipt_format", "a5", "ui.settings.receipt_format")
SYNC_MINUTES = Setting("sync/minutes", 15, "ui.settings.sync_minutes")
EXPORT_FORMAT = Setting("export/format", "xlsx", "ui.settings.export_format")
ALL = (
    LANGUAGE, CENTRAL_URL, PRINTER, LOCK_MINUTES, LAST_USER, RECEIPT_FORMAT, SYNC_MINUTES,
    EXPORT_FORMAT,
)  # fmt: skip

_store: QSettings | None = None


def use(store: QSettings) -> None:
    """Use this ``QSettings`` (tests give one in a temporary file)."""
    global _store
    _store = store


def store() -> QSettings:
    global _store
    if _store is None:
        _store = QSettings(ORGANISATION, APPLICATION)
    return _store


def get(setting: Setting) -> Any:
    return setting.coerce(store().value(setting.key, setting.default))


def put(setting: Setting, value: Any) -> None:
    store().setValue(setting.key, value)
    store().sync()
