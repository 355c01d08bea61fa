"""The system's print dialog, on the UI thread: a ``QPrinter`` on the printer chosen in
Settings, the paper proposed from the document's first page (card, A6, A5, A4 or the roll),
all the pages, in colour. The painting itself happens on a worker (``job.print_pdf``)."""

from __future__ import annotations

from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from ui import settings
from ui.i18n import t
from ui.pages.cards.job import page_size_of


def printer_for(data: bytes) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    name = settings.get(settings.PRINTER)
    if name:
        printer.setPrinterName(name)
    printer.setPageSize(page_size_of(data))  # a custom size keeps the card's landscape
    printer.setColorMode(QPrinter.ColorMode.Color)
    return printer


def ask_printer(parent: QWidget, data: bytes) -> QPrinter | None:
    """The printer the agent chose in the system's dialog, or None when cancelled."""
    printer = printer_for(data)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(t("ui.cards.print_title"))
    dialog.setOption(QPrintDialog.PrintDialogOption.PrintToFile, True)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return printer
