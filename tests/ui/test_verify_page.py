"""The Verify page: a scanner types a code and Enter; the verdict fills a green, amber or
red panel with the holder's names; images and PDFs list every code they hold."""

from __future__ import annotations

import datetime as dt

import pytest
from ui_print_helpers import badge_text, demo_artisans, forged

from app.credentials import qr_png
from printing.jobs import make_pdf
from ui import operations


@pytest.fixture
def artisans(ws):
    return demo_artisans(ws, 3)


@pytest.fixture
def page(window):
    window.show_page("verify")
    return window.verify


def scan(keys, text: str) -> None:
    keys.type(text)  # a USB scanner types like a keyboard…
    keys.press()  # …and ends with Enter


def test_a_scanned_badge_turns_green_with_the_holders_names(keys, page, ws, artisans):
    rec = artisans[0]
    assert keys.focused() is page.scan
    scan(keys, badge_text(ws, rec))
    panel = page.panel
    assert panel.severity == "ok"
    assert panel.property("severity") == "ok"
    assert panel.title.text() == "Badge provisoire valide"
    assert panel.name_latin.text() == f"{rec['first_name_lat']} {rec['last_name_lat']}"
    assert panel.name_arabic.text() == f"{rec['first_name_ar']} {rec['last_name_ar']}"
    assert rec["nia"] in panel.values["nia"].text()
    assert panel.values["activity"].text() == ws.nomenclature.label(rec["activity_code"], "fr")
    assert panel.values["commune"].text() == ws.geo.label(rec["commune_code"], "fr")
    birth = dt.date.fromisoformat(rec["birth_date"])
    assert f"{birth:%d/%m/%Y}" in panel.values["birth"].text()
    assert "liste de confiance" in panel.lists.text().lower()
    assert not panel.unvouched.isVisibleTo(panel)
    # ready for the next scan: the field is empty and has the keyboard
    assert page.scan.text() == "" and keys.focused() is page.scan
    assert page.results.count() == 1
    # the next scan of another badge replaces the panel and joins the list
    scan(keys, badge_text(ws, artisans[1]))
    assert page.results.count() == 2
    assert panel.name_latin.text().startswith(artisans[1]["first_name_lat"])
    page.results.setCurrentRow(1)
    assert panel.name_latin.text().startswith(rec["first_name_lat"])


def test_an_altered_code_turns_red(keys, page, ws, artisans):
    text = badge_text(ws, artisans[0])
    i = len(text) // 2
    altered = text[:i] + ("A" if text[i] != "A" else "B") + text[i + 1 :]
    scan(keys, altered)
    panel = page.panel
    assert panel.severity == "error" and panel.property("severity") == "error"
    assert panel.title.text() != "Badge provisoire valide"
    assert panel.reason.text()
    scan(keys, "HELLO WORLD")
    assert panel.severity == "error"
    assert page.results.count() == 2


def test_a_forged_name_turns_red_and_is_marked_not_vouched_for(keys, page, ws, artisans):
    rec = artisans[0]
    last = rec["last_name_lat"]
    other = ("X" if last[0] != "X" else "Y") + last[1:]
    scan(keys, forged(badge_text(ws, rec), last, other))
    panel = page.panel
    assert panel.severity == "error"
    assert panel.title.text() == "Signature invalide"
    assert panel.name_latin.text().endswith(other)  # shown, but…
    assert panel.unvouched.isVisibleTo(panel)  # …marked as not vouched for


def test_the_verdict_follows_the_language(keys, window, page, ws, artisans):
    rec = artisans[0]
    scan(keys, badge_text(ws, rec))
    window.set_language("ar")
    panel = page.panel
    assert panel.title.text() == "شارة مؤقتة صالحة"
    assert panel.values["activity"].text() == ws.nomenclature.label(rec["activity_code"], "ar")
    assert panel.captions["birth"].text() == "تاريخ الازدياد"
    assert "شارة مؤقتة صالحة" in page.results.item(0).text()


def test_an_expired_badge_turns_amber(keys, page, ws, artisans):
    past = dt.datetime.now(dt.UTC) - dt.timedelta(days=60)
    scan(keys, badge_text(ws, artisans[0], past))
    panel = page.panel
    assert panel.severity == "warning"
    assert "xpir" in panel.title.text()
    assert panel.name_latin.text().startswith(artisans[0]["first_name_lat"])


def test_a_laptop_without_trust_says_so(keys, page):
    scan(keys, "NCFOXN%TS3DH0")
    assert page.panel.severity == "error"
    assert page.panel.title.text() == "Vérification impossible"
    assert "imprimez d'abord" in page.panel.reason.text()


def test_every_code_of_a_pdf_and_of_an_image_is_listed(page, ws, artisans, tmp_path):
    path = tmp_path / "badges.pdf"
    path.write_bytes(make_pdf(ws, "badge", [r["uid"] for r in artisans]))
    page.verify_pdf(path)
    assert page.results.count() == 3
    assert all(v.valid for v in page.verdicts())
    names = {v.claims.name_latin for v in page.verdicts()}
    assert names == {f"{r['first_name_lat']} {r['last_name_lat']}" for r in artisans}
    assert all("badges.pdf p." in page.results.item(i).text() for i in range(3))
    image = tmp_path / "code.png"
    qr_png(badge_text(ws, artisans[2]), image)
    page.verify_image(image)
    assert page.results.count() == 4 and page.panel.severity == "ok"
    assert page.results.item(0).text().strip("\u2066\u2069").startswith("code.png")
    blank = tmp_path / "blank.pdf"
    blank.write_bytes(make_pdf(ws, "receipt", [artisans[0]["uid"]])[:200])  # cut: unreadable
    page.verify_pdf(blank)
    assert page.panel.severity == "error" and "blank.pdf" in page.panel.reason.text()


def test_a_scan_verified_on_a_worker_thread(qtbot, keys, page, ws, artisans):
    text = badge_text(ws, artisans[0])
    operations.set_synchronous(False)
    scan(keys, text)
    qtbot.waitUntil(lambda: page.panel.severity == "ok", timeout=10_000)
    assert page.scan.text() == ""
