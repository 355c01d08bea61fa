"""The Cards page: artisans chosen by typed keys or from the register, a batch made off the
UI thread with its progress bar, a working Cancel, the preview, a PDF whose codes verify,
and the QPrinter path; the enrolment result and the record open it for their artisan."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtPrintSupport import QPrinter
from ui_print_helpers import demo_artisans, enrol_through_the_wizard, verdicts_in

from ui import operations, pdf
from ui.pages.cards.job import page_size_of


@pytest.fixture
def page(window):
    window.show_page("cards")
    return window.cards


def names(recs) -> set[str]:
    return {f"{r['first_name_lat']} {r['last_name_lat']}" for r in recs}


def test_three_badges_saved_progress_to_the_end_and_codes_verify(qtbot, page, ws, tmp_path):
    three = demo_artisans(ws, 3)
    qtbot.keyClicks(page.selection.keys, " ".join(r["nia"] for r in three[:2]) + " NOPE-1")
    qtbot.keyClick(page.selection.keys, "\r")
    assert len(page.selection.records) == 2
    assert "NOPE-1" in page.selection.error.text() and page.selection.keys.text() == "NOPE-1"
    page.selection.keys.setText(three[2]["cin"])
    page.selection.add_button.click()
    assert page.selection.uids() == tuple(r["uid"] for r in three)
    page.set_document("badge")
    seen = []
    page.progress.valueChanged.connect(lambda v: seen.append((v, page.progress.maximum())))
    out = tmp_path / "badges.pdf"
    page.save_to(out)
    assert not page.busy()
    assert page.progress.maximum() == 6 and page.progress.value() == 6  # 2 steps an artisan
    assert [v for v, _ in seen] == sorted(v for v, _ in seen)
    assert str(out) in page.status.text()
    verdicts = verdicts_in(ws, out.read_bytes(), tmp_path)
    assert len(verdicts) == 3 and all(v.valid for v in verdicts)
    assert {v.claims.name_latin for v in verdicts} == names(three)
    # the preview reuses the saved PDF: nothing is signed again
    page.preview()
    assert len(page.view.pages) == 3 and page.made[1] == out.read_bytes()
    page.set_document("proof", imposed=True)
    assert page.made is None and page.view.pages == []  # changed: made again when asked


def test_cancel_stops_a_batch_of_many(page, ws):
    many = demo_artisans(ws, 60)
    page.selection.set_keys([r["uid"] for r in many])
    page.set_document("proof")

    def click_cancel(value: int) -> None:
        if value == 5 and page.cancel_button.isEnabled():
            page.cancel_button.click()

    page.progress.valueChanged.connect(click_cancel)
    page.preview()
    assert not page.busy()
    assert page.status.text().startswith("Annulé")
    assert page.made is None and page.view.pages == []
    assert page.preview_button.isEnabled() and not page.cancel_button.isEnabled()


def test_cancel_from_the_ui_thread_while_a_worker_runs(qtbot, page, ws):
    many = demo_artisans(ws, 150)
    page.selection.set_keys([r["uid"] for r in many])
    page.set_document("proof")
    operations.set_synchronous(False)
    page.preview()
    assert page.busy() and page.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: page.progress.value() > 0, timeout=10_000)
    page.cancel_button.click()
    qtbot.waitUntil(lambda: not page.busy(), timeout=10_000)
    assert page.status.text().startswith("Annulé")
    assert page.progress.value() == 0 and page.view.pages == []


def test_the_qprinter_path_prints_every_page(page, ws, tmp_path):
    three = demo_artisans(ws, 3)
    page.selection.set_keys([r["uid"] for r in three])
    page.set_document("badge")
    page.preview()
    made = page.made[1]
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setResolution(200)
    printer.setPageSize(page_size_of(made))
    page.print_to(printer)
    assert "3 page" in page.status.text()
    printed = (tmp_path / "printed.pdf").read_bytes()
    assert len(pdf.page_sizes(printed)) == len(pdf.page_sizes(made)) == 3
    verdicts = verdicts_in(ws, printed, tmp_path)
    assert len(verdicts) == 3 and all(v.valid for v in verdicts)
    # proofs: a front and a back for each artisan
    page.set_document("proof")
    page.print_to(printer)
    assert len(pdf.page_sizes((tmp_path / "printed.pdf").read_bytes())) == 6


def test_the_registers_selection_is_chosen(qtbot, window, ws):
    demo_artisans(ws, 5)
    window.show_page("register")
    table = window.register.table
    qtbot.waitUntil(lambda: window.register.model.rowCount() == 5)
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in (1, 3):
        table.selectionModel().select(window.register.model.index(row, 0), flags)
    window.show_page("cards")
    window.cards.selection.from_register.click()
    assert window.cards.selection.uids() == tuple(window.register.model.uid_at(r) for r in (1, 3))


def test_enrolment_result_buttons_print_for_the_new_artisan(window, ws, valid, tmp_path):
    wizard = window.enrol
    enrol_through_the_wizard(wizard, valid)
    assert wizard.stack.currentWidget() is wizard.result
    uid = wizard.result.uid
    buttons = {b.objectName(): b for b in wizard.result.print_buttons}
    assert all(b.isEnabled() for b in buttons.values())
    buttons["print_badge"].click()
    cards = window.cards
    assert window.stack.currentWidget() is cards
    assert cards.selection.uids() == (uid,)
    assert cards.request().kind == "badge" and len(cards.view.pages) == 1
    [verdict] = verdicts_in(ws, cards.made[1], tmp_path)
    assert verdict.valid and verdict.claims.name_latin == "Fatima Zahra El Alaoui"
    window.show_page("enrol")
    buttons["print_receipt"].click()
    assert cards.request().kind == "receipt" and cards.request().fmt == "a5"
    assert cards.made is not None and len(cards.view.pages) == 1
    buttons["print_proof"].click()
    assert cards.request().kind == "proof" and len(cards.view.pages) == 2  # front, back
    # the record's Print… does the same
    dialog = window.open_record(uid)
    cards.selection.clear()
    dialog.print_button.click()
    assert window.stack.currentWidget() is cards
    assert cards.selection.uids() == (uid,) and cards.view.pages


def test_a_preview_made_on_a_worker_thread(qtbot, page, ws):
    three = demo_artisans(ws, 3)
    page.selection.set_keys([r["uid"] for r in three])
    page.set_document("receipt")
    operations.set_synchronous(False)
    page.preview()
    qtbot.waitUntil(lambda: not page.busy(), timeout=20_000)
    assert len(page.view.pages) == 3 and page.progress.value() == page.progress.maximum()
