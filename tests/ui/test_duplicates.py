"""Before saving, a similar artisan (same birth date, close name in either script) is shown
side by side; the agent opens the existing record or confirms another person."""

from __future__ import annotations

import json

import pytest


def fill(wizard, data: dict) -> None:
    """Put a record into the wizard's fields (the keyboard is tested elsewhere)."""
    identity, birth, address, activity, work, _photo, consent, _review = wizard.steps
    for step in (identity, birth, work):
        for name, editor in step.form.editors.items():
            if name in data and hasattr(editor, "setText"):
                editor.setText(str(data[name]))
    identity.sex.set_code(data["sex"])
    address.commune.set_code(data["commune_code"])
    activity.category.set_code(data["category"])
    activity.activity.set_code(data["activity_code"])
    activity.form.editors["years_practice"].setText(str(data["years_practice"]))
    activity.form.editors["qualification_ref"].setText(data["qualification_ref"])
    consent.box.setChecked(True)


@pytest.fixture
def existing(ws, valid):
    return ws.registry.enrol(valid, "agent1")


@pytest.fixture
def twin(valid):
    """Another CIN, the same birth date, the name written differently."""
    return {**valid, "cin": "EE900001", "first_name_lat": "Fatima-Zahra", "last_name_lat": "Alaoui"}


def to_review(wizard) -> None:
    for _ in range(len(wizard.steps) - 1):
        wizard.next()
    assert wizard.stack.currentWidget() is wizard.review


def test_candidate_shown_side_by_side_then_open_existing(window, ws, existing, twin):
    wizard = window.enrol
    fill(wizard, twin)
    to_review(wizard)
    wizard.next()  # save
    page = wizard.duplicates
    assert wizard.stack.currentWidget() is page
    assert "1" in page.heading.text()
    cards = page.scroll.widget().findChildren(type(page.open_buttons[0].parentWidget()))
    texts = [label.text() for label in page.scroll.widget().findChildren(type(page.heading))]
    assert "Fatima-Zahra" in texts and "Fatima Zahra" in texts  # both people, side by side
    assert any(existing.nia in t for t in texts)
    assert len(cards) >= 2
    page.open_buttons[0].click()
    dialog = window.record_dialog
    assert dialog.uid == existing.uid and dialog.isVisible()
    assert wizard.stack.currentWidget() is wizard.steps[0]
    assert wizard.steps[0].form.editors["cin"].text() == ""  # the enrolment was abandoned
    assert ws.store.read().execute("SELECT count(*) FROM artisan").fetchone()[0] == 1


def test_confirm_another_person_enrols_and_records_the_acknowledgement(window, ws, existing, twin):
    wizard = window.enrol
    fill(wizard, twin)
    to_review(wizard)
    wizard.next()
    assert wizard.stack.currentWidget() is wizard.duplicates
    wizard.duplicates.confirm_button.click()
    assert wizard.stack.currentWidget() is wizard.result
    conn = ws.store.read()
    assert conn.execute("SELECT count(*) FROM artisan").fetchone()[0] == 2
    entry = conn.execute(
        "SELECT details FROM audit WHERE action = 'artisan.enrol' ORDER BY seq DESC LIMIT 1"
    ).fetchone()
    assert json.loads(entry[0])["acknowledged"] == [existing.uid]


def test_same_cin_is_a_hard_stop_shown_on_the_cin_field(window, ws, existing, valid):
    wizard = window.enrol
    fill(wizard, {**valid, "birth_date": "1990-01-01"})
    to_review(wizard)
    wizard.next()
    identity = wizard.steps[0]
    assert wizard.stack.currentWidget() is identity
    assert existing.nia in identity.form.error_text("cin")
    assert ws.store.read().execute("SELECT count(*) FROM artisan").fetchone()[0] == 1
