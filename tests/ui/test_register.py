"""The register: pages fetched lazily as the table scrolls, answers to an older query
dropped, filters, and the record with its history and editing on the base version."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QMessageBox

from ui import operations
from ui.pages.register import model as model_module
from ui.pages.register.source import Query

NAMES = [("Youssef", "يوسف"), ("Hassan", "حسن"), ("Said", "سعيد"), ("Rachid", "رشيد")]


@pytest.fixture
def twelve(ws, valid):
    """Twelve Tazi artisans, three per first name; the first six in the first commune."""
    communes = ws.geo.communes_in_region("07")
    done = []
    for i in range(12):
        lat, ar = NAMES[i % 4]
        rec = {
            **valid,
            "cin": f"EE{500000 + i}",
            "first_name_lat": lat, "first_name_ar": ar,
            "last_name_lat": "Tazi", "last_name_ar": "التازي",
            "birth_date": f"19{60 + i}-01-0{1 + i % 9}",
            "commune_code": communes[0 if i < 6 else 1].code,
        }  # fmt: skip
        done.append(ws.registry.enrol(rec, "agent1"))
    return done


def test_rows_arrive_page_by_page_as_the_view_asks(ws, twelve, monkeypatch):
    monkeypatch.setattr(model_module, "PAGE", 5)
    model = model_module.ArtisanModel(ws)
    model.set_query(Query("tazi"))
    assert model.rowCount() == 5 and model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 10
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 12 and not model.canFetchMore(QModelIndex())
    assert len({r["uid"] for r in model.rows}) == 12
    browse = model_module.ArtisanModel(ws)
    browse.set_query(Query(""))  # no query: everyone, newest first, by keyset pages
    while browse.canFetchMore(QModelIndex()):
        browse.fetchMore(QModelIndex())
    assert [r["uid"] for r in browse.rows] == [e.uid for e in reversed(twelve)]
    assert browse.total == 12


def test_an_older_answer_is_dropped(qtbot, ws, twelve):
    operations.set_synchronous(False)
    model = model_module.ArtisanModel(ws)
    model.set_query(Query("youssef"))
    model.set_query(Query(twelve[1].record["cin"]))  # the agent typed on
    qtbot.waitUntil(lambda: not model.loading, timeout=5000)
    operations.wait_idle()
    qtbot.wait(50)
    assert [r["uid"] for r in model.rows] == [twelve[1].uid]


def test_filters_and_search_as_you_type(qtbot, window, ws, twelve):
    page = window.register
    window.show_page("register")
    qtbot.waitUntil(lambda: page.model.rowCount() == 12)
    assert "12" in page.count.text()
    page.commune.set_code(ws.geo.communes_in_region("07")[1].code)
    assert page.model.rowCount() == 6
    qtbot.keyClicks(page.search, "hass")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=3000)
    assert page.model.rows[0]["first_name_lat"] == "Hassan"
    page.commune.set_code(None)
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)
    cells = [page.model.index(0, c).data() for c in range(page.model.columnCount())]
    assert "Hassan Tazi" in cells and "حسن التازي" in cells


def test_record_edit_keeps_the_base_version_and_shows_history(qtbot, window, ws, twelve):
    target = twelve[0]
    dialog = window.open_record(target.uid)
    assert dialog.view.values["first_name_lat"].text() == "Youssef"
    dialog.tabs.setCurrentIndex(1)
    phone = dialog.form.editors["phone"]
    phone.setText("0700000001")
    dialog.save_button.click()
    row = ws.store.read().execute("SELECT * FROM artisan WHERE uid = ?", (target.uid,)).fetchone()
    assert row["phone"] == "+212700000001" and row["version"] == 2
    patch = (
        ws.store.read()
        .execute(
            "SELECT base_version FROM outbox WHERE entity_uid = ? AND op = 'update'", (target.uid,)
        )
        .fetchone()
    )
    assert patch[0] == 1
    actions = [dialog.history.item(i, 2).text() for i in range(dialog.history.rowCount())]
    assert actions == ["Fiche modifiée", "Inscription"]
    # someone else changed the record meanwhile: the stale edit is refused, nothing lost
    ws.registry.update(target.uid, {"address": "Derb 1"}, "agent1", base_version=2)
    dialog.tabs.setCurrentIndex(1)
    dialog.form.editors["email"].setText("x@example.ma")
    dialog.save_button.click()
    boxes = [w for w in dialog.findChildren(QMessageBox) if w.objectName() == "userError"]
    assert boxes and "version" in boxes[-1].text()
    dialog.reload()
    dialog.tabs.setCurrentIndex(1)
    dialog.form.editors["phone"].setText("123")
    dialog.save_button.click()
    assert dialog.form.error_text("phone")  # inline, next to the field
