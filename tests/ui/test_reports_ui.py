"""The Reports page (figures and charts of a day, a caravan session opened from the UI and
shown in the status bar, the PDF written through the save dialog) and the record's card:
its steps from request to handover, and a refused step's message."""

from __future__ import annotations

from app import caravan
from ui.pages.reports.data import dashboard

NAMES = [("Youssef", "يوسف"), ("Hassan", "حسن"), ("Said", "سعيد"), ("Rachid", "رشيد"),
         ("Omar", "عمر"), ("Karim", "كريم")]  # fmt: skip


def enrol(ws, valid, n: int, start: int = 0) -> list:
    communes = ws.geo.communes_in_region("07")
    done = []
    for i in range(start, start + n):
        lat, ar = NAMES[i % len(NAMES)]
        rec = {
            **valid,
            "cin": f"EE{700000 + i}",
            "first_name_lat": lat, "first_name_ar": ar,
            "birth_date": f"19{60 + i}-0{1 + i % 9}-1{i % 9}",
            "commune_code": communes[i % 2].code,
        }  # fmt: skip
        done.append(ws.registry.enrol(rec, "agent1"))
    return done


def test_the_dashboard_shows_the_day_s_totals(window, ws, valid):
    enrol(ws, valid, 5)
    window.show_page("reports")
    page = window.reports
    page.refresh()
    figures = {k: label.text() for k, label in page.figures.items()}
    assert figures == {
        "artisans": "5",
        "enrolled": "5",
        "badges_printed": "0",
        "cards_handed_over": "0",
    }
    assert page.charts["commune"].items and sum(n for _, n in page.charts["commune"].items) == 5
    assert sum(n for _, n in page.charts["days"].items) == 5
    assert sum(n for _, n in page.charts["category"].items) == 5
    assert page.charts["pipeline"].items  # every state, zero included
    data = dashboard(ws, "day", "2000-01-01", "fr")
    assert data.figures["enrolled"] == 0 and data.figures["artisans"] == 5


def test_a_session_opened_in_the_ui_is_in_the_status_bar_and_tags_enrolments(
    window, ws, valid, qtbot, tmp_path, monkeypatch
):
    page = window.reports
    window.show_page("reports")
    assert window.status.caravan.isHidden()
    dialog = page.ask_open()
    dialog.submit()  # no name: the core's refusal is shown in the dialog
    assert dialog.error.text() and dialog.isVisible()
    dialog.name.setText("Caravane Tahannaout")
    dialog.commune.setCurrentIndex(1)
    dialog.submit()
    assert not dialog.isVisible()
    assert window.status.caravan.isVisible()
    assert "Caravane Tahannaout" in window.status.caravan.text()
    assert not page.open_button.isEnabled() and page.close_button.isEnabled()
    enrol(ws, valid, 3)
    s = caravan.current(ws.store.read())
    page.period.setCurrentIndex(2)  # the open session
    assert page.figures["enrolled"].text() == "3"
    assert caravan.current(ws.store.read()).uid == s.uid
    target = tmp_path / "session.pdf"
    monkeypatch.setattr(page, "ask_path", lambda _name: str(target))
    page.save_pdf("session")
    assert target.read_bytes().startswith(b"%PDF")
    page.close_session()
    assert window.status.caravan.isHidden()
    assert page.open_button.isEnabled()


def test_the_record_moves_a_card_from_request_to_handover(window, ws, valid, qtbot):
    uid = enrol(ws, valid, 1)[0].uid
    dialog = window.open_record(uid)
    box = dialog.card_box
    box.act("request")  # not validated yet: refused, and said so
    assert box.message.text() and box.card is None
    ws.registry.set_status(uid, "validated", "agent1")
    dialog.reload()
    steps = ("request", "produce", "printed", "receive")
    states = ("requested", "in_production", "printed", "received")
    for step, state in zip(steps, states, strict=True):
        assert box.buttons[step].isVisibleTo(box)
        box.act(step)
        assert box.card["state"] == state, box.message.text()
    box.act("handover")  # nobody named: refused
    assert box.message.text() and box.card["state"] == "received"
    box.handed_to.setText("Fatima")
    box.ack.setText("signature 12")
    box.act("handover")
    assert box.card["state"] == "handed_over"
    assert box.benefit_data["open"] and box.benefits.count() > 0
    assert box.buttons["revoke"].isVisibleTo(box)
    assert not box.buttons["handover"].isVisibleTo(box)


def test_the_arabic_dashboard_mirrors_its_charts(window, ws, valid):
    enrol(ws, valid, 2)
    window.set_language("ar")
    window.show_page("reports")
    chart = window.reports.charts["commune"]
    assert chart.title and chart.items
    chart.repaint()  # paints without error, bars from the right
