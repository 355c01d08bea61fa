"""Caravan sessions where the agent reads them: the dashboard's chart of the sessions (one
group of bars per session, with its enrolments, badges and handovers), the card pipeline
written in full beside horizontal bars (mirrored in Arabic), and the register filtered by
session, down to the export of that view."""

from __future__ import annotations

import openpyxl
import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from app import caravan
from app.cardlife import CardLife
from app.cardlife.machine import STATES
from app.i18n import tr
from ui.widgets.bars import BAR, BarChart

NAMES = [("Youssef", "يوسف"), ("Hassan", "حسن"), ("Said", "سعيد"), ("Rachid", "رشيد")]


def enrol(ws, valid, first: int, count: int) -> list[str]:
    uids = []
    for i in range(first, first + count):
        lat, ar = NAMES[i % len(NAMES)]
        rec = {**valid, "cin": f"EE{880000 + i}", "first_name_lat": lat, "first_name_ar": ar,
               "last_name_lat": "Tazi", "last_name_ar": "التازي",
               "birth_date": f"19{60 + i}-0{1 + i % 9}-1{i % 9}"}  # fmt: skip
        uids.append(ws.registry.enrol(rec, "agent1").uid)
    return uids


def stop(ws, valid, name: str, first: int, count: int, badges: int, handovers: int):
    """A caravan session with ``count`` enrolments, ``badges`` badges printed and
    ``handovers`` cards handed over; left open."""
    today = ws.registry.clock().date().isoformat()
    commune = ws.geo.communes_in_region("07")[0].code
    s = caravan.open_session(ws, name=name, commune_code=commune, starts_on=today,
                             ends_on=today, agents=["agent1"], by="agent1")  # fmt: skip
    uids = enrol(ws, valid, first, count)
    caravan.record_print(ws, "badge", uids[:badges], "agent1")
    life = CardLife(ws)
    for uid in uids[:handovers]:
        ws.registry.set_status(uid, "validated", "agent1")
        card = life.request(uid, "agent1")["uid"]
        for step in (life.produce, life.printed, life.receive):
            step(card, "agent1")
        life.handover(card, "agent1", "Fatima", "fiche 7")
    return s, uids


@pytest.fixture
def stops(ws, valid):
    """Two enrolled outside any session, then a closed session and an open one."""
    outside = enrol(ws, valid, 0, 2)
    first, first_uids = stop(ws, valid, "Caravane Chichaoua", 10, 4, 3, 1)
    caravan.close_session(ws, "agent1")
    second, second_uids = stop(ws, valid, "Caravane Al Haouz", 20, 2, 1, 0)
    return {"outside": outside, first.uid: first_uids, second.uid: second_uids,
            "sessions": (first, second)}  # fmt: skip


def painted(chart) -> tuple[list[str], list[int]]:
    """What the chart wrote as labels, and the columns where its bars' colour shows."""
    image = chart.grab().toImage()
    columns = [
        x for x in range(image.width())
        if any(image.pixelColor(x, y) == BAR for y in range(0, image.height(), 2))
    ]  # fmt: skip
    return chart.shown_labels, columns


@pytest.mark.parametrize("period", [1, 2])  # the day, then the open session
def test_the_dashboard_has_one_group_of_bars_per_session(window, ws, stops, period):
    window.show_page("reports")
    page = window.reports
    if period == 1:
        page.day.setDate(page.day.date().fromString(page.today(), "yyyy-MM-dd"))
    page.period.setCurrentIndex(period)
    chart = page.charts["sessions"]
    assert chart.title == tr("field.chart.sessions", "fr")
    assert chart.items == (("Caravane Chichaoua", 4), ("Caravane Al Haouz", 2))
    assert chart.values == ((4, 3, 1), (2, 1, 0))  # enrolled, badges printed, handed over
    assert chart.legend == ("Inscrits", "Badges imprimés", "Cartes remises")
    labels, columns = painted(chart)
    assert labels == ["Caravane Chichaoua", "Caravane Al Haouz"]  # whole, not elided
    assert columns


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_the_card_pipeline_is_written_in_full_beside_its_bars(window, ws, stops, lang):
    window.set_language(lang)
    window.show_page("reports")
    page = window.reports
    page.refresh()
    chart = page.charts["pipeline"]
    assert chart.horizontal
    want = [tr(f"field.card_state.{s}", lang) for s in STATES]
    assert [label for label, _ in chart.items] == want
    assert dict(zip(want, (n for _, n in chart.items), strict=True))[want[STATES.index(
        "handed_over")]] == 1  # fmt: skip
    labels, columns = painted(chart)
    assert labels == want  # every state in full: nothing elided
    width = chart.width()
    if lang == "ar":  # mirrored: labels on the right, bars growing leftwards from them
        assert max(columns) < width * 0.75 and chart.layoutDirection() == Qt.RightToLeft
    else:
        assert min(columns) > width * 0.25


def test_the_register_filtered_by_session_shows_and_exports_its_rows(
    window, ws, stops, qtbot, tmp_path
):
    first, second = stops["sessions"]
    register = window.register
    window.show_page("register")
    combo = register.session_filter
    assert combo.isEnabled()
    assert [combo.itemText(i) for i in range(combo.count())][1:] == [
        s.name for s in (second, first)
    ]  # newest first
    assert register.model.rowCount() == 8
    combo.set_code(first.uid)
    assert {register.model.uid_at(r) for r in range(register.model.rowCount())} == set(
        stops[first.uid]
    )
    assert register.count.text() == "4 artisan(s)"
    register.search.setText("youssef")  # a search inside the session's rows
    register.refresh()
    in_view = {register.model.uid_at(r) for r in range(register.model.rowCount())}
    assert in_view and in_view <= set(stops[first.uid])
    register.search.clear()
    register.refresh()
    dialog = window.export()
    assert "Caravane Chichaoua" in dialog.view.text()
    dialog.xlsx.setChecked(True)
    dialog.path.setText(str(tmp_path / "session.xlsx"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.result.rows == 4
    sheet = openpyxl.load_workbook(tmp_path / "session.xlsx").active
    rows = list(sheet.iter_rows(values_only=True))
    cins = {ws.store.read().execute("SELECT cin FROM artisan WHERE uid = ?", (u,)).fetchone()[0]
            for u in stops[first.uid]}  # fmt: skip
    assert len(rows) == 5 and {c for row in rows[1:] for c in row} >= cins
    assert not {c for row in rows[1:] for c in row} & {f"EE{880000 + i}" for i in (0, 1, 20, 21)}


def test_a_long_label_wraps_when_its_row_has_room_else_shows_whole_when_hovered(qtbot):
    long = "Habillement traditionnel, broderie et passementerie"
    chart = BarChart()
    qtbot.addWidget(chart)
    chart.resize(460, 130)
    chart.set_data("Filières", [(long, 3), ("Bois", 1)], True, "")
    chart.show()
    chart.grab()
    assert chart.shown_labels == [long, "Bois"]  # on two lines, whole
    others = [(f"Filière {i}", 1) for i in range(7)]
    chart.set_data("Filières", [(long, 3), *others], True, "")
    chart.grab()
    assert chart.shown_labels[1:] == [label for label, _ in others]
    assert chart.shown_labels[0] != long  # no room for a second line: elided…
    at = chart.rows[0][0].center().toPoint()
    QApplication.sendEvent(chart, QHelpEvent(QEvent.Type.ToolTip, at, chart.mapToGlobal(at)))
    assert QToolTip.text() == f"{long}: 3"  # …and whole under the pointer
