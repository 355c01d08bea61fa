"""Export… of the register's view, backups from Settings, and a blocked (restored) laptop
explained on the Sync page."""

from __future__ import annotations

import csv

import openpyxl
from PySide6.QtCore import Qt

from app.backups import Kdf

CHEAP = Kdf(time_cost=1, memory_kib=8 * 1024, parallelism=1)


def enrol_some(ws, valid) -> None:
    for i, (first, last) in enumerate(
        [("Fatima", "El Alaoui"), ("Fatima", "Bennani"), ("Youssef", "Tazi")]
    ):
        names = {"first_name_lat": first, "last_name_lat": last, "birth_date": f"198{i}-04-12"}
        ws.registry.enrol({**valid, "cin": f"EE12345{i}", **names}, "agent1")


def test_export_writes_the_rows_of_the_view(window, ws, valid, qtbot, tmp_path):
    enrol_some(ws, valid)
    window.show_page("register")
    window.register.search.setText("fatima")
    window.register.refresh()
    qtbot.waitUntil(lambda: window.register.model.rowCount() == 2)
    view = {window.register.model.uid_at(r) for r in range(2)}
    qtbot.mouseClick(window.register.export_button, Qt.MouseButton.LeftButton)
    dialog = window.export_dialog
    assert "fatima" in dialog.view.text()
    dialog.csv.setChecked(True)
    dialog.path.setText(str(tmp_path / "view.csv"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.result.rows == 2 and "2 artisan(s)" in dialog.status.text()
    with open(tmp_path / "view.csv", encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    assert len(rows) == 3 and all("Fatima" in ",".join(r) for r in rows[1:])
    cins = {ws.store.read().execute("SELECT cin FROM artisan WHERE uid = ?",
                                    (u,)).fetchone()[0] for u in view}  # fmt: skip
    assert {c for r in rows[1:] for c in r} >= cins
    dialog.xlsx.setChecked(True)  # the suffix follows the format
    assert dialog.path.text().endswith("view.xlsx")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    sheet = openpyxl.load_workbook(tmp_path / "view.xlsx").active
    assert sheet.max_row == 3


def test_export_cancelled_writes_nothing(window, ws, valid, tmp_path):
    enrol_some(ws, valid)
    dialog = window.export()
    dialog.path.setText(str(tmp_path / "all.csv"))
    dialog.csv.setChecked(True)
    from ui.pages.register import export

    real = export.export_file

    def cancelling(*a, **kw):
        dialog.job.stop.set()  # Cancel pressed while it runs
        return real(*a, **kw)

    export.export_file = cancelling
    try:
        dialog.start()
    finally:
        export.export_file = real
    assert not (tmp_path / "all.csv").exists()
    assert "annulé" in dialog.status.text().lower()


def test_backup_create_then_verify_through_the_dialogs(window, ws, valid, qtbot, tmp_path):
    enrol_some(ws, valid)
    window.show_page("settings")
    qtbot.mouseClick(window.settings_page.backup_buttons["create"], Qt.MouseButton.LeftButton)
    dialog = window.settings_page.backup_dialog
    dialog.kdf = CHEAP
    dialog.file.setText(str(tmp_path / "stick.backup"))
    dialog.passphrase.setText("short")
    assert "Trop courte" in dialog.hint.text()
    dialog.passphrase.setText("sable rouge de la palmeraie")
    assert "Bonne" in dialog.hint.text()
    dialog.again.setText("sable rouge de la palmeraie!")
    dialog.start()
    assert "diffèrent" in dialog.status.text() and not (tmp_path / "stick.backup").exists()
    dialog.passphrase.setText("sable rouge de la palmeraie")
    dialog.again.setText("sable rouge de la palmeraie")
    qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
    assert (tmp_path / "stick.backup").exists(), dialog.status.text()
    assert "3 artisan(s)" in dialog.status.text()
    dialog.close()
    verify = window.settings_page.open_backup("verify")
    verify.file.setText(str(tmp_path / "stick.backup"))
    verify.passphrase.setText("wrong passphrase here")
    verify.start()
    assert "incorrecte" in verify.status.text()
    verify.passphrase.setText("sable rouge de la palmeraie")
    verify.start()
    assert "intacte" in verify.status.text() and verify.info.counts["artisan"] == 3
    restore = window.settings_page.open_backup("restore")
    assert "enregistré de nouveau" in " ".join(
        w.text() for w in restore.findChildren(type(restore.status))
    )


def test_a_restored_laptop_is_explained_and_offered_the_form(window, ws):
    from sync.config import Registration

    Registration("http://127.0.0.1:9", "dev1", "07", "c1", "k.bennani", "2025-12-01").save(
        ws.profile.home
    )
    with ws.store.write() as w:
        w.execute("UPDATE sync_state SET blocked = 'restored'")
    window.show_page("sync")
    page = window.sync_page
    window.syncer.refresh_state()
    assert page.blocked.isVisible() and "restaurée" in page.blocked.text()
    assert page.form.isVisible() and not page.sync_button.isEnabled()
    runs = []
    window.syncer.finished.connect(lambda run, result, error: runs.append((result, error)))
    window.syncer.sync("timer")  # automatic runs skip a blocked laptop quietly
    assert runs == [(None, None)]
