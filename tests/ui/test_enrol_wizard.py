"""The enrolment wizard, driven with the keyboard: a whole enrolment, then the artisan found
by search; a bad CIN refused next to its field; the photo cropped and compressed."""

from __future__ import annotations

import random

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage

from ui.widgets.photo import load_photo_file


def test_whole_enrolment_typed_then_found_by_search(qtbot, keys, window, ws, tmp_path):
    wizard = window.enrol
    assert keys.focused() is wizard.steps[0].form.editors["cin"]
    # 1. identity: Enter moves from field to field, then on to the next step
    for text in ("ee771122", "خديجة", "بناني", "Khadija", "Bennani"):
        keys.line(text)
    keys.line("F")  # the sex list, by its first letter: Femme
    assert wizard.stack.currentWidget() is wizard.steps[1], wizard.steps[0].form.error_text("cin")
    # 2. birth and contact
    for text in ("1979-03-08", "Safi", "0661234567", "", ""):
        keys.line(text)
    assert wizard.stack.currentWidget() is wizard.steps[2]
    # 3. address: the region is the chamber's; type the commune's name
    commune = ws.geo.communes_in_region("07")[3]
    keys.press()  # region kept
    keys.press()  # province left empty: the commune sets it
    keys.line(commune.fr)
    keys.press() if wizard.stack.currentWidget() is wizard.steps[2] else None
    assert wizard.stack.currentWidget() is wizard.steps[3], wizard.steps[2].form.error_text(
        "commune_code"
    )
    assert wizard.steps[2].province.code() == commune.province
    # 4. activity: the category with the arrow keys, the activity by its name
    activity = ws.nomenclature.activities[5]
    keys.press(Qt.Key.Key_Down)
    keys.press(Qt.Key.Key_Down)
    keys.press()
    keys.press()  # craft category: the activity will set it
    keys.press()  # branch: idem
    keys.line(activity.fr)
    keys.press() if keys.focused() is wizard.steps[3].activity.lineEdit() else None
    keys.line("15")
    keys.line("ATT-2025-7")
    assert wizard.stack.currentWidget() is wizard.steps[4], [
        wizard.steps[3].form.error_text(f) for f in wizard.steps[3].fields
    ]
    assert wizard.steps[3].branch.code() == activity.branch
    # 5. workplace, AMO (no organisation fields for an individual)
    assert not wizard.steps[4].form.editors["org_name"].isVisibleTo(wizard.steps[4])
    for text in ("Souk Safi", "123456789"):
        keys.line(text)
    # 6. photo from a file (the file dialog aside), then Enter moves on
    picture = QImage(800, 600, QImage.Format.Format_RGB32)
    picture.fill(QColor("#8a5a44"))
    picture.save(str(tmp_path / "face.png"))
    wizard.steps[5].photo.load_file(str(tmp_path / "face.png"))
    assert wizard.steps[5].photo.data is not None
    keys.press()
    # 7. consent: Space ticks the box, Enter moves on to the review
    assert wizard.stack.currentWidget() is wizard.steps[6]
    keys.press(Qt.Key.Key_Space)
    keys.press()
    assert wizard.stack.currentWidget() is wizard.review
    shown = wizard.review.view.values
    assert shown["commune_code"].text() == commune.fr
    assert shown["category"].text() == "Artisan par expérience"
    # 8. save
    keys.press()
    assert wizard.stack.currentWidget() is wizard.result
    nia = wizard.result.nia.text().strip("\u2066\u2069")
    assert nia.startswith("07-")
    saved = ws.store.read().execute("SELECT * FROM artisan WHERE nia = ?", (nia,)).fetchone()
    assert saved["cin"] == "EE771122" and saved["phone"] == "+212661234567"
    assert saved["photo_sha256"] and saved["amo_number"] == "123456789"
    assert "1" in window.status.pending.text()
    # found by search, as the agent types
    window.show_page("register")
    qtbot.keyClicks(window.register.search, "bennani khad")
    qtbot.waitUntil(lambda: window.register.model.rowCount() == 1, timeout=3000)
    assert window.register.model.rows[0]["nia"] == nia
    assert "1" in window.register.count.text()
    # Enter on a single result opens the record
    qtbot.keyClick(window.register.search, Qt.Key.Key_Return)
    dialog = window.record_dialog
    assert dialog.view.values["cin"].text().strip("\u2066\u2069") == "EE771122"
    assert [dialog.history.item(0, 2).text()] == ["Inscription"]


def test_bad_cin_is_refused_next_to_its_field_in_the_ui_language(keys, window):
    wizard = window.enrol
    for text in ("123456", "خديجة", "بناني", "Khadija", "Bennani"):
        keys.line(text)
    keys.line("F")
    identity = wizard.steps[0]
    assert wizard.stack.currentWidget() is identity
    error = identity.form.errors["cin"]
    assert error.isVisible() and "123456" in error.text() and "invalide" in error.text()
    assert error.parentWidget() is identity.form.editors["cin"].parentWidget()
    assert keys.focused() is identity.form.editors["cin"]
    assert not identity.form.errors["first_name_ar"].isVisible()
    window.set_language("ar")
    assert "123456" in error.text() and "invalide" not in error.text()
    identity.form.editors["cin"].selectAll()
    keys.line("EE771122")
    keys.line("")  # Enter through to the end of the step
    for _ in range(4):
        if wizard.stack.currentWidget() is identity:
            keys.press()
    assert wizard.stack.currentWidget() is wizard.steps[1]


def test_missing_fields_of_later_steps_do_not_block_the_current_one(qtbot, keys, window):
    wizard = window.enrol
    keys.type("EE1")
    qtbot.keyClick(keys.focused(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    identity = wizard.steps[0]
    assert identity.form.errors["first_name_ar"].text() == "obligatoire"
    assert not identity.form.errors["cin"].isVisible()
    assert wizard.stack.currentWidget() is identity


def test_photo_is_cropped_to_3_4_and_about_25_kb(tmp_path):
    pixels = random.Random(3).randbytes(1600 * 900 * 3)  # noise: the hardest to compress
    noisy = QImage(pixels, 1600, 900, 1600 * 3, QImage.Format.Format_RGB888)
    assert noisy.save(str(tmp_path / "wide.png"))
    data = load_photo_file(str(tmp_path / "wide.png"))
    assert data[:3] == b"\xff\xd8\xff" and len(data) <= 25_000
    image = QImage.fromData(data)
    assert image.width() * 4 == image.height() * 3
