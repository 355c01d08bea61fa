"""Settings: language (switched at once, layout mirrored), central service address, printer,
inactivity lock, profile directory, and "about" (versions, reference data)."""

from __future__ import annotations

import platform
from importlib.metadata import PackageNotFoundError, version

import PySide6
from PySide6.QtCore import Signal, qVersion
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.i18n import LANGUAGES, current_language
from ui import settings
from ui.i18n import bind, t
from ui.widgets.fields_view import ltr


def _printers() -> list[str]:
    try:
        from PySide6.QtPrintSupport import QPrinterInfo
    except ImportError:
        return []
    return [p.printerName() for p in QPrinterInfo.availablePrinters()]


def app_version() -> str:
    try:
        return version("mihani")
    except PackageNotFoundError:
        return "dev"


class SettingsPage(QWidget):
    language_changed = Signal(str)

    def __init__(self, session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("settingsPage")
        general = bind(QGroupBox(), title="ui.settings.general")
        form = QFormLayout(general)
        self.language = QComboBox()
        self.language.setObjectName("languageCombo")
        for lang in LANGUAGES:
            self.language.addItem(t(f"ui.lang.{lang}"), lang)
        self.language.setCurrentIndex(self.language.findData(current_language()))
        self.language.activated.connect(
            lambda _i: self.language_changed.emit(self.language.currentData())
        )
        self.central = QLineEdit(settings.get(settings.CENTRAL_URL))
        self.central.setObjectName("centralUrl")
        bind(self.central, placeholder="ui.settings.central_placeholder")
        self.central.editingFinished.connect(
            lambda: settings.put(settings.CENTRAL_URL, self.central.text().strip())
        )
        self.printer = QComboBox()
        self.printer.addItem("", "")
        for name in _printers():
            self.printer.addItem(name, name)
        self.printer.setCurrentIndex(max(0, self.printer.findData(settings.get(settings.PRINTER))))
        self.printer.activated.connect(
            lambda _i: settings.put(settings.PRINTER, self.printer.currentData())
        )
        self.lock = QSpinBox()
        self.lock.setRange(1, 120)
        self.lock.setValue(settings.get(settings.LOCK_MINUTES))
        self.lock.valueChanged.connect(lambda v: settings.put(settings.LOCK_MINUTES, v))
        self.sync_minutes = QSpinBox()
        self.sync_minutes.setObjectName("syncMinutes")
        self.sync_minutes.setRange(0, 240)  # 0: no timer (button, opening, closing, network)
        self.sync_minutes.setValue(settings.get(settings.SYNC_MINUTES))
        self.sync_minutes.valueChanged.connect(lambda v: settings.put(settings.SYNC_MINUTES, v))
        self.profile = QLabel(ltr(str(session.ws.profile.home)))
        self.profile.setWordWrap(True)
        for setting, editor in (
            (settings.LANGUAGE, self.language),
            (settings.CENTRAL_URL, self.central),
            (settings.PRINTER, self.printer),
            (settings.LOCK_MINUTES, self.lock),
            (settings.SYNC_MINUTES, self.sync_minutes),
        ):
            form.addRow(bind(QLabel(), text=setting.title), editor)
        form.addRow(bind(QLabel(), text="ui.settings.profile"), self.profile)
        backups = bind(QGroupBox(), title="ui.backup.group")
        row = QHBoxLayout(backups)
        self.backup_buttons = {}
        for mode in ("create", "verify", "restore"):
            button = bind(QPushButton(), text=f"ui.backup.{mode}_button")
            button.setObjectName(f"backup_{mode}_button")
            button.clicked.connect(lambda _=False, mode=mode: self.open_backup(mode))
            row.addWidget(button)
            self.backup_buttons[mode] = button
        row.addStretch(1)
        about = bind(QGroupBox(), title="ui.settings.about")
        self.about = QLabel()
        self.about.setObjectName("aboutText")
        self.about.setWordWrap(True)
        QVBoxLayout(about).addWidget(self.about)
        layout = QVBoxLayout(self)
        layout.addWidget(general)
        layout.addWidget(backups)
        layout.addWidget(about)
        layout.addStretch(1)
        self.retranslate()

    def open_backup(self, mode: str):
        from PySide6.QtCore import Qt

        from ui.pages.backup import BackupDialog

        dialog = BackupDialog(self.session, mode, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.backup_dialog = dialog
        return dialog

    def retranslate(self) -> None:
        for i in range(self.language.count()):
            self.language.setItemText(i, t(f"ui.lang.{self.language.itemData(i)}"))
        self.language.setCurrentIndex(self.language.findData(current_language()))
        self.printer.setItemText(0, t("ui.settings.no_printer"))
        ws = self.session.ws
        nom = ws.nomenclature
        notice = nom.notice.get(current_language(), "") if nom.is_indicative else ""
        lines = [
            t("ui.about.app", version=ltr(app_version())),
            ltr(  # all Latin: one left-to-right run, even in an Arabic paragraph
                t(
                    "ui.about.runtime",
                    python=platform.python_version(),
                    qt=qVersion(),
                    pyside=PySide6.__version__,
                )
            ),
            t("ui.about.nomenclature", version=ltr(nom.version)),
            notice,
            t(
                "ui.about.profile",
                region=ws.geo.label(ws.profile.region_code),
                device=ltr(ws.profile.device_id),
            ),
            t("ui.about.geo_credit"),
        ]
        self.about.setText("\n".join(x for x in lines if x))
